"""Time of the PDF of a saved question list of about 100 questions (WeasyPrint).

Builds the list through the builder's own pages in a fresh database (SQLite in a temporary
folder, or DATABASE_URL): every theme, every question the builder offers, own questions up
to ``--questions``; saves it (so the PDF carries the link and its QR code) and asks for its
PDF ``--runs`` times through Flask's test client. The first request, which loads fonts and
style sheets, is reported apart. Wall-clock time and the process's CPU time are printed: on
a shared machine the CPU time is what the request cost, the wall time what it waited too.
Not a test: figures, not verdicts.

    .venv/bin/python bench/pdf.py --questions 100 --runs 10
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def build_saved_list(client, questions: int) -> tuple[str, int]:
    """The saved list's PDF address and how many questions it holds."""

    def post(url: str, data: dict):
        return client.post(url, data=data, follow_redirects=True)

    client.get("/vragenlijst/")
    post("/vragenlijst/begin", {})
    post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    post("/vragenlijst/stap/situatie", {"betaling": "pgb", "soort": "unknown"})
    themes = client.get("/vragenlijst/stap/themas").get_data(as_text=True)
    page = post(
        "/vragenlijst/stap/themas", {"thema": re.findall(r'name="thema" value="([^"]+)"', themes)}
    )
    offered = re.findall(r'name="vraag" value="([^"]+)"', page.get_data(as_text=True))
    chosen = offered[:questions]
    post("/vragenlijst/stap/vragen", {"vraag": chosen})
    for number in range(questions - len(chosen)):
        post(
            "/vragenlijst/stap/eigen-vragen",
            {"vraag": f"Eigen vraag {number + 1}: hoe gaat het hier?", "actie": "toevoegen"},
        )
    post("/vragenlijst/stap/eigen-vragen", {"actie": "verder"})
    post("/vragenlijst/stap/volgorde", {"actie": "verder"})
    post("/vragenlijst/stap/controleren", {})
    saved = post("/vragenlijst/bewaar", {})
    if saved.status_code != 200:
        raise SystemExit(f"saving the list answered {saved.status_code}")
    token = saved.request.path.rsplit("/", 1)[1]
    text = client.get(f"/vragenlijst/l/{token}.txt").get_data(as_text=True)
    count = len(re.findall(r"^\d+\. ", text, flags=re.M))
    return f"/vragenlijst/l/{token}.pdf", count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    from flask_migrate import upgrade

    from register import create_app
    from register.extensions import db
    from register.questionnaire.bank import load_question_bank
    from register.seed.reference import load_reference_data

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
                or f"sqlite:///{tmp}/bench.sqlite3",
                "SEARCH_INDEX_DIR": f"{tmp}/index",
                "RATELIMIT_ENABLED": False,
                "WTF_CSRF_ENABLED": False,
            }
        )
        with app.app_context():
            upgrade()
            load_reference_data()
            load_question_bank()
            db.session.commit()
        client = app.test_client()
        url, count = build_saved_list(client, args.questions)
        wall, cpu, size = [], [], 0
        for _ in range(args.runs + 1):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            if response.status_code != 200 or not response.data.startswith(b"%PDF"):
                raise SystemExit(f"{url} answered {response.status_code}")
            size = len(response.data)
        print(f"PDF of a saved list of {count} questions ({size / 1024:.0f} KB)")
        for label, timings in (("wall", wall), ("cpu", cpu)):
            rest = timings[1:]
            print(
                f"{label:<4} first {timings[0]:7.1f} ms; then n={len(rest)} "
                f"p50={percentile(rest, 0.50):7.1f} ms  p95={percentile(rest, 0.95):7.1f} ms  "
                f"mean={statistics.fmean(rest):7.1f} ms"
            )


if __name__ == "__main__":
    main()
