"""One test per signal rule: when it fires, with which evidence in words, and when it stays
quiet. All rules are evaluated at once for every published initiative."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from register.entries.models import (
    ChangeAction,
    ChangeLogEntry,
    ClaimStatus,
    EntryStatus,
    Source,
    VisitBody,
)
from register.extensions import db
from register.inspection.models import VisitRecord
from register.inspection.signals import (
    SIGNALS,
    SIGNALS_BY_KEY,
    Context,
    Setting,
    default_settings,
    evaluate,
)
from tests.factories import add_certification, add_membership, add_visit, make_initiative

TODAY = date(2026, 12, 2)
ALL_STATEMENTS = {
    key: "Zo doen we dat."
    for key in (
        "conscious_choice",
        "individual_care",
        "day_activities_outside",
        "collective_share_known",
        "spending_insight",
        "tailored_offer",
        "say_at_location",
    )
}

pytestmark = pytest.mark.usefixtures("request_context")


def fired(key: str, **settings: Setting) -> dict[int, object]:
    return SIGNALS_BY_KEY[key].evaluate(Context(TODAY, default_settings() | settings))


def words(key: str, evidence) -> str:
    signal = SIGNALS_BY_KEY[key]
    return signal.words(evidence, signal.default_threshold)


def quiet(**fields):
    """An initiative that raises no signal: visited, verified member, valid mark, every
    statement given, share published, confirmed recently."""
    initiative = make_initiative(**({"statements": ALL_STATEMENTS} | fields))
    add_membership(initiative)
    add_certification(initiative, valid_until=date(2028, 1, 1))
    add_visit(initiative, visited_on=date(2025, 6, 1))
    return initiative


def test_a_quiet_initiative_raises_no_signal():
    quiet()
    assert evaluate(Context(TODAY, default_settings())) == {}


def test_new_initiative_without_a_visit_is_signalled_until_six_months_or_a_visit():
    new = quiet(started_on=date(2026, 8, 3))
    new.visits.clear()
    older = quiet(started_on=date(2026, 5, 1))
    older.visits.clear()
    visited = quiet(started_on=date(2026, 8, 3))
    found = fired("new_without_visit")
    assert set(found) == {new.id}
    assert words("new_without_visit", found[new.id]) == (
        "gestart op 3 augustus 2026, nog geen bezoek"
    )
    assert visited.id not in found


def test_a_visit_by_the_care_office_does_not_count_as_the_first_inspection_visit():
    new = quiet(started_on=date(2026, 8, 3))
    new.visits[0].body = VisitBody.CARE_OFFICE
    assert new.id in fired("new_without_visit")


def test_never_visited_or_last_visit_longer_ago_than_the_threshold():
    never = quiet(started_on=date(2019, 1, 1))
    never.visits.clear()
    long_ago = quiet()
    long_ago.visits[0].visited_on = date(2022, 3, 4)
    recent = quiet()
    new_one = quiet(started_on=date(2026, 10, 1))
    new_one.visits.clear()
    found = fired("not_visited")
    assert set(found) == {never.id, long_ago.id}
    assert words("not_visited", found[never.id]) == "nooit bezocht sinds de start op 1 januari 2019"
    assert words("not_visited", found[long_ago.id]) == "laatste bezoek op 4 maart 2022"
    assert recent.id not in found
    assert set(fired("not_visited", not_visited=Setting(5, 20))) == {never.id}


def test_a_visit_only_the_inspectorate_recorded_counts_as_a_visit():
    initiative = quiet()
    initiative.visits.clear()
    db.session.add(
        VisitRecord(initiative_id=initiative.id, visited_on=date(2026, 1, 5), body=VisitBody.IGJ)
    )
    db.session.flush()
    assert initiative.id not in fired("not_visited")


def test_no_membership_or_only_unverified_ones():
    none = quiet()
    none.memberships.clear()
    unverified = quiet()
    unverified.memberships.clear()
    add_membership(unverified, "flz", status=ClaimStatus.SELF_DECLARED)
    expired = quiet()
    expired.memberships[0].valid_until = date(2026, 1, 1)
    db.session.flush()
    found = fired("no_verified_membership")
    assert set(found) == {none.id, unverified.id, expired.id}
    assert words("no_verified_membership", found[none.id]) == (
        "geen lidmaatschap van een brancheorganisatie"
    )
    assert words("no_verified_membership", found[unverified.id]) == (
        "alleen niet-gecontroleerd lidmaatschap (FLZ)"
    )


def test_quality_mark_missing_expired_or_expiring_within_ninety_days():
    missing = quiet()
    missing.certifications.clear()
    expired = quiet()
    expired.certifications[0].valid_until = date(2026, 1, 31)
    expiring = quiet()
    expiring.certifications[0].valid_until = date(2027, 2, 1)
    rejected_only = quiet()
    rejected_only.certifications[0].status = ClaimStatus.REJECTED
    db.session.flush()
    found = fired("quality_mark")
    assert set(found) == {missing.id, expired.id, expiring.id, rejected_only.id}
    assert words("quality_mark", found[missing.id]) == "geen keurmerk"
    assert "verlopen op 31 januari 2026" in words("quality_mark", found[expired.id])
    assert "loopt af op 1 februari 2027" in words("quality_mark", found[expiring.id])
    assert expiring.id not in fired("quality_mark", quality_mark=Setting(30, 10))


def test_missing_statements_only_for_requirements_that_apply_to_the_funding():
    with_pgb = quiet(statements={"say_at_location": "Ja"})
    without_pgb = quiet(
        funding_routes=("zorg_in_natura",),
        statements={
            k: v
            for k, v in ALL_STATEMENTS.items()
            if k not in ("conscious_choice", "individual_care", "tailored_offer")
        },
    )
    blank = quiet(statements={**ALL_STATEMENTS, "spending_insight": "   "})
    found = fired("missing_statements")
    assert without_pgb.id not in found
    assert len(found[with_pgb.id]) == 6
    assert words("missing_statements", found[blank.id]) == (
        "geen verklaring over: Zien waar je geld heen gaat"
    )


def test_collective_budget_without_a_published_share():
    hidden = quiet(collective_share_percent=None)
    quiet()
    no_budget = quiet(collective_budget=False, collective_share_percent=None)
    assert set(fired("collective_share_unpublished")) == {hidden.id}
    assert no_budget.id not in fired("collective_share_unpublished")


def test_kind_set_up_by_a_care_party():
    entrepreneur = quiet(kind="care_entrepreneur")
    institution = quiet(kind="care_institution")
    quiet()
    found = fired("professional_kind")
    assert set(found) == {entrepreneur.id, institution.id}
    assert words("professional_kind", found[institution.id]) == "opgezet door een zorginstelling"


def test_large_capacity_from_the_threshold():
    large = quiet(capacity=20)
    quiet(capacity=19)
    assert set(fired("large_capacity")) == {large.id}
    assert words("large_capacity", 20) == "20 woonplekken"


def test_entry_not_confirmed_for_twelve_months():
    stale = quiet(last_confirmed_on=date(2025, 11, 30))
    never = quiet(last_confirmed_on=None)
    quiet(last_confirmed_on=date(2026, 1, 5))
    found = fired("not_confirmed")
    assert set(found) == {stale.id, never.id}
    assert words("not_confirmed", found[never.id]) == "gegevens nooit bevestigd"


def _log(initiative, fields, when, source=Source.INITIATIVE):
    db.session.add(
        ChangeLogEntry(
            initiative_id=initiative.id,
            slug=initiative.slug,
            action=ChangeAction.UPDATED,
            fields=fields,
            source=source,
            changed_at=when,
        )
    )
    db.session.flush()


def test_many_changes_in_three_months_not_counting_the_inspectorates_own():
    busy = quiet()
    calm = quiet()
    for day in range(1, 6):
        _log(busy, ["description"], datetime(2026, 11, day, tzinfo=UTC))
        _log(calm, ["visits"], datetime(2026, 11, day, tzinfo=UTC), Source.INSPECTORATE)
    _log(calm, ["description"], datetime(2026, 1, 1, tzinfo=UTC))
    found = fired("many_changes")
    assert set(found) == {busy.id}
    assert words("many_changes", found[busy.id]) == "5 wijzigingen in drie maanden"


def test_change_of_kvk_number_or_contact_details():
    changed = quiet()
    _log(changed, ["registration"], datetime(2026, 6, 1, tzinfo=UTC))
    _log(changed, ["contact", "description"], datetime(2026, 7, 1, tzinfo=UTC))
    old = quiet()
    _log(old, ["registration"], datetime(2025, 6, 1, tzinfo=UTC))
    other = quiet()
    _log(other, ["description"], datetime(2026, 6, 1, tzinfo=UTC))
    found = fired("identity_change")
    assert set(found) == {changed.id}
    assert words("identity_change", found[changed.id]) == (
        "KvK- of inschrijfnummer gewijzigd op 1 juni 2026; contactgegevens gewijzigd op 1 juli 2026"
    )


def test_follow_up_date_passed_without_a_later_visit():
    overdue = quiet()
    done = quiet()
    for initiative in (overdue, done):
        db.session.add(
            VisitRecord(
                initiative_id=initiative.id,
                visited_on=date(2026, 3, 1),
                body=VisitBody.IGJ,
                follow_up_on=date(2026, 9, 1),
            )
        )
    add_visit(done, visited_on=date(2026, 9, 15))
    found = fired("follow_up_passed")
    assert set(found) == {overdue.id}
    assert words("follow_up_passed", found[overdue.id]) == (
        "vervolg gepland voor 1 september 2026, nog niet gedaan"
    )


def test_withdrawn_initiatives_raise_no_signals():
    withdrawn = quiet(status=EntryStatus.WITHDRAWN, collective_share_percent=None)
    assert withdrawn.id not in evaluate(Context(TODAY, default_settings()))


def test_a_signal_with_weight_zero_is_switched_off_and_hits_are_heaviest_first():
    initiative = quiet(capacity=25, kind="care_entrepreneur", collective_share_percent=None)
    settings = default_settings() | {"large_capacity": Setting(20, 0)}
    hits = evaluate(Context(TODAY, settings))[initiative.id]
    assert {hit.signal.key for hit in hits} == {"professional_kind", "collective_share_unpublished"}
    weights = [hit.weight for hit in hits]
    assert weights == sorted(weights, reverse=True)


def test_every_signal_has_a_unique_key_explanation_and_data():
    assert len(SIGNALS_BY_KEY) == len(SIGNALS)
    for signal in SIGNALS:
        assert str(signal.explanation) and str(signal.data_used) and str(signal.label)
        assert (signal.default_threshold is None) == (signal.threshold_label is None)


def test_concerns_from_the_public_in_the_last_twelve_months():
    from register.concerns.services import report

    worried = quiet()
    report(
        worried,
        what_happened="Er is 's nachts niemand.",
        created_at=datetime(2026, 11, 1, tzinfo=UTC),
    )
    old = quiet()
    report(old, what_happened="Lang geleden.", created_at=datetime(2025, 10, 1, tzinfo=UTC))
    found = fired("concerns")
    assert set(found) == {worried.id}
    assert words("concerns", found[worried.id]) == "1 zorg gemeld in de laatste twaalf maanden"
    assert fired("concerns", concerns=Setting(2, 25)) == {}
