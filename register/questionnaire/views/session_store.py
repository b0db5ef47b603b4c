"""The list being built, in the session cookie: read back with validation, written only
when it still fits in the cookie."""

from __future__ import annotations

from flask import current_app, flash, session
from flask_babel import gettext as _

from register.questionnaire.state import InvalidState, ListState

SESSION_KEY = "vragenlijst"
# A cookie holds at most 4096 bytes; keep room for the CSRF token and the cookie's attributes.
SESSION_BUDGET = 3600
TOO_BIG = "te-groot"  # the id of the "too big" message on a step page


def load() -> ListState | None:
    """The list in the session, or None when there is none. Content that is not a list of
    this version of the builder (an old cookie, or one tampered with) is replaced by a new,
    empty list, with a message: the person starts afresh instead of meeting an error."""
    if SESSION_KEY not in session:
        return None
    try:
        return ListState.from_session(session[SESSION_KEY])
    except InvalidState:
        state = ListState()
        session[SESSION_KEY] = state.to_session()
        flash(_("Je vragenlijst kon niet worden gelezen en is opnieuw begonnen."), "warning")
        return state


def store(state: ListState) -> bool:
    """Keep the list in the session cookie; False when it would no longer fit in one."""
    data = state.to_session()
    serializer = current_app.session_interface.get_signing_serializer(current_app)
    if len(serializer.dumps({**session, SESSION_KEY: data})) > SESSION_BUDGET:
        return False
    session[SESSION_KEY] = data
    return True


def too_big_message() -> str:
    return _(
        "Je lijst is te groot geworden om te onthouden. Maak je eigen vragen korter, "
        "of kies minder vragen."
    )
