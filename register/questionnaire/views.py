"""Gesprek eigen regie: the personal question-list builder."""

from flask import Blueprint

bp = Blueprint("questionnaire", __name__, url_prefix="/vragenlijst")
