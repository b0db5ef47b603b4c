"""Whoosh's BM25F scores for the register's queries, a posting list at a time.

Whoosh scores a query one document at a time through a tree of matchers, several method
calls per document and node: 150 to 470 ms for a word that matches most of the register.
Here the same scores come from whole posting lists combined as dictionaries (document
number -> score), and each term's scores are kept for the searcher's lifetime.

"The same" means bit for bit, so that equal scores stay equal and nearly equal ones keep
their order. Each term's score is the floating-point expression Whoosh evaluates
(``whoosh.scoring.bm25`` with the idf, average length, B and K1 of Whoosh's own scorer for
that term), and a document's term scores are added in the grouping of the matcher tree
Whoosh builds for that query on that segment (``whoosh.query.compound``): a tree of unions
or intersections, lightest first by estimated size, or for an ``Or`` in a small segment an
array summed in query order; a ``FuzzyTerm`` with one word is that word's term unboosted,
with several an ``Or`` whose array, in a small segment, only marks matches. Floating-point
addition is commutative, so only that grouping matters, not the order within a sum.

Only the query types ``register.search.query`` builds are understood: ``And``, ``Or``,
``Term`` and ``FuzzyTerm``. ``tests/search/test_scoring.py`` compares the scores with
Whoosh's own on indexes with awkward cases.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Collection
from operator import itemgetter

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.query import And, FuzzyTerm, Or, Query, Term
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

type Scores = dict[int, float]

# Whoosh's Or sums an array instead of building a tree of unions in a segment of at most
# this many documents, unless it has just two subqueries (``Or._matcher``).
ARRAY_OR_MAX_DOCS = 5000
# Term scores kept per searcher, counted in postings (about 100 bytes each).
MAX_KEPT_POSTINGS = 400_000
# Fuzzy terms whose words are kept per searcher.
MAX_FUZZY_TERMS = 5000


class Scorer:
    """Whoosh's BM25F scores of the documents matching a query, on one open searcher."""

    def __init__(self, searcher: Searcher):
        if type(searcher.weighting) is not BM25F:
            raise ValueError(f"only BM25F is reproduced, not {searcher.weighting!r}")
        self.searcher = searcher
        self._segments = searcher.leaf_searchers()
        self._terms: dict[tuple[int, str, bytes], Scores] = {}
        self._kept = 0
        self._words: dict[tuple[int, FuzzyTerm], list[str]] = {}
        self._lengths: dict[tuple[int, str], bytes] = {}

    def scores(self, query: Query, among: Collection[int] | None = None) -> Scores:
        """Each matching document's score by global document number (only those in
        ``among``, if given), as ``searcher.search(query, limit=None)`` scores them."""
        found: Scores = {}
        for segment in range(len(self._segments)):
            found.update(self._scores(query, segment, among, True))
        return found

    def _scores(
        self, query: Query, segment: int, among: Collection[int] | None, weighted: bool
    ) -> Scores:
        """The scores of Whoosh's matcher for ``query`` on one segment. ``weighted`` is
        False inside a FuzzyTerm's expansion (Whoosh's search context without weighting):
        there an array ``Or`` marks matches with 1 instead of adding scores."""
        kind = type(query)
        if kind is Term:
            return _boosted(self._term(segment, query.fieldname, query.text, among), query.boost)
        if kind is FuzzyTerm:
            words = self._expansion(segment, query)
            if len(words) == 1:  # Whoosh's MultiTerm scores a single word unboosted
                return self._term(segment, query.fieldname, words[0], among)
            expansion = Or([Term(query.fieldname, word) for word in words], boost=query.boost)
            return self._scores(expansion, segment, among, weighted and not query.constantscore)
        if kind is not And and kind is not Or:
            raise TypeError(f"not scored here: {query!r}")
        subqueries = query.subqueries
        if len(subqueries) < 2:  # a compound query of one is that query, boost ignored
            return self._scores(subqueries[0], segment, among, weighted) if subqueries else {}
        if kind is Or and (query.scale or query.matcher_type != Or.AUTO_MATCHER):
            raise TypeError(f"not scored here: {query!r}")
        children = [self._scores(q, segment, among, weighted) for q in subqueries]
        if kind is And:
            sizes = [0 - self._estimate(q, segment) for q in subqueries]
            combined = _weighted_tree(sizes, children, _intersection)
        elif (
            len(subqueries) < Or.TOO_MANY_CLAUSES
            and (len(subqueries) == 2 or self._doc_count_all(segment) > ARRAY_OR_MAX_DOCS)
        ):  # fmt: skip
            sizes = [self._estimate(q, segment) for q in subqueries]
            combined = _weighted_tree(sizes, children, _union)
        else:
            return _array_union(children, query.boost, weighted)
        return _boosted(combined, query.boost)

    def _term(
        self, segment: int, fieldname: str, text: str, among: Collection[int] | None
    ) -> Scores:
        searcher, offset = self._segments[segment]
        reader = searcher.reader()
        if fieldname not in reader.schema:
            return {}
        btext = reader.schema[fieldname].to_bytes(text)
        key = (segment, fieldname, btext)
        found = self._terms.get(key)
        if found is None:
            found = self._read_term(segment, fieldname, btext)
            if self._kept + len(found) > MAX_KEPT_POSTINGS:
                self._terms.clear()
                self._kept = 0
            self._terms[key] = found
            self._kept += len(found)
        if among is None:
            return found
        if len(among) < len(found):
            return {d: found[d] for d in among if d in found}
        return {d: s for d, s in found.items() if d in among}

    def _read_term(self, segment: int, fieldname: str, btext: bytes) -> Scores:
        """``whoosh.scoring.BM25FScorer`` for every posting of the term: the same
        expression, with the part that depends only on the length byte worked out once
        per byte (the same operations, so the same result)."""
        searcher, offset = self._segments[segment]
        reader = searcher.reader()
        if (fieldname, btext) not in reader:
            return {}
        scorer = searcher.weighting.scorer(searcher, fieldname, btext)
        idf, avgfl, B, K1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        k1_plus_1 = K1 + 1
        norms = [K1 * ((1 - B) + B * byte_to_length(byte) / avgfl) for byte in range(256)]
        lengths = self._length_bytes(segment, fieldname)
        found = {}
        postings = reader.postings(fieldname, btext)  # without deleted documents
        while postings.is_active():
            docnum = postings.id()
            tf = postings.weight()
            found[offset + docnum] = idf * ((tf * k1_plus_1) / (tf + norms[lengths[docnum]]))
            postings.next()
        return found

    def _length_bytes(self, segment: int, fieldname: str) -> bytes:
        """Each document's field length as Whoosh stores it, one byte per document, read
        at once: Whoosh's scorer reads them one call at a time (``doc_field_length``).
        Reads Whoosh 2.7's private column reader; the scoring tests notice a change."""
        key = (segment, fieldname)
        lengths = self._lengths.get(key)
        if lengths is None:
            reader = self._segments[segment][0].reader()
            column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            lengths = b""
            if column is not None:
                lengths = column._dbfile.get(column._basepos, column._count)
            lengths = self._lengths[key] = lengths.ljust(reader.doc_count_all(), b"\0")
        return lengths

    def _expansion(self, segment: int, query: FuzzyTerm) -> list[str]:
        """The words a fuzzy term stands for in one segment, in Whoosh's order (finding them
        walks an automaton over the vocabulary: worth keeping)."""
        key = (segment, query)
        words = self._words.get(key)
        if words is None:
            reader = self._segments[segment][0].reader()
            if len(self._words) >= MAX_FUZZY_TERMS:
                self._words.clear()
            words = self._words[key] = [w for _f, w in query.expanded_terms(reader) if w]
        return words

    def _estimate(self, query: Query, segment: int) -> int:
        """``query.estimate_size`` on one segment, with a fuzzy term's words kept."""
        reader = self._segments[segment][0].reader()
        if type(query) is FuzzyTerm:
            words = self._expansion(segment, query)
            return sum(reader.doc_frequency(query.fieldname, word) for word in words)
        if type(query) is And:
            return min(self._estimate(q, segment) for q in query.subqueries)
        if type(query) is Or:
            total = sum(self._estimate(q, segment) for q in query.subqueries)
            return min(total, reader.doc_count())
        return query.estimate_size(reader)

    def _doc_count_all(self, segment: int) -> int:
        return self._segments[segment][0].doc_count_all()


def ranking(scores: Scores) -> list[int]:
    """Document numbers by score, best first; equal scores in document order, as Whoosh's
    collector sorts them."""
    by_number = sorted(scores)
    return sorted(by_number, key=scores.__getitem__, reverse=True)  # stable, also reversed


def _weighted_tree(
    sizes: list[int], children: list[Scores], combine: Callable[[Scores, Scores], Scores]
) -> Scores:
    """``whoosh.util.make_weighted_tree``: the two lightest combined first, the result put
    back after those of equal weight (Whoosh's matchers never compare as smaller)."""
    pending = sorted(zip(sizes, children, strict=True), key=itemgetter(0))
    while len(pending) > 1:
        (size_a, a), (size_b, b) = pending.pop(0), pending.pop(0)
        insort(pending, (size_a + size_b, combine(a, b)), key=itemgetter(0))
    return pending[0][1]


def _union(a: Scores, b: Scores) -> Scores:
    """``UnionMatcher``: a document in both gets the sum (every score is positive, so
    adding it to 0.0 changes nothing)."""
    small, large = (a, b) if len(a) < len(b) else (b, a)
    combined = dict(large)
    for docnum, score in small.items():
        combined[docnum] = combined.get(docnum, 0.0) + score
    return combined


def _intersection(a: Scores, b: Scores) -> Scores:
    small, large = (a, b) if len(a) < len(b) else (b, a)
    return {docnum: score + large[docnum] for docnum, score in small.items() if docnum in large}


def _array_union(children: list[Scores], boost: float, weighted: bool) -> Scores:
    """``ArrayUnionMatcher``: each boosted score added in query order; without weighting
    every match scores 1 (and the boost is not applied)."""
    combined: Scores = {}
    for child in children:
        if weighted:
            for docnum, score in child.items():
                combined[docnum] = combined.get(docnum, 0.0) + score * boost
        else:
            combined.update(dict.fromkeys(child, 1.0))
    return combined


def _boosted(scores: Scores, boost: float) -> Scores:
    """``WrappingMatcher``: each score times the boost."""
    if boost == 1.0:
        return scores
    return {docnum: score * boost for docnum, score in scores.items()}
