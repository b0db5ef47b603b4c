"""How long the inspectorate's signals take for N demo initiatives.

Builds a fresh database (SQLite in a temporary folder, or DATABASE_URL) with the demo
generator and the inspectorate's demo records, then times the evaluation of every signal for
every initiative (the bulk queries and the evidence), and the whole first page of
``/inspectie`` (evaluation, filters, ordering and the reasons in words). Prints figures.

    .venv/bin/python bench/signals.py --count 10000
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from flask_migrate import upgrade

    from register import create_app
    from register.entries.public import register_today
    from register.extensions import db
    from register.inspection import priorities, services
    from register.inspection.demo import generate_inspection_demo
    from register.inspection.signals import Context, evaluate
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
        with app.app_context(), app.test_request_context():
            upgrade()
            started = time.perf_counter()
            load_reference_data()
            today = register_today()
            initiatives = generate_demo(count=args.count, random_seed=7)
            generate_inspection_demo(initiatives, today, random_seed=7)
            db.session.commit()
            print(f"N={args.count}: seeded in {time.perf_counter() - started:.1f} s")
            db.session.expunge_all()

            evaluations, pages = [], []
            for _ in range(args.runs):
                started = time.perf_counter()
                hits = evaluate(Context(today, services.current_settings()))
                evaluations.append(time.perf_counter() - started)
                started = time.perf_counter()
                result = priorities.priorities(priorities.PriorityFilter(), today)
                for row in result.rows:
                    [hit.words for hit in row.hits]
                pages.append(time.perf_counter() - started)
                db.session.expunge_all()
            fired = sum(len(found) for found in hits.values())
            print(
                f"evaluate all signals: best {min(evaluations) * 1000:.0f} ms, "
                f"median {statistics.median(evaluations) * 1000:.0f} ms "
                f"({len(hits)} initiatives with signals, {fired} signals)"
            )
            print(
                f"first page of /inspectie with reasons: best {min(pages) * 1000:.0f} ms, "
                f"median {statistics.median(pages) * 1000:.0f} ms"
            )
            verdict = "under" if statistics.median(evaluations) < 1 else "OVER"
            print(f"evaluation for {args.count} initiatives is {verdict} one second")


if __name__ == "__main__":
    main()
