"""Time of `flask seed demo --count N` on a fresh database, and of the index build after it.

Runs the real commands as `make db` does (`flask db upgrade`, `flask seed reference`, then
the timed `flask seed demo --count N` and `flask search sync`, which builds the index) in
separate processes, on SQLite in a temporary folder or on DATABASE_URL (emptied first: use a
database of your own). Prints wall-clock and CPU seconds (user + system of the command) of
each timed command; process start-up is included, as for a person typing the command.
Not a test: figures, not verdicts.

    .venv/bin/python bench/seed.py --count 10000
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/mine .venv/bin/python bench/seed.py

``--no-index`` leaves out the index build; ``--export FILE`` writes `flask export` of the
seeded database, to compare the rows two versions of the seed write (same --count and seed).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FLASK = [sys.executable, "-m", "flask"]


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run `flask …`; returns (wall seconds, CPU seconds of the command)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [*FLASK, *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--no-index", action="store_true", help="skip `flask search sync`")
    parser.add_argument("--export", metavar="FILE", help="`flask export FILE` after the seed")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
        if url.startswith("postgres"):
            empty_postgres(url)
        env = {
            **os.environ,
            "FLASK_APP": "wsgi.py",
            "DATABASE_URL": url,
            "SEARCH_INDEX_DIR": f"{tmp}/search-index",
        }
        run(["db", "upgrade"], env)
        run(["seed", "reference"], env)
        database = url.split(":", 1)[0]
        load = os.getloadavg()[0]
        seed_wall, seed_cpu = run(["seed", "demo", "--count", str(args.count)], env)
        print(f"{database}, {os.cpu_count()} cores, load {load:.1f} at the start")
        print(f"flask seed demo --count {args.count}: {seed_wall:6.1f} s ({seed_cpu:.1f} s CPU)")
        if args.export:
            run(["export", str(Path(args.export).resolve())], env)
        if not args.no_index:
            index_wall, index_cpu = run(["search", "sync"], env)
            print(
                f"flask search sync (builds the index): {index_wall:6.1f} s ({index_cpu:.1f} s CPU)"
            )


if __name__ == "__main__":
    main()
