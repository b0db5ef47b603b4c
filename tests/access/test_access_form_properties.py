"""Properties of the access request's validators (postcode, KvK number): generated valid
input passes and is normalised idempotently; any text passes or gets a message, never an
exception."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from register.access.forms import ExistingEntryForm, NewInitiativeForm

HOSTILE = st.text() | st.text(min_size=1000, max_size=6000)


def field_after_validation(form_class, name: str, value: str):
    form = form_class(formdata=MultiDict({name: value}), meta={"csrf": False})
    form.validate()
    return form[name]


@given(st.from_regex(r"[1-9][0-9]{3} ?[A-Za-z]{2}", fullmatch=True))
def test_a_postcode_passes_and_is_written_the_one_way(app, typed):
    with app.test_request_context():
        field = field_after_validation(NewInitiativeForm, "postcode", typed)
        assert not field.errors
        assert re.fullmatch(r"[1-9][0-9]{3} [A-Z]{2}", field.data)
        again = field_after_validation(NewInitiativeForm, "postcode", field.data)
        assert again.data == field.data and not again.errors


@given(st.from_regex(r"[0-9]{8}", fullmatch=True), st.sampled_from(["", " ", "."]))
def test_a_kvk_number_typed_with_a_space_or_dot_passes_as_its_digits(app, number, separator):
    with app.test_request_context():
        field = field_after_validation(
            ExistingEntryForm, "kvk_number", f" {number[:4]}{separator}{number[4:]} "
        )
        assert not field.errors
        assert field.data == number


@given(HOSTILE, HOSTILE)
def test_any_text_as_postcode_or_kvk_number_passes_or_gets_a_message(app, postcode, kvk):
    with app.test_request_context():
        form = NewInitiativeForm(
            formdata=MultiDict({"postcode": postcode, "kvk_number": kvk}), meta={"csrf": False}
        )
        form.validate()
        assert form.postcode.errors or re.fullmatch(r"[1-9][0-9]{3} [A-Z]{2}", form.postcode.data)
        assert form.kvk_number.errors or re.fullmatch(r"[0-9]{8}", form.kvk_number.data)
