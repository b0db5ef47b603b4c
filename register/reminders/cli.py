"""``flask reminders send``: the register's daily run (from cron, on any number of servers)."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy.exc import IntegrityError

reminders_cli = AppGroup("reminders", help="Daily freshness reminders and expiry reports.")


@reminders_cli.command("send")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Run as on this day (YYYY-MM-DD); default: today in the register's time zone.",
)
def send(today) -> None:
    """Report expired memberships and quality marks to the change log, and queue the
    reminders due today (11 and 12 months without confirmation). Idempotent: run it daily;
    `flask mail send` delivers the queued e-mail."""
    from register.entries.public import register_today
    from register.extensions import db
    from register.reminders.services import queue_reminders
    from register.verification.expiry import log_expiries

    day = today.date() if today else register_today()
    try:
        expired = log_expiries(day)
        run = queue_reminders(day)
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise click.ClickException(
            "Another run queued the same reminders at the same moment; nothing was queued "
            "twice. Run the command again to finish."
        ) from error
    for initiative in expired:
        click.echo(f"expired claim reported: {initiative.slug}")
    for initiative, months, recipient in run.queued:
        click.echo(f"reminder {months} months: {initiative.slug} to {recipient}")
    for initiative, months in run.no_editor:
        click.echo(f"no editor: {initiative.slug} ({months} months)")
    click.echo(
        f"{len(expired)} entries with expired claims reported, {len(run.queued)} reminders "
        f"queued, {run.already_sent} already sent before, {len(run.no_editor)} without editor."
    )
