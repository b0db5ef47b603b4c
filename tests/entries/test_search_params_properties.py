"""Properties of the search page's parameter parser: it never raises, for any parameters;
a radius within bounds is taken (decimal comma or point) and one outside is a message."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from register.entries.search_params import (
    DEFAULT_RADIUS_KM,
    MAX_RADIUS_KM,
    MIN_RADIUS_KM,
    SORTS,
    parse_search_params,
)
from register.search.query import MAX_QUERY_LENGTH

NAMES = st.sampled_from(["q", "near", "radius", "sort", "page", "kind", "province", "x"])
HOSTILE = st.text() | st.text(min_size=300, max_size=5000)


@given(st.lists(st.tuples(NAMES | st.text(max_size=20), HOSTILE), max_size=12))
def test_any_parameters_give_search_params_and_messages_never_an_error(app, pairs):
    with app.test_request_context():
        params, errors = parse_search_params(MultiDict(pairs))
    assert len(params.q) <= MAX_QUERY_LENGTH
    assert MIN_RADIUS_KM <= params.radius <= MAX_RADIUS_KM
    assert params.sort in SORTS and params.page >= 1
    assert all(isinstance(name, str) and message for name, message in errors)


@given(st.decimals(MIN_RADIUS_KM, MAX_RADIUS_KM, places=1), st.booleans())
def test_a_radius_within_bounds_is_taken(app, radius, comma):
    typed = str(radius).replace(".", "," if comma else ".")
    with app.test_request_context():
        params, errors = parse_search_params(MultiDict({"radius": typed}))
        again, _ = parse_search_params(MultiDict({"radius": str(params.radius)}))
    assert not errors
    assert params.radius == float(radius)
    assert again.radius == params.radius


@given(st.floats(allow_nan=True) | st.integers())
def test_a_radius_out_of_bounds_is_a_message_and_the_default(app, radius):
    if MIN_RADIUS_KM <= radius <= MAX_RADIUS_KM:
        return
    with app.test_request_context():
        params, errors = parse_search_params(MultiDict({"radius": str(radius)}))
    assert params.radius == DEFAULT_RADIUS_KM
    assert [name for name, _message in errors] == ["radius"]
