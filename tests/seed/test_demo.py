"""The demo generator makes a repeatable, plausible register that spans the whole country."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from register.entries.models import (
    ChangeAction,
    ChangeLogEntry,
    ClaimStatus,
    FundingRoute,
    Initiative,
    Kind,
    Requirement,
    VisitBody,
)
from register.extensions import db
from register.geo import PROVINCES
from register.seed.demo import generate_demo

TODAY = date(2026, 11, 22)


@pytest.fixture
def demo(app_context) -> list[Initiative]:
    initiatives = generate_demo(count=300, random_seed=2023, today=TODAY)
    db.session.commit()
    return initiatives


def _fingerprint(initiatives: list[Initiative]) -> list[tuple]:
    return [(i.name, i.slug, i.place, i.postcode, i.kvk_number) for i in initiatives]


def test_the_same_seed_gives_the_same_initiatives(app_context):
    first = _fingerprint(generate_demo(count=40, random_seed=7, today=TODAY))
    db.session.rollback()
    second = _fingerprint(generate_demo(count=40, random_seed=7, today=TODAY))
    db.session.rollback()
    other_seed = _fingerprint(generate_demo(count=40, random_seed=8, today=TODAY))
    assert first == second
    assert first != other_seed


def test_names_do_not_depend_on_the_date(app_context):
    now = _fingerprint(generate_demo(count=20, today=TODAY))
    db.session.rollback()
    later = _fingerprint(generate_demo(count=20, today=TODAY + timedelta(days=400)))
    assert now == later


def test_demo_spans_every_province_kind_and_funding_route(demo):
    assert {i.province for i in demo} == set(PROVINCES)
    assert {i.kind.key for i in demo} == set(db.session.scalars(select(Kind.key)))
    assert {r.key for i in demo for r in i.funding_routes} == set(
        db.session.scalars(select(FundingRoute.key))
    )
    assert all(1 <= len(i.target_groups) <= 3 for i in demo)


def test_even_a_small_demo_covers_every_province(app_context):
    assert {i.province for i in generate_demo(count=12, today=TODAY)} == set(PROVINCES)


def test_relatives_mostly_use_pgb_and_institutions_mostly_care_in_kind(demo):
    def share(kind: str, predicate) -> float:
        group = [i for i in demo if i.kind.key == kind]
        return sum(1 for i in group if predicate(i)) / len(group)

    assert share("relatives_residents", lambda i: any(r.is_pgb for r in i.funding_routes)) > 0.8
    assert (
        share(
            "care_institution",
            lambda i: {r.key for r in i.funding_routes} & {"zorg_in_natura", "vpt"},
        )
        > 0.8
    )


def test_every_initiative_is_marked_as_demo_and_has_well_formed_facts(demo):
    slugs = [i.slug for i in demo]
    assert len(set(slugs)) == len(slugs)
    for initiative in demo:
        assert initiative.is_demo
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", initiative.slug)
        assert re.fullmatch(r"[1-9]\d{3} [A-Z]{2}", initiative.postcode)
        assert re.fullmatch(r"\d{8}", initiative.kvk_number)
        assert initiative.location_number is None or re.fullmatch(
            r"\d{12}", initiative.location_number
        )
        assert initiative.agb_code is None or re.fullmatch(r"\d{8}", initiative.agb_code)
        assert 3 <= initiative.capacity <= 26
        assert re.fullmatch(r"0\d{1,3} \d{6,8}", initiative.phone)
        assert len(initiative.phone.replace(" ", "")) == 10
        assert initiative.website == "" or re.fullmatch(
            r"https://www\.[a-z0-9-]{1,63}\.example", initiative.website
        )
        assert initiative.email == "" or initiative.email.endswith(".example")
        assert initiative.street and initiative.house_number and initiative.municipality
        assert 50.7 < initiative.latitude < 53.6 and 3.3 < initiative.longitude < 7.3
        assert date(2005, 1, 1) <= initiative.started_on <= TODAY
        assert initiative.started_on <= initiative.last_confirmed_on <= TODAY
        share = initiative.collective_share_percent
        assert share is None or (initiative.collective_budget and 0 <= share <= 100)


def test_descriptions_use_the_words_people_search_for(demo):
    text = " ".join(i.description for i in demo).lower()
    for word in ["autisme", "dementie", "jongeren", "zorgboerderij", "ouderinitiatief"]:
        assert word in text, word


def test_some_initiatives_leave_requirements_without_a_statement(demo):
    requirement_count = db.session.scalar(select(func.count(Requirement.id)))
    incomplete = [i for i in demo if len(i.statements) < requirement_count]
    assert 0.08 < len(incomplete) / len(demo) < 0.25
    assert any(not i.statements for i in demo)


def test_claims_include_verified_self_declared_rejected_and_expired(demo):
    memberships = [m for i in demo for m in i.memberships]
    certifications = [c for i in demo for c in i.certifications]
    assert {m.status for m in memberships} >= {
        ClaimStatus.VERIFIED,
        ClaimStatus.SELF_DECLARED,
        ClaimStatus.REJECTED,
    }
    verified = [m for m in memberships if m.status == ClaimStatus.VERIFIED]
    assert all(m.verified_by == m.association.abbreviation and m.verified_on for m in verified)
    assert all(not m.verified_by for m in memberships if m.status == ClaimStatus.SELF_DECLARED)
    expired = [c for c in certifications if c.effective_status(TODAY) == ClaimStatus.EXPIRED]
    assert expired and all(c.valid_until < TODAY for c in expired)
    last_spring = [c for c in expired if c.valid_until.month in (3, 4, 5, 6)]
    assert last_spring
    farms = [i for i in demo if "zorgboerderij" in i.name.lower()]
    assert any(m.association.key == "flz" for i in farms for m in i.memberships)


def test_new_initiatives_wait_for_their_first_visit_and_some_entries_are_stale(demo):
    six_months_ago = TODAY - timedelta(days=183)
    new = [i for i in demo if i.started_on > six_months_ago]
    assert new and all(not i.visits for i in new)
    assert any(i.last_confirmed_on < TODAY - timedelta(days=365) for i in demo)
    visits = [v for i in demo for v in i.visits]
    assert {v.body for v in visits} == set(VisitBody)
    assert all(v.visited_on <= TODAY for v in visits)
    assert all(
        v.report_url.startswith("https://") and ".example/" in v.report_url
        for v in visits
        if v.report_url
    )


def test_every_demo_initiative_is_logged_as_created(demo):
    logged = db.session.scalars(
        select(ChangeLogEntry.slug).where(ChangeLogEntry.action == ChangeAction.CREATED)
    ).all()
    assert sorted(logged) == sorted(i.slug for i in demo)


def test_a_second_demo_run_gets_fresh_slugs(demo):
    more = generate_demo(count=300, random_seed=2023, today=TODAY)
    db.session.commit()
    assert not {i.slug for i in more} & {i.slug for i in demo}
    assert db.session.scalar(select(func.count(Initiative.id))) == 600


def test_flask_seed_demo_command_loads_the_demo(runner, app_context):
    result = runner.invoke(args=["seed", "demo", "--count", "50"])
    assert result.exit_code == 0, result.output
    assert "50 demo initiatives loaded" in result.output
    assert db.session.scalar(select(func.count(Initiative.id)).where(Initiative.is_demo)) == 50


def test_flask_seed_demo_if_empty_leaves_a_filled_register_alone(runner, app_context):
    runner.invoke(args=["seed", "demo", "--count", "5"])
    result = runner.invoke(args=["seed", "demo", "--count", "5", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "already holds initiatives" in result.output
    assert db.session.scalar(select(func.count(Initiative.id))) == 5
