"""The review step shows which of the seven requirements the list does not yet ask about,
and adds one plain question for each with a single tick (no JavaScript needed)."""

from __future__ import annotations

import re

from questionnaire_helpers import text_of
from sqlalchemy import select

from register.entries.models import Requirement
from register.extensions import db
from register.questionnaire.models import Question
from register.questionnaire.services import coverage
from register.questionnaire.services.catalogue import load_bank, requirements
from register.questionnaire.services.steps import applies
from register.questionnaire.state import ListState

REVIEW = "/vragenlijst/stap/controleren"


def _list_without_bank_questions(visitor, funding="pgb", audience="self"):
    """A list with one own question and no bank question: it asks about no requirement."""
    visitor.post("/vragenlijst/begin")
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": audience})
    visitor.post("/vragenlijst/stap/situatie", {"betaling": funding, "soort": "unknown"})
    visitor.post("/vragenlijst/stap/themas", {"thema": ["samenwonen"]})
    visitor.post("/vragenlijst/stap/vragen", {})
    visitor.post("/vragenlijst/stap/eigen-vragen", {"vraag": "Is er een tuin?"})
    return visitor.post("/vragenlijst/stap/volgorde", {"actie": "verder"})


def _offered(html: str) -> list[str]:
    return re.findall(r'name="eis-vraag" value="([^"]+)"', html)


def _shorts(app, **where) -> list[str]:
    with app.app_context():
        query = select(Requirement).filter_by(**where).order_by(Requirement.number)
        return [r.short_nl for r in db.session.scalars(query)]


def test_review_names_every_requirement_the_list_does_not_ask_about(app, visitor):
    page = _list_without_bank_questions(visitor)
    assert page.request.path == REVIEW
    text = text_of(page)
    assert "Hier vraag je nog niet naar" in text
    for short in _shorts(app):
        assert short in text
    assert len(_offered(page.get_data(as_text=True))) == 7


def test_requirements_only_about_the_pgb_are_not_missing_for_care_in_kind(app, visitor):
    page = _list_without_bank_questions(visitor, funding="zin")
    text = text_of(page)
    for short in _shorts(app, pgb_only=True):
        assert short not in text
    for number in (3, 7):
        assert _shorts(app, number=number)[0] in text


def test_one_tick_puts_the_question_on_the_list_and_the_requirement_goes(app, visitor):
    page = _list_without_bank_questions(visitor)
    key = _offered(page.get_data(as_text=True))[0]
    with app.app_context():
        question = db.session.scalar(select(Question).filter_by(key=key))
        text, short = question.text_nl, question.requirements[0].short_nl

    page = visitor.post(REVIEW, {"eis-vraag": key, "actie": "toevoegen"})

    assert page.request.path == REVIEW
    assert "Er staat 1 vraag bij op je lijst." in text_of(page)
    assert text in text_of(page)
    assert key not in _offered(page.get_data(as_text=True))
    assert short not in text_of(page)
    result = visitor.post(REVIEW, {"actie": "klaar"})
    assert result.request.path == "/vragenlijst/mijn-lijst"
    assert text in text_of(result)


def test_a_tick_also_counts_when_the_person_makes_the_list_at_once(app, visitor):
    page = _list_without_bank_questions(visitor)
    keys = _offered(page.get_data(as_text=True))[:2]
    result = visitor.post(REVIEW, {"eis-vraag": keys, "actie": "klaar"})
    assert result.request.path == "/vragenlijst/mijn-lijst"
    with app.app_context():
        texts = [db.session.scalar(select(Question).filter_by(key=k)).text_nl for k in keys]
    for text in texts:
        assert text in text_of(result)


def test_no_tick_changes_nothing_and_says_so(visitor):
    _list_without_bank_questions(visitor)
    page = visitor.post(REVIEW, {"actie": "toevoegen"})
    assert "Je hebt geen vraag aangevinkt." in text_of(page)
    assert len(_offered(page.get_data(as_text=True))) == 7


def test_forged_or_unoffered_questions_are_not_added(visitor):
    _list_without_bank_questions(visitor)
    page = visitor.post(
        REVIEW, {"eis-vraag": ["<script>", "bestaat-niet", "samen-08"], "actie": "toevoegen"}
    )
    assert page.status_code == 200
    assert "Je hebt geen vraag aangevinkt." in text_of(page)
    assert "Mag ik een huisdier meenemen?" not in text_of(page)


def test_the_offered_question_is_the_first_recommended_one_that_fits(app):
    with app.app_context():
        bank, state = load_bank(), ListState(audience="self", funding="pgb", kind="unknown")
        for gap in coverage.gaps(state, bank, requirements()):
            checking = [
                q
                for q in bank.questions.values()
                if gap.requirement in q.requirements and applies(q, state)
            ]
            recommended = [q for q in checking if q.recommended]
            assert gap.question == (recommended or checking)[0]


def test_a_requirement_no_question_can_check_is_not_shown(app):
    with app.app_context():
        requirement = db.session.scalar(select(Requirement).filter_by(number=3))
        for question in db.session.scalars(select(Question)):
            if requirement in question.requirements:
                question.hidden = True
        db.session.flush()
        state = ListState(audience="self", funding="pgb", kind="unknown")
        gaps = coverage.gaps(state, load_bank(), requirements())
        assert [g.requirement.number for g in gaps] == [1, 2, 4, 5, 6, 7]
        db.session.rollback()


def test_a_list_that_asks_about_everything_shows_no_gaps(app):
    with app.app_context():
        bank = load_bank()
        state = ListState(audience="self", funding="pgb", kind="unknown")
        state.themes = bank.theme_keys()
        state.questions = [q.key for q in bank.questions.values() if applies(q, state)]
        assert coverage.gaps(state, bank, requirements()) == []
