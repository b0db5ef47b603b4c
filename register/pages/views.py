"""General pages: home, about, privacy, accessibility statement, open data, health check."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from register.entries.models import Kind
from register.errors import reset_session
from register.extensions import db
from register.pages.demo import demo_data_loaded

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    return render_template("pages/home.html")


@bp.get("/over")
def about():
    kinds = db.session.scalars(select(Kind).order_by(Kind.position))
    return render_template("pages/about.html", kinds=kinds)


@bp.get("/privacy")
def privacy():
    return render_template("pages/privacy.html")


@bp.get("/toegankelijkheid")
def accessibility():
    return render_template("pages/accessibility.html")


@bp.get("/open-data")
def open_data():
    return render_template("pages/open_data.html")


@bp.get("/health")
def health():
    """Liveness and database reachability, for load balancers and monitoring."""
    try:
        # A table, not ``SELECT 1``: a missing SQLite file would be created empty and pass.
        db.session.execute(text("SELECT version_num FROM alembic_version"))
    except SQLAlchemyError:
        reset_session()
        return {"status": "error", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}


@bp.app_context_processor
def site_context() -> dict:
    return {"demo_data_loaded": demo_data_loaded()}
