"""Throughput under gunicorn: a detail page against a static copy of it, and a mix.

Builds a demo database (SQLite in a temporary folder) with N fictional initiatives and its
search index, measures the detail page in-process (rendered, and from the page cache), then
starts ``gunicorn -w 2`` on a free loopback port and runs ``wrk`` (Debian package) against
it, 50 connections for 30 s each:

1. a static copy of one detail page, served by the same app from a file (the reference);
2. that detail page itself;
3. a mix of the home page, searches and detail pages.

Prints requests per second, errors (non-2xx/3xx and socket errors) and the detail/static
ratio, then stops the server. Not a test: figures, not verdicts.

    .venv/bin/python bench/wrk_mix.py --count 1200
    .venv/bin/python bench/wrk_mix.py --count 10000 --duration 30
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from latency import SEARCHES, measure, report  # noqa: E402

STATIC_COPY = "detail-copy.html"

# gunicorn imports this from the temporary folder: the app, plus one route that serves the
# static copy the way Flask serves static files.
WSGI_MODULE = """
from flask import send_from_directory

from register import create_app

app = create_app()
app.add_url_rule(
    "/bench-static/<path:filename>",
    "bench_static",
    lambda filename: send_from_directory({folder!r}, filename),
)
"""

MIX_SCRIPT = """
local paths = {{{paths}}}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def build_database(tmp: str, count: int) -> list[str]:
    from flask_migrate import upgrade
    from sqlalchemy import select

    from register import create_app
    from register.entries.models import Initiative
    from register.extensions import db
    from register.search.sync import rebuild_index
    from register.seed.demo import generate_demo
    from register.seed.reference import load_reference_data

    app = create_app()
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        load_reference_data()
        generate_demo(count=count, random_seed=7)
        db.session.commit()
        seeded = time.perf_counter()
        rebuild_index()
        print(
            f"N={count}: seeded in {seeded - started:.1f} s, "
            f"indexed in {time.perf_counter() - seeded:.1f} s"
        )
        slugs = list(db.session.scalars(select(Initiative.slug).order_by(Initiative.id)))
        db.engine.dispose()
    return slugs


def in_process(details: list[str], requests: int) -> None:
    """The detail page through Flask's test client: rendered every time (cache off), and
    from the page cache once each page was asked for."""
    from register import create_app

    rng = random.Random(2)
    for label, size in (("detail render", 0), ("detail cached", 500)):
        app = create_app({"PAGE_CACHE_SIZE": size})
        client = app.test_client()
        measure(client, details, len(details), rng)  # every page once: the cache fills
        report(label, measure(client, details, requests, rng))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it answered")
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /health within 60 s")


def run_wrk(label: str, url: str, duration: int, script: str | None = None) -> dict:
    command = ["wrk", "-t2", "-c50", f"-d{duration}s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    p99 = re.search(r"99%\s+(\S+)", output).group(1)
    result = {
        "label": label,
        "rate": rate,
        "requests": total,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket": sum(int(n) for n in sockets.groups()) if sockets else 0,
        "p99": p99,
    }
    print(
        f"{label:<14} {rate:8.1f} req/s  requests={total:<7} non-2xx/3xx={result['non_2xx']:<5} "
        f"socket errors={result['socket']:<5} p99={p99}",
        flush=True,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1200)
    parser.add_argument("--duration", type=int, default=30, help="seconds per wrk run")
    parser.add_argument("--requests", type=int, default=300, help="in-process requests")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(
            DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
            SEARCH_INDEX_DIR=f"{tmp}/index",
            RATELIMIT_ENABLED="0",
        )
        slugs = build_database(tmp, args.count)
        rng = random.Random(1)
        details = [f"/initiatieven/{slug}" for slug in rng.sample(slugs, min(50, len(slugs)))]
        in_process(details, args.requests)

        Path(tmp, "bench_wsgi.py").write_text(WSGI_MODULE.format(folder=tmp))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}"]
            + ["--log-level", "warning", "bench_wsgi:app"],
            cwd=tmp,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            start_new_session=True,
        )
        try:
            wait_until_up(base, server)
            detail = details[0]
            with urllib.request.urlopen(base + detail) as response:
                Path(tmp, STATIC_COPY).write_bytes(response.read())
            mix = ["/", *SEARCHES, *details]
            for path in mix:  # each page once in each worker, as a visitor would have
                for _ in range(2):
                    urllib.request.urlopen(base + path).read()
            Path(tmp, "mix.lua").write_text(
                MIX_SCRIPT.format(paths=", ".join(f'"{path}"' for path in mix))
            )
            print(
                f"gunicorn -w 2, wrk -t2 -c50 -d{args.duration}s, {os.cpu_count()} cores, "
                f"load average {os.getloadavg()[0]:.2f}",
                flush=True,
            )
            static = run_wrk("static copy", f"{base}/bench-static/{STATIC_COPY}", args.duration)
            page = run_wrk("detail", base + detail, args.duration)
            mixed = run_wrk(f"mix ({len(mix)} urls)", base + "/", args.duration, f"{tmp}/mix.lua")
            errors = sum(r["non_2xx"] + r["socket"] for r in (static, page, mixed))
            print(f"detail/static ratio: {page['rate'] / static['rate']:.2f}")
            print(f"errors in all runs: {errors}")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
