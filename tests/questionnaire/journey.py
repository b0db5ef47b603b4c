"""Steps a person takes through the builder, shared by the tests."""

from __future__ import annotations

import re


def ticked_questions(html: str) -> list[str]:
    return re.findall(r'name="vraag" value="([^"]+)"\s*checked', html)


def build_list(
    visitor,
    *,
    themes=("dagindeling", "eten", "geld", "meebeslissen"),
    own=("Mag mijn kat mee?",),
    start_data=None,
    funding="pgb",
    kind="unknown",
):
    """Sanne's path: for herself, pgb, kind unknown, four themes, recommended questions kept,
    one own question; returns the response of the result page."""
    visitor.get("/vragenlijst/")
    visitor.post("/vragenlijst/begin", start_data or {})
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    visitor.post("/vragenlijst/stap/situatie", {"betaling": funding, "soort": kind})
    page = visitor.post("/vragenlijst/stap/themas", {"thema": list(themes)})
    visitor.post(
        "/vragenlijst/stap/vragen", {"vraag": ticked_questions(page.get_data(as_text=True))}
    )
    for text in own:
        visitor.post("/vragenlijst/stap/eigen-vragen", {"vraag": text, "actie": "toevoegen"})
    visitor.post("/vragenlijst/stap/eigen-vragen", {"actie": "verder"})
    visitor.post("/vragenlijst/stap/volgorde", {"actie": "verder"})
    return visitor.post("/vragenlijst/stap/controleren")


def save(visitor):
    """Saves the list; returns (response, token)."""
    response = visitor.post("/vragenlijst/bewaar")
    token = response.request.path.rsplit("/", 1)[1]
    return response, token
