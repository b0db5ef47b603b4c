"""Open data downloads: the whole public register as CSV and as JSON, streamed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from flask import Blueprint, Response, request, stream_with_context
from werkzeug.http import is_resource_modified

from register.entries.public import all_requirements, register_today
from register.opendata.export import csv_columns, csv_lines, data_version, json_chunks

bp = Blueprint("opendata", __name__, url_prefix="/open-data")

CACHE_CONTROL = "public, max-age=300"


def _download(
    chunks: Callable[[date], Iterator[str]], content_type: str, filename: str
) -> Response:
    """A streamed download with validators; a conditional GET that matches gets a 304
    without touching the initiatives at all."""
    today = register_today()
    version = data_version(today)
    if not is_resource_modified(
        request.environ, etag=version.etag, last_modified=version.last_modified
    ):
        response = Response(status=304)
    else:
        response = Response(stream_with_context(chunks(today)), content_type=content_type)
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Weak: the same data sent brotli- or gzip-compressed is another byte sequence, and
    # Flask-Compress gives a strong tag a suffix per encoding that would never match here.
    response.set_etag(version.etag, weak=True)
    response.last_modified = version.last_modified
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


@bp.get("/initiatieven.csv")
def initiatives_csv():
    return _download(csv_lines, "text/csv; charset=utf-8; header=present", "initiatieven.csv")


@bp.get("/initiatieven.json")
def initiatives_json():
    return _download(json_chunks, "application/json", "initiatieven.json")


@bp.after_request
def allow_any_origin(response: Response) -> Response:
    """Public, read-only data: any web page may fetch it."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.app_template_global("open_data_csv_columns")
def open_data_csv_columns():
    """The CSV columns for the open-data page, so its field list is the real one."""
    return csv_columns(all_requirements())
