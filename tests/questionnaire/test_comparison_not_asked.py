"""The comparison per requirement shows every requirement: one the list asks nothing about
says so ("geen vraag gesteld") instead of being left out."""

from __future__ import annotations

from questionnaire_helpers import make_saved_list, text_of

from register.extensions import db
from register.questionnaire.models import SavedList
from register.questionnaire.services.catalogue import load_bank, requirements
from register.questionnaire.services.comparison import compare


def _one_question_with_a_requirement(app):
    with app.app_context():
        question = next(q for q in load_bank().questions.values() if q.requirements)
        return question.key, {r.number for r in question.requirements}


def test_every_requirement_has_a_section_also_without_a_question(app):
    ref, asked = _one_question_with_a_requirement(app)
    make_saved_list(
        app, [ref, "eigen-1"], {"eigen-1": "Mag mijn kat mee?"}, conversation="Huize Zonnebloem"
    )
    with app.test_request_context():
        saved = db.session.scalar(db.select(SavedList))
        sections = compare(saved, load_bank())
        numbers = [s.requirement.number for s in sections if s.requirement]
        assert numbers == [r.number for r in requirements()]
        for section in sections:
            if section.requirement is None:
                assert [i.text for i in section.items] == ["Mag mijn kat mee?"]
            else:
                assert section.not_asked == (section.requirement.number not in asked)


def test_the_page_and_its_pdf_say_not_asked(app, visitor):
    ref, asked = _one_question_with_a_requirement(app)
    token = make_saved_list(app, [ref], conversation="Huize Zonnebloem")
    page = visitor.get(f"/vragenlijst/l/{token}/vergelijking")
    assert page.status_code == 200
    text = text_of(page)
    assert text.count("geen vraag gesteld") == 7 - len(asked)
    assert "Geen vraag gesteld. Je lijst heeft geen vraag over deze eis." in text
    assert "Andere vragen" not in text  # no own questions: that section stays away
    assert visitor.get(f"/vragenlijst/l/{token}/vergelijking.pdf").status_code == 200
    printed = text_of(visitor.get(f"/vragenlijst/l/{token}/vergelijking/afdrukken"))
    assert "geen vraag gesteld" in printed
