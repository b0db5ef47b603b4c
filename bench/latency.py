"""Search and detail-page latency for N synthetic initiatives.

Builds a fresh database (SQLite in a temporary folder, or DATABASE_URL) with the demo
generator, builds the search index, then requests pages in-process through Flask's test
client and prints latency percentiles in milliseconds. Not a test: figures, not verdicts.

    .venv/bin/python bench/latency.py --count 1200
    .venv/bin/python bench/latency.py --count 10000 --requests 300
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEARCHES = [
    "/initiatieven",
    "/initiatieven?q=autisme",
    "/initiatieven?q=wooninitiatieven",
    "/initiatieven?q=zorgboerderij&sort=name",
    "/initiatieven?near=Deventer&radius=25&sort=distance",
    "/initiatieven?q=autisme&near=Deventer&radius=25&kind=relatives_residents",
    "/initiatieven?province=Gelderland&province=Overijssel&funding=pgb_wlz&page=2",
    "/initiatieven?q=dementie&association=bvkz&sort=updated",
    "/initiatieven?q=autsime",  # typo: suggestion path
    "/api/v1/initiatives?q=autisme&page_size=50",
]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(client, urls: list[str], requests: int, rng: random.Random) -> list[float]:
    timings = []
    for _ in range(requests):
        url = rng.choice(urls)
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return timings


def report(label: str, timings: list[float]) -> None:
    print(
        f"{label:<14} n={len(timings):<5} p50={percentile(timings, 0.50):7.1f} ms  "
        f"p95={percentile(timings, 0.95):7.1f} ms  p99={percentile(timings, 0.99):7.1f} ms  "
        f"mean={statistics.fmean(timings):7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1200)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    from flask_migrate import upgrade
    from sqlalchemy import select

    from register import create_app
    from register.entries.models import Initiative
    from register.extensions import db
    from register.search.sync import rebuild_index
    from register.seed.demo import generate_demo
    from register.seed.reference import load_reference_data

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
                or f"sqlite:///{tmp}/bench.sqlite3",
                "SEARCH_INDEX_DIR": f"{tmp}/index",
            }
        )
        with app.app_context():
            upgrade()
            started = time.perf_counter()
            load_reference_data()
            generate_demo(count=args.count, random_seed=7)
            db.session.commit()
            seeded = time.perf_counter()
            rebuild_index()
            indexed = time.perf_counter()
            slugs = list(db.session.scalars(select(Initiative.slug)))
        print(
            f"N={args.count}: seeded in {seeded - started:.1f} s, "
            f"indexed in {indexed - seeded:.1f} s"
        )
        client = app.test_client()
        rng = random.Random(1)
        measure(client, SEARCHES, 10, rng)  # warm caches: the first search builds the snapshot
        report("search", measure(client, SEARCHES, args.requests, rng))
        details = [f"/initiatieven/{slug}" for slug in rng.sample(slugs, min(200, len(slugs)))]
        report("detail", measure(client, details, args.requests, rng))


if __name__ == "__main__":
    main()
