"""The register pages' one blueprint; the view modules add their routes to it."""

from __future__ import annotations

from flask import Blueprint

from register.entries.labels import province_label

bp = Blueprint("entries", __name__)
bp.add_app_template_filter(province_label, "province")
