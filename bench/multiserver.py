"""Two app servers on one database: how soon is a change published through one found on the
other, and how fast does a server that was down catch up?

Seeds a database (BENCH_DATABASE_URL, never DATABASE_URL: the bench renames entries; a
PostgreSQL database must be empty or be emptied with --fresh; default a SQLite file in a
temporary folder) with --count demo initiatives, then starts two gunicorn servers on
127.0.0.1 (one worker each, an index folder each, SEARCH_SYNC_INTERVAL as given). Each
round renames an initiative to an unheard-of word the way server A does: in a process with
A's index folder that syncs that index at commit. The clock starts after the commit and
stops when B's ``/api/v1/initiatives?q=word`` finds it. Then B is stopped, ten entries are
renamed, B is started again and the time until B finds all ten is measured, and ``flask
search check`` is run against B's index. Not a test: figures, not verdicts.

    .venv/bin/python bench/multiserver.py
    BENCH_DATABASE_URL=postgresql://127.0.0.1/bench .venv/bin/python bench/multiserver.py --fresh
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def found(port: int, word: str) -> int:
    url = f"http://127.0.0.1:{port}/api/v1/initiatives?q={word}&page_size=50"
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)["meta"]["total"]


def wait_until(predicate, timeout: float, since: float | None = None, step: float = 0.01) -> float:
    """Seconds from ``since`` (default: now) until ``predicate()`` held; raises when it did
    not within ``timeout``."""
    started = time.perf_counter() if since is None else since
    while True:
        try:
            if predicate():
                return time.perf_counter() - started
        except OSError:
            pass  # not listening yet
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"not within {timeout} s")
        time.sleep(step)


class Server:
    def __init__(self, env: dict[str, str], index: Path, port: int):
        self.env = {**env, "SEARCH_INDEX_DIR": str(index)}
        self.port = port
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-w", "1", "--threads", "4", "-b", f"127.0.0.1:{self.port}"]
            + ["--no-control-socket", "--log-level", "warning", "wsgi:app"],
            cwd=ROOT,
            env=self.env,
        )

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


def unheard_word() -> str:
    """Unique per run too: earlier runs on the same database left their words behind."""
    return "bench" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(12))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1200)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--interval", type=float, default=0.5, help="SEARCH_SYNC_INTERVAL")
    parser.add_argument(
        "--fresh", action="store_true", help="empty the PostgreSQL schema public first"
    )
    args = parser.parse_args()

    from flask_migrate import upgrade
    from sqlalchemy import func, select, text

    from register import create_app
    from register.entries.models import ChangeAction, Initiative
    from register.entries.queries import published_initiatives
    from register.entries.services import record_change
    from register.extensions import db
    from register.search.sync import rebuild_index
    from register.seed.demo import generate_demo
    from register.seed.reference import load_reference_data

    with tempfile.TemporaryDirectory() as tmp:
        database = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
        index_a, index_b = Path(tmp, "index-a"), Path(tmp, "index-b")
        writer = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": database,
                "SEARCH_INDEX_DIR": str(index_a),
                "SEARCH_SYNC_IN_BACKGROUND": False,
            }
        )
        with writer.app_context():
            if args.fresh and database.startswith("postgres"):
                with db.engine.begin() as connection:
                    connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            upgrade()
            if db.session.scalar(select(func.count(Initiative.id))):
                raise SystemExit("The database holds initiatives: use an empty one or --fresh.")
            load_reference_data()
            generate_demo(count=args.count, random_seed=7)
            db.session.commit()
            rebuild_index()
            ids = list(db.session.scalars(published_initiatives(Initiative.id)))
        env = {
            **os.environ,
            "FLASK_APP": "wsgi.py",
            "DATABASE_URL": database,
            "SEARCH_SYNC_INTERVAL": str(args.interval),
            "RATELIMIT_ENABLED": "0",
        }
        a = Server(env, index_a, free_port())
        b = Server(env, index_b, free_port())
        rng = random.Random(11)
        try:
            a.start()
            b.start()
            for server in (a, b):  # B builds its index from the database on its first request
                wait_until(lambda s=server: found(s.port, "wonen") >= 0, timeout=300)
            print(
                f"N={len(ids)} published, database {database.split('://')[0]}, "
                f"SEARCH_SYNC_INTERVAL={args.interval} s, {args.rounds} rounds"
            )

            def rename(initiative_id: int, word: str) -> None:
                initiative = db.session.get(Initiative, initiative_id)
                initiative.name = f"Huis {word}"
                record_change(initiative, ChangeAction.UPDATED, ["name"])

            on_a, on_b = [], []
            for _ in range(args.rounds):
                word = unheard_word()
                # At a random moment of B's sync cycle, not in step with it.
                time.sleep(rng.uniform(0, args.interval))
                with writer.app_context():
                    rename(rng.choice(ids), word)
                    db.session.commit()  # syncs A's index, as A's own request would
                committed = time.perf_counter()
                on_a.append(wait_until(lambda w=word: found(a.port, w) == 1, 30, committed))
                on_b.append(wait_until(lambda w=word: found(b.port, w) == 1, 30, committed))
            report("found on A", on_a)
            report("found on B", on_b)

            b.stop()
            word = unheard_word()
            with writer.app_context():
                for initiative_id in rng.sample(ids, 10):
                    rename(initiative_id, word)
                db.session.commit()
            started = time.perf_counter()
            b.start()
            wait_until(lambda: found(b.port, word) == 10, timeout=120)
            print(
                f"B down during 10 changes, restarted: all 10 found "
                f"{time.perf_counter() - started:.2f} s after its start (includes gunicorn boot)"
            )
            check = subprocess.run(
                [str(BIN / "flask"), "search", "check"],
                cwd=ROOT,
                env={**env, "SEARCH_INDEX_DIR": str(index_b)},
                capture_output=True,
                text=True,
            )
            print(
                f"flask search check on B: exit {check.returncode}: "
                + check.stdout.strip().replace("\n", "; ")
            )
        finally:
            a.stop()
            b.stop()
            with writer.app_context():
                db.engine.dispose()


def report(label: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(
        f"{label:<11} p50={statistics.median(ms):7.0f} ms  p95={p95:7.0f} ms  "
        f"max={ms[-1]:7.0f} ms  mean={statistics.fmean(ms):7.0f} ms"
    )


if __name__ == "__main__":
    main()
