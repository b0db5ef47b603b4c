"""The register's rules about time and completeness, each defined once.

Pages, open data, the API, the question-list builder and (later) the inspectorate's signals
all ask these functions, so they cannot disagree about what "stale", "new" or "missing"
means.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from register.entries.models import Initiative, Requirement, Source, Statement, VisitBody

# Facts not confirmed for longer than this are shown as possibly out of date.
STALE_AFTER = timedelta(days=365)
# IGJ aims to visit new providers of housing with care within six months of their start.
NEW_PROVIDER_PERIOD = timedelta(days=183)


def is_stale(confirmed_on: date | None, today: date) -> bool:
    """Never confirmed, or confirmed longer ago than ``STALE_AFTER``."""
    return confirmed_on is None or today - confirmed_on > STALE_AFTER


def is_new_provider(started_on: date | None, today: date) -> bool:
    return started_on is not None and today - started_on < NEW_PROVIDER_PERIOD


def awaiting_first_visit(initiative: Initiative, today: date) -> bool:
    """Started less than six months ago and not yet visited by the inspectorate."""
    return is_new_provider(initiative.started_on, today) and not any(
        visit.body == VisitBody.IGJ for visit in initiative.visits
    )


def statement_given(statement: Statement | None) -> bool:
    """A statement counts only when it says something: a blank text is a missing one."""
    return statement is not None and bool(statement.text.strip())


def stated_requirement_keys(initiative: Initiative) -> set[str]:
    return {s.requirement.key for s in initiative.statements if statement_given(s)}


def missing_requirements(
    initiative: Initiative, requirements: Iterable[Requirement]
) -> list[Requirement]:
    """The requirements (in the order given) the initiative says nothing about."""
    stated = stated_requirement_keys(initiative)
    return [requirement for requirement in requirements if requirement.key not in stated]


@dataclass(frozen=True)
class FactOrigin:
    source: Source
    asserted_on: date | None
    confirmed_on: date | None


def fact_origin(initiative: Initiative, fact: str, default_source: Source) -> FactOrigin:
    """Where one fact comes from: its own provenance row, or else its usual source,
    confirmed with the whole entry when that source is the initiative itself."""
    for row in initiative.provenance:
        if row.fact == fact:
            return FactOrigin(row.source, row.asserted_on, row.confirmed_on)
    confirmed = initiative.last_confirmed_on if default_source == Source.INITIATIVE else None
    return FactOrigin(default_source, None, confirmed)
