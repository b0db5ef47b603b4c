"""Steps a person takes through the builder and what they read, shared by the tests."""

from __future__ import annotations

import re
import zlib
from datetime import timedelta

from register.entries.models import utcnow
from register.extensions import db
from register.questionnaire.models import SavedList
from register.questionnaire.services import conversations
from register.questionnaire.services.saved_lists import hash_token
from register.questionnaire.state import new_token


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


def text_of(response) -> str:
    """The page's text without tags and with collapsed spaces, as a person reads it."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace("&#39;", "'")


def pdf_text(data: bytes) -> bytes:
    """The PDF with its compressed streams unpacked, so its catalogue can be searched."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(parts)


def make_saved_list(app, refs, own=None, conversation=None) -> str:
    """A saved list of ``refs`` (own questions in ``own``: ref -> text), straight in the
    database, with a conversation named ``conversation`` if given; returns its token."""
    token = new_token()
    with app.app_context():
        saved = SavedList(
            token_hash=hash_token(token),
            content={
                "audience": "self",
                "funding": "pgb",
                "kind": "unknown",
                "initiative": None,
                "items": [{"ref": ref, "important": False} for ref in refs],
                "own": own or {},
            },
            expires_at=utcnow() + timedelta(days=30),
        )
        db.session.add(saved)
        db.session.flush()
        if conversation:
            conversations.add_conversation(saved, conversation, None)
        db.session.commit()
    return token
