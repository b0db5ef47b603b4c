"""Time of the Open Referral HSDS 3.0 downloads for N synthetic initiatives.

Builds a fresh database (SQLite in a temporary folder, or DATABASE_URL) with the demo
generator, then downloads in-process, through Flask's test client, the register's own
JSON (the reference) and every HSDS file, and prints seconds, size and the ratio to the
reference measured in the same run. Not a test: figures, not verdicts.

    .venv/bin/python bench/hsds_export.py --count 1200
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(client, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url)
    size = len(response.get_data())
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return time.perf_counter() - started, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1200)
    args = parser.parse_args()

    from flask_migrate import upgrade

    from register import create_app
    from register.extensions import db
    from register.opendata.hsds import FILES
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
            load_reference_data()
            generate_demo(count=args.count, random_seed=7)
            db.session.commit()
        client = app.test_client()
        reference, reference_size = timed(client, "/open-data/initiatieven.json")
        print(f"N={args.count}")
        print(f"{'initiatieven.json (reference)':<34} {reference:6.2f} s {reference_size:>11,} B")
        urls = ["/open-data/hsds/services.json"]
        urls += [f"/open-data/hsds/{file}.csv" for file in FILES.values()]
        for url in urls:
            seconds, size = timed(client, url)
            name = url.rsplit("/", 1)[-1]
            print(f"{name:<34} {seconds:6.2f} s {size:>11,} B  {seconds / reference:5.2f}x")


if __name__ == "__main__":
    main()
