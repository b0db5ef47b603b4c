"""The comparison of a saved list's conversations, by requirement."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from register.entries.models import Requirement
from register.questionnaire.models import ConversationAnswer, SavedList
from register.questionnaire.services.catalogue import Bank, requirements
from register.questionnaire.services.order import Item
from register.questionnaire.services.saved_lists import saved_groups


@dataclass
class RequirementComparison:
    requirement: Requirement | None  # None: questions that check none of the seven
    items: list[Item]
    # per conversation position: per item ref, the answer (or None)
    answers: dict[int, dict[str, ConversationAnswer | None]]
    counts: dict[int, Counter]

    @property
    def not_asked(self) -> bool:
        """A requirement the list has no question about: shown as such, never left out."""
        return not self.items


def compare(saved: SavedList, bank: Bank) -> list[RequirementComparison]:
    """One section per requirement (also those no question asks about), then the questions
    that check none of them, when there are any."""
    items = [item for group in saved_groups(saved, bank) for item in group.items]
    sections = []
    for requirement in [*requirements(), None]:
        if requirement is None:
            section_items = [i for i in items if not i.requirements]
            if not section_items:
                continue
        else:
            section_items = [i for i in items if requirement in i.requirements]
        answers = {
            c.position: {i.ref: c.answer_for(i.ref) for i in section_items}
            for c in saved.conversations
        }
        counts = {
            position: Counter((a.status if a and a.status else "none") for a in by_ref.values())
            for position, by_ref in answers.items()
        }
        sections.append(RequirementComparison(requirement, section_items, answers, counts))
    return sections
