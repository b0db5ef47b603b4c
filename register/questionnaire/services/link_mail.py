"""Mailing a saved list's link to the person, once. The address is not stored with the list,
not logged and not audited: it lives only in the outbox message, and is wiped from that as
soon as the message is sent (``forget_recipient``)."""

from __future__ import annotations

from flask_babel import format_date
from flask_babel import gettext as _

from register.mail import outbox
from register.questionnaire.models import SavedList


def mail_link(saved: SavedList, link: str, address: str) -> None:
    """Queues one message with the link (flushes; the caller commits)."""
    body = _(
        "Hallo,\n\n"
        "Je vroeg ons om de link naar je vragenlijst te mailen. Hier is hij:\n\n"
        "%(link)s\n\n"
        "Met deze link open je je lijst weer. Iedereen met deze link kan je lijst openen. "
        "Geef hem alleen aan mensen die je vertrouwt.\n\n"
        "We bewaren je lijst tot %(date)s. Gebruik je hem, dan schuift die datum op.\n\n"
        "Heb je dit niet zelf gevraagd? Dan kun je deze mail weggooien.\n\n"
        "Register Wooninitiatieven",
        link=link,
        date=format_date(saved.expires_at, "long"),
    )
    outbox.queue(address, _("De link naar je vragenlijst"), body, forget_recipient=True)
