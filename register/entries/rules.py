"""The register's rules about time and completeness, each defined once.

Pages, open data, the API, the question-list builder and (later) the inspectorate's signals
all ask these functions, so they cannot disagree about what "stale", "new", "missing", "not
applicable", "valid", "expired", "unverified" or "visited long ago" means.
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from register.entries.models import (
    Claim,
    ClaimStatus,
    Initiative,
    Membership,
    Requirement,
    Source,
    Statement,
    VisitBody,
)

# Facts not confirmed for longer than this many months are shown as possibly out of date.
STALE_AFTER_MONTHS = 12
# Editors are reminded to confirm their entry this many months after the last confirmation,
# and again the day the entry starts to show as not confirmed.
FIRST_REMINDER_MONTHS = 11
# IGJ aims to visit new providers of housing with care within six months of their start.
NEW_PROVIDER_PERIOD = timedelta(days=183)
# A last inspection visit longer ago than this many months is pointed out to families.
INSPECTION_LONG_AGO_MONTHS = 24


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
    return is_new_provider(initiative.started_on, today) and last_inspection(initiative) is None


def statement_given(statement: Statement | None) -> bool:
    """A statement counts only when it says something: a blank text is a missing one."""
    return statement is not None and bool(statement.text.strip())


def works_without_pgb(initiative: Initiative) -> bool:
    """Care in kind only: funding routes are given and none of them is a personal budget.
    An initiative that gives no funding route is not assumed to work without a pgb."""
    routes = initiative.funding_routes
    return bool(routes) and not any(route.is_pgb for route in routes)


def requirement_applies(initiative: Initiative, requirement: Requirement) -> bool:
    """A requirement about the pgb (``Requirement.pgb_only``) does not apply to an
    initiative that works without one; every other requirement applies to all."""
    return not (requirement.pgb_only and works_without_pgb(initiative))


class RequirementStatus(enum.StrEnum):
    """What an initiative published about one requirement (also a value in open data)."""

    STATED = "stated"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"


def requirement_status(
    initiative: Initiative, requirement: Requirement, statement: Statement | None
) -> RequirementStatus:
    """Not applicable wins over a statement: pgb words from an initiative without a pgb
    tell a family nothing about it."""
    if not requirement_applies(initiative, requirement):
        return RequirementStatus.NOT_APPLICABLE
    return RequirementStatus.STATED if statement_given(statement) else RequirementStatus.MISSING


def stated_requirement_keys(initiative: Initiative) -> set[str]:
    """The requirements with a statement that says something (applicable or not)."""
    return {s.requirement.key for s in initiative.statements if statement_given(s)}


def missing_requirements(
    initiative: Initiative, requirements: Iterable[Requirement]
) -> list[Requirement]:
    """The requirements (in the order given) that apply to the initiative and that it says
    nothing about."""
    stated = stated_requirement_keys(initiative)
    return [
        requirement
        for requirement in requirements
        if requirement.key not in stated and requirement_applies(initiative, requirement)
    ]


def not_applicable_requirements(
    initiative: Initiative, requirements: Iterable[Requirement]
) -> list[Requirement]:
    """The requirements (in the order given) that do not apply to the initiative."""
    return [r for r in requirements if not requirement_applies(initiative, r)]


# --- memberships and quality marks -------------------------------------------------------------


def claim_is_valid(claim: Claim, today: date) -> bool:
    """A membership or mark counts (a badge, a filter, JSON-LD) only when it was checked and
    is not past its end date; the expiry itself is ``effective_claim_status``."""
    return claim.effective_status(today) == ClaimStatus.VERIFIED


def counts_as_branch_membership(membership: Membership) -> bool:
    """A budget holders' association (Per Saldo) is no branch association of providers."""
    return membership.association.represents_providers


def claim_caution(claim: Claim, today: date) -> ClaimStatus | None:
    """What a family should be warned of: a claim past its end date (expired), or one the
    initiative made and nobody checked yet (self-declared). None for anything else."""
    status = claim.effective_status(today)
    return status if status in (ClaimStatus.EXPIRED, ClaimStatus.SELF_DECLARED) else None


# --- inspection visits -------------------------------------------------------------------------


class InspectionCaution(enum.Enum):
    NEVER = "never"
    LONG_AGO = "long_ago"


def last_inspection(initiative: Initiative) -> date | None:
    """The day of the inspectorate's (IGJ) latest visit; visits by others do not count."""
    return max((v.visited_on for v in initiative.visits if v.body == VisitBody.IGJ), default=None)


def inspection_caution(initiative: Initiative, today: date) -> InspectionCaution | None:
    """Never visited by the inspectorate, or last visited more than
    ``INSPECTION_LONG_AGO_MONTHS`` months ago; None when the last visit is more recent."""
    visited_on = last_inspection(initiative)
    if visited_on is None:
        return InspectionCaution.NEVER
    if today > add_months(visited_on, INSPECTION_LONG_AGO_MONTHS):
        return InspectionCaution.LONG_AGO
    return None


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
