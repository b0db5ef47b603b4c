"""The comparison page, and the basket in the session that fills it."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from register.entries import basket, queries
from register.entries.compare_table import compare_rows
from register.entries.models import Initiative
from register.entries.public import register_today
from register.entries.views.blueprint import bp
from register.entries.views.shared import initiative_or_404, not_found
from register.errors import BadParameter
from register.extensions import db

MAX_IDS_LENGTH = 1000


@bp.get("/initiatieven/vergelijk")
def compare():
    ids = request.args.get("ids")
    if ids is not None and len(ids) > MAX_IDS_LENGTH:
        raise BadParameter(
            _("De lijst met initiatieven in het adres is te lang. Vergelijk er niet meer dan 4.")
        )
    if ids is None:
        slugs = basket.read(session)
    else:
        slugs = basket.unique(s.strip() for s in ids.split(","))
    too_many = len(slugs) > basket.MAX_COMPARE
    slugs = slugs[: basket.MAX_COMPARE]
    # Renamed entries keep their place in a shared link or a basket.
    renamed = queries.current_slugs(slugs)
    slugs = basket.unique(renamed.get(s, s) for s in slugs)
    found = {
        i.slug: i
        for i in db.session.scalars(
            queries.published_initiatives().where(Initiative.slug.in_(slugs))
        )
    }
    initiatives = [found[s] for s in slugs if s in found]
    unknown = [s for s in slugs if s not in found]
    if ids is None and unknown:
        basket.save(session, [i.slug for i in initiatives])  # entries that left the register
    elif unknown and not initiatives:
        raise not_found(_("Geen van deze initiatieven staat in het register."))
    return render_template(
        "entries/compare.html",
        initiatives=initiatives,
        rows=compare_rows(initiatives, register_today()) if len(initiatives) > 1 else [],
        unknown=unknown if ids is not None else [],
        too_many=too_many,
        from_basket=ids is None,
        share_url=url_for(
            "entries.compare", ids=",".join(i.slug for i in initiatives), _external=True
        ),
    )


@bp.post("/initiatieven/vergelijk/toevoegen")
def compare_add():
    initiative = initiative_or_404(_form_slug())
    outcome = basket.add(session, initiative.slug)
    if outcome == basket.Added.ALREADY:
        note = _("%(name)s staat al in je vergelijking.", name=initiative.name)
    elif outcome == basket.Added.FULL:
        note = _(
            "Je vergelijkt al 4 initiatieven, het maximum. Haal er eerst een weg op de "
            "vergelijkingspagina."
        )
    else:
        note = _("%(name)s staat nu in je vergelijking.", name=initiative.name)
    return _back_to_button(initiative.slug, note)


@bp.post("/initiatieven/vergelijk/verwijderen")
def compare_remove():
    slug = _form_slug()
    if not basket.remove(session, slug):
        return redirect(_local_next())
    name = db.session.scalar(select(Initiative.name).where(Initiative.slug == slug)) or slug
    return _back_to_button(slug, _("%(name)s is uit je vergelijking gehaald.", name=name))


def _back_to_button(slug: str, note: str):
    """Back to the page the button was on, at the button (the browser focuses the element a
    fragment names), with the outcome shown beside it as a status message."""
    basket.leave_note(session, slug, note)
    page = _local_next().partition("#")[0]
    return redirect(f"{page}#{basket.toggle_id(slug)}")


@bp.context_processor
def compare_basket() -> dict:
    return {"compare_basket": basket.read(session), "compare_note": basket.take_note(session)}


def _form_slug() -> str:
    slug = request.form.get("slug", "").strip()
    if not slug:
        raise BadParameter(_("Er is geen initiatief gekozen om te vergelijken."))
    return slug


def _local_next() -> str:
    """The ``next`` form field when it is a path on this site; the compare page otherwise."""
    target = request.form.get("next", "")
    parts = urlsplit(target)
    is_local = (
        target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and not parts.scheme
        and not parts.netloc
        and target.isprintable()
    )
    return target if is_local else url_for("entries.compare")
