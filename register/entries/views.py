"""Public register pages: list and search, detail, compare (with a basket in the session)."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from register.entries import (
    basket,
    claims,
    detail_page,
    provenance,
    queries,
    rules,
    search_page,
)
from register.entries.compare_table import compare_rows
from register.entries.finder import find
from register.entries.labels import province_label, vacancy_label
from register.entries.models import Initiative
from register.entries.public import all_requirements, json_ld, register_today, web_url
from register.entries.search_params import parse_search_params
from register.errors import BadParameter
from register.extensions import db
from register.i18n import localized

bp = Blueprint("entries", __name__)
bp.add_app_template_filter(province_label, "province")

MAX_IDS_LENGTH = 1000


@bp.get("/initiatieven")
def index():
    params, errors = parse_search_params(request.args)
    result = find(params)
    today = register_today()
    facet_groups = search_page.facet_groups(result.facets)
    summary_errors = search_page.link_errors_to_page(
        errors, rendered={"q", "near", "radius", "sort", *(g.key for g in facet_groups)}
    )
    return render_template(
        "entries/index.html",
        result=result,
        cards=[
            search_page.card(item, today, result.distances_km.get(item.id)) for item in result.items
        ],
        errors=summary_errors,
        field_errors=dict(reversed(errors)),
        page_has_errors=bool(errors),
        facet_groups=facet_groups,
        active_filters=search_page.active_filters(request.args, params, result),
        params=params,
        page_numbers=search_page.page_numbers(result.page, result.page_count),
        args=request.args,
        searching=any(name != "lang" for name in request.args),
        search_url=partial(search_page.search_url, request.args),
    )


@bp.get("/initiatieven/<slug>")
def detail(slug: str):
    initiative = queries.published_by_slug(slug)
    if initiative is None:
        return _gone_or_moved(slug)
    today = register_today()
    return render_template(
        "entries/detail.html",
        initiative=initiative,
        freshness=detail_page.freshness(initiative, today),
        kind_description=localized(initiative.kind, "description"),
        vacancy=vacancy_label(initiative.vacancy),
        collective_budget=detail_page.collective_budget_text(initiative),
        website_url=web_url(initiative.website),
        visits=detail_page.visits(initiative),
        memberships=claims.memberships(initiative, today),
        certifications=claims.certifications(initiative, today),
        statements=detail_page.statement_rows(initiative, all_requirements()),
        json_ld=json_ld(initiative, today),
        awaiting_first_visit=rules.awaiting_first_visit(initiative, today),
        history=detail_page.history(initiative),
        fact_sources=provenance.fact_sources(initiative, today),
    )


@bp.get("/initiatieven/vergelijk")
def compare():
    ids = request.args.get("ids")
    if ids is not None and len(ids) > MAX_IDS_LENGTH:
        raise BadParameter(
            _("De lijst met initiatieven in het adres is te lang. Vergelijk er hoogstens 4.")
        )
    if ids is None:
        slugs = basket.read(session)
    else:
        slugs = basket.unique(s.strip() for s in ids.split(","))
    too_many = len(slugs) > basket.MAX_COMPARE
    slugs = slugs[: basket.MAX_COMPARE]
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
        raise _not_found(_("Geen van deze initiatieven staat in het register."))
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
    initiative = _initiative_or_404(_form_slug())
    outcome = basket.add(session, initiative.slug)
    if outcome == basket.Added.ALREADY:
        flash(_("%(name)s staat al in je vergelijking.", name=initiative.name), "info")
    elif outcome == basket.Added.FULL:
        flash(
            _(
                "Je vergelijkt al 4 initiatieven, het maximum. Haal er eerst een weg op de "
                "vergelijkingspagina."
            ),
            "warning",
        )
    else:
        flash(_("%(name)s staat nu in je vergelijking.", name=initiative.name), "success")
    return redirect(_local_next())


@bp.post("/initiatieven/vergelijk/verwijderen")
def compare_remove():
    slug = _form_slug()
    if basket.remove(session, slug):
        name = db.session.scalar(select(Initiative.name).where(Initiative.slug == slug)) or slug
        flash(_("%(name)s is uit je vergelijking gehaald.", name=name), "success")
    return redirect(_local_next())


@bp.context_processor
def compare_basket() -> dict:
    return {"compare_basket": basket.read(session)}


def _gone_or_moved(slug: str):
    """A former slug redirects for good to the present one; a withdrawn entry answers 410
    with what happened; anything else is a 404."""
    current = queries.current_slug_for(slug)
    if current is not None:
        return redirect(url_for("entries.detail", slug=current, **request.args), code=301)
    initiative = queries.any_by_slug(slug)
    if initiative is None:
        _initiative_or_404(slug)
    return render_template("entries/withdrawn.html", initiative=initiative), 410


def _initiative_or_404(slug: str) -> Initiative:
    initiative = queries.published_by_slug(slug)
    if initiative is None:
        raise _not_found(
            _(
                "Dit initiatief staat niet (meer) in het register. "
                "Zoek het opnieuw op naam of plaats."
            )
        )
    return initiative


def _not_found(message: str) -> NotFound:
    error = NotFound()
    error.user_message = message
    return error


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
