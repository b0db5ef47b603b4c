"""``/beheer/accounts``: list and search accounts, invite, change, deactivate, reset
two-factor."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from register.accounts.access import roles_required
from register.accounts.models import Account
from register.accounts.roles import ROLE_LABELS, RoleName
from register.admin import services
from register.admin.forms import AccountForm, EditAccountForm, InviteForm
from register.admin.views.blueprint import bp
from register.extensions import db, limiter


def _invitation_limit() -> str:
    return current_app.config["INVITATION_RATE_LIMIT"]


def _staff_account() -> str:
    """Invitations are limited per staff account, not per address."""
    return f"staff:{current_user.get_id()}"


def _account_or_404(account_id: int) -> Account:
    account = db.session.get(Account, account_id)
    if account is None:
        abort(404)
    return account


@bp.get("/accounts")
@roles_required(RoleName.STAFF)
def accounts():
    text = request.args.get("zoek", "").strip()[:200]
    role = request.args.get("rol", "")
    if role not in {r.value for r in RoleName}:
        role = ""
    found = services.search_accounts(text, role)
    return render_template(
        "admin/accounts.html",
        accounts=found,
        text=text,
        role=role,
        role_options=[("", _("Alle rollen"))] + [(r.value, ROLE_LABELS[r]) for r in RoleName],
        role_labels=ROLE_LABELS,
    )


def _offer(form: AccountForm) -> None:
    form.offer_initiatives(services.search_initiatives(form.initiative_search.data or ""))


@bp.route("/accounts/uitnodigen", methods=["GET", "POST"])
@roles_required(RoleName.STAFF)
@limiter.limit(
    _invitation_limit,
    key_func=_staff_account,
    methods=["POST"],
    deduct_when=lambda response: response.status_code == 302,
)
def invite():
    form = InviteForm()
    _offer(form)
    if request.method == "POST" and not form.searching and form.validate():
        try:
            account = services.invite(
                form.name.data,
                form.email.data,
                form.roles.data,
                form.chosen_initiatives(),
                form.chosen_association(),
            )
        except services.AccountRuleBroken as broken:
            form.email.errors = [str(broken)]
        else:
            db.session.commit()
            flash(_("Uitnodiging verstuurd naar %(email)s.", email=account.email), "success")
            return redirect(url_for(".account", account_id=account.id))
    status = 400 if form.errors else 200
    return render_template("admin/invite.html", form=form), status


def _form_data(account: Account) -> dict:
    return {
        "name": account.name,
        "roles": [role.name for role in account.roles],
        "initiatives": [initiative.id for initiative in account.initiatives],
        "association": account.association.key if account.association else "",
    }


@bp.route("/accounts/<int:account_id>", methods=["GET", "POST"])
@roles_required(RoleName.STAFF)
def account(account_id: int):
    account = _account_or_404(account_id)
    if request.method == "POST":
        form = EditAccountForm()
    else:
        form = EditAccountForm(formdata=None, data=_form_data(account))
    _offer(form)
    if request.method == "POST" and not form.searching and form.validate():
        try:
            services.update_account(
                account,
                current_user,
                name=form.name.data,
                roles=form.roles.data,
                initiatives=form.chosen_initiatives(),
                association=form.chosen_association(),
            )
        except services.AccountRuleBroken as broken:
            form.roles.errors = [str(broken)]
        else:
            db.session.commit()
            flash(_("De wijzigingen zijn opgeslagen."), "success")
            return redirect(url_for(".account", account_id=account.id))
    status = 400 if form.errors else 200
    return render_template(
        "admin/account.html",
        account=account,
        form=form,
        role_labels=ROLE_LABELS,
        is_self=account.id == current_user.id,
    ), status


def _account_action(account_id: int, action, done: str):
    """Run ``action(account)`` (a service), commit and say so; a broken rule is a warning."""
    account = _account_or_404(account_id)
    try:
        action(account)
    except services.AccountRuleBroken as broken:
        db.session.rollback()
        flash(str(broken), "warning")
    else:
        db.session.commit()
        flash(done % {"email": account.email}, "success")
    return redirect(url_for(".account", account_id=account_id))


@bp.post("/accounts/<int:account_id>/deactiveren")
@roles_required(RoleName.STAFF)
def deactivate(account_id: int):
    return _account_action(
        account_id,
        lambda account: services.deactivate(account, current_user),
        _("Het account van %(email)s is gedeactiveerd. Alle sessies zijn beëindigd."),
    )


@bp.post("/accounts/<int:account_id>/activeren")
@roles_required(RoleName.STAFF)
def reactivate(account_id: int):
    return _account_action(
        account_id, services.reactivate, _("Het account van %(email)s is weer actief.")
    )


@bp.post("/accounts/<int:account_id>/tweestapsverificatie-resetten")
@roles_required(RoleName.STAFF)
def reset_two_factor(account_id: int):
    return _account_action(
        account_id,
        services.reset_two_factor,
        _(
            "De tweestapsverificatie van %(email)s is uitgezet. Bij de volgende keer inloggen "
            "stelt deze persoon haar opnieuw in."
        ),
    )


@bp.post("/accounts/<int:account_id>/uitnodiging-opnieuw")
@roles_required(RoleName.STAFF)
@limiter.limit(_invitation_limit, key_func=_staff_account, methods=["POST"])
def resend_invitation(account_id: int):
    def resend(account: Account) -> None:
        if account.password is not None or not account.active:
            raise services.AccountRuleBroken(
                _("Dit account heeft al een wachtwoord, of is niet actief.")
            )
        services.resend_invitation(account)

    return _account_action(
        account_id, resend, _("De uitnodiging is opnieuw verstuurd naar %(email)s.")
    )
