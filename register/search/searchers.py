"""Open searchers, reused while the index on disk is unchanged.

Opening a searcher reads the table of contents and opens every segment file, and the map
from Whoosh's document numbers to initiative ids is read from a column: a few milliseconds
that every search paid. The searchers of this process wait in a small pool between
searches; one is taken out for the duration of one read, so no two threads share one.

A searcher in the pool is used only while the index folder looks the same as when it was
opened: the same state file and the same table of contents (a commit by any process or
server writes a new one, a rebuild also a new state file). Otherwise it is closed and a
fresh one opened, so a change is searchable as soon as it is committed, as before.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from whoosh.query import And, MultiTerm, Or, Query, Term
from whoosh.searching import Searcher

from register.search.index import STATE_FILE, index_dir
from register.search.scoring import Scorer, ranking
from register.search.sync import open_or_rebuild

# More idle searchers than threads that search at once would only hold files open.
MAX_IDLE = 8
# Per searcher: the documents of this many (fuzzy) terms, the rankings of this many searches.
MAX_TERMS = 5000
MAX_RANKINGS = 64


class IndexView:
    """One open searcher, the initiative id of each of its documents, and what searches on
    it found so far (the documents of each term, the ranking of recent searches): the index
    it reads cannot change under it."""

    def __init__(self, searcher: Searcher, fingerprint: tuple | None):
        self.searcher = searcher
        self.fingerprint = fingerprint
        reader = searcher.reader()
        self.id_of: dict[int, int] = {}
        if searcher.doc_count():  # an empty index has no columns to read ids from
            column = reader.column_reader("id")
            self.id_of = {docnum: int(column[docnum]) for docnum in reader.all_doc_ids()}
        self.docnum_of = {id_: docnum for docnum, id_ in self.id_of.items()}
        self._found: dict[Query, frozenset[int]] = {}
        self._scorer = Scorer(searcher)
        self._rankings: OrderedDict[Query, list[int]] = OrderedDict()

    def matching(self, query: Query) -> frozenset[int]:
        """Ids of the documents matching ``query``, without scoring any.

        Whoosh's own unscored matching still walks a tree of matchers document by document;
        sets of document numbers per term, combined as the query says, are many times faster
        and find the same documents."""
        if not self.id_of:
            return frozenset()
        id_of = self.id_of
        return frozenset(id_of[d] for d in self._docnums(query) if d in id_of)

    def _docnums(self, query: Query) -> frozenset[int]:
        if isinstance(query, And):
            parts = sorted((self._docnums(part) for part in query.subqueries), key=len)
            return frozenset.intersection(*parts) if parts else frozenset()
        if isinstance(query, Or):
            return frozenset().union(*(self._docnums(part) for part in query.subqueries))
        if isinstance(query, Term | MultiTerm):
            return self._leaf(query)
        return frozenset(self.searcher.docs_for_query(query))

    def _leaf(self, query: Term | MultiTerm) -> frozenset[int]:
        """A term's documents; a fuzzy term's are those of every word within its distance
        (finding those words walks an automaton over the vocabulary: worth keeping)."""
        found = self._found.get(query)
        if found is None:
            reader = self.searcher.reader()
            if isinstance(query, Term):
                terms = [(query.fieldname, query.text)]
            else:
                terms = list(query.expanded_terms(reader))
            found = frozenset().union(
                *(
                    reader.postings(field, text).all_ids()
                    for field, text in terms
                    if (field, text) in reader
                )
            )
            if len(self._found) >= MAX_TERMS:
                self._found.clear()
            self._found[query] = found
        return found

    def ranked(self, query: Query, among: Collection[int] | None, limit: int | None) -> list[int]:
        """Ids of the best ``limit`` matches of ``query`` (only those in ``among``, if given),
        by Whoosh's BM25F scores, equal scores in document order.

        Every match is scored (Whoosh's shortcut for a top N, skipping blocks of documents
        by their best possible score, loses documents with our queries), so the ranking of
        all matches is kept for the next searches with these words: the next page, another
        filter. A narrow ``among`` is scored alone instead. The scores are Whoosh's, worked
        out a posting list at a time (``scoring.Scorer``), many times faster than Whoosh's
        collector going document by document."""
        if not self.id_of:
            return []
        ranking = self._rankings.get(query)
        if ranking is not None:
            self._rankings.move_to_end(query)
        elif among is not None and len(among) * 2 < len(self.id_of):
            allowed = {self.docnum_of[i] for i in among if i in self.docnum_of}
            return self._score(query, allowed)[:limit] if allowed else []
        else:
            ranking = self._rankings[query] = self._score(query, None)
            if len(self._rankings) > MAX_RANKINGS:
                self._rankings.popitem(last=False)
        if among is None:
            return ranking[:limit]
        wanted = among if isinstance(among, set | frozenset) else set(among)
        return list(islice((i for i in ranking if i in wanted), limit))

    def _score(self, query: Query, allowed: set[int] | None) -> list[int]:
        id_of = self.id_of
        return [id_of[d] for d in ranking(self._scorer.scores(query, allowed)) if d in id_of]

    def close(self) -> None:
        self.searcher.close()


def fingerprint(directory: Path) -> tuple | None:
    """What changes whenever the index in ``directory`` does (None: no index to speak of)."""
    try:
        state = (directory / STATE_FILE).stat()
        tocs = sorted(
            (entry.name, entry.inode())
            for entry in os.scandir(directory)
            if entry.name.endswith(".toc")
        )
    except OSError:
        return None
    return (str(directory), state.st_ino, state.st_mtime_ns, state.st_size, tuple(tocs))


def index_version() -> tuple | None:
    """The version of this server's index: a page built from search results depends on it
    as well as on the data (the index follows the database within the sync interval)."""
    return fingerprint(index_dir())


_idle: list[IndexView] = []
_lock = threading.Lock()


@contextmanager
def index_view() -> Iterator[IndexView]:
    """A searcher on this server's current index (rebuilt first if missing or outdated),
    for this thread alone until the block ends. A searcher that failed is not reused."""
    directory = index_dir()
    current = fingerprint(directory)
    view = None
    stale = []
    with _lock:
        while _idle and view is None:
            candidate = _idle.pop()
            if current is not None and candidate.fingerprint == current:
                view = candidate
            else:
                stale.append(candidate)
    for old in stale:
        old.close()
    if view is None:
        index = open_or_rebuild()
        # Read before the searcher opens: a commit in between makes the pool drop it later,
        # never keep an outdated searcher under a current fingerprint.
        view = IndexView(index.searcher(), fingerprint(directory))
    try:
        yield view
    except BaseException:
        view.close()
        raise
    with _lock:
        if len(_idle) < MAX_IDLE:
            _idle.append(view)
            return
    view.close()
