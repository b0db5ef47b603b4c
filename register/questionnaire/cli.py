"""``flask questionnaire …``: the blueprint's command group (added in views/blueprint.py)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from register.extensions import db
from register.questionnaire.services import saved_lists


@click.command("purge-expired")
@with_appcontext
def purge_expired_command() -> None:
    """Delete saved question lists whose retention period has passed."""
    count = saved_lists.purge_expired()
    db.session.commit()
    click.echo(f"{count} expired question lists deleted.")
