"""Properties of the import's cell readers (postcode, KvK, AGB, location number, dates,
percentages, capacity): generated valid cells are read, and reading the result again gives
the same value; any text is read or refused with ``Invalid``, never another exception."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from register.importer.columns import (
    Invalid,
    digits,
    read_capacity,
    read_date,
    read_percent,
    read_postcode,
)

HOSTILE = (
    st.text()
    | st.text(min_size=1000, max_size=6000)
    | st.binary().map(lambda raw: raw.decode("latin-1"))
)
READERS = {
    "kvk_number": digits(8),
    "agb_code": digits(8),
    "location_number": digits(12),
    "postcode": read_postcode,
    "started_on": read_date,
    "capacity": read_capacity,
    "collective_share_percent": read_percent,
}
SPACED_DIGITS = {"kvk_number": 8, "agb_code": 8, "location_number": 12}


@given(st.sampled_from(sorted(SPACED_DIGITS)), st.data())
def test_a_number_with_spaces_and_dots_is_read_as_its_digits(name, data):
    count = SPACED_DIGITS[name]
    number = data.draw(st.from_regex(rf"[0-9]{{{count}}}", fullmatch=True))
    typed = "".join(digit + data.draw(st.sampled_from(["", "", " ", "."])) for digit in number)
    read = READERS[name](typed, None)
    assert read == number
    assert READERS[name](read, None) == read


@given(st.from_regex(r"[1-9][0-9]{3} ?[A-Za-z]{2}", fullmatch=True))
def test_a_postcode_is_read_as_four_digits_a_space_and_two_capitals(cell):
    read = read_postcode(cell, None)
    assert re.fullmatch(r"[1-9][0-9]{3} [A-Z]{2}", read)
    assert read_postcode(read, None) == read


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)), st.booleans())
def test_a_date_iso_or_dutch_is_read_as_iso(day, dutch):
    cell = f"{day.day}-{day.month}-{day.year}" if dutch else day.isoformat()
    read = read_date(cell, None)
    assert read == day.isoformat()
    assert read_date(read, None) == read


@given(st.integers(0, 10_000), st.integers(0, 99), st.booleans())
def test_a_percentage_with_a_comma_or_percent_sign_is_read(whole, cents, comma):
    if whole > 100 or (whole == 100 and cents):
        return
    cell = f"{whole}{',' if comma else '.'}{cents:02d}%"
    read = read_percent(cell, None)
    assert read == pytest.approx(whole + cents / 100)
    assert read_percent(str(read), None) == read


@given(st.integers(1, 10_000))
def test_a_capacity_is_read_as_a_whole_number(capacity):
    assert read_capacity(f" {capacity} ", None) == capacity
    assert read_capacity(str(read_capacity(str(capacity), None)), None) == capacity


@pytest.mark.parametrize("name", sorted(READERS))
@given(cell=HOSTILE)
def test_any_cell_is_read_or_refused_with_a_message_code(name, cell):
    try:
        READERS[name](cell, None)
    except Invalid as refused:
        assert refused.code
