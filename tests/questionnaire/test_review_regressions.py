"""Regressions found in review: deleting leaves nothing behind, forged and stale forms do no
harm, a full session loses nothing, a bad form token keeps the notes, a saved list stays while
it is used, and saving twice makes one list."""

from __future__ import annotations

import random
import re
import string
from datetime import timedelta

from conftest import Visitor
from questionnaire_helpers import build_list, save, text_of
from sqlalchemy import func, select

from register.entries.models import Requirement, utcnow
from register.extensions import db
from register.questionnaire.models import Conversation, ConversationAnswer, SavedList
from register.questionnaire.services import catalogue, conversations, saved_lists
from register.questionnaire.state import MAX_OWN_QUESTIONS


def _counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (SavedList, Conversation, ConversationAnswer)
        )


def _list_with_answers(visitor) -> str:
    build_list(visitor, themes=("geld",))
    _response, token = save(visitor)
    visitor.post(f"/vragenlijst/l/{token}/gesprek", {"initiatief": "Huis A"})
    visitor.post(
        f"/vragenlijst/l/{token}/gesprek/1",
        {"status-geld-05": "not_fine", "notitie-geld-05": "notitie over Huis A"},
    )
    return token


def _expire_all(app) -> None:
    with app.app_context():
        for saved in db.session.scalars(select(SavedList)):
            saved.expires_at = utcnow() - timedelta(days=1)
        db.session.commit()


def test_deleting_a_list_leaves_no_conversations_or_answers(app, visitor):
    token = _list_with_answers(visitor)
    assert _counts(app) == (1, 1, 1)
    visitor.post(f"/vragenlijst/l/{token}/verwijderen")
    assert _counts(app) == (0, 0, 0)


def test_opening_an_expired_list_deletes_its_conversations_and_answers(app, visitor):
    token = _list_with_answers(visitor)
    _expire_all(app)
    assert visitor.get(f"/vragenlijst/l/{token}").status_code == 404
    assert _counts(app) == (0, 0, 0)


def test_purging_expired_lists_deletes_their_conversations_and_answers(app, visitor, runner):
    _list_with_answers(visitor)
    _expire_all(app)
    result = runner.invoke(args=["questionnaire", "purge-expired"])
    assert "1 expired question lists deleted." in result.output
    assert _counts(app) == (0, 0, 0)


def test_a_new_list_never_shows_notes_of_a_deleted_one(app, visitor):
    token = _list_with_answers(visitor)
    visitor.post(f"/vragenlijst/l/{token}/verwijderen")
    other = Visitor(app.test_client())
    build_list(other, themes=("geld",))
    _response, other_token = save(other)
    page = text_of(other.get(f"/vragenlijst/l/{other_token}/vergelijking"))
    assert "Huis A" not in page
    assert "notitie over Huis A" not in page


def test_a_removed_conversation_is_not_reached_by_its_old_address(visitor):
    token = _list_with_answers(visitor)
    visitor.post(f"/vragenlijst/l/{token}/gesprek", {"initiatief": "Huis B"})
    stale_form = visitor.get(f"/vragenlijst/l/{token}/gesprek/2")
    assert "Antwoorden van Huis B" in text_of(stale_form)
    visitor.post(f"/vragenlijst/l/{token}/gesprek/2/verwijderen")
    added = visitor.post(f"/vragenlijst/l/{token}/gesprek", {"initiatief": "Huis C"})
    assert added.request.path == f"/vragenlijst/l/{token}/gesprek/3"
    # The other tab still shows Huis B's form, and its remove confirmation.
    late = visitor.post(
        f"/vragenlijst/l/{token}/gesprek/2",
        {"status-geld-05": "fine", "notitie-geld-05": "antwoord van Huis B"},
    )
    assert late.status_code == 404
    assert "Dit gesprek staat niet (meer) bij je lijst." in text_of(late)
    assert visitor.post(f"/vragenlijst/l/{token}/gesprek/2/verwijderen").status_code == 404
    page = visitor.get(f"/vragenlijst/l/{token}/gesprek/3")
    assert "antwoord van Huis B" not in page.get_data(as_text=True)
    assert "Antwoorden van Huis C" in text_of(page)


def test_a_forged_move_cannot_inject_a_header(visitor):
    build_list(visitor, themes=("geld",))
    response = visitor.post(
        "/vragenlijst/stap/volgorde", {"actie": "up:x\r\nSet-Cookie: a=b"}, follow=False
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/vragenlijst/stap/volgorde"
    assert "a=b" not in response.headers.get("Set-Cookie", "")
    moved = visitor.post("/vragenlijst/stap/volgorde", {"actie": "down:geld-05"}, follow=False)
    assert moved.headers["Location"] == "/vragenlijst/stap/volgorde#item-geld-05"


def _nearly_full(visitor, app) -> list[str]:
    """All questions of all themes and long own questions, until the session is full."""
    visitor.get("/vragenlijst/")
    visitor.post("/vragenlijst/begin")
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": "representative"})
    visitor.post("/vragenlijst/stap/situatie", {"betaling": "unknown", "soort": "unknown"})
    with app.app_context():
        themes = catalogue.load_bank().theme_keys()
    page = visitor.post("/vragenlijst/stap/themas", {"thema": themes})
    every = re.findall(r'name="vraag" value="([^"]+)"', page.get_data(as_text=True))
    visitor.post("/vragenlijst/stap/vragen", {"vraag": every})
    letters = random.Random(5)
    full = False
    for _n in range(MAX_OWN_QUESTIONS):
        text = "".join(letters.choice(string.ascii_letters) for _ in range(290))
        page = visitor.post("/vragenlijst/stap/eigen-vragen", {"vraag": text, "actie": "toevoegen"})
        if "te groot" in text_of(page):
            full = True
            assert text in page.get_data(as_text=True)  # the typed text is still there
            break
    assert full
    return every


def test_a_full_list_keeps_what_was_chosen_and_says_so(app, visitor):
    every = _nearly_full(visitor, app)
    page = visitor.post("/vragenlijst/stap/eigen-vragen", {"actie": "verder"})
    assert page.request.path == "/vragenlijst/stap/volgorde"
    assert len(re.findall(r'name="belangrijk" value="([^"]+)"', page.get_data(as_text=True))) > len(
        every
    )
    # Ticking every question as important would no longer fit: the form comes back as sent.
    refs = re.findall(r'name="belangrijk" value="([^"]+)"', page.get_data(as_text=True))
    page = visitor.post("/vragenlijst/stap/volgorde", {"actie": "verder", "belangrijk": refs})
    html = page.get_data(as_text=True)
    if "te groot" in text_of(page):
        assert 'id="te-groot"' in html
        assert all(f'value="{ref}" checked' in html for ref in refs)
    else:
        assert page.request.path == "/vragenlijst/stap/controleren"
    page = visitor.post("/vragenlijst/stap/volgorde", {"actie": "verder"})
    assert page.request.path == "/vragenlijst/stap/controleren"
    assert page.status_code == 200


def test_a_list_that_is_opened_stays_longer(app, visitor):
    build_list(visitor, themes=("geld",))
    _response, token = save(visitor)
    with app.app_context():
        saved = db.session.scalar(select(SavedList))
        saved.expires_at = utcnow() + timedelta(days=3)
        db.session.commit()
    visitor.get(f"/vragenlijst/l/{token}")
    with app.app_context():
        saved = db.session.scalar(select(SavedList))
        left = saved_lists.as_utc(saved.expires_at) - utcnow()
    assert left > timedelta(days=app.config["QUESTIONLIST_RETENTION_DAYS"] - 1)


def test_a_bad_form_token_keeps_the_typed_notes(visitor):
    build_list(visitor, themes=("geld",))
    _response, token = save(visitor)
    visitor.post(f"/vragenlijst/l/{token}/gesprek", {"initiatief": "Huis A"})
    page = visitor.client.post(
        f"/vragenlijst/l/{token}/gesprek/1",
        data={
            "csrf_token": "verlopen",
            "status-geld-05": "unclear",
            "notitie-geld-05": "Lang verhaal over de pot",
        },
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Lang verhaal over de pot" in html
    assert 'value="unclear" checked' in html
    assert "Druk nog een keer op de knop om te bewaren." in text_of(page)
    assert 'id="opnieuw-bewaren"' in html
    with visitor.client.application.app_context():
        assert db.session.scalar(select(func.count()).select_from(ConversationAnswer)) == 0
    # The page carries a fresh token: pressing save again stores the notes.
    visitor._remember_token(page)
    visitor.post(
        f"/vragenlijst/l/{token}/gesprek/1",
        {"status-geld-05": "unclear", "notitie-geld-05": "Lang verhaal over de pot"},
    )
    assert "Lang verhaal over de pot" in text_of(
        visitor.get(f"/vragenlijst/l/{token}/vergelijking")
    )


def test_other_forms_still_refuse_a_bad_token(visitor):
    build_list(visitor, themes=("geld",))
    response = visitor.client.post("/vragenlijst/bewaar", data={"csrf_token": "verlopen"})
    assert response.status_code == 400


def test_editing_a_saved_list_asks_before_replacing_unsaved_work(app, visitor):
    build_list(visitor, themes=("geld",), own=("Eerste lijst vraag?",))
    _response, token = save(visitor)
    visitor.post("/vragenlijst/begin")
    build_list(visitor, themes=("eten",), own=("Mag mijn kat mee?",))
    visitor.get(f"/vragenlijst/l/{token}")
    page = visitor.post(f"/vragenlijst/l/{token}/bewerken")
    assert "Wil je de lijst die je nu maakt vervangen?" in text_of(page)
    assert "Mag mijn kat mee?" in text_of(visitor.get("/vragenlijst/mijn-lijst"))
    visitor.get(f"/vragenlijst/l/{token}")
    page = visitor.post(f"/vragenlijst/l/{token}/bewerken", {"bevestigd": "ja"})
    assert page.request.path == "/vragenlijst/stap/controleren"
    assert "Eerste lijst vraag?" in text_of(page)


def test_editing_without_unsaved_work_asks_nothing(visitor):
    build_list(visitor, themes=("geld",))
    _response, token = save(visitor)
    page = visitor.post(f"/vragenlijst/l/{token}/bewerken")
    assert page.request.path == "/vragenlijst/stap/controleren"


def test_saving_twice_makes_one_list(app, visitor):
    build_list(visitor)
    cookie = visitor.client.get_cookie("session").value
    _response, first = save(visitor)
    visitor.client.set_cookie("session", cookie)  # the second click of a double click
    _response, second = save(visitor)
    assert first == second
    assert _counts(app)[0] == 1


def test_adding_past_the_limit_gives_a_message(app, visitor, monkeypatch):
    build_list(visitor, themes=("geld",))
    _response, token = save(visitor)

    def full(*_args, **_kwargs):
        raise conversations.ConversationLimit

    monkeypatch.setattr(conversations, "add_conversation", full)
    page = visitor.post(f"/vragenlijst/l/{token}/gesprek", {"initiatief": "Huis E"})
    assert page.status_code == 200
    assert "Je kunt niet meer dan 4 initiatieven vergelijken." in text_of(page)


def test_the_text_download_is_not_html_escaped(app, visitor):
    with app.app_context():
        requirement = db.session.scalar(
            select(Requirement).where(Requirement.key == "collective_share_known")
        )
        requirement.short_nl = "Geld van de groep & 'vooraf' weten"
        db.session.commit()
    build_list(visitor, themes=("geld",), own=("Mag de kat & hond 'mee'?",))
    text = visitor.get("/vragenlijst/mijn-lijst.txt").get_data(as_text=True)
    assert "Mag de kat & hond 'mee'?" in text
    assert "Gaat over: Geld van de groep & 'vooraf' weten" in text
    assert "&amp;" not in text
    assert "&#39;" not in text


def test_conversation_notes_have_names_of_their_own(visitor):
    build_list(visitor, themes=("geld",))
    _response, token = save(visitor)
    visitor.post(f"/vragenlijst/l/{token}/gesprek", {"initiatief": "Huis A"})
    html = visitor.get(f"/vragenlijst/l/{token}/gesprek/1").get_data(as_text=True)
    labels = re.findall(r'<label[^>]*for="notitie-[^"]+"[^>]*>(.*?)</label>', html, re.S)
    assert len(labels) > 1
    assert len(set(labels)) == len(labels)


def test_privacy_page_names_a_short_retention_in_days(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "QUESTIONLIST_RETENTION_DAYS", 30)
    text = text_of(client.get("/privacy"))
    assert "Gebruik je hem 30 dagen niet" in text
    assert "onomkeerbare code (hash)" in text
    assert "tot je de browser sluit" in text
    monkeypatch.setitem(app.config, "QUESTIONLIST_RETENTION_DAYS", 365)
    assert "Gebruik je hem 12 maanden niet" in text_of(client.get("/privacy"))
