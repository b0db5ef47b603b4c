"""Bytes over the wire of the main public pages on demo data: compressed HTML plus the
stylesheets, scripts and images each loads, against the 60 KB budget of issue 10; and the
open-data downloads, compressed against plain.

    .venv/bin/python bench/page_weight.py --count 1200
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from wrk_mix import build_database  # noqa: E402

from tests.httpcache.weight import BUDGET, page_weight  # noqa: E402

PAGES = [
    "/",
    "/initiatieven",
    "/initiatieven?q=wonen+met+zorg",
    "/initiatieven?near=Deventer&radius=25&sort=distance",
    "/over",
    "/over/signalen",
    "/privacy",
    "/toegankelijkheid",
    "/open-data",
    "/vragenlijst/",
]
DOWNLOADS = ["/open-data/initiatieven.csv", "/open-data/initiatieven.json"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1200)
    args = parser.parse_args()

    from register import create_app

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(
            DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3", SEARCH_INDEX_DIR=f"{tmp}/index"
        )
        slugs = build_database(tmp, args.count)
        client = create_app().test_client()
        # The first entries of the demo data, in Dutch and English.
        details = [f"/initiatieven/{slug}" for slug in slugs[:3]]
        details.append(details[0] + "?lang=en")
        print(f"{'page':<55} {'html':>7} {'assets':>7} {'total':>7}  budget {BUDGET}")
        heaviest = 0
        for url in PAGES + details:
            weight = page_weight(client, url)
            heaviest = max(heaviest, weight.total)
            assets = weight.total - weight.html
            print(f"{url:<55} {weight.html:>7} {assets:>7} {weight.total:>7}")
        print(f"heaviest page: {heaviest} bytes ({heaviest / BUDGET:.2f} of the budget)")
        for url in DOWNLOADS:
            plain = len(client.get(url).get_data())
            for encoding in ("br", "gzip"):
                packed = len(client.get(url, headers={"Accept-Encoding": encoding}).get_data())
                ratio = packed / plain
                print(f"{url:<30} {encoding:<5} {packed:>9} of {plain:>9} bytes ({ratio:.2f})")


if __name__ == "__main__":
    main()
