"""The list in the session cookie read back: an old or tampered cookie (signed with the app's
own key, so it passes the signature check) starts afresh with a message, never a 500."""

from __future__ import annotations

import pytest
from markupsafe import Markup
from questionnaire_helpers import build_list, save, text_of

from register.questionnaire.state import STEPS, InvalidState, ListState

RESET = "Je vragenlijst kon niet worden gelezen en is opnieuw begonnen."


def _valid() -> dict:
    return ListState(
        audience="self",
        funding="pgb",
        kind="unknown",
        themes=["geld"],
        seen=["geld"],
        questions=["geld-05"],
        own=[("eigen-1", "Mag mijn kat mee?")],
        next_own=2,
        important=["eigen-1"],
        done=list(STEPS),
    ).to_session()


def _changed(**changes) -> dict:
    return {**_valid(), **changes}


def _without(key: str) -> dict:
    state = _valid()
    del state[key]
    return state


BAD_STATES = {
    "text instead of a list": "vragenlijst",
    "a list of values": [1, 2, 3],
    "a number": 5,
    "nothing": None,
    "empty": {},
    "unknown key": _changed(admin=True),
    "missing key (older version)": _without("saved"),
    "dict where ids are expected": _changed(themes={"geld": 1}),
    "text where ids are expected": _changed(questions="geld-05"),
    "number in an id list": _changed(important=[5]),
    "overlong id": _changed(questions=["x" * 61]),
    "duplicate ids": _changed(questions=["geld-05", "geld-05"]),
    "huge list of one id": _changed(questions=["geld-05"] * 100_000),
    "too many ids": _changed(questions=[f"vraag-{n}" for n in range(501)]),
    "string where an int is expected": _changed(next_own="2"),
    "bool where an int is expected": _changed(next_own=True),
    "next number already used": _changed(next_own=1),
    "huge number": _changed(next_own=10**30),
    "number as audience": _changed(audience=5),
    "unknown audience": _changed(audience="admin"),
    "list as funding": _changed(funding=["pgb"]),
    "unknown step": _changed(done=["voor-wie", "hack"]),
    "step twice": _changed(done=["voor-wie", "voor-wie"]),
    "own question without text": _changed(own=[["eigen-1"]]),
    "own question as numbers": _changed(own=[[1, 2]]),
    "own question as dict": _changed(own={"eigen-1": "Mag mijn kat mee?"}),
    "own question with a forged ref": _changed(own=[["../x", "Vraag?"]]),
    "own question too long": _changed(own=[["eigen-1", "x" * 301]]),
    "own question empty": _changed(own=[["eigen-1", ""]]),
    "own questions twice the same ref": _changed(
        own=[["eigen-1", "Een?"], ["eigen-1", "Twee?"]], next_own=3
    ),
    "too many own questions": _changed(
        own=[[f"eigen-{n}", "Vraag?"] for n in range(1, 12)], next_own=12
    ),
    "token with other characters": _changed(token="../../etc/passwd"),
    "empty token": _changed(token=""),
    "overlong token": _changed(token="x" * 101),
    "number as token": _changed(token=42),
    "text as saved flag": _changed(saved="yes"),
    "long slug": _changed(initiative="x" * 121),
    "markup as own question": _changed(own=[["eigen-1", Markup("<script>alert(1)</script>")]]),
}


def _send_state(visitor, app, state) -> None:
    """Puts ``state`` in the visitor's session cookie, signed as the app signs it."""
    visitor.get("/vragenlijst/")
    serializer = app.session_interface.get_signing_serializer(app)
    session = serializer.loads(visitor.client.get_cookie("session").value)
    session["vragenlijst"] = state
    visitor.client.set_cookie("session", serializer.dumps(session))


def _state_in_cookie(visitor, app) -> ListState:
    serializer = app.session_interface.get_signing_serializer(app)
    session = serializer.loads(visitor.client.get_cookie("session").value)
    return ListState.from_session(session["vragenlijst"])


def test_the_valid_state_of_these_tests_is_read(visitor, app):
    _send_state(visitor, app, _valid())
    page = visitor.get("/vragenlijst/mijn-lijst")
    assert page.request.path == "/vragenlijst/mijn-lijst"
    assert "Mag mijn kat mee?" in text_of(page)
    assert RESET not in text_of(page)


@pytest.mark.parametrize("state", BAD_STATES.values(), ids=BAD_STATES.keys())
def test_a_bad_state_starts_afresh_with_a_message(visitor, app, state):
    _send_state(visitor, app, state)
    response = visitor.get("/vragenlijst/stap/controleren", follow=False)
    assert response.status_code == 302
    page = visitor.get(response.headers["Location"])
    assert page.status_code == 200
    assert page.request.path == "/vragenlijst/stap/voor-wie"
    assert RESET in text_of(page)
    assert "<script>alert(1)</script>" not in page.get_data(as_text=True)
    fresh = _state_in_cookie(visitor, app)
    assert fresh.done == [] and fresh.own == [] and fresh.questions == []


@pytest.mark.parametrize(
    "state",
    [BAD_STATES["dict where ids are expected"], BAD_STATES["markup as own question"]],
    ids=["dict", "markup"],
)
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/vragenlijst/"),
        ("get", "/vragenlijst/stap/voor-wie"),
        ("post", "/vragenlijst/stap/voor-wie"),
        ("get", "/vragenlijst/mijn-lijst"),
        ("get", "/vragenlijst/mijn-lijst.txt"),
        ("get", "/vragenlijst/mijn-lijst/afdrukken"),
        ("post", "/vragenlijst/bewaar"),
    ],
)
def test_every_page_of_the_builder_survives_a_bad_state(visitor, app, state, method, url):
    _send_state(visitor, app, state)
    response = getattr(visitor, method)(url, follow=False)
    assert response.status_code in (200, 302)
    page = visitor.get(response.headers["Location"]) if response.status_code == 302 else response
    assert page.status_code == 200
    assert RESET in text_of(page)
    assert "<script>alert(1)</script>" not in page.get_data(as_text=True)


def test_beginning_a_new_list_replaces_a_bad_state_without_reading_it(visitor, app):
    _send_state(visitor, app, BAD_STATES["dict where ids are expected"])
    page = visitor.post("/vragenlijst/begin")
    assert page.request.path == "/vragenlijst/stap/voor-wie"
    assert _state_in_cookie(visitor, app).done == []


def test_a_saved_list_opens_despite_a_bad_state(visitor, app):
    build_list(visitor, own=("Mag mijn kat mee?",))
    _page, token = save(visitor)
    _send_state(visitor, app, BAD_STATES["text where ids are expected"])
    page = visitor.get(f"/vragenlijst/l/{token}")
    assert page.status_code == 200
    assert "Mag mijn kat mee?" in text_of(page)
    edited = visitor.post(f"/vragenlijst/l/{token}/bewerken")
    assert edited.request.path == "/vragenlijst/stap/controleren"
    assert RESET in text_of(edited)
    assert "Mag mijn kat mee?" in text_of(edited)
    assert _state_in_cookie(visitor, app).token == token


def test_state_round_trips_through_the_session_format():
    state = ListState.from_session(_valid())
    assert state.own == [("eigen-1", "Mag mijn kat mee?")]
    assert ListState.from_session(state.to_session()) == state


@pytest.mark.parametrize("state", BAD_STATES.values(), ids=BAD_STATES.keys())
def test_bad_states_are_refused_by_the_reader(state):
    with pytest.raises(InvalidState):
        ListState.from_session(state)
