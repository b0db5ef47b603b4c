"""Queue the freshness reminders due today. Flushes; the command commits.

Each reminder has an outbox key naming the initiative, the stage (11 or 12 months), the
confirmation it counts from and the editor, so running the command twice, or on two
servers, queues nothing twice; a new confirmation starts a new count."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import or_

from register.entries import rules
from register.entries.detail_page import not_confirmed_since
from register.entries.labels import long_date
from register.entries.models import Initiative
from register.entries.queries import published_initiatives
from register.extensions import db
from register.mail import outbox
from register.reminders.recipients import editors_of, portal_link

NEVER = "nooit"


@dataclass
class ReminderRun:
    queued: list[tuple[Initiative, int, str]] = field(default_factory=list)  # (entry, months, to)
    no_editor: list[tuple[Initiative, int]] = field(default_factory=list)
    already_sent: int = 0


def due_initiatives(today: date) -> list[tuple[Initiative, int]]:
    """Published entries with a reminder due today, and which one (months). An entry never
    confirmed counts as stale: its editors get the last reminder once."""
    # No reminder is due for a confirmation younger than FIRST_REMINDER_MONTHS (> 300 days).
    cutoff = today - timedelta(days=300)
    candidates = db.session.scalars(
        published_initiatives()
        .where(or_(Initiative.last_confirmed_on.is_(None), Initiative.last_confirmed_on <= cutoff))
        .order_by(Initiative.name, Initiative.id)
    )
    due = []
    for initiative in candidates:
        confirmed = initiative.last_confirmed_on
        months = (
            rules.STALE_AFTER_MONTHS if confirmed is None else rules.reminder_due(confirmed, today)
        )
        if months is not None:
            due.append((initiative, months))
    return due


def queue_reminders(today: date) -> ReminderRun:
    run = ReminderRun()
    for initiative, months in due_initiatives(today):
        editors = editors_of(initiative.id)
        if not editors:
            run.no_editor.append((initiative, months))
            continue
        confirmed = initiative.last_confirmed_on
        subject, body = _reminder(initiative, months)
        for editor in editors:
            key = f"reminder:{initiative.id}:{months}:{confirmed or NEVER}:{editor.id}"
            if outbox.queue(editor.email, subject, body, key=key) is None:
                run.already_sent += 1
            else:
                run.queued.append((initiative, months, editor.email))
    return run


def _reminder(initiative: Initiative, months: int) -> tuple[str, str]:
    """Subject and body: what is the matter, what to do, and where (in Dutch, the
    register's language; accounts carry no language of their own)."""
    confirmed = initiative.last_confirmed_on
    with force_locale("nl"):
        steps = _(
            "Wat moet u doen?\n"
            "1. Log in op het portaal van het register: %(link)s\n"
            "2. Kijk of alle gegevens van %(initiative)s nog kloppen. Pas aan wat niet klopt.\n"
            "3. Bevestig dat alles klopt.",
            link=portal_link(),
            initiative=initiative.name,
        )
        if confirmed is None:
            subject = _("Bevestig de gegevens van %(initiative)s", initiative=initiative.name)
            status = _(
                "De gegevens van %(initiative)s in het Register Wooninitiatieven zijn nog "
                "nooit bevestigd. Daarom staat op de openbare pagina dat ze nooit bevestigd "
                "zijn.",
                initiative=initiative.name,
            )
        elif months == rules.STALE_AFTER_MONTHS:
            subject = _(
                "De gegevens van %(initiative)s zijn 12 maanden niet bevestigd",
                initiative=initiative.name,
            )
            status = _(
                "U heeft de gegevens van %(initiative)s in het Register Wooninitiatieven "
                "bevestigd op %(date)s. Dat is meer dan 12 maanden geleden. Daarom staat op "
                'de openbare pagina nu: "%(flag)s".',
                initiative=initiative.name,
                date=long_date(confirmed),
                flag=not_confirmed_since(confirmed),
            )
        else:
            subject = _("Kloppen de gegevens van %(initiative)s nog?", initiative=initiative.name)
            status = _(
                "U heeft de gegevens van %(initiative)s in het Register Wooninitiatieven "
                "bevestigd op %(date)s. Dat is 11 maanden geleden. Bevestig ze vóór "
                '%(deadline)s. Anders staat op de openbare pagina: "%(flag)s".',
                initiative=initiative.name,
                date=long_date(confirmed),
                deadline=long_date(rules.stale_from(confirmed)),
                flag=not_confirmed_since(confirmed),
            )
        closing = _(
            "U krijgt dit bericht omdat u de gegevens van dit initiatief beheert in het register."
        )
    return subject, "\n\n".join([status, steps, closing])
