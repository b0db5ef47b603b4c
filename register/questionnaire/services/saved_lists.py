"""Saving a list behind a random link, finding it again, and how long it is kept.

A saved list's ``content`` holds ``audience``, ``funding``, ``kind``, ``initiative`` (slug or
None), ``items`` (list of ``{"ref", "important"}`` in the person's order), ``own``
(``{ref: text}``) and, once conversations were added, ``LAST_POSITION``. Only the hash of
the link's token is stored. Reading (``find_saved``) never writes: a visit is recorded with
``record_visit``, an expired list deleted with ``delete_if_expired``, by the caller.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select

from register.entries.models import utcnow
from register.extensions import db
from register.questionnaire.models import Conversation, ConversationAnswer, SavedList
from register.questionnaire.services.catalogue import Bank
from register.questionnaire.services.order import Group, build_groups, chosen_refs
from register.questionnaire.state import OWN_PREFIX, STEPS, ListState, valid_token

# Key in a saved list's content: the highest conversation position the list ever used.
LAST_POSITION = "last_conversation"


def hash_token(token: str) -> str:
    """A real token is ASCII (the same hash either way); a forged one in a URL may not be."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def retention() -> timedelta:
    return timedelta(days=current_app.config["QUESTIONLIST_RETENTION_DAYS"])


def as_utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


def _behind(token: str) -> SavedList | None:
    if not valid_token(token):
        return None
    return db.session.scalar(select(SavedList).where(SavedList.token_hash == hash_token(token)))


def find_saved(token: str, now: datetime | None = None) -> SavedList | None:
    """The list behind a link, or None when there is none or it has expired. Only reads."""
    saved = _behind(token)
    if saved is None or as_utc(saved.expires_at) <= (now or utcnow()):
        return None
    return saved


def delete_if_expired(token: str, now: datetime | None = None) -> bool:
    """Deletes the list behind a link when its retention period has passed."""
    saved = _behind(token)
    if saved is None or as_utc(saved.expires_at) > (now or utcnow()):
        return False
    delete_list(saved)
    return True


def touch(saved: SavedList, now: datetime | None = None) -> None:
    """Any change restarts the retention period."""
    saved.expires_at = (now or utcnow()) + retention()


def record_visit(saved: SavedList, now: datetime | None = None) -> bool:
    """Opening a list counts as using it: its retention period restarts, at most once a day
    (so reading a list does not write every time). True when it did."""
    now = now or utcnow()
    if as_utc(saved.expires_at) >= now + retention() - timedelta(days=1):
        return False
    touch(saved, now)
    db.session.flush()
    return True


def content_from_state(state: ListState, bank: Bank) -> dict:
    refs = chosen_refs(state, bank)
    important = set(state.important)
    return {
        "audience": state.audience,
        "funding": state.funding,
        "kind": state.kind,
        "initiative": state.initiative,
        "items": [{"ref": ref, "important": ref in important} for ref in refs],
        "own": dict(state.own),
    }


def save_list(state: ListState, bank: Bank) -> SavedList:
    """Save the list under the state's token: a new list, or an update of the one saved
    before (the one being edited, or the same list saved twice). An expired list behind
    the token is deleted first: its conversations do not come back."""
    delete_if_expired(state.token)
    # The content is made before a new row joins the session: reading the bank may flush.
    content = content_from_state(state, bank)
    saved = find_saved(state.token)
    if saved is None:
        saved = SavedList(token_hash=hash_token(state.token))
    elif LAST_POSITION in saved.content:
        content[LAST_POSITION] = saved.content[LAST_POSITION]
    saved.content = content
    touch(saved)
    db.session.add(saved)
    db.session.flush()
    return saved


def has_unsaved_work(state: ListState, bank: Bank) -> bool:
    """Whether the person has made choices that are not saved as they are now."""
    if not state.done:
        return False
    saved = find_saved(state.token)
    content = content_from_state(state, bank)
    return saved is None or any(saved.content.get(key) != content[key] for key in content)


def _delete_lists(condition) -> int:
    """Deletes the lists matching ``condition`` with their conversations and answers,
    explicitly, so nothing is left behind even where the database does not cascade."""
    list_ids = select(SavedList.id).where(condition).scalar_subquery()
    conversation_ids = (
        select(Conversation.id).where(Conversation.saved_list_id.in_(list_ids)).scalar_subquery()
    )
    db.session.execute(
        delete(ConversationAnswer).where(ConversationAnswer.conversation_id.in_(conversation_ids))
    )
    db.session.execute(delete(Conversation).where(Conversation.saved_list_id.in_(list_ids)))
    result = db.session.execute(delete(SavedList).where(condition))
    db.session.expire_all()
    db.session.flush()
    return result.rowcount


def delete_list(saved: SavedList) -> None:
    _delete_lists(SavedList.id == saved.id)


def purge_expired(now: datetime | None = None) -> int:
    return _delete_lists(SavedList.expires_at <= (now or utcnow()))


def state_from_saved(saved: SavedList, token: str, bank: Bank) -> ListState:
    """The list in the session again, to be changed and saved under the same link."""
    content = saved.content
    refs = [item["ref"] for item in content["items"]]
    bank_refs = [r for r in refs if r in bank.questions]
    own = [(ref, content["own"][ref]) for ref in refs if ref in content["own"]]
    numbers = [int(ref[len(OWN_PREFIX) :]) for ref, _ in own if ref[len(OWN_PREFIX) :].isdigit()]
    themes = [
        t for t in bank.theme_keys() if any(bank.questions[r].theme.key == t for r in bank_refs)
    ]
    return ListState(
        initiative=content.get("initiative"),
        audience=content["audience"],
        funding=content["funding"],
        kind=content["kind"],
        themes=themes,
        seen=list(themes),
        questions=bank_refs,
        own=own,
        next_own=max(numbers, default=0) + 1,
        important=[item["ref"] for item in content["items"] if item["important"]],
        done=list(STEPS),
        token=token,
        saved=True,
    )


def saved_groups(saved: SavedList, bank: Bank) -> list[Group]:
    content = saved.content
    refs = [item["ref"] for item in content["items"]]
    important = {item["ref"] for item in content["items"] if item["important"]}
    return build_groups(refs, content["own"], important, bank, audience=content.get("audience"))
