"""``flask mail send``: deliver the outbox (run from cron, every minute or so)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from register.mail.outbox import send_pending

mail_cli = AppGroup("mail", help="The e-mail outbox.")


@mail_cli.command("send")
@click.option("--limit", default=500, show_default=True, help="Most messages per run.")
def send_command(limit: int) -> None:
    """Send queued e-mail; a message is sent once, however often this runs."""
    sent, failed = send_pending(limit)
    click.echo(f"{sent} sent, {failed} failed")
    if failed:
        raise SystemExit(1)
