"""The list a person is building, kept in the session cookie until it is saved.

``ListState`` is written to the session with ``to_session()`` and read back with
``from_session()``, which trusts nothing: a cookie from an older version of the builder, or
one tampered with, raises ``InvalidState`` instead of reaching the rules with a wrong type,
an unknown key or a list far longer than the builder ever makes. A ``ref`` is a bank
question's key, or ``eigen-<n>`` for one of the person's own questions.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import asdict, dataclass, field, fields

STEPS = ("voor-wie", "situatie", "themas", "vragen", "eigen-vragen", "volgorde", "controleren")
AUDIENCES = ("self", "representative")
FUNDINGS = ("pgb", "zin", "unknown")
UNKNOWN = "unknown"
OWN_PREFIX = "eigen-"
MAX_OWN_QUESTIONS = 10
MAX_OWN_LENGTH = 300
TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 256 random bits, 43 characters
TOKEN_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
MAX_TOKEN_LENGTH = 100

# Bounds of what the builder itself ever stores; anything beyond them did not come from it.
MAX_KEY_LENGTH = 60  # a question's, theme's or kind's key (String(60) in the database)
MAX_SLUG_LENGTH = 120
MAX_THEMES = 50
MAX_REFS = 500
MAX_OWN_NUMBER = 1_000_000
OWN_REF = re.compile(rf"{OWN_PREFIX}([1-9][0-9]{{0,6}})")


class InvalidState(ValueError):
    """The session holds something that is not a list of this version of the builder."""


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def valid_token(token: object) -> bool:
    return (
        type(token) is str and 0 < len(token) <= MAX_TOKEN_LENGTH and set(token) <= TOKEN_ALPHABET
    )


@dataclass
class ListState:
    initiative: str | None = None  # the slug of the initiative the list was tailored to
    audience: str | None = None
    funding: str | None = None
    kind: str | None = None
    themes: list[str] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)  # themes whose questions were shown
    questions: list[str] = field(default_factory=list)  # bank questions, in the person's order
    own: list[tuple[str, str]] = field(default_factory=list)  # (ref, text), in the person's order
    next_own: int = 1
    important: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    # The link the list is saved under: chosen now, so saving twice (a double click, two
    # tabs) updates one list instead of making two.
    token: str = field(default_factory=new_token)
    saved: bool = False

    def to_session(self) -> dict:
        data = asdict(self)
        data["own"] = [[ref, text] for ref, text in self.own]  # JSON has no tuples
        return data

    @classmethod
    def from_session(cls, data: object) -> ListState:
        if type(data) is not dict or data.keys() != FIELD_NAMES:
            raise InvalidState("not a list of this version")
        own = _own_questions(data["own"])
        numbers = [int(OWN_REF.fullmatch(ref).group(1)) for ref, _text in own]
        next_own = data["next_own"]
        if type(next_own) is not int or not max(numbers, default=0) < next_own <= MAX_OWN_NUMBER:
            raise InvalidState("next_own")
        if not valid_token(data["token"]) or type(data["saved"]) is not bool:
            raise InvalidState("token or saved")
        done = _keys(data["done"], len(STEPS))
        if not set(done) <= set(STEPS):
            raise InvalidState("step")
        return cls(
            initiative=_optional_text(data["initiative"], MAX_SLUG_LENGTH),
            audience=_optional_choice(data["audience"], AUDIENCES),
            funding=_optional_choice(data["funding"], FUNDINGS),
            kind=_optional_text(data["kind"], MAX_KEY_LENGTH),
            themes=_keys(data["themes"], MAX_THEMES),
            seen=_keys(data["seen"], MAX_THEMES),
            questions=_keys(data["questions"], MAX_REFS),
            own=own,
            next_own=next_own,
            important=_keys(data["important"], MAX_REFS),
            done=done,
            token=data["token"],
            saved=data["saved"],
        )


FIELD_NAMES = frozenset(f.name for f in fields(ListState))


# ``type(...) is str`` and not ``isinstance``: the session's serializer also restores
# subclasses such as Markup, which a template would not escape.


def _optional_text(value: object, max_length: int) -> str | None:
    if value is None or (type(value) is str and 0 < len(value) <= max_length):
        return value
    raise InvalidState("text")


def _optional_choice(value: object, choices: tuple[str, ...]) -> str | None:
    if value is None or (type(value) is str and value in choices):
        return value
    raise InvalidState("choice")


def _keys(value: object, max_items: int) -> list[str]:
    """A list of distinct keys, as short as the builder makes them."""
    if type(value) is not list or len(value) > max_items:
        raise InvalidState("list")
    if not all(type(key) is str and 0 < len(key) <= MAX_KEY_LENGTH for key in value):
        raise InvalidState("key")
    if len(set(value)) != len(value):
        raise InvalidState("duplicate key")
    return list(value)


def _own_questions(value: object) -> list[tuple[str, str]]:
    if type(value) is not list or len(value) > MAX_OWN_QUESTIONS:
        raise InvalidState("own questions")
    own = []
    for pair in value:
        if type(pair) is not list or len(pair) != 2:
            raise InvalidState("own question")
        ref, text = pair
        if type(ref) is not str or not OWN_REF.fullmatch(ref):
            raise InvalidState("own question ref")
        if type(text) is not str or not 0 < len(text) <= MAX_OWN_LENGTH:
            raise InvalidState("own question text")
        own.append((ref, text))
    if len({ref for ref, _text in own}) != len(own):
        raise InvalidState("duplicate own question")
    return own
