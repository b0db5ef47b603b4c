"""``/beheer/wijzigingen``: HTTP only; register staff only."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from register.accounts.access import roles_required
from register.accounts.roles import RoleName
from register.entries.fields import FACTS_BY_KEY
from register.extensions import db
from register.moderation import services
from register.moderation.forms import ApproveForm, RejectForm
from register.portal.diff import capitalised, diff
from register.portal.models import Revision, RevisionKind
from register.portal.values import editable_facts, entry_values

bp = Blueprint("moderation", __name__, url_prefix="/beheer/wijzigingen")


def kind_label(kind: RevisionKind) -> str:
    return {
        RevisionKind.EDIT: _("Wijziging van gegevens"),
        RevisionKind.WITHDRAWAL: _("Uit het register halen"),
    }[kind]


def fact_labels(keys: list[str]) -> str:
    return ", ".join(str(FACTS_BY_KEY[key].label) for key in keys if key in FACTS_BY_KEY)


@bp.context_processor
def _helpers() -> dict:
    return {"kind_label": kind_label, "fact_labels": fact_labels}


@bp.get("")
@roles_required(RoleName.STAFF)
def queue():
    kind = request.args.get("soort", "")
    fact = request.args.get("gegeven", "")
    kinds = {k.value: k for k in RevisionKind}
    facts = {f.key: f for f in editable_facts()}
    revisions = services.queue(kinds.get(kind), fact if fact in facts else None)
    return render_template(
        "moderation/queue.html",
        revisions=revisions,
        kinds=[(k.value, kind_label(k)) for k in RevisionKind],
        facts=[(f.key, capitalised(f.label)) for f in facts.values()],
        kind=kind if kind in kinds else "",
        fact=fact if fact in facts else "",
    )


def _revision(revision_id: int) -> Revision:
    revision = db.session.get(Revision, revision_id)
    if revision is None:
        abort(404)
    return revision


@bp.get("/<int:revision_id>")
@roles_required(RoleName.STAFF)
def revision(revision_id: int):
    return _revision_page(_revision(revision_id), ApproveForm(), RejectForm())


def _revision_page(revision: Revision, approve_form, reject_form, status: int = 200):
    outdated = revision.is_pending and services.is_outdated(revision)
    changes = three_way = None
    if revision.kind == RevisionKind.EDIT:
        changes = diff(revision.base, revision.proposed)
        if outdated:
            three_way = diff(revision.base, entry_values(revision.initiative), revision.proposed)
    has_errors = bool(approve_form.errors or reject_form.errors)
    return (
        render_template(
            "moderation/revision.html",
            revision=revision,
            changes=changes,
            three_way=three_way,
            outdated=outdated,
            approve_form=approve_form,
            reject_form=reject_form,
            page_has_errors=has_errors,
        ),
        status,
    )


def _locked_pending(revision_id: int) -> Revision | None:
    """The revision, locked; None (after a message) when it is no longer pending."""
    revision = services.lock(revision_id)
    if revision is None:
        abort(404)
    if not revision.is_pending:
        flash(_("Over deze wijziging is al besloten."), "warning")
        return None
    return revision


@bp.post("/<int:revision_id>/goedkeuren")
@roles_required(RoleName.STAFF)
def approve(revision_id: int):
    form = ApproveForm()
    if not form.validate():
        abort(400)
    revision = _locked_pending(revision_id)
    if revision is None:
        return redirect(url_for(".revision", revision_id=revision_id), 303)
    if services.is_outdated(revision) and not form.require_outdated_seen():
        return _revision_page(revision, form, RejectForm(formdata=None), status=409)
    services.approve(revision, current_user, date.today())
    db.session.commit()
    flash(_("De wijziging is goedgekeurd en staat nu in het register."), "success")
    return redirect(url_for(".queue"), 303)


@bp.post("/<int:revision_id>/afwijzen")
@roles_required(RoleName.STAFF)
def reject(revision_id: int):
    form = RejectForm()
    if not form.validate():
        if form.csrf_token.errors:
            abort(400)
        return _revision_page(_revision(revision_id), ApproveForm(formdata=None), form, 400)
    revision = _locked_pending(revision_id)
    if revision is None:
        return redirect(url_for(".revision", revision_id=revision_id), 303)
    services.reject(revision, current_user, form.reason.data.strip())
    db.session.commit()
    flash(_("De wijziging is afgewezen. De redacteur krijgt uw reden te lezen."), "success")
    return redirect(url_for(".queue"), 303)
