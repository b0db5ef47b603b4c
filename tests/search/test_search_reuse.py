"""What makes search fast must not change what it finds: memoized analysis indexes the
same words, ranking a part of the matches keeps their order, and a reused searcher sees
every commit."""

from __future__ import annotations

import pytest

from register.entries.models import ChangeAction
from register.entries.services import record_change
from register.extensions import db
from register.search.query import match_text, text_search
from register.search.schema import MemoizedAnalyzer, dutch_analyzer, folding_analyzer
from tests.factories import make_initiative

TEXTS = [
    "Ons wooninitiatief biedt 24 uur per dag begeleiding; bewoners koken samen.",
    "Zorgboerderij 't Hoekje: één grote tafel, een café-achtige huiskamer (NAH) en e.g. 3.5 km",
    "De   de DE   van\tvan\nwooninitiatieven  huizen huis",
]


@pytest.mark.parametrize("make", [dutch_analyzer, folding_analyzer])
def test_memoized_analysis_gives_the_words_of_the_whole_text(make):
    plain, memoized = make(), MemoizedAnalyzer(make())
    for text in TEXTS * 2:  # the second round comes from the memory
        expected = [token.text for token in plain(text, mode="index")]
        assert [token.text for token in memoized(text, mode="index")] == expected


@pytest.fixture
def houses(app_context):
    made = [
        make_initiative(name=f"Huis {n}", description="wonen " * (1 + n % 4) + "met zorg")
        for n in range(12)
    ]
    db.session.commit()
    return [initiative.id for initiative in made]


def test_ranking_part_of_the_matches_keeps_their_order(houses):
    everything = text_search("wonen zorg").ids
    assert sorted(everything) == sorted(houses)
    matches = match_text("wonen zorg")
    among = set(houses[::3])
    assert matches.ranked(among, 3) == [i for i in everything if i in among][:3]
    assert matches.ranked(None, 5) == everything[:5]


def test_a_commit_is_found_by_the_next_search_on_a_reused_searcher(app_context):
    linde = make_initiative(name="De Linde")
    db.session.commit()
    assert text_search("linde").ids == [linde.id]
    linde.name = "De Kastanje"
    record_change(linde, ChangeAction.UPDATED)
    db.session.commit()
    assert text_search("linde").ids == []
    assert text_search("kastanje").ids == [linde.id]
