"""Access requests: take one in (matched or not, with a receipt), and staff's decision.
Functions flush; the view commits. Every step writes an audit entry and queues the
applicant's e-mail, in the applicant's language."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from register import geo
from register.access.models import AccessRequest, RequestStatus, RequestType
from register.accounts.models import Account
from register.accounts.roles import RoleName
from register.accounts.setup import datastore
from register.admin import services as accounts
from register.audit import services as audit
from register.entries.models import (
    ChangeAction,
    Initiative,
    Kind,
    SlugHistory,
    Source,
    VacancyStatus,
    utcnow,
)
from register.entries.queries import published_initiatives
from register.entries.services import record_change, record_provenance
from register.extensions import db
from register.mail import outbox
from register.seed.demo_factory import slugify

# The facts a new initiative gives in its request (keys of entries.fields.FACTS).
NEW_INITIATIVE_FACTS = ("name", "kind", "capacity", "vacancy", "registration", "address", "contact")


class CannotApprove(ValueError):
    """The request cannot be approved as it stands; the message says why."""


def _host(website: str) -> str:
    host = (urlparse(website).hostname or "").lower()
    return host.removeprefix("www.")


def email_matches(initiative: Initiative, email: str) -> bool:
    """The address on file, or an address at the domain of the initiative's own website."""
    email = email.strip().lower()
    if initiative.email and email == initiative.email.strip().lower():
        return True
    host = _host(initiative.website or "")
    domain = email.rpartition("@")[2]
    return bool(host) and (domain == host or domain.endswith("." + host))


def entries_for(kvk_number: str, email: str) -> tuple[list[Initiative], bool]:
    """The published entries a request for ``kvk_number`` is about, and whether the e-mail
    address matched: the matching ones when any match, else all with that KvK number."""
    with_kvk = list(
        db.session.scalars(
            published_initiatives()
            .where(Initiative.kvk_number == kvk_number)
            .order_by(Initiative.name)
        )
    )
    matching = [initiative for initiative in with_kvk if email_matches(initiative, email)]
    return (matching, True) if matching else (with_kvk, False)


def snapshot(request: AccessRequest) -> dict[str, Any]:
    """What the audit log keeps of a request."""
    values = {
        "type": request.request_type.value,
        "status": request.status.value,
        "applicant_name": request.applicant_name,
        "email": request.email,
        "kvk_number": request.kvk_number,
        "matched": request.matched,
        "initiatives": [initiative.id for initiative in request.initiatives],
    }
    if request.request_type == RequestType.NEW:
        values |= {
            "initiative_name": request.initiative_name,
            "kind": request.initiative_kind.key if request.initiative_kind else None,
            "address": f"{request.street} {request.house_number}, {request.postcode} "
            f"{request.place}",
            "capacity": request.capacity,
            "vacancy": request.vacancy.value if request.vacancy else None,
            "website": request.website,
        }
    if request.refusal_reason:
        values["refusal_reason"] = request.refusal_reason
    if request.account_id:
        values["account"] = request.account_id
    return values


def _receipt(request: AccessRequest) -> None:
    with force_locale(request.locale):
        outbox.queue(
            request.email,
            _("Wij hebben uw aanvraag ontvangen"),
            _(
                "Beste %(name)s,\n\n"
                "Wij hebben uw aanvraag bij het Register Wooninitiatieven ontvangen "
                "(KvK-nummer %(kvk)s). Een medewerker bekijkt hem, meestal binnen 5 werkdagen. "
                "U krijgt daarna een e-mail: met een link om uw account te maken, of met de "
                "reden waarom het niet kan.\n\n"
                "Heeft u deze aanvraag niet gedaan? Dan kunt u deze e-mail negeren.\n\n"
                "Register Wooninitiatieven",
                name=request.applicant_name,
                kvk=request.kvk_number,
            ),
            key=f"access-request-{request.id}-receipt",
        )


def _submitted(request: AccessRequest) -> AccessRequest:
    db.session.add(request)
    db.session.flush()
    _receipt(request)
    audit.record(
        "access_request.submitted",
        target_type="access_request",
        target_id=request.id,
        initiative_id=request.initiatives[0].id if len(request.initiatives) == 1 else None,
        summary=_("Aanvraag van %(email)s", email=request.email),
        after=snapshot(request),
    )
    return request


def submit_existing(*, kvk_number: str, applicant_name: str, email: str, locale: str):
    initiatives, matched = entries_for(kvk_number, email)
    request = AccessRequest(
        request_type=RequestType.EXISTING,
        kvk_number=kvk_number,
        applicant_name=applicant_name,
        email=email,
        locale=locale,
        matched=matched,
        initiatives=initiatives,
    )
    return _submitted(request)


def submit_new(
    *,
    applicant_name: str,
    email: str,
    locale: str,
    kvk_number: str,
    initiative_name: str,
    kind_key: str,
    street: str,
    house_number: str,
    postcode: str,
    place: geo.Place,
    capacity: int,
    vacancy: str,
    website: str,
) -> AccessRequest:
    request = AccessRequest(
        request_type=RequestType.NEW,
        applicant_name=applicant_name,
        email=email,
        locale=locale,
        kvk_number=kvk_number,
        initiative_name=initiative_name,
        initiative_kind=db.session.scalar(select(Kind).where(Kind.key == kind_key)),
        street=street,
        house_number=house_number,
        postcode=postcode,
        place=place.name,
        municipality=place.municipality,
        province=place.province,
        latitude=place.latitude,
        longitude=place.longitude,
        capacity=capacity,
        vacancy=VacancyStatus(vacancy),
        website=website,
    )
    return _submitted(request)


def open_requests() -> list[AccessRequest]:
    """Open ones first, oldest first; then the decided ones, most recent decision first."""
    open_first = db.session.scalars(
        select(AccessRequest)
        .where(AccessRequest.status == RequestStatus.OPEN)
        .order_by(AccessRequest.submitted_at, AccessRequest.id)
    )
    decided = db.session.scalars(
        select(AccessRequest)
        .where(AccessRequest.status != RequestStatus.OPEN)
        .order_by(AccessRequest.decided_at.desc(), AccessRequest.id.desc())
        .limit(50)
    )
    return [*open_first, *decided]


def count_open() -> int:
    return db.session.scalar(
        select(func.count(AccessRequest.id)).where(AccessRequest.status == RequestStatus.OPEN)
    )


def _unique_slug(text: str) -> str:
    base = slugify(text)[:110].strip("-") or "initiatief"
    slug, number = base, 2
    while db.session.scalar(select(Initiative.id).where(Initiative.slug == slug)) or (
        db.session.scalar(select(SlugHistory.id).where(SlugHistory.slug == slug))
    ):
        slug, number = f"{base}-{number}", number + 1
    return slug


def _create_initiative(request: AccessRequest, actor: Account) -> Initiative:
    """The entry a new initiative asked for, published with its facts given by the
    initiative on the day it asked."""
    given_on = request.submitted_at.date()
    initiative = Initiative(
        slug=_unique_slug(f"{request.initiative_name} {request.place}"),
        name=request.initiative_name,
        kind=request.initiative_kind,
        capacity=request.capacity,
        vacancy=request.vacancy,
        kvk_number=request.kvk_number,
        street=request.street,
        house_number=request.house_number,
        postcode=request.postcode,
        place=request.place,
        municipality=request.municipality,
        province=request.province,
        latitude=request.latitude,
        longitude=request.longitude,
        website=request.website,
        email=request.email,
        last_confirmed_on=given_on,
    )
    db.session.add(initiative)
    db.session.flush()
    record_provenance(initiative, NEW_INITIATIVE_FACTS, Source.INITIATIVE, given_on)
    record_change(
        initiative, ChangeAction.CREATED, source=Source.INITIATIVE, actor_account_id=actor.id
    )
    audit.record(
        "initiative.created",
        target_type="initiative",
        target_id=initiative.id,
        initiative_id=initiative.id,
        summary=_("Initiatief %(name)s opgenomen na aanvraag", name=initiative.name),
        after={"access_request": request.id, "slug": initiative.slug},
    )
    return initiative


def _editor_account(request: AccessRequest, initiatives: list[Initiative]) -> Account:
    """The applicant's editor account: created and invited, or an existing one that gains
    the initiatives (invited again if its password was never chosen)."""
    account = accounts.find_by_email(request.email)
    if account is None:
        return accounts.invite(
            request.applicant_name, request.email, [RoleName.EDITOR], initiatives
        )
    if not account.active:
        raise CannotApprove(
            _(
                "Het account van %(email)s is gedeactiveerd. Activeer het eerst.",
                email=account.email,
            )
        )
    before = accounts.snapshot(account)
    datastore.add_role_to_user(account, RoleName.EDITOR)
    account.initiatives = [
        *account.initiatives,
        *(i for i in initiatives if not account.edits(i.id)),
    ]
    db.session.flush()
    accounts.record_account_change(
        "account.updated",
        account,
        _("Account %(email)s gekoppeld na aanvraag", email=account.email),
        before,
    )
    if account.password is None:
        accounts.send_invitation(account)
    return account


def approve(request: AccessRequest, actor: Account) -> Account:
    if not request.is_open:
        raise CannotApprove(_("Over deze aanvraag is al beslist."))
    before = snapshot(request)
    if request.request_type == RequestType.NEW:
        initiatives = [_create_initiative(request, actor)]
        request.initiatives = initiatives
    else:
        initiatives = list(request.initiatives)
        if not initiatives:
            raise CannotApprove(
                _(
                    "Er staat geen initiatief met dit KvK-nummer in het register. Weiger de "
                    "aanvraag met die reden, dan kan het initiatief zich nieuw aanmelden."
                )
            )
    with force_locale(request.locale):
        account = _editor_account(request, initiatives)
        names = ", ".join(initiative.name for initiative in initiatives)
        outbox.queue(
            request.email,
            _("Uw aanvraag is goedgekeurd"),
            _(
                "Beste %(name)s,\n\n"
                "Uw aanvraag bij het Register Wooninitiatieven is goedgekeurd. U kunt nu de "
                "gegevens bijhouden van: %(names)s.\n\n"
                "Had u nog geen account? Dan krijgt u een aparte e-mail met een link om uw "
                "wachtwoord te kiezen.\n\n"
                "Register Wooninitiatieven",
                name=request.applicant_name,
                names=names,
            ),
            key=f"access-request-{request.id}-decision",
        )
    request.status = RequestStatus.APPROVED
    request.decided_at = utcnow()
    request.decided_by = actor
    request.account = account
    db.session.flush()
    audit.record(
        "access_request.approved",
        target_type="access_request",
        target_id=request.id,
        initiative_id=initiatives[0].id if len(initiatives) == 1 else None,
        summary=_("Aanvraag van %(email)s goedgekeurd", email=request.email),
        before=before,
        after=snapshot(request),
    )
    return account


def refuse(request: AccessRequest, reason: str, actor: Account) -> None:
    if not request.is_open:
        raise CannotApprove(_("Over deze aanvraag is al beslist."))
    before = snapshot(request)
    request.status = RequestStatus.REFUSED
    request.refusal_reason = reason
    request.decided_at = utcnow()
    request.decided_by = actor
    db.session.flush()
    with force_locale(request.locale):
        outbox.queue(
            request.email,
            _("Uw aanvraag is niet goedgekeurd"),
            _(
                "Beste %(name)s,\n\n"
                "Uw aanvraag bij het Register Wooninitiatieven (KvK-nummer %(kvk)s) is niet "
                "goedgekeurd. De reden:\n\n%(reason)s\n\n"
                "Heeft u vragen, of klopt dit niet? Beantwoord dan deze e-mail, of doe een "
                "nieuwe aanvraag.\n\n"
                "Register Wooninitiatieven",
                name=request.applicant_name,
                kvk=request.kvk_number,
                reason=reason,
            ),
            key=f"access-request-{request.id}-decision",
        )
    audit.record(
        "access_request.refused",
        target_type="access_request",
        target_id=request.id,
        summary=_("Aanvraag van %(email)s geweigerd", email=request.email),
        before=before,
        after=snapshot(request),
    )
