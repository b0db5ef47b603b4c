"""One initiative's page; a former slug redirects, a withdrawn entry answers 410."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for

from register.entries import claims, detail_page, provenance, queries, rules
from register.entries.labels import vacancy_label
from register.entries.public import all_requirements, json_ld, register_today, web_url
from register.entries.views.blueprint import bp
from register.entries.views.shared import initiative_or_404
from register.i18n import localized


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
        not_applicable_reason=detail_page.not_applicable_reason(),
        json_ld=json_ld(initiative, today),
        awaiting_first_visit=rules.awaiting_first_visit(initiative, today),
        history=detail_page.history(initiative),
        fact_sources=provenance.fact_sources(initiative, today),
    )


def _gone_or_moved(slug: str):
    """A former slug redirects for good to the present one; a withdrawn entry answers 410
    with what happened; anything else is a 404."""
    current = queries.current_slug_for(slug)
    if current is not None:
        # Only the language travels along: other parameters mean nothing to this page.
        language = {"lang": request.args["lang"]} if "lang" in request.args else {}
        return redirect(url_for("entries.detail", slug=current, **language), code=301)
    initiative = queries.any_by_slug(slug)
    if initiative is None:
        initiative_or_404(slug)
    return render_template("entries/withdrawn.html", initiative=initiative), 410
