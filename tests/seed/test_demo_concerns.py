"""The demo gives the inspectors concerns to see: a few initiatives, recent, made up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from register.concerns import services
from register.concerns.models import Concern
from register.extensions import db
from register.seed.demo import generate_demo
from tests.seed.test_demo import TODAY


def test_the_demo_reports_recent_concerns_about_a_few_initiatives(app_context):
    initiatives = generate_demo(count=100, random_seed=2023, today=TODAY)
    db.session.commit()

    concerns = db.session.scalars(select(Concern)).all()
    about = {c.initiative_id for c in concerns}
    assert 1 < len(about) < 10
    assert about <= {i.id for i in initiatives}
    a_year_ago = datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC) - timedelta(days=365)
    assert sum(services.recent_concern_counts(a_year_ago).values()) == len(concerns)
    assert all(c.reporter_email.endswith(".example") for c in concerns if c.reporter_email)


def test_even_the_smallest_demo_has_a_concern(app_context):
    generate_demo(count=3, random_seed=1, today=TODAY)

    assert db.session.scalars(select(Concern)).first() is not None
