"""What the question bank says: every requirement can be asked about whatever themes a person
picks, about ten questions are pre-ticked, every question has a representative's wording, and
the texts stay plain. Reads the YAML files, so it needs no database."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from register.questionnaire.bank import read_bank

REQUIREMENTS = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "seed" / "reference" / "requirements.yaml").read_text(
        encoding="utf-8"
    )
)
REQUIREMENT_KEYS = [r["key"] for r in REQUIREMENTS]
PGB_ONLY = {r["key"] for r in REQUIREMENTS if r.get("pgb_only")}
# Where a person looks for a requirement first; see seed/questions/README.md.
OWN_THEME = {
    "conscious_choice": "geld",
    "individual_care": "zorg",
    "day_activities_outside": "dagbesteding",
    "collective_share_known": "geld",
    "spending_insight": "geld",
    "tailored_offer": "geld",
    "say_at_location": "meebeslissen",
}


def _questions() -> list[dict]:
    """Every question in bank order, with the key of its theme."""
    return [
        {**question, "theme": theme["key"]}
        for theme in read_bank()
        for subtheme in theme["subthemes"]
        for question in subtheme["questions"]
    ]


QUESTIONS = _questions()
BY_KEY = {q["key"]: q for q in QUESTIONS}


def _checks(question: dict, requirement: str) -> bool:
    return requirement in question.get("requirements", [])


def test_every_requirement_has_an_own_theme():
    assert set(OWN_THEME) == set(REQUIREMENT_KEYS)


@pytest.mark.parametrize("requirement", REQUIREMENT_KEYS)
def test_every_requirement_is_asked_outside_its_own_theme(requirement):
    outside = [
        q["key"]
        for q in QUESTIONS
        if _checks(q, requirement) and q["theme"] != OWN_THEME[requirement]
    ]
    assert outside, f"{requirement} is only asked in the theme {OWN_THEME[requirement]}"


@pytest.mark.parametrize("requirement", REQUIREMENT_KEYS)
def test_every_requirement_has_a_recommended_question_for_pgb_or_anyone(requirement):
    allowed = {"pgb", "any"}
    first = next(
        (
            q
            for q in QUESTIONS
            if q.get("recommended")
            and _checks(q, requirement)
            and q.get("funding", "any") in allowed
            and q.get("audience", "any") == "any"
            and q.get("kinds", "any") == "any"
        ),
        None,
    )
    assert first is not None, requirement
    # The builder offers this first one for a missing requirement: it is the plain question
    # of the requirement's own theme, not a side question from an earlier theme.
    assert first["theme"] == OWN_THEME[requirement], (requirement, first["key"])
    if requirement not in PGB_ONLY and first.get("funding", "any") != "any":
        # Not only about the pgb, yet a pgb question: fine when the requirement concerns
        # the pgb's money (4 and 5), which a person without pgb does not have.
        assert requirement in {"collective_share_known", "spending_insight"}, requirement


def test_about_ten_questions_are_recommended_and_spread_over_themes():
    recommended = [q for q in QUESTIONS if q.get("recommended")]
    assert 8 <= len(recommended) <= 12, [q["key"] for q in recommended]
    assert len({q["theme"] for q in recommended}) >= 6
    per_theme = {}
    for question in recommended:
        per_theme.setdefault(question["theme"], []).append(question["key"])
    assert all(len(keys) <= 4 for keys in per_theme.values()), per_theme


def test_every_question_has_a_representatives_wording():
    first_person = {"ik", "mij", "mijn", "me", "mezelf"}
    for question in QUESTIONS:
        assert str(question.get("text_rep_nl", "")).strip(), question["key"]
        assert str(question.get("text_rep_en", "")).strip(), question["key"]
        words = set(question["text_nl"].lower().rstrip("?.").replace(",", " ").split())
        if question.get("audience", "any") == "any" and words & first_person:
            assert question["text_rep_nl"] != question["text_nl"], question["key"]
            assert question["text_rep_en"] != question["text_en"], question["key"]


def test_representatives_wording_speaks_of_the_person_not_of_me_as_resident():
    for question in QUESTIONS:
        if question.get("audience", "any") == "representative":
            continue
        rep = f" {question['text_rep_nl'].lower()} "
        assert " mijn kamer" not in rep and " mijn pgb" not in rep, question["key"]


def test_wrong_requirement_tags_are_gone():
    # Getting up is daily life, not the say residents have over the home.
    assert "say_at_location" not in BY_KEY["dag-01"].get("requirements", [])
    # Food is paid from one's own money, as its why line says: not pgb spending.
    assert "spending_insight" not in BY_KEY["eten-10"].get("requirements", [])
    # Night staff serve the whole group: collective care, not individually bought care.
    night = BY_KEY["dag-09"]
    assert "individual_care" not in night.get("requirements", [])
    assert night.get("collective") or "collective_share_known" in night.get("requirements", [])


def test_requirement_1_asks_who_runs_the_pgb_and_who_represents_me():
    conscious = [q for q in QUESTIONS if _checks(q, "conscious_choice")]
    texts = " ".join(q["text_nl"].lower() for q in conscious)
    assert "papieren en betalingen van mijn pgb" in texts  # the home runs the administration
    assert "vertegenwoordiger" in texts  # someone of the home becomes the representative
    assert any(q.get("recommended") for q in conscious)


def test_texts_are_plain():
    for question in QUESTIONS:
        for field in ("text_nl", "text_rep_nl", "why_nl"):
            assert "hoogstens" not in question[field].lower(), (question["key"], field)
        for field in ("why_nl", "why_en"):
            text = question[field].lower()
            assert "zeven eisen" not in text and "seven requirements" not in text, question["key"]
        for field in ("text_nl", "text_en", "text_rep_nl", "text_rep_en"):
            assert question[field].count("?") <= 1, (question["key"], field)
        for word in ("opzegtermijn", "sensoren", "dagindeling", "zorg in natura"):
            assert word not in question["text_nl"].lower(), (question["key"], word)
