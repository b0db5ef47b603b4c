"""Hostile requests over every route, as anonymous and as each role: counts per status class.

Builds a fresh database (SQLite in a temporary folder, or DATABASE_URL) with the reference
data, an initiative and one account per role, then sends N seeded hostile requests
in-process through Flask's test client (``tests/fuzzing.py`` draws them). Prints the count
per status class and every 5xx or crash with the request that caused it; exits 1 if any.

    .venv/bin/python bench/fuzz.py --requests 2000 --seed 1
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from flask_migrate import upgrade

    from register import create_app
    from register.config import TestConfig
    from register.extensions import db
    from register.seed.reference import load_reference_data
    from tests.fuzzing import run

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
                "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
                or f"sqlite:///{tmp}/fuzz.sqlite3",
                "SEARCH_INDEX_DIR": f"{tmp}/index",
            }
        )
        with app.app_context():
            upgrade()
            load_reference_data()
            db.session.commit()
        from tests.fuzzing import make_world

        world = make_world(app)
        started = time.perf_counter()
        outcome = run(app, world, args.requests, args.seed)
        seconds = time.perf_counter() - started
    total = sum(outcome.counts.values())
    routes = len(list(app.url_map.iter_rules()))
    print(f"{total} requests (seed {args.seed}) in {seconds:.1f} s over {routes} routes")
    for status_class in ("2xx", "3xx", "4xx", "5xx", "crash"):
        print(f"{status_class:<6}{outcome.counts[status_class]:>6}")
    for failure in outcome.failures:
        print("FAIL", failure)
    sys.exit(1 if outcome.server_errors else 0)


if __name__ == "__main__":
    main()
