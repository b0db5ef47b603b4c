"""What the search index holds: the schema, the Dutch analyzer and the one document builder.

Only public data goes into the index: the texts come from the search declarations of the
public fields (``register.entries.fields.PUBLIC_FIELDS``); nothing else is ever indexed,
whatever tables are added to the register later.
"""

from __future__ import annotations

from datetime import UTC, datetime

from whoosh.analysis import (
    CharsetFilter,
    Composable,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.analysis.acore import entoken
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

from register.entries import fields
from register.entries.declaration import SearchText
from register.entries.models import Initiative

# Bump when the schema or analyzers change: an index built with another version is rebuilt.
SCHEMA_VERSION = 5

_snowball_nl = stemmer_for_language("nl")

# Snowball's Dutch stemmer leaves the voiced ending of a plural stem ("initiatieven" ->
# "initiatiev", "huizen" -> "huiz") while the singular keeps the voiceless one
# ("initiatief", "huis"). Devoicing the final letter makes both forms meet.
_DEVOICE = {"v": "f", "z": "s"}


def stem_dutch(word: str) -> str:
    """Snowball Dutch stem with the final v/z devoiced, so plural and singular share a stem."""
    stem = _snowball_nl(word)
    if len(stem) > 2 and stem[-1] in _DEVOICE:
        stem = stem[:-1] + _DEVOICE[stem[-1]]
    return stem


def folding_analyzer():
    """Words, lower case, accents folded, Dutch stop words dropped; no stemming."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=stopwords_for_language("nl"), minsize=2)
    )


def dutch_analyzer():
    """The folding analyzer plus Dutch stemming: ``wooninitiatieven`` finds ``wooninitiatief``."""
    return folding_analyzer() | StemFilter(stemfn=stem_dutch, cachesize=50000)


class MemoizedAnalyzer(Composable):
    """``analyzer`` for indexing, with the words of each whitespace-separated chunk of text
    remembered: the register's texts repeat the same words in every document, and
    analysing them again (tokenizer, folding, stop words, Snowball) was half of a rebuild.

    The tokens are the same as ``analyzer`` gives for the whole text: no token spans
    whitespace and every filter in our analyzers looks at one token at a time. Only plain
    indexing (no positions or character offsets, which the schema never stores) is
    memoized; the memory is not pickled into the index's table of contents.
    """

    MAX_CHUNKS = 200_000

    def __init__(self, analyzer):
        self.analyzer = analyzer
        self._memo: dict[str, tuple[str, ...]] = {}

    def __getstate__(self):
        return {"analyzer": self.analyzer}

    def __setstate__(self, state):
        self.__init__(state["analyzer"])

    def __call__(self, value, mode="", positions=False, chars=False, **kwargs):
        if mode != "index" or positions or chars:
            return self.analyzer(value, mode=mode, positions=positions, chars=chars, **kwargs)
        return entoken(self.words(value), **kwargs)

    def words(self, value: str) -> list[str]:
        """The texts of the tokens that indexing ``value`` gives, in order."""
        memo = self._memo
        texts = []
        for chunk in value.split():
            words = memo.get(chunk)
            if words is None:
                if len(memo) >= self.MAX_CHUNKS:
                    memo.clear()
                words = memo[chunk] = tuple(
                    token.text for token in self.analyzer(chunk, mode="index")
                )
            texts.extend(words)
        return texts


def search_texts() -> list[SearchText]:
    """The searchable text fields, as declared with the public fields."""
    return [text for field in fields.PUBLIC_FIELDS for text in field.search]


# Searchable text fields and their weight in the ranking.
FIELD_BOOSTS: dict[str, float] = {text.name: text.boost for text in search_texts()}

# All searchable text again, unstemmed: typo-tolerant matching and "did you mean" suggestions
# work on real words.
WORDS_FIELD = "words"


def build_schema() -> Schema:
    analyzer = MemoizedAnalyzer(dutch_analyzer())
    # No positions (phrase=False): the search never asks for phrases, and indexing is faster.
    texts = {
        text.name: TEXT(analyzer=analyzer, field_boost=text.boost, phrase=False)
        for text in search_texts()
    }
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        # When the indexed initiative was last updated: ``flask search check`` compares it.
        stamp=STORED(),
        **texts,
        **{WORDS_FIELD: TEXT(analyzer=MemoizedAnalyzer(folding_analyzer()), phrase=False)},
    )


def document_for(initiative: Initiative) -> dict[str, str]:
    """What is indexed for one published initiative: the declared search texts of its
    public fields, nothing else (contact details and registration numbers declare none)."""
    texts = {text.name: text.text(initiative) for text in search_texts()}
    return {
        "id": str(initiative.id),
        "stamp": index_stamp(initiative.updated_at),
        **texts,
        WORDS_FIELD: " ".join(texts.values()),
    }


def index_stamp(updated_at: datetime | None) -> str:
    """``updated_at`` as stored in a document: UTC, ISO 8601 (SQLite hands back naive UTC)."""
    if updated_at is None:
        return ""
    if updated_at.tzinfo is None:
        updated_at = updated_at.replace(tzinfo=UTC)
    return updated_at.astimezone(UTC).isoformat()
