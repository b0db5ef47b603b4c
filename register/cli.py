"""Command-line interface: ``flask seed …``, ``flask search …``, ``flask export``/``import``."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

seed_cli = AppGroup("seed", help="Load reference data and demo data.")
search_cli = AppGroup("search", help="Maintain the search index.")


@seed_cli.command("reference")
def seed_reference() -> None:
    """Load or update the reference catalogues from seed/ (idempotent)."""
    from register.extensions import db
    from register.questionnaire.bank import load_question_bank
    from register.seed.reference import load_reference_data

    load_reference_data()
    count = load_question_bank()
    db.session.commit()
    click.echo(f"Reference data and {count} questions loaded.")


@seed_cli.command("questions")
def seed_questions() -> None:
    """Load or update the question bank of the question-list builder from seed/questions/."""
    from register.extensions import db
    from register.questionnaire.bank import load_question_bank

    count = load_question_bank()
    db.session.commit()
    click.echo(f"{count} questions loaded.")


@seed_cli.command("demo")
@click.option("--count", default=1200, show_default=True, help="Number of initiatives.")
@click.option("--random-seed", default=2023, show_default=True, help="Makes the data repeatable.")
@click.option("--if-empty", is_flag=True, help="Only when the register holds no initiatives.")
def seed_demo(count: int, random_seed: int, if_empty: bool) -> None:
    """Generate fictional demo initiatives (deterministic). Leaves this server's search
    index to `flask search sync`, which builds it once (`make db` runs it)."""
    from sqlalchemy import func, select

    from register.entries.changes import change_logged
    from register.entries.models import Initiative
    from register.entries.public import register_today
    from register.extensions import db
    from register.inspection.demo import generate_inspection_demo
    from register.seed.demo import generate_demo
    from register.seed.demo_accounts import DemoAccountsRefused, create_demo_accounts
    from register.seed.reference import load_reference_data

    load_reference_data()
    if if_empty and db.session.scalar(select(func.count(Initiative.id))):
        click.echo("The register already holds initiatives; demo data not loaded.")
    else:
        initiatives = generate_demo(count=count, random_seed=random_seed)
        generate_inspection_demo(initiatives, register_today(), random_seed=random_seed)
        # This server's index is not synced on commit: `flask search sync` does that once
        # (building the index on a fresh instance), like every other server's sync does
        # from the change log. Syncing here too made `make db` build the index twice.
        with change_logged.muted():
            db.session.commit()
        click.echo(f"{count} demo initiatives loaded.")
    try:
        accounts = create_demo_accounts()
    except DemoAccountsRefused as refusal:
        raise click.ClickException(str(refusal)) from refusal
    db.session.commit()
    click.echo(f"{len(accounts)} demo accounts created (see the README).")


@search_cli.command("reindex")
def search_reindex() -> None:
    """Rebuild the search index from the database."""
    from register.search.sync import rebuild_index

    count = rebuild_index()
    click.echo(f"Indexed {count} initiatives.")


@search_cli.command("sync")
@click.option(
    "--watch",
    is_flag=True,
    help="Keep applying changes every SEARCH_SYNC_INTERVAL seconds until stopped.",
)
def search_sync(watch: bool) -> None:
    """Apply changes from the change log that this server's index has not seen yet."""
    from flask import current_app

    from register.search.sync import sync_index
    from register.search.sync import watch as watch_changes

    if watch:
        watch_changes(current_app._get_current_object())
    applied = sync_index()
    click.echo(f"Applied {applied} changes.")


@search_cli.command("check")
def search_check() -> None:
    """Compare this server's index with the database; exit code 1 on any drift."""
    from register.search.check import NoIndex, index_drift

    try:
        drift = index_drift()
    except NoIndex as missing:
        raise click.ClickException(f"No usable search index in {missing}.") from missing
    click.echo(f"Published: {drift.published}; indexed: {drift.indexed}.")
    for name, ids in (("missing", drift.missing), ("extra", drift.extra), ("stale", drift.stale)):
        shown = ", ".join(str(i) for i in ids[:20]) + (" …" if len(ids) > 20 else "")
        click.echo(f"{name.capitalize()}: {len(ids)}" + (f" ({shown})" if ids else ""))
    if drift.any:
        raise click.exceptions.Exit(1)
    click.echo("No drift.")


def init_app(app: Flask) -> None:
    from register.backup.cli import export_command, import_command
    from register.mail.cli import mail_cli
    from register.reminders.cli import reminders_cli

    app.cli.add_command(mail_cli)
    app.cli.add_command(reminders_cli)
    app.cli.add_command(seed_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(export_command)
    app.cli.add_command(import_command)
