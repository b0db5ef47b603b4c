"""Query parameters of the API: the search page's own parser plus the API's paging.

Every problem becomes a ``(parameter, message)`` pair; views turn a non-empty list into a
400 with all of them at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from register.entries.finder import FACETS, SearchParams, parse_search_params
from register.errors import BadParameter

SEARCH_PARAMETERS = ("q", "near", "radius", *FACETS, "sort", "page")
LANGUAGE_PARAMETER = "lang"  # accepted everywhere on the site; picks the language of messages
DEFAULT_PAGE_SIZE = 20
DEFAULT_CHANGES_LIMIT = 100
MAX_CHANGES_LIMIT = 1000
MAX_ID = 2**63 - 1
MAX_DATETIME_LENGTH = 64

ParameterErrors = list[tuple[str, str]]


class InvalidParameters(BadParameter):
    """A 400 listing every invalid parameter, so a client can fix them in one go."""

    def __init__(self, errors: ParameterErrors):
        super().__init__(
            _("Een of meer parameters zijn ongeldig. Zie de lijst met fouten."), errors=errors
        )


def unknown_parameters(args: MultiDict, allowed: tuple[str, ...]) -> ParameterErrors:
    """A misspelt parameter would otherwise be ignored silently and return the wrong data."""
    return [
        (name, _("Onbekende parameter. Toegestaan zijn: %(names)s.", names=", ".join(allowed)))
        for name in args
        if name not in allowed and name != LANGUAGE_PARAMETER
    ]


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
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
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
    errors += since_errors + after_errors + limit_errors
    if errors or since is None:
        raise InvalidParameters(errors)
    return ChangesQuery(since=since, after_id=after_id, limit=limit)


@dataclass(frozen=True)
class ListQuery:
    search: SearchParams
    page_size: int


def parse_list_args(args: MultiDict, max_page_size: int) -> ListQuery:
    """The search page's parameters, parsed by the search page's own parser, plus page_size."""
    errors = unknown_parameters(args, (*SEARCH_PARAMETERS, "page_size"))
    page_size, size_errors = bounded_int(args, "page_size", DEFAULT_PAGE_SIZE, 1, max_page_size)
    _page, page_errors = bounded_int(args, "page", 1, 1, MAX_ID)
    search, search_errors = parse_search_params(args)
    errors += size_errors + page_errors
    reported = {name for name, _message in errors}
    for field_id, message in search_errors:
        if field_id not in reported:  # the parser's field ids are the parameter names
            errors.append((field_id, message))
            reported.add(field_id)
    if errors:
        raise InvalidParameters(errors)
    return ListQuery(search=search, page_size=page_size)
