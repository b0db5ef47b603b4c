"""Staff edit the question bank; the builder shows the change on its next page in the same
running app, and the next `flask seed questions` leaves staff's edits alone."""

from __future__ import annotations

from sqlalchemy import select

from register.audit.models import AuditEntry
from register.extensions import db
from register.questionnaire.bank import load_question_bank
from register.questionnaire.models import Question, Subtheme, Theme
from tests.catalogues.builders import submit
from tests.entries.pages import read
from tests.questionnaire.conftest import Visitor


def _question(key: str) -> Question:
    return db.session.scalar(select(Question).where(Question.key == key))


def _fields(app, key: str, **changes) -> tuple[str, dict]:
    with app.app_context():
        question = _question(key)
        data = {
            "text_nl": question.text_nl,
            "text_en": question.text_en,
            "text_rep_nl": question.text_rep_nl,
            "text_rep_en": question.text_rep_en,
            "why_nl": question.why_nl,
            "why_en": question.why_en,
            "subtheme": question.subtheme.key,
            "place": str(question.position + 1),
        }
        if question.hidden:
            data["hidden"] = "y"
        url = f"/beheer/catalogi/vragen/{question.id}"
    data.update(changes)
    return url, {k: v for k, v in data.items() if v is not None}


def _builder_questions_page(client) -> str:
    """The builder's questions step for someone choosing the theme 'Mijn dag'."""
    visitor = Visitor(client)
    visitor.get("/vragenlijst/")
    visitor.post("/vragenlijst/begin", {})
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    visitor.post("/vragenlijst/stap/situatie", {"betaling": "pgb", "soort": "unknown"})
    visitor.post("/vragenlijst/stap/themas", {"thema": ["dagindeling"]})
    response = visitor.get("/vragenlijst/stap/vragen")
    assert response.status_code == 200
    return read(response).text


def test_the_builder_shows_an_edited_question_without_a_restart(app, staff, client):
    assert "Mag ik zelf weten hoe laat ik opsta?" in _builder_questions_page(app.test_client())
    url, data = _fields(app, "dag-01", text_nl="Kies ik zelf hoe laat ik opsta?")
    response = submit(staff, url, data, follow=True)
    assert "De wijzigingen zijn opgeslagen." in read(response).text
    text = _builder_questions_page(app.test_client())
    assert "Kies ik zelf hoe laat ik opsta?" in text
    assert "Mag ik zelf weten hoe laat ik opsta?" not in text
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.target_type == "question"))
        assert entry.before == {"text_nl": "Mag ik zelf weten hoe laat ik opsta?"}
        assert entry.after == {"text_nl": "Kies ik zelf hoe laat ik opsta?"}


def test_a_hidden_question_is_offered_to_nobody(app, staff):
    url, data = _fields(app, "dag-02", hidden="y")
    submit(staff, url, data)
    assert "Moet iedereen hier op dezelfde tijd hetzelfde doen?" not in _builder_questions_page(
        app.test_client()
    )
    assert "verborgen" in read(staff.get("/beheer/catalogi/vragen")).text
    url, data = _fields(app, "dag-02", hidden=None)
    data.pop("hidden", None)
    submit(staff, url, data)
    assert "Moet iedereen hier op dezelfde tijd hetzelfde doen?" in _builder_questions_page(
        app.test_client()
    )


def test_staff_reword_a_question_for_representatives(app, staff):
    url, _data = _fields(app, "dag-01")
    form = read(staff.get(url))
    assert form.has("textarea", name="text_rep_nl")
    assert "Mag mijn naaste zelf weten hoe laat hij of zij opstaat?" in form.text
    url, data = _fields(
        app, "dag-01", text_rep_nl="  Kiest mijn naaste zelf hoe laat hij of zij opstaat?  "
    )
    assert "De wijzigingen zijn opgeslagen." in read(submit(staff, url, data, follow=True)).text
    with app.app_context(), app.test_request_context():
        question = _question("dag-01")
        assert question.text_rep_nl == "Kiest mijn naaste zelf hoe laat hij of zij opstaat?"
        assert question.text_for("representative") == question.text_rep_nl
        assert question.text_for("self") == "Mag ik zelf weten hoe laat ik opsta?"
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.target_type == "question"))
        assert entry.after == {"text_rep_nl": question.text_rep_nl}


def test_the_representatives_wording_is_optional_but_not_endless(app, staff):
    url, data = _fields(app, "dag-01", text_rep_en="x" * 301)
    response = submit(staff, url, data)
    assert response.status_code == 400
    assert "Gebruik niet meer dan 300 tekens." in read(response).text
    url, data = _fields(app, "dag-01", text_rep_nl="", text_rep_en="")
    submit(staff, url, data)
    with app.app_context(), app.test_request_context():
        question = _question("dag-01")
        assert (question.text_rep_nl, question.text_rep_en) == ("", "")
        # Without a representative's wording the first-person text serves both.
        assert question.text_for("representative") == "Mag ik zelf weten hoe laat ik opsta?"


def test_a_question_moves_to_another_theme_and_place(app, staff):
    url, data = _fields(app, "dag-03", subtheme="kleding", place="1")
    submit(staff, url, data)
    with app.app_context():
        question = _question("dag-03")
        assert question.subtheme.key == "kleding"
        kleding = db.session.scalar(select(Subtheme).where(Subtheme.key == "kleding"))
        assert [q.key for q in kleding.questions][0] == "dag-03"
        assert [q.position for q in kleding.questions] == list(range(len(kleding.questions)))
        dagritme = db.session.scalar(select(Subtheme).where(Subtheme.key == "dagritme"))
        assert "dag-03" not in [q.key for q in dagritme.questions]
        assert [q.position for q in dagritme.questions] == list(range(len(dagritme.questions)))
        move = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "catalogue.move"))
        assert move.before["subtheme"] == "dagritme"
        assert move.after == {"subtheme": "kleding", "position": 0}


def test_bad_question_input_gets_specific_messages_and_keeps_the_text(app, staff):
    url, data = _fields(
        app, "dag-01", text_nl="x" * 301, text_en="", subtheme="bestaat-niet", place="eerste"
    )
    response = submit(staff, url, data)
    page = read(response)
    assert response.status_code == 400
    assert page.title.startswith("Fout:")
    for message in (
        "Gebruik niet meer dan 300 tekens.",
        "Vul de vraag in het Engels in.",
        "Kies een onderwerp uit de lijst.",
        "Vul een heel getal in, bijvoorbeeld 3.",
    ):
        assert message in page.text
    assert page.has("input", name="place", value="eerste")
    assert "x" * 301 in response.get_data(as_text=True)
    with app.app_context():
        assert _question("dag-01").text_nl == "Mag ik zelf weten hoe laat ik opsta?"


def test_a_theme_gets_new_names_and_place(app, staff):
    with app.app_context():
        theme = db.session.scalar(select(Theme).where(Theme.key == "eten"))
        url = f"/beheer/catalogi/vragen/thema/{theme.id}"
        data = {"name_nl": "Eten en drinken", "name_en": "Food and drink"}
        data |= {"intro_nl": theme.intro_nl, "intro_en": theme.intro_en, "place": "1"}
    submit(staff, url, data)
    with app.app_context():
        themes = db.session.scalars(select(Theme).order_by(Theme.position)).all()
        assert themes[0].key == "eten"
        assert themes[0].name_nl == "Eten en drinken"
        assert [t.position for t in themes] == list(range(len(themes)))
    assert "1. Eten en drinken" in read(staff.get("/beheer/catalogi/vragen")).text


def test_seeding_the_questions_again_keeps_staff_edits(app, staff):
    url, data = _fields(app, "dag-01", text_nl="Kies ik zelf hoe laat ik opsta?", hidden="y")
    submit(staff, url, data)
    with app.app_context():
        _question("dag-04").text_nl = "Door iemand in de database veranderd"
        db.session.commit()
        load_question_bank()  # what `make run` does
        db.session.commit()
        edited = _question("dag-01")
        assert (edited.text_nl, edited.hidden) == ("Kies ik zelf hoe laat ik opsta?", True)
        assert _question("dag-04").text_nl == "Wie helpt mij als ik mijn dag niet goed kan plannen?"


NEW_QUESTION = {
    "text_nl": "Mag ik mijn huisdier meenemen?",
    "text_en": "May I bring my pet?",
    "why_nl": "Een huisdier hoort bij uw leven.",
    "why_en": "A pet is part of your life.",
    "subtheme": "dagritme",
    "place": "1",
    "requirements": ["individual_care"],
}


def test_staff_add_a_question_the_builder_offers_at_once_and_seeding_keeps(app, staff):
    response = submit(staff, "/beheer/catalogi/vragen/nieuw", NEW_QUESTION, follow=True)

    assert "De vraag is toegevoegd." in read(response).text
    assert "Mag ik mijn huisdier meenemen?" in _builder_questions_page(app.test_client())
    with app.app_context():
        load_question_bank()
        db.session.commit()
        question = _question("mag-ik-mijn-huisdier-meenemen")
        assert question is not None and question.position == 0
        assert [r.key for r in question.requirements] == ["individual_care"]
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.target_id == question.id))
        assert entry.action == "catalogue.create"


def test_a_new_question_needs_a_requirement_and_keeps_what_was_typed(app, staff):
    response = submit(staff, "/beheer/catalogi/vragen/nieuw", {**NEW_QUESTION, "requirements": []})

    page = read(response)
    assert response.status_code == 400
    assert "Kies minstens één eis van eigen regie." in page.text
    assert "Mag ik mijn huisdier meenemen?" in response.get_data(as_text=True)
