"""Fingerprinted static assets: ``url_for('static', filename=...)`` adds ``?v=<hash of the
file's content>``, and a request that carries the current hash is cached for a year.

The hashes are computed once, when the app is made: a deployment restarts the processes,
and a changed file then gets a new URL. A request without ``v`` or with an outdated one
(an old page still in someone's browser) gets the current file with a short lifetime.
Stylesheets hold no ``url(...)`` to other static files (a test keeps it so): such a
reference could not carry a fingerprint.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, Response, current_app, request

YEAR = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={YEAR}, immutable"
EXTENSION = "static_fingerprints"


def fingerprints(folder: str | Path) -> dict[str, str]:
    """File name (as ``url_for`` takes it, with ``/``) -> a short hash of its content."""
    root = Path(folder)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _add_fingerprint(endpoint: str, values: dict) -> None:
    if endpoint == "static" and "v" not in values:
        fingerprint = current_app.extensions[EXTENSION].get(values.get("filename"))
        if fingerprint:
            values["v"] = fingerprint


def _cache_static(response: Response) -> Response:
    if request.endpoint != "static" or response.status_code not in (200, 304):
        return response
    filename = (request.view_args or {}).get("filename")
    current = current_app.extensions[EXTENSION].get(filename)
    if current and request.args.get("v") == current:
        response.headers["Cache-Control"] = IMMUTABLE
    else:
        response.headers["Cache-Control"] = (
            f"public, max-age={current_app.config['STATIC_CACHE_SECONDS']}"
        )
    return response


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = fingerprints(app.static_folder) if app.static_folder else {}
    app.url_defaults(_add_fingerprint)
    app.after_request(_cache_static)
