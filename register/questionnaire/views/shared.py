"""What several view modules use: step addresses and titles, a list's page context, and its
downloads as private responses."""

from __future__ import annotations

from flask import Response, abort, render_template, url_for
from flask_babel import gettext as _

from register.questionnaire.pdf import render_pdf
from register.questionnaire.qr import qr_svg
from register.questionnaire.services.catalogue import requirements
from register.questionnaire.services.tailoring import initiative_name


def step_url(step: str) -> str:
    return url_for("questionnaire.step", step=step)


def step_titles(audience: str | None = None) -> dict[str, str]:
    """The steps' titles; a representative's second step is about the person they help."""
    return {
        "voor-wie": _("Voor wie"),
        "situatie": _("Situatie van je naaste")
        if audience == "representative"
        else _("Jouw situatie"),
        "themas": _("Onderwerpen"),
        "vragen": _("Vragen kiezen"),
        "eigen-vragen": _("Eigen vragen"),
        "volgorde": _("Volgorde"),
        "controleren": _("Controleren"),
    }


def group_starts(groups) -> list[int]:
    """The number of each group's first question: one numbering runs through the whole list,
    own questions included, so "question 7" means the same on screen and on paper."""
    starts, number = [], 1
    for group in groups:
        starts.append(number)
        number += len(group.items)
    return starts


def list_context(groups, initiative_slug: str | None, link: str | None = None) -> dict:
    """What the pages and documents of a list (in the session, or saved) show; ``link``: the
    saved list's address, printed on its documents with its QR code."""
    return {
        "groups": groups,
        "group_starts": group_starts(groups),
        "link": link,
        "link_qr": qr_svg(link) if link else None,
        "requirements": requirements(),
        "initiative_name": initiative_name(initiative_slug),
        "important_items": [i for g in groups for i in g.items if i.important],
    }


def private(response: Response) -> Response:
    """Pages behind a secret link: not cached, not indexed, the link not sent elsewhere."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def download(fmt: str, context: dict, template: str = "document", name: str = "vragenlijst"):
    if fmt == "pdf":
        html = render_template(f"questionnaire/{template}.html", for_pdf=True, **context)
        response = Response(render_pdf(html), mimetype="application/pdf")
    elif fmt == "txt" and template == "document":
        text = render_template("questionnaire/list.txt", **context)
        response = Response(text, content_type="text/plain; charset=utf-8")
    else:
        abort(404)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return private(response)
