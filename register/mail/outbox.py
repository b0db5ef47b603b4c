"""Queue and deliver e-mail (see the package docstring)."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from uuid import uuid4

from flask import current_app
from sqlalchemy import select

from register.entries.models import utcnow
from register.extensions import db
from register.mail.models import OutboxMessage

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10

# Messages whose key starts with this lose their recipient once delivered: the address was
# given only to send that one message (a saved question list's link) and is kept no longer.
FORGET_RECIPIENT = "forget-recipient:"


def queue(
    recipient: str,
    subject: str,
    body: str,
    html: str | None = None,
    key: str | None = None,
    forget_recipient: bool = False,
) -> OutboxMessage | None:
    """Add a message to the outbox (flushes; the caller commits with its own change).

    With a ``key`` that was queued before, nothing is added and None is returned. With
    ``forget_recipient`` the address is wiped from the row as soon as the message is sent."""
    if forget_recipient:
        key = FORGET_RECIPIENT + uuid4().hex
    if key is not None and db.session.scalar(
        select(OutboxMessage.id).where(OutboxMessage.key == key)
    ):
        return None
    message = OutboxMessage(
        key=key, recipient=recipient, subject=str(subject), body=str(body), html=html
    )
    db.session.add(message)
    db.session.flush()
    return message


def send_pending(limit: int = 100) -> tuple[int, int]:
    """Deliver unsent messages; returns (sent, failed). Each message is committed as sent
    right after delivery, so a second run (or a crash half-way) never sends one twice.
    On PostgreSQL concurrent senders skip the rows another sender holds."""
    sent = failed = 0
    while sent + failed < limit:
        message = db.session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < MAX_ATTEMPTS)
            .order_by(OutboxMessage.id)
            .limit(1)
            .offset(failed)
            .with_for_update(skip_locked=True)
        )
        if message is None:
            break
        try:
            _deliver(message)
        except (OSError, smtplib.SMTPException) as error:
            message.attempts += 1
            message.last_error = str(error)[:1000]
            failed += 1
            log.warning(
                "Mail to %s not sent (attempt %s): %s", _logged(message), message.attempts, error
            )
        else:
            message.attempts += 1
            message.sent_at = utcnow()
            if _forgets_recipient(message):
                message.recipient = ""
            sent += 1
        db.session.commit()
    return sent, failed


def _forgets_recipient(message: OutboxMessage) -> bool:
    return (message.key or "").startswith(FORGET_RECIPIENT)


def _logged(message: OutboxMessage) -> str:
    """The recipient as written to the log: not an address that is not to be kept."""
    return f"message {message.id}" if _forgets_recipient(message) else message.recipient


def _deliver(message: OutboxMessage) -> None:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        log.info(
            "Mail (no MAIL_SERVER; printed, not sent)\nTo: %s\nSubject: %s\n\n%s",
            _logged(message),
            message.subject,
            message.body,
        )
        return
    email = EmailMessage()
    email["From"] = config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body)
    if message.html:
        email.add_alternative(message.html, subtype="html")
    smtp_class = smtplib.SMTP_SSL if config.get("MAIL_USE_SSL") else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
        smtp.send_message(email)
