"""Properties of the API's parameter parsers (``since``, ``radius``, bounded numbers): a
valid moment is read as that moment in UTC, again and again; any parameters give a query or
``InvalidParameters`` (a 400), never another exception."""

from __future__ import annotations

import contextlib
from datetime import UTC

from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from register.api.params import (
    InvalidParameters,
    parse_changes_args,
    parse_list_args,
    parse_since,
)

NAMES = ("since", "after_id", "limit", "q", "near", "radius", "page", "page_size", "sort", "x")
HOSTILE = (
    st.text()
    | st.text(min_size=100, max_size=3000)
    | st.sampled_from(
        ["1e309", "NaN", "-0", "9" * 40, "2026-02-30T00:00:00Z", "0001-01-01T00:00:00+23:59"]
    )
)


@given(st.datetimes(timezones=st.timezones()))
def test_a_moment_in_iso_8601_is_read_as_that_moment_in_utc(app, moment):
    with app.test_request_context():
        read, errors = parse_since(moment.isoformat())
        if errors:  # only a moment UTC cannot hold (before year 1, after 9999) is refused
            assert moment.utcoffset() and moment.year in (1, 9999)
            return
        again, _ = parse_since(read.isoformat())
    # (compared in UTC: Python calls a repeated hour in another zone unequal, PEP 495)
    assert read == moment.astimezone(UTC) and read.tzinfo == UTC
    assert again == read


@given(st.datetimes())
def test_a_moment_without_an_offset_is_utc(app, moment):
    with app.test_request_context():
        read, errors = parse_since(moment.isoformat())
    assert not errors and read == moment.replace(tzinfo=UTC)


@given(HOSTILE)
def test_any_text_as_since_is_a_moment_or_a_message(app, text):
    with app.test_request_context():
        read, errors = parse_since(text)
    assert (read is None) == bool(errors)


@given(st.lists(st.tuples(st.sampled_from(NAMES) | st.text(max_size=10), HOSTILE), max_size=8))
def test_any_parameters_are_a_query_or_invalid_parameters(app, pairs):
    with app.test_request_context():
        for parse in (parse_changes_args, lambda args: parse_list_args(args, 100)):
            with contextlib.suppress(InvalidParameters):  # a 400 with the messages
                parse(MultiDict(pairs))
