"""Forged, replayed, over-long and out-of-order input: a clear message, never a 500,
nothing lost of what the person entered."""

from __future__ import annotations

import random
import re
from datetime import timedelta

import pytest
from questionnaire_helpers import build_list, save, text_of
from sqlalchemy import select

from register.entries.models import utcnow
from register.extensions import db
from register.questionnaire.models import SavedList
from register.questionnaire.services import saved_lists


def _to_own_questions(visitor):
    build_list(visitor, themes=("geld",), own=())
    return visitor.get("/vragenlijst/stap/eigen-vragen")


def test_post_without_csrf_token_is_refused(client):
    response = client.post("/vragenlijst/begin", data={})
    assert response.status_code == 400
    assert "Het formulier was verlopen of niet geldig" in text_of(response)


def test_forged_csrf_token_is_refused(visitor):
    visitor.get("/vragenlijst/")
    visitor.csrf_token = "forged." + "x" * 40
    response = visitor.post("/vragenlijst/begin", follow=False)
    assert response.status_code == 400


def test_unknown_question_ids_are_ignored_with_a_message(visitor):
    visitor.post("/vragenlijst/begin")
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    visitor.post("/vragenlijst/stap/situatie", {"betaling": "pgb", "soort": "unknown"})
    visitor.post("/vragenlijst/stap/themas", {"thema": ["geld"]})
    page = visitor.post(
        "/vragenlijst/stap/vragen",
        {"vraag": ["geld-05", "bestaat-niet", "<script>", "dag-01"]},  # dag-01: theme not chosen
    )
    assert page.status_code == 200
    assert "We hebben ze overgeslagen." in text_of(page)
    assert "<script>" not in page.get_data(as_text=True)
    visitor.post("/vragenlijst/stap/eigen-vragen", {"actie": "verder"})
    result = text_of(visitor.post("/vragenlijst/stap/controleren"))
    assert "Mag ik zelf weten hoe laat ik opsta?" not in result


def test_unknown_theme_is_ignored_with_a_message(visitor):
    visitor.post("/vragenlijst/begin")
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    visitor.post("/vragenlijst/stap/situatie", {"betaling": "pgb", "soort": "unknown"})
    page = visitor.post("/vragenlijst/stap/themas", {"thema": ["geld", "hack"]})
    assert page.request.path == "/vragenlijst/stap/vragen"
    assert "Een onderwerp dat je stuurde kennen we niet." in text_of(page)


def test_forged_situation_values_give_errors(visitor):
    visitor.post("/vragenlijst/begin")
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": "admin"})
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    page = visitor.post("/vragenlijst/stap/situatie", {"betaling": "bitcoin", "soort": "x"})
    text = text_of(page)
    assert "Kies hoe de zorg wordt betaald" in text
    assert "Kies wie het initiatief heeft opgezet" in text


def test_overlong_own_question_is_kept_with_an_error(visitor):
    _to_own_questions(visitor)
    question = "Mag ik " + "heel " * 58 + "lang?"  # 301 characters
    question = question[:300] + "?"
    assert len(question) == 301
    page = visitor.post("/vragenlijst/stap/eigen-vragen", {"vraag": question, "actie": "toevoegen"})
    text = text_of(page)
    assert "Je vraag is 301 tekens lang. Maak hem korter: niet meer dan 300 tekens." in text
    assert f">{question}</textarea>" in page.get_data(as_text=True)
    assert "<title>Fout:" in page.get_data(as_text=True)


def test_the_hint_states_the_limits(visitor):
    page = _to_own_questions(visitor)
    assert "niet meer dan 10 eigen vragen" in text_of(page)
    assert "niet meer dan 300 tekens" in text_of(page)


def test_text_typed_before_pressing_continue_is_added(visitor):
    _to_own_questions(visitor)
    page = visitor.post(
        "/vragenlijst/stap/eigen-vragen", {"vraag": "Mag ik roken?", "actie": "verder"}
    )
    assert page.request.path == "/vragenlijst/stap/controleren"
    assert "Mag ik roken?" in text_of(page)


def test_thousand_own_questions_at_once_are_capped(visitor):
    _to_own_questions(visitor)
    questions = [f"Vraag nummer {n}?" for n in range(1000)]
    page = visitor.post(
        "/vragenlijst/stap/eigen-vragen", {"vraag": questions, "actie": "toevoegen"}
    )
    assert page.status_code == 200
    text = text_of(page)
    assert (
        "Je kunt niet meer dan 10 eigen vragen hebben. "
        "We hebben er 10 toegevoegd, de andere 990 niet." in text
    )
    assert "Vraag nummer 9?" in text and "Vraag nummer 10?" not in text
    again = visitor.post(
        "/vragenlijst/stap/eigen-vragen", {"vraag": "Nog een?", "actie": "toevoegen"}
    )
    assert "Je hebt al 10 eigen vragen." in text_of(again)


def test_long_own_questions_that_would_overflow_the_session_are_refused_kindly(visitor):
    _to_own_questions(visitor)
    # Random characters outside ASCII do not compress and take six bytes each in the cookie.
    shuffle = random.Random(7)
    texts = ["".join(chr(shuffle.randint(0x4E00, 0x9FFF)) for _ in range(300)) for _ in range(10)]
    for text in texts:
        page = visitor.post("/vragenlijst/stap/eigen-vragen", {"vraag": text, "actie": "toevoegen"})
        assert page.status_code == 200
        if "te groot geworden om te onthouden" in text_of(page):
            break
    else:
        pytest.fail("the session limit was never reached")
    assert f">{text}</textarea>" in page.get_data(as_text=True)
    assert len(visitor.client.get_cookie("session").value) < 4000


def test_tampered_step_order_goes_to_the_first_missing_step(visitor):
    visitor.post("/vragenlijst/begin")
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    page = visitor.get("/vragenlijst/stap/volgorde")
    assert page.request.path == "/vragenlijst/stap/situatie"
    assert "Maak eerst deze stap af." in text_of(page)
    page = visitor.post("/vragenlijst/stap/controleren")
    assert page.request.path == "/vragenlijst/stap/situatie"


def test_later_step_without_any_session_starts_at_the_beginning(client):
    page = client.get("/vragenlijst/stap/vragen", follow_redirects=True)
    assert page.request.path == "/vragenlijst/stap/voor-wie"
    assert client.get("/vragenlijst/mijn-lijst", follow_redirects=True).request.path == (
        "/vragenlijst/"
    )


def test_unknown_step_is_404(client):
    assert client.get("/vragenlijst/stap/bestaat-niet").status_code == 404


def test_replayed_move_and_remove_do_not_crash(visitor):
    build_list(visitor, themes=("geld",), own=("Mag mijn kat mee?",))
    visitor.post("/vragenlijst/stap/eigen-vragen", {"actie": "verwijder:eigen-1"})
    again = visitor.post("/vragenlijst/stap/eigen-vragen", {"actie": "verwijder:eigen-1"})
    assert "Deze vraag stond al niet meer op je lijst." in text_of(again)
    moved = visitor.post("/vragenlijst/stap/volgorde", {"actie": "up:eigen-1"})
    assert moved.status_code == 200
    assert "Deze vraag kan niet verder die kant op." in text_of(moved)
    odd = visitor.post("/vragenlijst/stap/volgorde", {"actie": "sideways:geld-05"})
    assert odd.status_code == 200


def test_saving_twice_after_deletion_makes_a_new_list(visitor):
    build_list(visitor)
    _page, token = save(visitor)
    visitor.post(f"/vragenlijst/l/{token}/verwijderen")
    _page, new_token = save(visitor)
    assert new_token != token


def test_token_is_long_random_and_url_safe(visitor, app):
    build_list(visitor)
    _page, token = save(visitor)
    assert len(token) >= 43  # 32 random bytes = 256 bits
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    with app.app_context():
        stored = db.session.scalars(select(SavedList.token_hash)).all()
    assert stored == [saved_lists.hash_token(token)]
    assert token not in stored[0]


def test_unknown_and_malformed_links_give_a_friendly_404(client):
    for token in ("x" * 43, "ü" * 10, "y" * 500, "x.pdf", "x.txt", "<b>"):
        response = client.get(f"/vragenlijst/l/{token}")
        assert response.status_code == 404
        assert "Deze vragenlijst bestaat niet (meer)" in text_of(response)


def test_expired_list_is_gone_and_deleted(visitor, app):
    build_list(visitor)
    _page, token = save(visitor)
    with app.app_context():
        saved = db.session.scalar(select(SavedList))
        saved.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    response = app.test_client().get(f"/vragenlijst/l/{token}")
    assert response.status_code == 404
    with app.app_context():
        assert db.session.scalar(select(SavedList)) is None


def test_purge_command_deletes_only_expired_lists(visitor, app, runner):
    build_list(visitor)
    save(visitor)
    visitor.client.delete_cookie("session")
    build_list(visitor)
    _page, kept = save(visitor)
    with app.app_context():
        first = db.session.scalar(select(SavedList).order_by(SavedList.id))
        first.expires_at = utcnow() - timedelta(days=1)
        db.session.commit()
    result = runner.invoke(args=["questionnaire", "purge-expired"])
    assert "1 expired question lists deleted." in result.output
    assert app.test_client().get(f"/vragenlijst/l/{kept}").status_code == 200


def test_saved_list_expires_after_the_configured_period(visitor, app):
    build_list(visitor)
    save(visitor)
    with app.app_context():
        saved = db.session.scalar(select(SavedList))
        days = (saved_lists.as_utc(saved.expires_at) - utcnow()).days
    assert days in (
        app.config["QUESTIONLIST_RETENTION_DAYS"] - 1,
        app.config["QUESTIONLIST_RETENTION_DAYS"],
    )


def test_unknown_download_format_is_404(visitor):
    build_list(visitor)
    assert visitor.get("/vragenlijst/mijn-lijst.exe").status_code == 404
