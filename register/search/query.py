"""Full-text search: user text in, the matching initiative ids out, ranked on demand.

The text is never handed to a query parser. It is cleaned (control characters out, length
capped) and split into words by the same analyzer the index uses, and the query is built
from those words. Search syntax such as ``AND OR (``, ``*`` or quotes is therefore just
text: nothing a person types can make the query fail.

Every word must match (AND): its Dutch stem in any searchable field (weighted per field), or
a word within a small edit distance in the unstemmed vocabulary (typo tolerance). When
nothing matches at all, that vocabulary offers a "did you mean" suggestion, if the suggestion
finds something.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass

from flask_babel import gettext as _
from werkzeug.exceptions import ServiceUnavailable
from whoosh.query import And, FuzzyTerm, Or, Query, Term

from register.search.schema import FIELD_BOOSTS, WORDS_FIELD, folding_analyzer, stem_dutch
from register.search.searchers import IndexView, index_view
from register.search.sync import recreate

log = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
# Longer words only match exactly: fuzzy matching builds an automaton per word.
MAX_FUZZY_WORD = 24
FUZZY_BOOST = 0.3

_folding = folding_analyzer()


@dataclass(frozen=True)
class TextMatches:
    ids: list[int]
    suggestion: str | None = None


@dataclass(frozen=True)
class Matches:
    """The initiatives whose text matches, unranked: enough for counts and filters.

    Scoring is what costs (a common word matches most of the register), so it is left to
    ``ranked``, which only a search in relevance order needs.
    """

    words: tuple[str, ...]
    ids: frozenset[int]
    suggestion: str | None = None

    def ranked(self, among: Collection[int] | None = None, limit: int | None = None) -> list[int]:
        """Ids of the matches in ``among`` (default: all), best first, at most ``limit``.

        The same scores and order as when every match is ranked (equal scores in index
        order); the searcher keeps the ranking for the next page or filter (``searchers``).
        Reads the index as it is now: a match that a change took away meanwhile is left out.
        """
        if not self.ids or limit == 0:
            return []
        wanted = None if among is None or len(among) >= len(self.ids) else among
        if wanted is not None and not wanted:
            return []
        return _guarded(self.words, lambda view: view.ranked(_query(self.words), wanted, limit))


def clean_query(text: str) -> str:
    """Control and format characters become spaces; the result is at most 200 characters."""
    cleaned = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH].rstrip()  # no space left at the cut


def search_words(text: str) -> list[str]:
    """The words of ``text`` the search uses: folded, without stop words, at most eight."""
    return [token.text for token in _folding(clean_query(text))][:MAX_WORDS]


def text_search(q: str) -> TextMatches:
    """Ids of initiatives matching ``q``, best first, and a suggestion when none match."""
    matches = match_text(q)
    return TextMatches(matches.ranked(), matches.suggestion)


def match_text(q: str) -> Matches:
    """The initiatives matching ``q`` (unranked), and a suggestion when none match."""
    words = tuple(search_words(q))
    if not words:
        return Matches(words, frozenset())
    return _guarded(words, lambda view: _match(view, words))


def _guarded[T](words: tuple[str, ...], read: Callable[[IndexView], T]) -> T:
    """``read`` on this server's index; a damaged one is rebuilt and read again."""
    try:
        with index_view() as view:
            return read(view)
    except Exception:
        # A damaged segment can surface only when searched; the index is a cache.
        log.warning("Search failed on the index; rebuilding it", exc_info=True)
    try:
        recreate()
        with index_view() as view:
            return read(view)
    except Exception as error:
        # An index folder that cannot be written or read at all: say so, not a 500.
        log.exception("Search index unusable, even after a rebuild")
        unavailable = ServiceUnavailable()
        unavailable.user_message = _(
            "Zoeken op woorden werkt op dit moment niet. Probeer het later opnieuw, "
            "of zoek zonder zoekwoord met de filters."
        )
        raise unavailable from error


def _match(view: IndexView, words: tuple[str, ...]) -> Matches:
    ids = view.matching(_query(words))
    suggestion = None if ids else _suggestion(view, list(words))
    return Matches(words, ids, suggestion)


def _max_distance(word: str) -> int:
    """Edits allowed for a typo: none in short words (too many look-alikes), one or two."""
    if len(word) < 4 or len(word) > MAX_FUZZY_WORD:
        return 0
    return 1 if len(word) < 7 else 2


def _word_query(word: str) -> Query:
    """The stem in any field (weighted per field), or a near spelling of the word itself."""
    stem = stem_dutch(word)
    alternatives: list[Query] = [
        Term(field, stem, boost=boost) for field, boost in FIELD_BOOSTS.items()
    ]
    distance = _max_distance(word)
    if distance:
        alternatives.append(
            FuzzyTerm(WORDS_FIELD, word, boost=FUZZY_BOOST, maxdist=distance, prefixlength=1)
        )
    return Or(alternatives)


def _query(words: list[str]) -> Query:
    return And([_word_query(word) for word in words])


def _suggestion(view: IndexView, words: list[str]) -> str | None:
    """Each unknown word replaced by the closest known one, if that finds anything."""
    reader = view.searcher.reader()
    corrector = view.searcher.corrector(WORDS_FIELD)
    corrected = []
    for word in words:
        if reader.frequency(WORDS_FIELD, word) or len(word) > MAX_FUZZY_WORD:
            corrected.append(word)
            continue
        found = corrector.suggest(word, limit=1, maxdist=2 if len(word) < 8 else 3)
        corrected.append(found[0] if found else word)
    if corrected == words or not view.matching(_query(corrected)):
        return None
    return " ".join(corrected)
