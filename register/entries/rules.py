"""The register's rules about time and completeness, each defined once.

Pages, open data, the API, the question-list builder and (later) the inspectorate's signals
all ask these functions, so they cannot disagree about what "stale", "new" or "missing"
means.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from register.entries.models import Initiative, Requirement, Source, Statement, VisitBody

# Facts not confirmed for longer than this many months are shown as possibly out of date.
STALE_AFTER_MONTHS = 12
# Editors are reminded to confirm their entry this many months after the last confirmation,
# and again the day the entry starts to show as not confirmed.
FIRST_REMINDER_MONTHS = 11
# IGJ aims to visit new providers of housing with care within six months of their start.
NEW_PROVIDER_PERIOD = timedelta(days=183)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the 31st becomes the last day of a shorter month."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_from(confirmed_on: date) -> date:
    """The first day an entry confirmed on ``confirmed_on`` counts as stale."""
    return add_months(confirmed_on, STALE_AFTER_MONTHS) + timedelta(days=1)


def is_stale(confirmed_on: date | None, today: date) -> bool:
    """Never confirmed, or not confirmed for more than ``STALE_AFTER_MONTHS`` months."""
    return confirmed_on is None or today >= stale_from(confirmed_on)


def reminder_due(confirmed_on: date, today: date) -> int | None:
    """Which reminder an entry confirmed on ``confirmed_on`` is due today, in months since
    the confirmation: the last one once the entry is stale, the first one a month before,
    None before that. An entry found long overdue gets one reminder, not both."""
    if is_stale(confirmed_on, today):
        return STALE_AFTER_MONTHS
    if today >= add_months(confirmed_on, FIRST_REMINDER_MONTHS):
        return FIRST_REMINDER_MONTHS
    return None


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
