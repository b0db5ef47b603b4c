"""JSON API v1: read-only, public. Described by ``/api/v1/openapi.json`` (see openapi.py)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Blueprint, Response, current_app, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import Gone, NotFound

from register.api.changes import changes_page
from register.api.openapi import openapi_document
from register.api.params import (
    InvalidParameters,
    parse_changes_args,
    parse_list_args,
    unknown_parameters,
)
from register.entries import queries
from register.entries.finder import SearchResult, find
from register.entries.models import ChangeAction, ChangeLogEntry
from register.entries.public import all_requirements, public_initiative, register_today
from register.entries.public_values import iso_date, iso_datetime

bp = Blueprint("api", __name__, url_prefix="/api/v1")

CACHE_CONTROL = "public, max-age=60"


@bp.get("/initiatives")
def initiatives():
    query = parse_list_args(request.args, current_app.config["API_MAX_PAGE_SIZE"])
    result = find(query.search, page_size=query.page_size)
    if result.page_clamped:
        message = _(
            "Pagina %(page)s bestaat niet. De laatste pagina is %(last)s.",
            page=query.search.page,
            last=result.page_count,
        )
        raise InvalidParameters([("page", message)])
    today = register_today()
    requirements = all_requirements()
    return {
        "data": [
            public_initiative(item, today, requirements=requirements) for item in result.items
        ],
        "meta": _list_meta(result, query.page_size),
        "links": {
            "self": _page_url(result.page),
            "next": _page_url(result.page + 1) if result.page < result.page_count else None,
            "prev": _page_url(result.page - 1) if result.page > 1 else None,
        },
    }


def _list_meta(result: SearchResult, page_size: int) -> dict[str, Any]:
    slugs = {item.id: item.slug for item in result.items}
    return {
        "total": result.total,
        "page": result.page,
        "page_size": page_size,
        "page_count": result.page_count,
        "facets": {
            name: [asdict(option) for option in options] for name, options in result.facets.items()
        },
        "suggestion": result.suggestion,
        "origin": asdict(result.origin) if result.origin else None,
        "distances_km": {
            slugs[item_id]: km for item_id, km in result.distances_km.items() if item_id in slugs
        },
    }


@bp.get("/initiatives/<slug>")
def initiative(slug: str):
    unknown = unknown_parameters(request.args, ())
    if unknown:
        raise InvalidParameters(unknown)
    found = queries.published_by_slug(slug)
    if found is not None:
        return {"data": public_initiative(found, register_today())}
    current = queries.current_slug_for(slug)
    if current is not None:
        return redirect(url_for("api.initiative", slug=current, **request.args), code=301)
    withdrawn = queries.any_by_slug(slug)
    if withdrawn is not None:
        gone = Gone()
        gone.user_message = _(
            "Dit initiatief is op %(date)s uit het register gehaald.",
            date=iso_date(withdrawn.withdrawn_on) or "?",
        )
        raise gone
    error = NotFound()
    error.user_message = _("Er is geen initiatief met de sleutel %(slug)s.", slug=slug[:200])
    raise error


@bp.get("/changes")
def changes():
    query = parse_changes_args(request.args)
    entries, more = changes_page(query)
    last_id = entries[-1].id if entries else query.after_id
    return {
        "data": [_change(entry) for entry in entries],
        "meta": {
            "since": iso_datetime(query.since),
            "after_id": query.after_id,
            "limit": query.limit,
            "count": len(entries),
            "last_id": last_id,
        },
        "links": {
            "self": _url_with(),
            "next": _url_with(after_id=str(last_id)) if more else None,
        },
    }


@bp.get("/openapi.json")
def openapi():
    server_url = url_for("api.openapi", _external=True).removesuffix("/openapi.json")
    return openapi_document(server_url, current_app.config["API_MAX_PAGE_SIZE"])


def _change(entry: ChangeLogEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "slug": entry.slug,
        "action": entry.action.value,
        "fields": list(entry.fields),
        "changed_at": iso_datetime(entry.changed_at),
        "url": None
        if entry.action in (ChangeAction.DELETED, ChangeAction.WITHDRAWN)
        else url_for("api.initiative", slug=entry.slug, _external=True),
    }


def _url_with(**overrides: str) -> str:
    """This request's URL, absolute, with some parameters replaced (repeated ones kept)."""
    args = request.args.to_dict(flat=False)
    args.update({name: [value] for name, value in overrides.items()})
    return url_for(request.endpoint, _external=True, **request.view_args, **args)


def _page_url(page: int) -> str:
    return _url_with(page=str(page))


@bp.after_request
def public_read_only(response: Response) -> Response:
    """Public, read-only data: any web page may fetch it; shared caches may keep it briefly."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    if response.status_code == 200:
        response.headers.setdefault("Cache-Control", CACHE_CONTROL)
    return response
