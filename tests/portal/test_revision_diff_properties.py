"""Properties of the revision diff (``register.portal.diff``): a version compared with itself
differs nowhere, and comparing two versions either way round reports the same fields, with
the values reversed and what is added and removed swapped."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from register.entries.models import (
    Association,
    FundingRoute,
    Kind,
    QualityMark,
    Requirement,
    TargetGroup,
    VacancyStatus,
)
from register.extensions import db
from register.portal.diff import diff

TEXT = st.text(max_size=40) | st.none()
ISO_DATES = st.dates().map(lambda day: day.isoformat()) | st.none()


def catalogue_keys() -> dict[str, list[str]]:
    keys = {
        name: list(db.session.scalars(select(model.key)))
        for name, model in (
            ("kind", Kind),
            ("target_groups", TargetGroup),
            ("funding_routes", FundingRoute),
            ("memberships", Association),
            ("quality_marks", QualityMark),
            ("requirements", Requirement),
        )
    }
    return keys


def versions(keys: dict[str, list[str]]) -> st.SearchStrategy[dict]:
    def some(name: str):
        return st.lists(st.sampled_from(keys[name]), unique=True, max_size=4)

    certification = st.fixed_dictionaries(
        {"quality_mark": st.sampled_from(keys["quality_marks"])},
        optional={"certificate_number": st.text(max_size=10), "valid_until": ISO_DATES},
    )
    return st.fixed_dictionaries(
        {
            "name": TEXT,
            "kind": st.sampled_from(keys["kind"]) | st.none(),
            "description": TEXT,
            "started_on": ISO_DATES,
            "capacity": st.integers(1, 1000) | st.none(),
            "vacancy": st.sampled_from([status.value for status in VacancyStatus]),
            "collective_budget": st.booleans(),
            "collective_share_percent": st.floats(0, 100, allow_nan=False) | st.none(),
            "kvk_number": st.from_regex(r"[0-9]{8}", fullmatch=True) | st.none(),
            "postcode": TEXT,
            "place": TEXT,
            "target_groups": some("target_groups"),
            "funding_routes": some("funding_routes"),
            "memberships": some("memberships"),
            "statements": st.dictionaries(st.sampled_from(keys["requirements"]), TEXT),
            "certifications": st.lists(certification, max_size=2),
        }
    )


def summary(rows) -> dict:
    return {row.label: (row.versions, row.added, row.removed) for row in rows}


@given(st.data())
def test_a_version_compared_with_itself_differs_nowhere(app, data):
    with app.test_request_context():
        version = data.draw(versions(catalogue_keys()))
        assert diff(version, dict(version)) == []


@given(st.data())
def test_comparing_two_versions_either_way_reports_the_same_fields(app, data):
    with app.test_request_context():
        keys = catalogue_keys()
        first, second = data.draw(versions(keys)), data.draw(versions(keys))
        forward, backward = summary(diff(first, second)), summary(diff(second, first))
    assert forward.keys() == backward.keys()
    for label, (values, added, removed) in forward.items():
        assert backward[label] == (values[::-1], removed, added)
