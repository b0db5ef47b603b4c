"""Full-text search: Dutch stemming, typo tolerance, suggestions and hostile input."""

from __future__ import annotations

import pytest

from register.extensions import db
from register.search.query import text_search
from tests.factories import make_initiative


@pytest.fixture
def initiatives(app_context):
    made = {
        "zonnebloem": make_initiative(
            name="Zonnebloem",
            description="Ons wooninitiatief biedt een thuis aan jongeren.",
            target_groups=("autism",),
            place="Zwolle",
            municipality="Zwolle",
        ),
        "linde": make_initiative(
            name="De Linde",
            description="Kleinschalig wonen voor ouderen met dementie.",
            target_groups=("dementia_elderly",),
            statements={"say_at_location": "Bewoners beslissen samen over de huiskamer."},
        ),
        "eik": make_initiative(
            name="Huize Eik",
            description="Een boerderij met begeleid wonen.",
            place="Enschede",
            municipality="Enschede",
        ),
    }
    db.session.commit()
    return {key: initiative.id for key, initiative in made.items()}


def test_plural_finds_singular_through_dutch_stemming(initiatives):
    assert text_search("wooninitiatieven").ids == [initiatives["zonnebloem"]]


def test_accents_and_case_do_not_matter(initiatives):
    assert text_search("DEMENTIË").ids == [initiatives["linde"]]


def test_typo_still_finds_the_target_group(initiatives):
    assert text_search("autisme").ids == [initiatives["zonnebloem"]]
    assert text_search("autsime").ids == [initiatives["zonnebloem"]]


def test_published_statements_are_searchable(initiatives):
    assert text_search("huiskamer").ids == [initiatives["linde"]]


def test_every_word_must_match(initiatives):
    assert text_search("dementie Enschede").ids == []
    assert text_search("boerderij Enschede").ids == [initiatives["eik"]]


def test_name_match_ranks_above_description_match(app_context):
    in_description = make_initiative(name="Het Anker", description="Wij liggen bij de Linde.")
    in_name = make_initiative(name="De Linde", description="Kleinschalig wonen.")
    db.session.commit()
    assert text_search("linde").ids == [in_name.id, in_description.id]


def test_suggestion_when_nothing_matches(initiatives):
    result = text_search("Xwolle")
    assert result.ids == []
    assert result.suggestion == "zwolle"


def test_no_suggestion_when_nothing_is_close(initiatives):
    assert text_search("qqqqqqq").suggestion is None


@pytest.mark.parametrize(
    "query",
    [
        "AND OR (",
        "*",
        "?",
        '"linde',
        "name:linde^3 OR",
        "x" * 10_000,
        "linde " * 2_000,
        "\x00\x1f",
        "lin\x00de",
        "\u202e\ufeffzwolle",
        "",
        "   ",
    ],
)
def test_hostile_queries_return_without_error(initiatives, query):
    result = text_search(query)
    assert isinstance(result.ids, list)


def test_control_characters_separate_words(initiatives):
    assert text_search("De\x00Linde").ids == [initiatives["linde"]]


def test_a_word_search_in_an_empty_register_finds_nothing_without_an_error(client):
    response = client.get("/initiatieven?q=autisme")

    assert response.status_code == 200
    assert client.get("/api/v1/initiatives?q=autisme").json["data"] == []
