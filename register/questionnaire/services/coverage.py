"""Which of the seven requirements a list does not yet ask about, and the one question the
review step offers for each, so no requirement drops out of a list unnoticed."""

from __future__ import annotations

from dataclasses import dataclass

from register.entries.models import Requirement
from register.questionnaire.models import Question
from register.questionnaire.services.catalogue import Bank
from register.questionnaire.services.order import chosen_refs
from register.questionnaire.services.steps import applies
from register.questionnaire.state import ListState


@dataclass(frozen=True)
class Gap:
    """A requirement the list does not ask about, and the question that would."""

    requirement: Requirement
    question: Question


def concerns(requirement: Requirement, state: ListState) -> bool:
    """Requirements only about the pgb do not concern someone whose care comes in kind."""
    return not (requirement.pgb_only and state.funding == "zin")


def question_for(requirement: Requirement, state: ListState, bank: Bank) -> Question | None:
    """The first recommended question that fits the person and checks the requirement, else
    the first that fits; None when no question fits."""
    fitting = [
        q
        for q in bank.questions.values()
        if applies(q, state) and any(r.key == requirement.key for r in q.requirements)
    ]
    return next((q for q in fitting if q.recommended), fitting[0] if fitting else None)


def gaps(state: ListState, bank: Bank, requirements: list[Requirement]) -> list[Gap]:
    """The requirements (in the order given) none of the list's questions checks, each with
    the question to add; a requirement no question can check for this person is left out."""
    asked = {
        r.key
        for ref in chosen_refs(state, bank)
        if ref in bank.questions
        for r in bank.questions[ref].requirements
    }
    found = []
    for requirement in requirements:
        if requirement.key in asked or not concerns(requirement, state):
            continue
        question = question_for(requirement, state, bank)
        if question is not None:
            found.append(Gap(requirement, question))
    return found
