"""Tailoring a list to an initiative: its situation pre-filled, questions pre-selected about
what it publishes and what it leaves out, and finding the initiative a person means."""

from __future__ import annotations

import re

from sqlalchemy import func

from register.entries import rules
from register.entries.detail_page import collective_share_short
from register.entries.models import Initiative, Requirement
from register.entries.queries import published_by_slug, published_initiatives
from register.extensions import db
from register.questionnaire.services.catalogue import Bank, requirements
from register.questionnaire.state import MAX_SLUG_LENGTH, ListState

REGISTER_LINK = re.compile(r"/initiatieven/([A-Za-z0-9-]{1,120})/?(?:[?#].*)?$")


def find_initiative(slug: str | None) -> Initiative | None:
    if not slug or len(slug) > MAX_SLUG_LENGTH:
        return None
    return published_by_slug(slug)


def new_list(initiative: Initiative | None = None) -> ListState:
    """A new list; for an initiative, with the situation its public profile tells."""
    state = ListState()
    if initiative is not None:
        state.initiative = initiative.slug
        state.kind = initiative.kind.key
        pgb = {route.is_pgb for route in initiative.funding_routes}
        if pgb == {True}:
            state.funding = "pgb"
        elif pgb == {False}:
            state.funding = "zin"
    return state


def tailored_question_keys(initiative: Initiative, bank: Bank) -> list[str]:
    """Questions about what this initiative publishes, and about what it leaves out: its
    collective share, the requirements that apply to it and that it made no statement on
    (only questions mainly about such a requirement: their first one), its kind."""
    missing = {r.key for r in rules.missing_requirements(initiative, requirements())}
    keys = []
    for question in bank.questions.values():
        main = question.requirements[0].key if question.requirements else None
        if (
            (question.collective and initiative.collective_budget)
            or main in missing
            or initiative.kind.key in question.kind_keys
        ):
            keys.append(question.key)
    return keys


def preselected(state: ListState, bank: Bank) -> set[str]:
    initiative = find_initiative(state.initiative)
    return set(tailored_question_keys(initiative, bank)) if initiative else set()


def initiative_named(text: str) -> Initiative | None:
    """The register entry a person means: its register link, its slug or its exact name."""
    match = REGISTER_LINK.search(text)
    if match:
        return find_initiative(match.group(1))
    return find_initiative(text.lower()) or db.session.scalar(
        published_initiatives().where(func.lower(Initiative.name) == text.lower()).limit(1)
    )


def initiative_name(slug: str | None) -> str | None:
    initiative = find_initiative(slug)
    return initiative.name if initiative else None


def missing_requirements(initiative: Initiative) -> list[Requirement]:
    return rules.missing_requirements(initiative, requirements())


def collective_share(initiative: Initiative) -> str | None:
    """The share of the pgb spent on the group, written as the register writes it ("14,5%");
    None when the initiative does not say."""
    if not initiative.collective_budget or initiative.collective_share_percent is None:
        return None
    return collective_share_short(initiative)
