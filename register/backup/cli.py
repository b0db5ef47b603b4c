"""``flask export FILE`` and ``flask import FILE``."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy.exc import SQLAlchemyError

from register.backup.snapshot import ImportRefused, import_export, read_export, write_export

WARNING = (
    "The file is a full backup: it holds personal data, password hashes and two-factor (TOTP) "
    "secrets. Keep it as safe as the database itself."
)


@click.command("export", help="Write the whole register to one JSON file. " + WARNING)
@click.argument("path", type=click.Path(dir_okay=False, writable=True, allow_dash=True))
@with_appcontext
def export_command(path: str) -> None:
    with click.open_file(path, "w", encoding="utf-8", atomic=path != "-") as out:
        counts = write_export(out)
    click.echo(f"{sum(counts.values())} rows from {len(counts)} tables exported.", err=True)
    click.echo(WARNING, err=True)


@click.command(
    "import",
    help="Load a file made by `flask export` into an empty, migrated database "
    "(run `flask db upgrade` first). All or nothing: a bad file writes no row. "
    "Rebuilds this server's search index afterwards.",
)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@with_appcontext
def import_command(path: str) -> None:
    from register.search.sync import rebuild_index

    try:
        with click.open_file(path, encoding="utf-8") as source:
            counts = import_export(read_export(source))
    except ImportRefused as refusal:
        raise click.ClickException(f"Import refused, nothing written. {refusal}") from refusal
    except SQLAlchemyError as error:
        raise click.ClickException(
            f"Import failed, nothing written. {getattr(error, 'orig', None) or error}"
        ) from error
    click.echo(f"{sum(counts.values())} rows in {len(counts)} tables imported.")
    click.echo(f"Search index rebuilt: {rebuild_index()} initiatives.")
