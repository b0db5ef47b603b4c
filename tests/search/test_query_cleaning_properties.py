"""Properties of the text search's query building: any string is cleaned, split into at most
eight words and built into a query without raising; searching with it never fails."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.query import Query

from register.search.query import (
    MAX_QUERY_LENGTH,
    MAX_WORDS,
    TextMatches,
    _query,
    clean_query,
    search_words,
    text_search,
)

HOSTILE = (
    st.text()
    | st.text(min_size=300, max_size=5000)
    | st.text(st.sampled_from('AND OR NOT ( ) * ? " ~ ^ : [ ] { } \\ / \x00 \u202e'), max_size=60)
)


@given(HOSTILE)
def test_any_text_is_cleaned_to_printable_words_idempotently(text):
    cleaned = clean_query(text)
    assert len(cleaned) <= MAX_QUERY_LENGTH
    assert not any(unicodedata.category(ch)[0] == "C" for ch in cleaned)
    assert clean_query(cleaned) == cleaned


@given(HOSTILE)
def test_any_text_builds_a_query_of_at_most_eight_words(text):
    words = search_words(text)
    assert len(words) <= MAX_WORDS
    if words:
        assert isinstance(_query(words), Query)


@settings(max_examples=30)
@given(HOSTILE)
def test_any_text_searches_without_failing(app, text):
    with app.app_context():
        assert isinstance(text_search(text), TextMatches)
