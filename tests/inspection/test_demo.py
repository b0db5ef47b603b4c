"""The demo fills the inspectorate's pages: internal visit records and decisions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from register.extensions import db
from register.inspection.demo import generate_inspection_demo
from register.inspection.models import Decision, VisitRecord
from register.seed.demo import generate_demo


def test_demo_creates_visit_records_and_decisions(app_context):
    today = date(2026, 12, 2)
    initiatives = generate_demo(count=150, random_seed=5, today=today)
    generate_inspection_demo(initiatives, today, random_seed=5)
    records = list(db.session.scalars(select(VisitRecord)))
    assert records and all(
        r.visit is not None and r.visit.report_url == r.report_url for r in records
    )
    assert db.session.scalar(select(func.count(Decision.id))) > 0
