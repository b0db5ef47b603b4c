"""Open data downloads."""

from flask import Blueprint

bp = Blueprint("opendata", __name__, url_prefix="/open-data")
