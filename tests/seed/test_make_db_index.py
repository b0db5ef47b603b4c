"""`make db` (what `make run` starts with) builds the search index once on a fresh instance,
and not at all when it runs again on a filled register with a current index.

The Makefile's own `db` recipe is run, command by command, through the CLI runner (with a
smaller demo); the index builds are counted from the log line every build writes."""

from __future__ import annotations

import logging
import shlex
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
DEMO_COUNT = "30"


def db_recipe() -> list[list[str]]:
    """The `flask …` commands of the Makefile's `db` target, as argument lists."""
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndb:", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    return [
        shlex.split(line.strip().removeprefix("$(FLASK)"))
        for line in recipe
        if line.strip().startswith("$(FLASK)")
    ]


def make_db(runner, caplog) -> int:
    """Run the recipe; returns how many times the search index was built."""
    caplog.clear()
    for args in db_recipe():
        if args[:2] == ["db", "upgrade"]:
            continue  # migrated already; Alembic's log set-up would also mute the log counted
        if args[:2] == ["seed", "demo"]:
            args = [*args, "--count", DEMO_COUNT]
        result = runner.invoke(args=args)
        assert result.exit_code == 0, (args, result.output)
    return sum("Search index rebuilt" in record.getMessage() for record in caplog.records)


@pytest.fixture
def fresh_index_folder(app, tmp_path, monkeypatch):
    """An instance without a search index, as on a fresh clone."""
    monkeypatch.setitem(app.config, "SEARCH_INDEX_DIR", str(tmp_path / "search-index"))


def test_the_recipe_seeds_and_then_syncs_the_index(fresh_index_folder):
    commands = [" ".join(args[:2]) for args in db_recipe()]
    assert commands == ["db upgrade", "seed reference", "seed demo", "search sync"]


def test_make_db_builds_the_index_once_and_again_not_at_all(runner, caplog, fresh_index_folder):
    caplog.set_level(logging.INFO, logger="register.search.sync")

    assert make_db(runner, caplog) == 1
    check = runner.invoke(args=["search", "check"])
    assert check.exit_code == 0, check.output
    assert f"Published: {DEMO_COUNT}; indexed: {DEMO_COUNT}." in check.output

    assert make_db(runner, caplog) == 0  # `make run` again: the demo and index are there
    assert runner.invoke(args=["search", "check"]).exit_code == 0


def test_seeding_leaves_the_index_to_the_sync(runner, caplog, fresh_index_folder):
    caplog.set_level(logging.INFO, logger="register.search.sync")
    result = runner.invoke(args=["seed", "demo", "--count", "5"])
    assert result.exit_code == 0, result.output
    assert not any("Search index rebuilt" in r.getMessage() for r in caplog.records)

    synced = runner.invoke(args=["search", "sync"])
    assert synced.exit_code == 0, synced.output
    assert runner.invoke(args=["search", "check"]).exit_code == 0
