"""A list made for someone else is worded for the representative: the steps speak of
"je naaste", and every question the builder shows takes its representative's wording."""

from __future__ import annotations

import pytest
from questionnaire_helpers import save, text_of
from sqlalchemy import select

from register.extensions import db
from register.questionnaire.models import Question

REP_TEXT = "Mag mijn naaste zelf weten hoe laat hij of zij opstaat?"


@pytest.fixture
def representative_wording(app):
    """dag-01 with a representative's wording; returns its first-person text."""
    with app.app_context():
        question = db.session.scalar(select(Question).filter_by(key="dag-01"))
        question.text_rep_nl = REP_TEXT
        db.session.commit()
        return question.text_nl


def _through_questions(visitor, audience):
    visitor.post("/vragenlijst/begin")
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": audience})
    situation = visitor.get("/vragenlijst/stap/situatie")
    visitor.post("/vragenlijst/stap/situatie", {"betaling": "pgb", "soort": "unknown"})
    questions = visitor.post("/vragenlijst/stap/themas", {"thema": ["dagindeling"]})
    visitor.post("/vragenlijst/stap/vragen", {"vraag": ["dag-01"]})
    visitor.post("/vragenlijst/stap/eigen-vragen", {"actie": "verder"})
    order = visitor.get("/vragenlijst/stap/volgorde")
    review = visitor.post("/vragenlijst/stap/volgorde", {"actie": "verder"})
    return situation, questions, order, review


def test_the_situation_step_speaks_of_the_person_helped(visitor):
    situation, *_pages = _through_questions(visitor, "representative")
    text = text_of(situation)
    assert "<h1>Situatie van je naaste</h1>" in situation.get_data(as_text=True)
    assert "Je naaste koopt de zorg zelf in" in text
    assert "Weet je nog niet waar je naaste gaat wonen?" in text
    assert "Jouw situatie" not in text
    assert "Je koopt je zorg zelf in" not in text


def test_for_oneself_the_steps_stay_in_the_first_person(visitor):
    situation, *_pages = _through_questions(visitor, "self")
    assert "<h1>Jouw situatie</h1>" in situation.get_data(as_text=True)
    assert "Je koopt je zorg zelf in" in text_of(situation)


def test_every_step_shows_the_representatives_wording(visitor, representative_wording):
    _situation, questions, order, review = _through_questions(visitor, "representative")
    for page in (questions, order, review):
        assert REP_TEXT in text_of(page)
        assert representative_wording not in text_of(page)
    result = visitor.post("/vragenlijst/stap/controleren", {"actie": "klaar"})
    assert result.request.path == "/vragenlijst/mijn-lijst"
    assert REP_TEXT in text_of(result)
    download = visitor.get("/vragenlijst/mijn-lijst.txt")
    assert REP_TEXT in download.get_data(as_text=True)


def test_a_list_for_oneself_keeps_the_first_person(visitor, representative_wording):
    _situation, questions, order, review = _through_questions(visitor, "self")
    for page in (questions, order, review):
        assert representative_wording in text_of(page)
        assert REP_TEXT not in text_of(page)


def test_a_saved_list_and_its_download_keep_the_representatives_wording(
    visitor, representative_wording
):
    _through_questions(visitor, "representative")
    visitor.post("/vragenlijst/stap/controleren", {"actie": "klaar"})
    saved, token = save(visitor)
    assert REP_TEXT in text_of(saved)
    download = visitor.get(f"/vragenlijst/l/{token}.txt")
    assert REP_TEXT in download.get_data(as_text=True)
