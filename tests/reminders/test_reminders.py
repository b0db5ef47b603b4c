"""`flask reminders send`: editors hear at 11 and 12 months without confirmation, once."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from register.accounts.roles import RoleName
from register.entries.services import withdraw
from register.extensions import db
from register.mail.models import OutboxMessage
from tests.factories import make_account, make_initiative

CONFIRMED = date(2025, 1, 15)


def run(runner, day: date) -> str:
    result = runner.invoke(args=["reminders", "send", "--today", day.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def mails() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


@pytest.fixture
def linde(app_context):
    initiative = make_initiative(name="De Linde", slug="de-linde", last_confirmed_on=CONFIRMED)
    make_account(RoleName.EDITOR, email="anna@linde.nl", initiatives=[initiative])
    make_account(RoleName.EDITOR, email="bram@linde.nl", initiatives=[initiative])
    db.session.commit()
    return initiative


def test_reminders_at_11_and_12_months_each_exactly_once(runner, linde):
    run(runner, date(2025, 12, 14))
    assert mails() == []

    for _ in range(2):  # the second run, or a second server, sends nothing more
        run(runner, date(2025, 12, 15))
    first = mails()
    assert sorted(m.recipient for m in first) == ["anna@linde.nl", "bram@linde.nl"]
    assert all(m.subject == "Kloppen de gegevens van De Linde nog?" for m in first)

    run(runner, date(2026, 1, 15))  # twelve months to the day: not stale yet
    assert len(mails()) == 2

    output = run(runner, date(2026, 1, 16))
    assert "reminder 12 months: de-linde to anna@linde.nl" in output
    run(runner, date(2026, 1, 16))
    run(runner, date(2026, 2, 20))
    later = mails()[2:]
    assert len(later) == 2
    assert all("12 maanden niet bevestigd" in m.subject for m in later)


def test_the_mail_says_what_to_do_and_links_to_the_portal(runner, linde, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://register.example.nl/")
    run(runner, date(2025, 12, 15))
    body = mails()[0].body
    assert "bevestigd op 15 januari 2025" in body
    assert "Bevestig ze vóór 16 januari 2026" in body
    assert '"Niet bevestigd sinds 15 januari 2025"' in body
    assert "1. Log in op het portaal van het register: https://register.example.nl/portaal" in body

    run(runner, date(2026, 1, 16))
    body = mails()[-1].body
    assert 'Daarom staat op de openbare pagina nu: "Niet bevestigd sinds 15 januari 2025"' in body


def test_without_a_public_address_the_mail_gives_the_path(runner, linde):
    run(runner, date(2025, 12, 15))
    assert "portaal van het register: /portaal\n" in mails()[0].body


def test_a_new_confirmation_starts_a_new_count(runner, linde):
    run(runner, date(2026, 1, 16))
    assert len(mails()) == 2  # overdue: only the last reminder, not both
    linde = db.session.merge(linde)
    linde.last_confirmed_on = date(2026, 1, 20)
    db.session.commit()

    run(runner, date(2026, 6, 1))
    assert len(mails()) == 2
    run(runner, date(2026, 12, 20))
    assert len(mails()) == 4


def test_no_editor_no_mail_and_the_output_says_so(runner, app_context):
    make_initiative(name="Alleen", slug="alleen", last_confirmed_on=CONFIRMED)
    db.session.commit()

    output = run(runner, date(2026, 2, 1))
    assert "no editor: alleen (12 months)" in output
    assert mails() == []


def test_recently_confirmed_withdrawn_and_inactive_get_nothing(runner, app_context):
    fresh = make_initiative(slug="vers", last_confirmed_on=date(2025, 11, 1))
    gone = make_initiative(slug="weg", last_confirmed_on=CONFIRMED)
    withdraw(gone, "Gestopt.", date(2025, 6, 1))
    quiet = make_initiative(slug="stil", last_confirmed_on=CONFIRMED)
    make_account(RoleName.EDITOR, initiatives=[fresh, gone])
    former = make_account(RoleName.EDITOR, initiatives=[quiet])
    former.active = False
    db.session.commit()

    output = run(runner, date(2026, 2, 1))
    assert mails() == []
    assert "no editor: stil" in output


def test_an_entry_never_confirmed_gets_one_reminder(runner, app_context):
    never = make_initiative(name="Nooit", slug="nooit", last_confirmed_on=None)
    make_account(RoleName.EDITOR, email="c@nooit.nl", initiatives=[never])
    db.session.commit()

    run(runner, date(2026, 2, 1))
    run(runner, date(2026, 3, 1))
    sent = mails()
    assert [m.subject for m in sent] == ["Bevestig de gegevens van Nooit"]
    assert "nog nooit bevestigd" in sent[0].body
