"""The public form to report a concern (``/melden``) and its thank-you page."""

from __future__ import annotations

from flask import Blueprint

from register.concerns import models  # noqa: F401  (the table is part of the app)

bp = Blueprint("concerns", __name__)
