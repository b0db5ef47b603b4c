"""Who may open what: every non-public view declares its roles with ``roles_required`` and
an editor's initiative comes from ``initiative_of_editor`` (404 for anyone else's, so ids in
URLs and forms cannot reach another initiative or reveal that it exists)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user

from register.accounts.roles import RoleName
from register.entries.models import Initiative
from register.extensions import db


def roles_required(*roles: RoleName) -> Callable:
    """Anonymous visitors go to the log-in page (and come back); accounts without one of
    ``roles`` get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("security.login", next=request.full_path.rstrip("?")))
            if not current_user.has_any_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = frozenset(roles)  # read by the role-matrix test
        return wrapped

    return decorator


def initiative_of_editor(initiative_id: int) -> Initiative:
    """The initiative the logged-in editor may edit, or 404."""
    initiative = db.session.get(Initiative, initiative_id)
    if initiative is None or not current_user.edits(initiative.id):
        abort(404)
    return initiative
