"""The comparison of a saved list's conversations: the page, its PDF and print version."""

from __future__ import annotations

from flask import render_template

from register.questionnaire.models import SavedList
from register.questionnaire.services.catalogue import load_bank
from register.questionnaire.services.comparison import compare
from register.questionnaire.services.tailoring import initiative_name
from register.questionnaire.views.blueprint import bp
from register.questionnaire.views.saved_link import with_saved_list
from register.questionnaire.views.shared import download


def _comparison_context(saved: SavedList) -> dict:
    return {
        "saved": saved,
        "sections": compare(saved, load_bank()),
        "conversations": saved.conversations,
        "initiative_name": initiative_name(saved.content.get("initiative")),
    }


@bp.get("/l/<token>/vergelijking")
@with_saved_list
def comparison(saved: SavedList, token: str):
    return render_template(
        "questionnaire/comparison.html", token=token, **_comparison_context(saved)
    )


@bp.get("/l/<token>/vergelijking.<fmt>")
@with_saved_list
def comparison_download(saved: SavedList, token: str, fmt: str):
    return download(fmt, _comparison_context(saved), "comparison_document", "vergelijking")


@bp.get("/l/<token>/vergelijking/afdrukken")
@with_saved_list
def comparison_print(saved: SavedList, token: str):
    return render_template(
        "questionnaire/comparison_document.html", for_pdf=False, **_comparison_context(saved)
    )
