"""Test data builders. They add and flush; the test commits when it needs a committed state."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from sqlalchemy import select

from register.entries.models import (
    Association,
    Certification,
    ChangeAction,
    ClaimStatus,
    FundingRoute,
    Initiative,
    Kind,
    Membership,
    QualityMark,
    Requirement,
    Statement,
    TargetGroup,
    VacancyStatus,
    VerifierKind,
    Visit,
    VisitBody,
    VisitType,
)
from register.entries.services import record_change
from register.extensions import db

_sequence = itertools.count(1)


def by_key(model: type, key: str):
    row = db.session.scalar(select(model).where(model.key == key))
    if row is None:
        raise LookupError(f"No {model.__name__} with key {key!r}: is reference data loaded?")
    return row


# Where a made-up initiative is unless a test says otherwise.
DEVENTER = {
    "street": "Brink",
    "house_number": "1",
    "postcode": "7411 BT",
    "place": "Deventer",
    "municipality": "Deventer",
    "province": "Overijssel",
    "latitude": 52.255,
    "longitude": 6.163,
}


def make_initiative(
    *,
    kind: str = "relatives_residents",
    target_groups: tuple[str, ...] = ("intellectual_disability",),
    funding_routes: tuple[str, ...] = ("pgb_wlz",),
    statements: dict[str, str] | None = None,
    **fields: Any,
) -> Initiative:
    """An initiative in Deventer unless told otherwise, logged as created like a real one."""
    n = next(_sequence)
    values: dict[str, Any] = {
        "name": f"Wooninitiatief De Linde {n}",
        "slug": f"wooninitiatief-de-linde-{n}",
        "description": "Een kleinschalig wooninitiatief voor jongvolwassenen.",
        "started_on": date(2019, 5, 1),
        "capacity": 12,
        "vacancy": VacancyStatus.WAITING_LIST,
        "collective_budget": True,
        "collective_share_percent": 30,
        "kvk_number": "12345678",
        "location_number": "000012345678",
        "agb_code": "98765432",
        **DEVENTER,
        "house_number": str(n),
        "website": "https://example.org",
        "email": "info@example.org",
        "phone": "0570 123456",
        "last_confirmed_on": date(2026, 10, 1),
    }
    values.update(fields)
    initiative = Initiative(kind=by_key(Kind, kind), **values)
    initiative.target_groups = [by_key(TargetGroup, key) for key in target_groups]
    initiative.funding_routes = [by_key(FundingRoute, key) for key in funding_routes]
    for requirement_key, text in (statements or {}).items():
        initiative.statements.append(
            Statement(requirement=by_key(Requirement, requirement_key), text=text)
        )
    db.session.add(initiative)
    db.session.flush()
    record_change(initiative, ChangeAction.CREATED)
    return initiative


def add_membership(
    initiative: Initiative,
    association: str = "bvkz",
    status: ClaimStatus = ClaimStatus.VERIFIED,
    **fields: Any,
) -> Membership:
    values = {"declared_on": date(2024, 1, 10)}
    if status == ClaimStatus.VERIFIED:
        values |= {"verifier": VerifierKind.ASSOCIATION, "verified_on": date(2024, 2, 1)}
    values.update(fields)
    membership = Membership(association=by_key(Association, association), status=status, **values)
    initiative.memberships.append(membership)
    db.session.flush()
    return membership


def add_certification(
    initiative: Initiative,
    quality_mark: str = "prezo",
    status: ClaimStatus = ClaimStatus.VERIFIED,
    **fields: Any,
) -> Certification:
    values = {"declared_on": date(2024, 1, 10), "valid_until": date(2027, 1, 10)}
    if status == ClaimStatus.VERIFIED:
        values |= {"verifier": VerifierKind.ISSUER, "verified_on": date(2024, 1, 20)}
    values.update(fields)
    certification = Certification(
        quality_mark=by_key(QualityMark, quality_mark), status=status, **values
    )
    initiative.certifications.append(certification)
    db.session.flush()
    return certification


def add_visit(initiative: Initiative, **fields: Any) -> Visit:
    values = {
        "visited_on": date(2025, 3, 4),
        "body": VisitBody.IGJ,
        "visit_type": VisitType.ANNOUNCED,
        "report_url": "https://www.igj.nl/publicaties/rapporten/voorbeeld",
    }
    values.update(fields)
    visit = Visit(**values)
    initiative.visits.append(visit)
    db.session.flush()
    return visit


def make_one_of_everything(**sparse_place: Any) -> Initiative:
    """An entry with every kind of public fact (statement, verified and self-declared
    memberships, a valid and an expired mark, a visit), and a sparse one with every optional
    fact empty; for tests that check every shape a public record can take."""
    initiative = make_initiative(
        statements={"conscious_choice": "Wij bespreken het pgb vooraf."},
        target_groups=("autism",),
        funding_routes=("pgb_wlz", "vpt"),
    )
    add_membership(initiative, "bvkz")
    add_membership(initiative, "lvoi", status=ClaimStatus.SELF_DECLARED)
    add_certification(initiative, "prezo", certificate_number="PR-1")
    add_certification(initiative, "kiwa_zzp", valid_until=date(2020, 1, 1))
    add_visit(initiative)
    make_initiative(
        kvk_number=None,
        location_number=None,
        agb_code=None,
        started_on=None,
        collective_share_percent=None,
        last_confirmed_on=None,
        **sparse_place,
    )
    return initiative


def make_account(
    role: str,
    *,
    email: str | None = None,
    password: str | None = None,
    initiatives=(),
    association=None,
    two_factor: bool | None = None,
):
    """An active account with one role (a ``RoleName``). Staff and inspectors get TOTP set up
    (as they must) unless ``two_factor=False``; the secret is ``TEST_TOTP_SECRET``."""
    from flask_security.utils import hash_password

    from register.accounts.roles import TWO_FACTOR_REQUIRED
    from register.accounts.setup import datastore
    from register.seed.demo_accounts import totp_secret_from_base32

    account = datastore.create_user(
        email=email or f"{role}-{next(_sequence)}@example.org",
        name=f"Test {role}",
        password=hash_password(password or DEFAULT_PASSWORD),
        roles=[str(role)],
    )
    account.initiatives.extend(initiatives)
    account.association = association
    if two_factor if two_factor is not None else role in TWO_FACTOR_REQUIRED:
        account.tf_primary_method = "authenticator"
        account.tf_totp_secret = totp_secret_from_base32(TEST_TOTP_SECRET)
    db.session.flush()
    return account


TEST_TOTP_SECRET = "TESTTESTTESTTEST"
DEFAULT_PASSWORD = "een-lang-wachtwoord-voor-tests"
