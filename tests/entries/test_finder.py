"""The finder behind /initiatieven and the API: parameters, facets, place, sorting, pages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from werkzeug.datastructures import MultiDict

from register.entries.facets import FACET_KEYS
from register.entries.finder import find
from register.entries.models import ClaimStatus, VacancyStatus
from register.entries.search_params import parse_search_params
from register.extensions import db
from tests.factories import add_certification, add_membership, make_initiative

DEVENTER = {
    "place": "Deventer",
    "municipality": "Deventer",
    "province": "Overijssel",
    "latitude": 52.255,
    "longitude": 6.16389,
}
ZWOLLE = {
    "place": "Zwolle",
    "municipality": "Zwolle",
    "province": "Overijssel",
    "latitude": 52.5125,
    "longitude": 6.09444,
}
APELDOORN = {
    "place": "Apeldoorn",
    "municipality": "Apeldoorn",
    "province": "Gelderland",
    "latitude": 52.21,
    "longitude": 5.96944,
}
GRONINGEN = {
    "place": "Groningen",
    "municipality": "Groningen",
    "province": "Groningen",
    "latitude": 53.21917,
    "longitude": 6.56667,
}


@pytest.fixture
def register(request_context):
    anker = make_initiative(
        name="Het Anker",
        kind="relatives_residents",
        target_groups=("autism",),
        funding_routes=("pgb_wlz",),
        vacancy=VacancyStatus.PLACES_FREE,
        **DEVENTER,
    )
    add_membership(anker, "bvkz")
    boei = make_initiative(
        name="De Boei",
        kind="care_entrepreneur",
        target_groups=("autism", "mental_health"),
        funding_routes=("pgb_wmo",),
        vacancy=VacancyStatus.WAITING_LIST,
        **ZWOLLE,
    )
    add_membership(boei, "bvkz", status=ClaimStatus.SELF_DECLARED)
    add_certification(boei, "prezo", valid_until=date(2099, 1, 1))
    eik = make_initiative(
        name="Eikenhof",
        kind="care_institution",
        target_groups=("dementia_elderly",),
        funding_routes=("zorg_in_natura",),
        vacancy=VacancyStatus.FULL,
        **APELDOORN,
    )
    add_certification(eik, "prezo", valid_until=date(2020, 1, 1))
    duin = make_initiative(
        name="Duinroos",
        kind="relatives_residents",
        target_groups=("intellectual_disability",),
        funding_routes=("pgb_wlz",),
        vacancy=VacancyStatus.PLACES_FREE,
        **GRONINGEN,
    )
    db.session.commit()
    return {"anker": anker, "boei": boei, "eik": eik, "duin": duin}


def search(*pairs, page_size=None, **single):
    args = MultiDict([*pairs, *single.items()])
    params, errors = parse_search_params(args)
    return find(params, page_size=page_size), errors


def names(result):
    return [item.name for item in result.items]


def counts(result, facet):
    return {option.key: option.count for option in result.facets[facet] if option.count}


def test_without_parameters_everything_sorted_by_name(register):
    result, errors = search()
    assert errors == []
    assert names(result) == ["De Boei", "Duinroos", "Eikenhof", "Het Anker"]
    assert result.total == 4
    assert set(result.facets) == set(FACET_KEYS)


def test_options_within_a_facet_combine_with_or(register):
    result, _ = search(("kind", "relatives_residents"), ("kind", "care_entrepreneur"))
    assert names(result) == ["De Boei", "Duinroos", "Het Anker"]


def test_facet_counts_are_disjunctive(register):
    result, _ = search(("kind", "relatives_residents"), ("province", "Overijssel"))
    assert names(result) == ["Het Anker"]
    # Kind counts ignore the kind filter but respect the province filter, and vice versa.
    assert counts(result, "kind") == {"relatives_residents": 1, "care_entrepreneur": 1}
    assert counts(result, "province") == {"Overijssel": 1, "Groningen": 1}
    assert counts(result, "target_group") == {"autism": 1}
    kind = {option.key: option for option in result.facets["kind"]}
    assert kind["relatives_residents"].selected
    assert not kind["care_entrepreneur"].selected
    assert kind["care_institution"].count == 0


def test_facet_options_carry_labels_in_the_current_language(register):
    result, _ = search()
    vacancy = {option.key: option.label for option in result.facets["vacancy"]}
    assert vacancy["places_free"] == "Plaatsen vrij"
    assert [option.key for option in result.facets["province"]][:3] == [
        "Groningen",
        "Fryslân",
        "Drenthe",
    ]


def test_association_facet_counts_verified_memberships_only(register):
    result, _ = search(association="bvkz")
    assert names(result) == ["Het Anker"]


def test_quality_mark_facet_counts_valid_verified_marks_only(register):
    result, _ = search(quality_mark="prezo")
    assert names(result) == ["De Boei"]


def test_text_search_combines_with_facets_in_rank_order(register):
    result, _ = search(q="autisme")
    assert sorted(names(result)) == ["De Boei", "Het Anker"]
    result, _ = search(q="autisme", vacancy="waiting_list")
    assert names(result) == ["De Boei"]
    assert counts(result, "vacancy") == {"waiting_list": 1, "places_free": 1}


def test_suggestion_when_the_text_finds_nothing(register):
    result, _ = search(q="Xwolle")
    assert result.total == 0
    assert result.suggestion == "zwolle"


def test_near_a_place_within_the_radius_sorted_by_distance(register):
    result, errors = search(near="Deventer", radius="30", sort="distance")
    assert errors == []
    assert names(result) == ["Het Anker", "Eikenhof", "De Boei"]
    assert result.origin.name == "Deventer"
    distances = [result.distances_km[item.id] for item in result.items]
    assert distances == sorted(distances)
    assert distances[0] == 0
    assert 13 < distances[1] < 16


def test_near_uses_25_km_by_default(register):
    result, _ = search(near="deventer")
    assert sorted(names(result)) == ["Eikenhof", "Het Anker"]


def test_unknown_place_gives_a_message_with_suggestions_and_no_distance_filter(register):
    result, errors = search(near="Deveter")
    assert errors[0][0] == "near"
    assert errors[0][1].startswith("Plaats Deveter niet gevonden. Bedoel je: ")
    assert "Deventer (Overijssel)" in errors[0][1]
    assert result.origin is None
    assert result.total == 4


def test_unknown_place_without_look_alikes(register):
    _result, errors = search(near="Qqqqqqqqqq")
    assert errors == [
        (
            "near",
            "Plaats Qqqqqqqqqq niet gevonden. Controleer de spelling of kies een plaats in "
            "de buurt.",
        )
    ]


@pytest.mark.parametrize("radius", ["abc", "0", "301", "-5", "nan", "inf", "1e400", "9" * 50])
def test_bad_radius_gives_a_message_and_the_default(register, radius):
    result, errors = search(near="Deventer", radius=radius)
    assert errors == [("radius", "Kies een afstand van 1 tot en met 300 km.")]
    assert sorted(names(result)) == ["Eikenhof", "Het Anker"]


def test_decimal_radius_is_accepted(register):
    params, errors = parse_search_params(MultiDict({"near": "Deventer", "radius": "12,5"}))
    assert errors == []
    assert params.radius == 12.5


def test_sort_by_distance_needs_a_place(register):
    result, errors = search(sort="distance")
    assert errors == [("sort", "Sorteren op afstand kan alleen als je een plaats invult.")]
    assert names(result)[0] == "De Boei"


def test_unknown_sort_falls_back_with_a_message(register):
    result, errors = search(sort="random")
    assert errors[0][0] == "sort"
    assert result.total == 4


def test_sort_by_last_update_newest_first(register):
    register["duin"].updated_at = datetime(2030, 1, 1, tzinfo=UTC)
    db.session.commit()
    result, _ = search(sort="updated")
    assert names(result)[0] == "Duinroos"


def test_unknown_facet_value_is_ignored_with_a_message(register):
    result, errors = search(("province", "Atlantis"), ("province", "Gelderland"))
    assert errors == [
        ("province", "Onbekende keuze bij Provincie: Atlantis. Die is niet gebruikt.")
    ]
    assert names(result) == ["Eikenhof"]


def test_pages(register):
    result, _ = search(page="2", page_size=3)
    assert (result.page, result.page_count, result.total) == (2, 2, 4)
    assert names(result) == ["Het Anker"]


@pytest.mark.parametrize("page", ["99", "9" * 5000])
def test_page_past_the_end_shows_the_last_page(register, page):
    result, errors = search(page=page, page_size=3)
    assert errors == []
    assert (result.page, result.page_clamped) == (2, True)
    assert names(result) == ["Het Anker"]


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "²"])
def test_bad_page_number_gives_a_message_and_the_first_page(register, page):
    result, errors = search(page=page)
    assert errors == [("page", "Het paginanummer moet een heel getal vanaf 1 zijn.")]
    assert result.page == 1


def test_empty_register_has_one_empty_page(request_context):
    result, _ = search(page="3")
    assert (result.items, result.total, result.page, result.page_count) == ([], 0, 1, 1)


@pytest.mark.parametrize(
    "args",
    [
        {"q": "AND OR ("},
        {"q": "*"},
        {"q": "x" * 10_000},
        {"q": "\x00\x1f", "near": "\x00"},
        {"near": "x" * 10_000, "radius": "x" * 10_000},
        {"sort": "\x00", "page": "\x00", "province": "\x00" * 100},
    ],
)
def test_hostile_parameters_never_raise(register, args):
    params, _errors = parse_search_params(MultiDict(args))
    assert find(params).page == 1


def test_overlong_query_is_cut_with_a_message(register):
    params, errors = parse_search_params(MultiDict({"q": "autisme " * 100}))
    assert len(params.q) <= 200
    assert errors[0][0] == "q"


def test_new_initiative_appears_after_commit(register):
    assert search(q="Zeemeeuw")[0].total == 0
    make_initiative(name="De Zeemeeuw", **DEVENTER)
    db.session.commit()
    result, _ = search(q="Zeemeeuw")
    assert names(result) == ["De Zeemeeuw"]
    assert search()[0].total == 5
