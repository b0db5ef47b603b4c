"""Properties of the editor's form validators: postcode, KvK number, AGB code, location
number, dates and numbers. Generated valid values pass and normalise idempotently; any
text is accepted or refused with a message, never an exception."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from register.portal.forms import EntryForm, normal_postcode

POSTCODES = st.builds(
    lambda digits, space, letters, before, after: f"{before}{digits}{space}{letters}{after}",
    st.from_regex(r"[1-9][0-9]{3}", fullmatch=True),
    st.sampled_from(["", " "]),
    st.from_regex(r"[A-Za-z]{2}", fullmatch=True),
    st.sampled_from(["", " ", "  "]),
    st.sampled_from(["", " ", "\t"]),
)
HOSTILE = (
    st.text()
    | st.text(min_size=1000, max_size=6000)
    | st.binary().map(lambda raw: raw.decode("latin-1"))
)
NUMBER_FIELDS = {"kvk_number": 8, "agb_code": 8, "location_number": 12}


def form_with(app, **fields) -> EntryForm:
    return EntryForm(formdata=MultiDict(fields), meta={"csrf": False})


@given(POSTCODES)
def test_a_dutch_postcode_is_normalised_to_four_digits_a_space_and_two_capitals(text):
    normal = normal_postcode(text)
    assert re.fullmatch(r"[1-9][0-9]{3} [A-Z]{2}", normal)
    assert normal_postcode(normal) == normal


@given(HOSTILE)
def test_any_text_as_postcode_is_kept_as_typed_or_normalised(text):
    normal = normal_postcode(text)
    assert normal == text or re.fullmatch(r"[1-9][0-9]{3} [A-Z]{2}", normal)


@given(st.sampled_from(sorted(NUMBER_FIELDS)), st.data())
def test_a_number_of_the_right_digits_passes_its_field(app, name, data):
    value = data.draw(st.from_regex(rf"[0-9]{{{NUMBER_FIELDS[name]}}}", fullmatch=True))
    with app.test_request_context():
        form = form_with(app, **{name: value})
        assert form[name].validate(form), form[name].errors
        assert form[name].data == value


@given(st.sampled_from(sorted(NUMBER_FIELDS)), HOSTILE)
def test_any_text_in_a_number_field_passes_only_as_exactly_its_digits(app, name, text):
    with app.test_request_context():
        form = form_with(app, **{name: text})
        valid = form[name].validate(form)
    digits = NUMBER_FIELDS[name]
    blank = not text.strip()  # Optional(): nothing given
    assert valid == (blank or bool(re.fullmatch(rf"[0-9]{{{digits}}}", text))), repr(text)


@given(st.dates(min_value=date(1, 1, 1)))
def test_an_iso_date_is_read_as_that_date(app, day):
    with app.test_request_context():
        form = form_with(app, started_on=day.isoformat())
        assert form.started_on.validate(form)
        assert form.started_on.data == day


@given(HOSTILE)
def test_any_text_as_a_date_is_a_date_or_a_message(app, text):
    with app.test_request_context():
        form = form_with(app, started_on=text, capacity=text, collective_share_percent=text)
        for field in (form.started_on, form.capacity, form.collective_share_percent):
            if not field.validate(form):
                assert field.errors and all(isinstance(str(e), str) for e in field.errors)


@given(st.sampled_from(sorted(NUMBER_FIELDS)), st.sampled_from(["\n", " ", "\t"]))
def test_a_number_with_a_space_or_line_break_after_it_is_refused(app, name, end):
    value = "1" * NUMBER_FIELDS[name] + end
    with app.test_request_context():
        form = form_with(app, **{name: value})
        assert not form[name].validate(form)
