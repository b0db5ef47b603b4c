"""The outbox: queued with the change, sent once by `flask mail send`, kept while the mail
server is down."""

from __future__ import annotations

import smtplib

import pytest
from sqlalchemy import func, select

from register.extensions import db
from register.mail import outbox
from register.mail.models import OutboxMessage


def count(**where) -> int:
    query = select(func.count(OutboxMessage.id))
    for name, value in where.items():
        query = query.where(getattr(OutboxMessage, name) == value)
    return db.session.scalar(query)


def test_a_message_with_a_key_is_queued_once(app_context):
    outbox.queue("a@example.org", "Herinnering", "Tekst", key="reminder:1:11")
    assert outbox.queue("a@example.org", "Herinnering", "Tekst", key="reminder:1:11") is None
    db.session.commit()

    assert count() == 1


def test_without_a_mail_server_messages_are_printed_and_marked_sent(app, runner, caplog):
    with app.app_context():
        outbox.queue("a@example.org", "Uw toegang", "Klik op de link")
        db.session.commit()

    caplog.set_level("INFO")
    result = runner.invoke(args=["mail", "send"])

    assert result.exit_code == 0, result.output
    assert "1 sent" in result.output
    assert "Klik op de link" in caplog.text
    with app.app_context():
        assert count(sent_at=None) == 0


def test_sending_twice_sends_each_message_once(app, runner, monkeypatch):
    delivered = []
    monkeypatch.setattr(outbox, "_deliver", lambda message: delivered.append(message.recipient))
    with app.app_context():
        outbox.queue("a@example.org", "Een", "1")
        outbox.queue("b@example.org", "Twee", "2")
        db.session.commit()

    runner.invoke(args=["mail", "send"])
    runner.invoke(args=["mail", "send"])

    assert sorted(delivered) == ["a@example.org", "b@example.org"]


class DownServer:
    def __init__(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")


def test_a_message_stays_queued_while_the_mail_server_is_down(app, runner, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "mail.invalid")
    monkeypatch.setattr(smtplib, "SMTP", DownServer)
    with app.app_context():
        outbox.queue("a@example.org", "Uw toegang", "Klik op de link")
        db.session.commit()

    result = runner.invoke(args=["mail", "send"])

    assert result.exit_code == 1
    assert "0 sent, 1 failed" in result.output
    with app.app_context():
        message = db.session.scalar(select(OutboxMessage))
        assert message.sent_at is None
        assert message.attempts == 1
        assert "down" in message.last_error


@pytest.mark.parametrize("use_ssl", [False, True])
def test_smtp_delivery_uses_the_configured_server(app, runner, monkeypatch, use_ssl):
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            sent.append(("starttls",))

        def login(self, user, password):
            sent.append(("login", user))

        def send_message(self, message):
            sent.append(("send", message["To"], message["Subject"]))

    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "register")
    monkeypatch.setitem(app.config, "MAIL_USE_SSL", use_ssl)
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", not use_ssl)
    monkeypatch.setattr(smtplib, "SMTP_SSL" if use_ssl else "SMTP", FakeSMTP)
    with app.app_context():
        outbox.queue("a@example.org", "Onderwerp", "Tekst")
        db.session.commit()

    assert runner.invoke(args=["mail", "send"]).exit_code == 0
    assert ("send", "a@example.org", "Onderwerp") in sent
    assert ("starttls",) in sent or use_ssl
    assert ("login", "register") in sent


def test_a_message_that_forgets_its_recipient_is_sent_once_and_then_holds_no_address(app):
    with app.app_context():
        first = outbox.queue("een@example.org", "Onderwerp", "Tekst", forget_recipient=True)
        second = outbox.queue("een@example.org", "Onderwerp", "Tekst", forget_recipient=True)
        db.session.commit()
        assert first.key != second.key  # each request is its own message
        assert outbox.send_pending() == (2, 0)
        assert outbox.send_pending() == (0, 0)
        assert {m.recipient for m in db.session.scalars(select(OutboxMessage))} == {""}
