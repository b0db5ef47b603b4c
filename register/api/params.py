"""Query parameters of the API: the search page's own parser plus the API's paging.

Every problem becomes a ``(parameter, message)`` pair; views turn a non-empty list into a
400 with all of them at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from register.entries.facets import FACET_KEYS
from register.entries.search_params import (
    MAX_RADIUS_KM,
    MIN_RADIUS_KM,
    SearchParams,
    parse_search_params,
)
from register.errors import BadParameter

SEARCH_PARAMETERS = ("q", "near", "radius", *FACET_KEYS, "sort", "page")
LANGUAGE_PARAMETER = "lang"  # accepted everywhere on the site; picks the language of messages
# Free text may be empty or padded; every other value is a number, a key or a moment, and an
# empty or padded one is a client's mistake (the search page's parser would skip it silently).
FREE_TEXT_PARAMETERS = ("q", "near")
DEFAULT_PAGE_SIZE = 20
DEFAULT_CHANGES_LIMIT = 100
MAX_CHANGES_LIMIT = 1000
# Integer columns (change_log.id among them) are 32-bit on PostgreSQL: a larger number in a
# query is "integer out of range", a 500. Page numbers keep the same bound.
MAX_INT32 = 2**31 - 1
MAX_ID = MAX_INT32
MAX_PAGE = MAX_INT32
MAX_DATETIME_LENGTH = 64
# A plain decimal number, as JSON writes one; float() would also take "1_0", "١" and "inf".
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")

ParameterErrors = list[tuple[str, str]]


class InvalidParameters(BadParameter):
    """A 400 listing every invalid parameter, so a client can fix them in one go."""

    def __init__(self, errors: ParameterErrors):
        super().__init__(
            _("Een of meer parameters zijn ongeldig. Zie de lijst met fouten."), errors=errors
        )


def unknown_parameters(args: MultiDict, allowed: tuple[str, ...]) -> ParameterErrors:
    """A misspelt parameter would otherwise be ignored silently and return the wrong data.
    Also checks ``lang``, which every operation accepts."""
    errors = [
        (name, _("Onbekende parameter. Toegestaan zijn: %(names)s.", names=", ".join(allowed)))
        for name in args
        if name not in allowed and name != LANGUAGE_PARAMETER
    ]
    languages = current_app.config["LANGUAGES"]
    if any(value not in languages for value in args.getlist(LANGUAGE_PARAMETER)):
        message = _("Onbekende taal. Kies uit: %(languages)s.", languages=", ".join(languages))
        errors.append((LANGUAGE_PARAMETER, message))
    return errors


def blank_values(args: MultiDict) -> ParameterErrors:
    message = _("Geef een waarde zonder spaties ervoor of erna, of laat de parameter weg.")
    return [
        (name, message)
        for name in args
        if name not in FREE_TEXT_PARAMETERS
        and any(not value or value != value.strip() for value in args.getlist(name))
    ]


def strict_radius(args: MultiDict) -> ParameterErrors:
    """The search page also takes a decimal comma (phones type one); the API takes JSON's
    number syntax only, as its document says."""
    if all(_NUMBER.fullmatch(value) for value in args.getlist("radius") if value):
        return []
    return [
        (
            "radius",
            _(
                "Kies een afstand van %(min)s tot en met %(max)s km.",
                min=MIN_RADIUS_KM,
                max=MAX_RADIUS_KM,
            ),
        )
    ]


def _raise_if_any(errors: ParameterErrors) -> None:
    """One message per parameter (the first found), all parameters at once."""
    first: dict[str, str] = {}
    for name, message in errors:
        first.setdefault(name, message)
    if first:
        raise InvalidParameters(list(first.items()))


def bounded_int(
    args: MultiDict, name: str, default: int, minimum: int, maximum: int
) -> tuple[int, ParameterErrors]:
    raw = args.get(name)
    if raw is None or raw == "":
        return default, []
    message = _(
        "Geef een heel getal van %(minimum)s tot en met %(maximum)s.",
        minimum=minimum,
        maximum=maximum,
    )
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(maximum)) + 1:
        return default, [(name, message)]
    value = int(raw)
    if not minimum <= value <= maximum:
        return default, [(name, message)]
    return value, []


# A '+' in a query string arrives as a space: "10:00:00 01:00" means "10:00:00+01:00".
_SPACE_FOR_PLUS = re.compile(r"(?<=\d) (?=\d{2}(:?\d{2})?$)")


def parse_since(raw: str | None) -> tuple[datetime | None, ParameterErrors]:
    """An ISO 8601 moment, as a timezone-aware UTC datetime; without an offset it is UTC."""
    if raw is None or not raw.strip():
        return None, [
            (
                "since",
                _(
                    "Geef met since aan vanaf welk moment u wijzigingen wilt, in ISO 8601, "
                    "bijvoorbeeld since=2026-01-31T12:00:00Z."
                ),
            )
        ]
    message = _(
        "since is geen geldig tijdstip. Gebruik ISO 8601, bijvoorbeeld 2026-01-31T12:00:00Z "
        "of 2026-01-31T13:00:00%2B01:00 (een + in een adres schrijft u als %2B)."
    )
    if len(raw) > MAX_DATETIME_LENGTH:
        return None, [("since", message)]
    try:
        moment = datetime.fromisoformat(_SPACE_FOR_PLUS.sub("+", raw.strip()))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC), []
    except (ValueError, OverflowError):
        return None, [("since", message)]


@dataclass(frozen=True)
class ChangesQuery:
    since: datetime
    after_id: int
    limit: int


def parse_changes_args(args: MultiDict) -> ChangesQuery:
    errors = unknown_parameters(args, ("since", "after_id", "limit"))
    since, since_errors = parse_since(args.get("since"))
    after_id, after_errors = bounded_int(args, "after_id", 0, 0, MAX_ID)
    limit, limit_errors = bounded_int(args, "limit", DEFAULT_CHANGES_LIMIT, 1, MAX_CHANGES_LIMIT)
    _raise_if_any(errors + since_errors + blank_values(args) + after_errors + limit_errors)
    assert since is not None  # parse_since gives a moment or an error
    return ChangesQuery(since=since, after_id=after_id, limit=limit)


@dataclass(frozen=True)
class ListQuery:
    search: SearchParams
    page_size: int


def parse_list_args(args: MultiDict, max_page_size: int) -> ListQuery:
    """The search page's parameters, parsed by the search page's own parser, plus page_size."""
    errors = unknown_parameters(args, (*SEARCH_PARAMETERS, "page_size"))
    errors += blank_values(args) + strict_radius(args)
    page_size, size_errors = bounded_int(args, "page_size", DEFAULT_PAGE_SIZE, 1, max_page_size)
    _page, page_errors = bounded_int(args, "page", 1, 1, MAX_PAGE)
    search, search_errors = parse_search_params(args)
    # The parser's field ids are the parameter names; the API's own messages come first.
    _raise_if_any(errors + size_errors + page_errors + search_errors)
    return ListQuery(search=search, page_size=page_size)
