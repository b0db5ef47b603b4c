"""The builder's one blueprint; the view modules add their routes to it."""

from __future__ import annotations

from flask import Blueprint

from register.questionnaire.cli import purge_expired_command

bp = Blueprint("questionnaire", __name__, url_prefix="/vragenlijst")
bp.cli.add_command(purge_expired_command)
