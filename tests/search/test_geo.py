"""Places from the gazetteer: look-up by name, suggestions, distances."""

from __future__ import annotations

import pytest

from register.geo import distance_km, find_place, suggest_places


@pytest.mark.parametrize("name", ["Deventer", "deventer", "  DEVENTER ", "Devénter"])
def test_find_place_ignores_case_spaces_and_accents(name):
    place = find_place(name)
    assert place is not None
    assert (place.name, place.municipality, place.province) == (
        "Deventer",
        "Deventer",
        "Overijssel",
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Den Bosch", "'s-Hertogenbosch"),
        ("'s-Hertogenbosch", "'s-Hertogenbosch"),
        ("s Hertogenbosch", "'s-Hertogenbosch"),
        ("'s-Gravenhage", "Den Haag"),
        ("Den Haag", "Den Haag"),
    ],
)
def test_find_place_knows_both_names_of_a_city(name, expected):
    assert find_place(name).municipality == expected


def test_shared_name_prefers_the_main_town_and_a_province_chooses():
    assert find_place("Hengelo").province == "Overijssel"
    assert find_place("Hengelo (Gelderland)").municipality == "Bronckhorst"
    assert find_place("Hengelo, Gelderland").municipality == "Bronckhorst"


@pytest.mark.parametrize("name", ["Atlantis", "", "   ", "x" * 5000, "\x00", "(", ","])
def test_unknown_place_is_none(name):
    assert find_place(name) is None


def test_suggestions_for_a_misspelt_place():
    names = [place.name for place in suggest_places("Deveter")]
    assert "Deventer" in names
    assert len(suggest_places("a", limit=5)) == 5
    assert suggest_places("") == []


def test_distance_between_deventer_and_zwolle():
    deventer, zwolle = find_place("Deventer"), find_place("Zwolle")
    km = distance_km(deventer.latitude, deventer.longitude, zwolle.latitude, zwolle.longitude)
    assert 28 < km < 30
    assert distance_km(52.0, 5.0, 52.0, 5.0) == 0
