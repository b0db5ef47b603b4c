"""Public register pages: list and search, detail, compare."""

from flask import Blueprint

bp = Blueprint("entries", __name__)
