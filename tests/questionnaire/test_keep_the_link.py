"""Keeping the link to a saved list: shown with a copy button and a QR code, printed on the
list's documents, and mailed once on request without the address being kept."""

from __future__ import annotations

import logging
import re

import pytest
from questionnaire_helpers import build_list, pdf_text, save, text_of
from sqlalchemy import inspect, select, text

from register.extensions import db, limiter
from register.mail.models import OutboxMessage
from register.mail.outbox import send_pending
from register.questionnaire.qr import qr_modules, qr_svg

ADDRESS = "sanne.de.vries@example.org"


def _saved(visitor) -> str:
    build_list(visitor)
    return save(visitor)[1]


def _mail(visitor, token, address=ADDRESS, **kwargs):
    return visitor.post(f"/vragenlijst/l/{token}/mail", {"email": address}, **kwargs)


def _outbox(app) -> list[OutboxMessage]:
    with app.app_context():
        messages = db.session.scalars(select(OutboxMessage)).all()
        db.session.expunge_all()
        return messages


def _rows_holding(app, needle: str) -> list[str]:
    """Every table and column whose stored text contains ``needle``."""
    found = []
    with app.app_context():
        for table in db.metadata.sorted_tables:
            names = [c["name"] for c in inspect(db.engine).get_columns(table.name)]
            for row in db.session.execute(text(f'SELECT * FROM "{table.name}"')):
                found += [
                    f"{table.name}.{n}" for n, v in zip(names, row, strict=True) if needle in str(v)
                ]
    return found


def test_the_saved_page_offers_the_link_a_copy_button_and_a_qr_code(visitor):
    token = _saved(visitor)
    page = visitor.get(f"/vragenlijst/l/{token}")
    html = page.get_data(as_text=True)
    link = f"http://localhost/vragenlijst/l/{token}"
    assert f'<a id="lijst-link" href="{link}">{link}</a>' in html
    # The copy button waits for JavaScript: hidden in the HTML itself.
    assert re.search(
        r'<p class="copy-link" hidden>\s*<button[^>]*data-copy-from="lijst-link"', html
    )
    assert 'role="status"' in html
    assert "js/copy-link.js" in html
    qr = re.search(r"<svg[^>]*class=\"qr\"[^>]*>", html).group(0)
    assert 'role="img"' in qr and 'aria-label="QR-code met de link naar deze vragenlijst"' in qr
    text = text_of(page)
    assert "Scan deze code met de camera van je telefoon." in text
    assert "Mail deze link naar mij" in text
    assert "We bewaren je e-mailadres niet: alleen tot de mail verstuurd is." in text


def test_the_link_is_mailed_once_and_the_address_is_kept_nowhere_else(app, visitor, caplog):
    token = _saved(visitor)
    response = _mail(visitor, token, follow=False)
    assert response.status_code == 302
    assert ADDRESS not in response.headers["Location"]
    assert response.headers["Location"].endswith(f"/vragenlijst/l/{token}")
    page = visitor.get(response.headers["Location"])
    assert "We hebben de link gemaild." in text_of(page)
    assert ADDRESS not in page.get_data(as_text=True)

    [message] = _outbox(app)
    assert message.recipient == ADDRESS
    assert f"/vragenlijst/l/{token}" in message.body
    assert message.subject == "De link naar je vragenlijst"
    assert _rows_holding(app, ADDRESS) == ["outbox_message.recipient"]

    with caplog.at_level(logging.INFO), app.app_context():
        assert send_pending() == (1, 0)
        assert send_pending() == (0, 0)  # sent once
    assert ADDRESS not in caplog.text
    assert _rows_holding(app, ADDRESS) == []
    [sent] = _outbox(app)
    assert sent.sent_at is not None and sent.recipient == ""


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "Vul je e-mailadres in."),
        ("sanne-at-example", "Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        ("a" * 5000 + "@example.org", "Dit e-mailadres is te lang."),
        ("sanne@example.org\r\nBcc: iedereen@example.org", "Vul een e-mailadres in zoals"),
    ],
)
def test_a_bad_address_gets_a_message_and_no_mail(app, visitor, address, message):
    token = _saved(visitor)
    page = _mail(visitor, token, address)
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    assert "<title>Fout:" in html
    assert message in text_of(page)
    assert 'class="error-summary"' in html and 'href="#email"' in html
    assert _outbox(app) == []


def test_without_csrf_token_nothing_is_sent(app, client, visitor):
    token = _saved(visitor)
    response = client.post(f"/vragenlijst/l/{token}/mail", data={"email": ADDRESS})
    assert response.status_code == 400
    assert _outbox(app) == []


def test_a_huge_post_is_refused(app, visitor):
    token = _saved(visitor)
    response = _mail(visitor, token, "x" * (3 * 1024 * 1024))
    assert response.status_code == 413
    assert _outbox(app) == []


def test_an_unknown_link_mails_nothing(app, visitor):
    visitor.get("/vragenlijst/")
    response = _mail(visitor, "x" * 43)
    assert response.status_code == 404
    assert _outbox(app) == []


@pytest.fixture
def low_mail_limit(app):
    saved = app.config["QUESTIONLIST_MAIL_RATE_LIMIT"]
    app.config["QUESTIONLIST_MAIL_RATE_LIMIT"] = "2 per minute"
    limiter.reset()
    yield
    app.config["QUESTIONLIST_MAIL_RATE_LIMIT"] = saved
    limiter.reset()


def test_repeated_sends_are_limited_with_a_message(app, visitor, low_mail_limit):
    token = _saved(visitor)
    statuses = [_mail(visitor, token, follow=False).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    page = _mail(visitor, token)
    assert page.status_code == 429
    assert "Je hebt de link in korte tijd te vaak gemaild." in text_of(page)
    assert len(_outbox(app)) == 2


def test_the_saved_lists_documents_carry_the_link(app, visitor):
    token = _saved(visitor)
    link = f"http://localhost/vragenlijst/l/{token}"
    printed = visitor.get(f"/vragenlijst/l/{token}/afdrukken").get_data(as_text=True)
    assert f'<a href="{link}">{link}</a>' in printed
    assert 'class="qr"' in printed
    pdf = visitor.get(f"/vragenlijst/l/{token}.pdf")
    assert pdf.status_code == 200
    unpacked = pdf_text(pdf.data)
    assert f"/URI ({link})".encode() in unpacked
    assert b"/Alt (QR-code met de link naar deze vragenlijst)" in unpacked
    assert link in visitor.get(f"/vragenlijst/l/{token}.txt").get_data(as_text=True)


def test_an_unsaved_lists_documents_have_no_link(visitor):
    build_list(visitor)
    printed = visitor.get("/vragenlijst/mijn-lijst/afdrukken").get_data(as_text=True)
    assert 'class="qr"' not in printed and "/vragenlijst/l/" not in printed


def test_the_qr_codes_strokes_cover_exactly_the_codes_dark_modules(app):
    link = "https://register.example.org/vragenlijst/l/" + "x" * 43
    with app.test_request_context():
        svg = str(qr_svg(link))
    modules = qr_modules(link)
    size = len(modules)
    assert f'viewBox="0 0 {size} {size}"' in svg
    path = re.search(r'<path d="([^"]+)"', svg).group(1)
    drawn = set()
    for x, y, length in re.findall(r"M(\d+) (\d+)\.5h(\d+)", path):
        drawn |= {(int(x) + i, int(y)) for i in range(int(length))}
    assert len(re.findall("M", path)) == len(re.findall(r"M\d+ \d+\.5h\d+", path))
    dark = {(x, y) for y, row in enumerate(modules) for x, is_dark in enumerate(row) if is_dark}
    assert drawn == dark
