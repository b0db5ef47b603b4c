"""``/beheer/logboek``: the audit log for register staff, filtered by initiative, actor,
action and dates (a GET form: every state is a URL), and its CSV download."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request, stream_with_context, url_for

from register.accounts.access import roles_required
from register.accounts.roles import RoleName
from register.audit import export, search
from register.audit.labels import action_label
from register.entries.public_values import iso_datetime
from register.i18n import format_datetime

bp = Blueprint("audit", __name__, url_prefix="/beheer")


def _filter(actions: list[str]) -> search.AuditFilter:
    return search.read_filter(request.args, actions)


@bp.get("/logboek")
@roles_required(RoleName.STAFF)
def log():
    actions = search.known_actions()
    audit_filter = _filter(actions)
    result = search.result_page(audit_filter)
    return (
        render_template(
            "audit/log.html",
            audit_filter=audit_filter,
            result=result,
            actions=[(action, action_label(action)) for action in actions],
            action_label=action_label,
            changes=search.changes,
            when=lambda value: format_datetime(value, "medium"),
            iso_datetime=iso_datetime,
            page_url=lambda page: url_for(".log", **audit_filter.arguments(pagina=page)),
            csv_url=url_for(".log_csv", **audit_filter.arguments(pagina="")),
        ),
        400 if audit_filter.errors else 200,
    )


@bp.get("/logboek.csv")
@roles_required(RoleName.STAFF)
def log_csv():
    """The entries of the filter (refused parts left out, as on the page), streamed."""
    response = Response(
        stream_with_context(export.csv_lines(_filter(search.known_actions()))),
        content_type="text/csv; charset=utf-8; header=present",
    )
    response.headers["Content-Disposition"] = 'attachment; filename="logboek.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response
