"""An own question the bank already holds: the builder suggests the bank's question, the
person takes it or keeps their own with one button, and nothing they typed is lost."""

from __future__ import annotations

import pytest
from questionnaire_helpers import text_of
from sqlalchemy import select

from register.extensions import db
from register.questionnaire.models import Question
from register.questionnaire.services.catalogue import load_bank
from register.questionnaire.services.suggestions import similar_questions, words
from register.questionnaire.state import ListState

OWN = "/vragenlijst/stap/eigen-vragen"


@pytest.fixture
def pet(app):
    """The bank's question about a pet (samen-08), as the bank words it."""
    with app.app_context():
        return db.session.scalar(select(Question).filter_by(key="samen-08")).text_nl


def _to_own_questions(visitor, themes=("dagindeling",)):
    visitor.post("/vragenlijst/begin")
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    visitor.post("/vragenlijst/stap/situatie", {"betaling": "pgb", "soort": "unknown"})
    visitor.post("/vragenlijst/stap/themas", {"thema": list(themes)})
    return visitor.post("/vragenlijst/stap/vragen", {"vraag": ["dag-01"]})


def _add(visitor, text, action="toevoegen"):
    return visitor.post(OWN, {"vraag": text, "actie": action})


def _review(visitor):
    visitor.post(OWN, {"actie": "verder"})
    return visitor.post("/vragenlijst/stap/volgorde", {"actie": "verder"})


def test_a_cat_question_suggests_the_pet_question_and_keeps_the_own_one(visitor, pet):
    _to_own_questions(visitor)
    page = _add(visitor, "Mag mijn kat mee?")
    assert page.request.path == OWN
    assert page.request.args["voorstel"] == "eigen-1"
    text = text_of(page)
    assert "Je vraag staat op je lijst." in text
    assert "Deze vraag staat misschien al in onze lijst" in text
    assert pet in text
    assert "Jouw eigen vragen Mag mijn kat mee?" in text
    html = page.get_data(as_text=True)
    assert 'value="neem:eigen-1:samen-08"' in html
    assert 'value="houd"' in html


def test_taking_the_bank_question_replaces_the_own_one(visitor, pet):
    _to_own_questions(visitor)
    _add(visitor, "Mag mijn kat mee?")
    page = visitor.post(OWN, {"actie": "neem:eigen-1:samen-08"})
    assert "staat nu op je lijst, in plaats van jouw vraag" in text_of(page)
    assert "Jouw eigen vragen" not in text_of(page)
    review = text_of(_review(visitor))
    assert pet in review  # its theme came with it
    assert "Mag mijn kat mee?" not in review


def test_keeping_the_own_question_changes_nothing(visitor, pet):
    _to_own_questions(visitor)
    _add(visitor, "Mag mijn kat mee?")
    page = visitor.post(OWN, {"actie": "houd"})
    assert "Je eigen vraag blijft op je lijst." in text_of(page)
    assert pet not in text_of(page)
    review = text_of(_review(visitor))
    assert "Mag mijn kat mee?" in review
    assert pet not in review


def test_going_on_with_a_known_question_shows_the_suggestion_first(visitor, pet):
    _to_own_questions(visitor)
    page = _add(visitor, "Mag mijn hond mee?", action="verder")
    assert page.request.path == OWN
    assert pet in text_of(page)
    assert "Mag mijn hond mee?" in text_of(page)


def test_a_question_the_bank_does_not_hold_goes_on_as_before(visitor):
    _to_own_questions(visitor)
    page = _add(visitor, "Is er een tuin?")
    assert "voorstel" not in page.request.args
    assert "Deze vraag staat misschien al in onze lijst" not in text_of(page)


def test_empty_or_too_long_questions_get_a_message_and_keep_the_text(visitor):
    _to_own_questions(visitor)
    assert "Typ eerst je vraag." in text_of(_add(visitor, "   "))
    long_text = "Mag mijn kat mee? " * 40
    page = _add(visitor, long_text)
    assert page.status_code == 200
    assert "Maak hem korter" in text_of(page)
    assert "Mag mijn kat mee? Mag mijn kat mee?" in page.get_data(as_text=True)


def test_punctuation_only_is_added_without_a_suggestion(visitor):
    _to_own_questions(visitor)
    page = _add(visitor, "?!?... ;-)")
    assert page.status_code == 200
    assert "Deze vraag staat misschien al in onze lijst" not in text_of(page)


def test_html_is_shown_as_text_and_still_matched(visitor, pet):
    _to_own_questions(visitor)
    page = _add(visitor, "Mag mijn <b>kat</b> mee?")
    html = page.get_data(as_text=True)
    assert "<b>kat</b>" not in html
    assert "&lt;b&gt;kat&lt;/b&gt;" in html
    assert pet in text_of(page)
    page = _add(visitor, "<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in page.get_data(as_text=True)


def test_forged_take_actions_change_nothing(visitor):
    _to_own_questions(visitor)
    _add(visitor, "Mag mijn kat mee?")
    for action in (
        "neem:eigen-1:dag-02",  # a bank question, but not a suggestion for this one
        "neem:eigen-9:samen-08",
        "neem:eigen-1:bestaat-niet",
        "neem:",
        "neem:<script>:x",
    ):
        page = visitor.post(OWN, {"actie": action})
        assert page.status_code == 200
        assert "Deze vraag kunnen we niet meer ruilen." in text_of(page)
    assert "Mag mijn kat mee?" in text_of(page)


def test_a_forged_suggestion_address_is_ignored(visitor):
    _to_own_questions(visitor)
    _add(visitor, "Mag mijn kat mee?")
    for ref in ("<script>", "eigen-99", "x" * 5000):
        page = visitor.get(f"{OWN}?voorstel={ref}")
        assert page.status_code == 200
        assert "Deze vraag staat misschien al in onze lijst" not in text_of(page)


def test_matching_uses_stems_and_a_few_synonyms(app):
    with app.app_context():
        bank, state = load_bank(), ListState(audience="self", funding="pgb", kind="unknown")
        assert words("Mag mijn kat mee?") == {"huisdier"}
        assert [q.key for q in similar_questions("Can my cat come?", state, bank)] == ["samen-08"]
        assert similar_questions("Mag mijn vriend blijven slapen?", state, bank)
        for text in ("", "???", "mag ik", "x" * 10_000):
            assert similar_questions(text, state, bank) == []
