"""What the search index holds: the schema, the Dutch analyzer and the one document builder.

Only public data goes into the index. ``document_for`` is the single allow-list: a field
that is not named there is never indexed, whatever tables are added to the register later.
"""

from __future__ import annotations

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import ID, TEXT, Schema
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

from register.entries.models import Initiative

# Bump when the schema or analyzers change: an index built with another version is rebuilt.
SCHEMA_VERSION = 3

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


# Searchable text fields and their weight in the ranking.
FIELD_BOOSTS: dict[str, float] = {
    "name": 4.0,
    "place": 3.0,
    "municipality": 2.0,
    "province": 1.5,
    "kind": 1.5,
    "target_groups": 2.0,
    "description": 1.0,
    "statements": 0.7,
}

# All searchable text again, unstemmed: typo-tolerant matching and "did you mean" suggestions
# work on real words.
WORDS_FIELD = "words"


def build_schema() -> Schema:
    analyzer = dutch_analyzer()
    # No positions (phrase=False): the search never asks for phrases, and indexing is faster.
    fields = {
        name: TEXT(analyzer=analyzer, field_boost=boost, phrase=False)
        for name, boost in FIELD_BOOSTS.items()
    }
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        **fields,
        **{WORDS_FIELD: TEXT(analyzer=folding_analyzer(), phrase=False)},
    )


def _both_languages(rows) -> str:
    return " ".join(f"{row.name_nl} {row.name_en}" for row in rows)


def document_for(initiative: Initiative) -> dict[str, str]:
    """The allow-list of what is indexed for one published initiative.

    Everything here is public on the detail page already. Do not add contact details,
    registration numbers or anything from non-public tables.
    """
    statements = " ".join(s.text for s in initiative.statements if s.text)
    document = {
        "id": str(initiative.id),
        "name": initiative.name,
        "place": initiative.place,
        "municipality": initiative.municipality,
        "province": initiative.province,
        "kind": _both_languages([initiative.kind]),
        "target_groups": _both_languages(initiative.target_groups),
        "description": initiative.description,
        "statements": statements,
    }
    document[WORDS_FIELD] = " ".join(document[field] for field in FIELD_BOOSTS)
    return document
