"""The list of initiatives with search and filters: /initiatieven."""

from __future__ import annotations

from functools import partial

from flask import render_template, request

from register.entries import search_page
from register.entries.finder import find
from register.entries.public import register_today
from register.entries.search_params import parse_search_params
from register.entries.views.blueprint import bp


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
