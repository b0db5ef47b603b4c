"""Search-page latency over a fixed mix of 203 searches, and detail-page latency.

The mix (``search_urls``) is the same on every run: plain words, Dutch word forms (plural,
singular, compounds), phrases of several words, typos, facet filters, "near a place" with a
radius and sorting, and later pages, alone and combined. Each URL is requested ``--rounds``
times in a shuffled order (seeded) through Flask's test client, after one pass in order;
percentiles in milliseconds, for the first pass over the mix and the later ones apart. Not
a test: figures, not verdicts.

Seeding 10,000 initiatives takes minutes on a small machine, so the database and index are
kept in ``--data`` (default ``/tmp/register-bench-<count>``) and reused when present; with
``--reindex`` the index is rebuilt (and timed) first, with ``--profile FILE`` the search
mix runs once more under cProfile and the statistics are written to FILE; with ``--dump
FILE`` what the finder returns for every URL of the mix (ids shown, total, facet counts,
distances, suggestion) is written to FILE as JSON, to compare two versions of the code.

    .venv/bin/python bench/search_mix.py --count 10000
    .venv/bin/python bench/search_mix.py --count 10000 --reindex --profile /tmp/search.prof
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = [
    "autisme", "dementie", "zorgboerderij", "boerderij", "begeleiding", "pgb", "natura",
    "tuin", "dagbesteding", "jongeren", "ouderinitiatief", "hersenletsel", "beperking",
    "appartement", "structuur", "moestuin", "budgethouder", "zorgkantoor", "Deventer", "Zwolle",
]  # fmt: skip
FORMS = [
    "wooninitiatieven", "wooninitiatief", "boerderijen", "begeleiders", "bewoners",
    "bewoner", "ouders", "ouder", "huizen", "huis", "beperkingen", "families",
    "zorgondernemers", "kinderen", "dieren", "woonplekken", "appartementen", "tuinen",
]  # fmt: skip
PHRASES = [
    "wonen met zorg", "mensen met autisme", "ouderen met dementie", "verstandelijke beperking",
    "zorg in natura", "persoonsgebonden budget", "vaste begeleiders", "24 uur begeleiding",
    "kleinschalig wonen", "psychische aandoening", "zelfstandig wonen jongeren",
    "eigen appartement badkamer",
]  # fmt: skip
TYPOS = [
    "autsime", "dementei", "zorgboerdrij", "begleiding", "wooninitiatef", "jongren",
    "hersenlestel", "moestiun", "appartment", "beperkng", "xyzzyq", "budgethoudr",
]  # fmt: skip
FILTERS = [
    "province=Gelderland", "province=Overijssel&province=Utrecht", "kind=relatives_residents",
    "funding=pgb_wlz", "target_group=autism", "association=any", "quality_mark=any",
    "vacancy=places_free", "province=Noord-Brabant&kind=care_entrepreneur",
    "target_group=dementia_elderly&funding=pgb_wlz",
]  # fmt: skip
PLACES = [
    "near=Deventer&radius=25", "near=Utrecht&radius=10", "near=Groningen&radius=50",
    "near=Zwolle&radius=25&sort=distance", "near=Eindhoven&radius=15&sort=distance",
]  # fmt: skip
SORTS = ["sort=name", "sort=updated", "sort=confirmed"]


def search_urls() -> list[str]:
    """The fixed mix: 203 search URLs, deterministic (no randomness in their choice)."""
    texts = [f"q={word}" for word in WORDS + FORMS + TYPOS]
    texts += ["q=" + phrase.replace(" ", "+") for phrase in PHRASES]
    queries = ["", *texts]
    queries += [f"{q}&{f}" for q, f in zip(itertools.cycle(texts), FILTERS * 4, strict=False)]
    queries += [f"{q}&{p}" for q, p in zip(itertools.cycle(texts[5:]), PLACES * 4, strict=False)]
    queries += [f"{f}&{p}" for f, p in zip(FILTERS, PLACES * 2, strict=True)]
    queries += [f"{q}&{s}" for q, s in zip(texts[::3], itertools.cycle(SORTS), strict=False)]
    queries += [f"{q}&page={n}" for q, n in zip(texts[1::2], itertools.cycle((2, 3, 7)))]
    queries += [f"{f}&page=2" for f in FILTERS]
    queries += [f"{p}&page=3" for p in PLACES]
    queries += ["q=wonen+met+zorg&page=40", "page=50", "q=bewoners&page=9999"]
    return ["/initiatieven?" + q if q else "/initiatieven" for q in queries]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(client, urls: list[str]) -> list[float]:
    timings = []
    for url in urls:
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
        f"max={max(timings):7.1f} ms  mean={statistics.fmean(timings):7.1f} ms"
    )


def answers(app, urls: list[str]) -> dict[str, dict]:
    """What the finder returns for each URL, in a form that compares as JSON."""
    from flask import request

    from register.entries.finder import find
    from register.entries.search_params import parse_search_params

    found = {}
    for url in urls:
        with app.test_request_context(url):
            result = find(parse_search_params(request.args)[0])
        found[url] = {
            "ids": [item.id for item in result.items],
            "total": result.total,
            "page": result.page,
            "facets": {
                key: [(option.key, option.count, option.selected) for option in options]
                for key, options in result.facets.items()
            },
            "distances": {str(k): v for k, v in result.distances_km.items()},
            "suggestion": result.suggestion,
        }
    return found


def prepare(app, count: int, seeded_marker: Path) -> None:
    from flask_migrate import upgrade

    from register.entries.changes import change_logged
    from register.extensions import db
    from register.seed.demo import generate_demo
    from register.seed.reference import load_reference_data

    with app.app_context():
        upgrade()
        started = time.perf_counter()
        load_reference_data()
        generate_demo(count=count, random_seed=7)
        with change_logged.muted():  # the index is built (and timed) afterwards
            db.session.commit()
        print(f"N={count}: seeded in {time.perf_counter() - started:.1f} s")
    seeded_marker.touch()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=2, help="passes over the mix")
    parser.add_argument("--data", type=Path, help="folder for the database and index")
    parser.add_argument("--reindex", action="store_true", help="rebuild the index (timed)")
    parser.add_argument("--profile", type=Path, help="cProfile one more pass into this file")
    parser.add_argument("--dump", type=Path, help="write the finder's answers to this file")
    args = parser.parse_args()
    data = args.data or Path(f"/tmp/register-bench-{args.count}")
    data.mkdir(parents=True, exist_ok=True)

    from sqlalchemy import select

    from register import create_app
    from register.entries.models import Initiative
    from register.extensions import db
    from register.search.sync import rebuild_index

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": os.environ.get("BENCH_DATABASE_URL")
            or f"sqlite:///{data}/bench.sqlite3",
            "SEARCH_INDEX_DIR": f"{data}/index",
            "SEARCH_SYNC_IN_BACKGROUND": False,
        }
    )
    marker = data / "seeded"
    if not marker.exists():
        prepare(app, args.count, marker)
    with app.app_context():
        if args.reindex or not (data / "index").exists():
            started = time.perf_counter()
            indexed = rebuild_index()
            print(f"reindex of {indexed} initiatives: {time.perf_counter() - started:.1f} s")
        slugs = list(db.session.scalars(select(Initiative.slug).order_by(Initiative.id)))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")

    urls = search_urls()
    client = app.test_client()
    rng = random.Random(1)
    measure(client, ["/initiatieven"])  # warm-up: the snapshot, templates
    # The first time each URL is asked, its words are new to the searcher (unless an
    # earlier URL had them); afterwards their documents and ranking are kept.
    report("search, first", measure(client, urls))
    order = [url for _ in range(args.rounds) for url in rng.sample(urls, len(urls))]
    report("search, again", measure(client, order))
    details = [f"/initiatieven/{slug}" for slug in rng.sample(slugs, min(200, len(slugs)))]
    measure(client, details[:20])
    report("detail", measure(client, details * args.rounds))
    print(f"machine: load average after {os.getloadavg()[0]:.2f}")
    if args.dump:
        args.dump.write_text(json.dumps(answers(app, urls), indent=1, sort_keys=True))
        print(f"answers for {len(urls)} URLs: {args.dump}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(measure, client, urls)
        profiler.dump_stats(str(args.profile))
        print(f"profile of one pass over the mix: {args.profile}")


if __name__ == "__main__":
    main()
