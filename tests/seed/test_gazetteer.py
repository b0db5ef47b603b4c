"""The gazetteer under seed/ covers the whole country in Dutch names, and its script is exact."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

from register.geo import PROVINCES

SEED = Path(__file__).resolve().parents[2] / "seed"


def _rows() -> list[dict[str, str]]:
    with (SEED / "gazetteer.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _script():
    spec = importlib.util.spec_from_file_location(
        "make_gazetteer", SEED / "scripts" / "make_gazetteer.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gazetteer_has_the_agreed_columns_and_every_province():
    rows = _rows()
    assert list(rows[0]) == ["name", "municipality", "province", "latitude", "longitude"]
    assert {row["province"] for row in rows} == set(PROVINCES)
    assert len(rows) > 600


def test_well_known_places_are_found_by_their_dutch_name():
    places = {row["name"]: row for row in _rows()}
    for name in [
        "Deventer",
        "Zwolle",
        "Apeldoorn",
        "Amsterdam",
        "'s-Hertogenbosch",
        "Den Bosch",
        "Den Haag",
        "Utrecht",
        "Groningen",
        "Maastricht",
        "Leeuwarden",
        "Almere",
    ]:
        assert name in places, name
    assert places["Den Haag"]["province"] == "Zuid-Holland"
    assert places["Leeuwarden"]["province"] == "Fryslân"
    assert places["Apeldoorn"]["municipality"] == "Apeldoorn"


def test_every_place_lies_in_the_netherlands_and_has_a_municipality():
    for row in _rows():
        assert 50.7 < float(row["latitude"]) < 53.6, row
        assert 3.3 < float(row["longitude"]) < 7.3, row
        assert row["municipality"] and not row["municipality"].startswith("Gemeente"), row


def test_places_are_sorted_and_unique_per_municipality():
    rows = _rows()
    keys = [(row["name"].casefold(), row["municipality"]) for row in rows]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_script_keeps_dutch_rows_translates_provinces_and_adds_dutch_names(tmp_path):
    script = _script()
    source = (
        b"lat,lon,name,admin1,admin2,cc\r\n"
        b"52.07667,4.29861,The Hague,South Holland,Gemeente Den Haag,NL\r\n"
        b"53.0,5.6,Sneek,Friesland,Sudwest Fryslan,NL\r\n"
        b'51.47,5.55278,Nuenen,North Brabant,"Gemeente Nuenen, Gerwen en Nederwetten",NL\r\n'
        b"50.85,4.35,Brussels,Brussels Capital,,BE\r\n"
    )
    output = tmp_path / "gazetteer.csv"
    script.write_gazetteer(script.dutch_places(source), output)
    assert output.read_text(encoding="utf-8").splitlines() == [
        "name,municipality,province,latitude,longitude",
        "Den Haag,Den Haag,Zuid-Holland,52.07667,4.29861",
        'Nuenen,"Nuenen, Gerwen en Nederwetten",Noord-Brabant,51.47,5.55278',
        "Sneek,Súdwest-Fryslân,Fryslân,53.0,5.6",
        "The Hague,Den Haag,Zuid-Holland,52.07667,4.29861",
    ]
