"""``flask concerns …``: the blueprint's command group (added in views.py)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from register.concerns import services
from register.extensions import db


@click.command("purge-expired")
@with_appcontext
def purge_expired_command() -> None:
    """Delete concerns older than CONCERN_RETENTION_DAYS (run daily from cron)."""
    count = services.purge_expired()
    db.session.commit()
    click.echo(f"{count} expired concerns deleted.")
