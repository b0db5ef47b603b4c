"""The person's order: chosen questions grouped by theme, own questions last, moved one
place at a time, some marked important."""

from __future__ import annotations

from dataclasses import dataclass, field

from register.entries.models import Requirement
from register.questionnaire.models import Question, Theme
from register.questionnaire.services.catalogue import Bank
from register.questionnaire.state import OWN_PREFIX, ListState


@dataclass
class Item:
    ref: str
    text: str
    important: bool
    question: Question | None = None

    @property
    def why(self) -> str:
        return self.question.why if self.question else ""

    @property
    def requirements(self) -> list[Requirement]:
        return self.question.requirements if self.question else []


@dataclass
class Group:
    theme: Theme | None  # None: the person's own questions
    items: list[Item] = field(default_factory=list)


def chosen_refs(state: ListState, bank: Bank) -> list[str]:
    """Chosen questions of chosen themes (by theme, in the person's order), then own
    questions in the person's order."""
    themes = set(state.themes)
    chosen = [
        k for k in state.questions if k in bank.questions and bank.questions[k].theme.key in themes
    ]
    refs = sorted(chosen, key=lambda k: bank.questions[k].theme.position)
    return refs + [ref for ref, _text in state.own]


def build_groups(
    refs: list[str],
    own: dict[str, str],
    important: set[str],
    bank: Bank,
    audience: str | None = None,
) -> list[Group]:
    """Groups in order of first appearance, each question worded for the list's audience;
    unknown refs (a question since removed from the bank, or a forged one) are left out."""
    groups: dict[str, Group] = {}
    for ref in refs:
        if ref in bank.questions:
            question = bank.questions[ref]
            group = groups.setdefault(question.theme.key, Group(theme=question.theme))
            group.items.append(Item(ref, question.text_for(audience), ref in important, question))
        elif ref in own:
            group = groups.setdefault(OWN_PREFIX, Group(theme=None))
            group.items.append(Item(ref, own[ref], ref in important))
    return list(groups.values())


def state_groups(state: ListState, bank: Bank) -> list[Group]:
    return build_groups(
        chosen_refs(state, bank), dict(state.own), set(state.important), bank, state.audience
    )


def move(state: ListState, bank: Bank, ref: str, direction: str) -> bool:
    """Swap a question with its neighbour in its group; False when it cannot move."""
    groups = [[item.ref for item in group.items] for group in state_groups(state, bank)]
    for refs in groups:
        if ref not in refs:
            continue
        i = refs.index(ref)
        j = i - 1 if direction == "up" else i + 1
        if not 0 <= j < len(refs):
            return False
        refs[i], refs[j] = refs[j], refs[i]
        ordered = [r for refs_of_group in groups for r in refs_of_group]
        rank = {r: n for n, r in enumerate(ordered)}
        shown = [k for k in ordered if k in bank.questions]
        state.questions = shown + [k for k in state.questions if k not in rank]
        state.own = sorted(state.own, key=lambda pair: rank[pair[0]])
        return True
    return False


def set_important(state: ListState, bank: Bank, refs: list[str]) -> None:
    known = set(chosen_refs(state, bank))
    state.important = [r for r in refs if r in known]


def question_count(state: ListState, bank: Bank) -> int:
    return len(chosen_refs(state, bank))
