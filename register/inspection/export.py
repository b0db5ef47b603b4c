"""The priorities list as CSV: exactly the rows on the screen, with their reasons in words.
Texts a spreadsheet would run as a formula are neutralised as in the open-data download."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from flask import url_for
from flask_babel import gettext as _

from register.i18n import format_datetime
from register.inspection.forms import DECISION_LABELS
from register.inspection.priorities import Row
from register.opendata.export import spreadsheet_safe


def header() -> list[str]:
    return [
        _("Positie"),
        _("Naam"),
        _("Plaats"),
        _("Gemeente"),
        _("Provincie"),
        _("Soort"),
        _("Toezicht"),
        _("Totaal gewicht"),
        _("Redenen"),
        _("Laatste besluit"),
        _("Pagina in het register"),
    ]


def reasons(row: Row) -> str:
    return "; ".join(f"{hit.signal.label} (+{hit.weight}): {hit.words}" for hit in row.hits)


def decision_text(row: Row) -> str:
    if row.decision is None:
        return ""
    decision = row.decision
    return (
        f"{DECISION_LABELS[decision.kind]} ({format_datetime(decision.decided_at, 'short')}, "
        f"{decision.account_name}): {decision.rationale}"
    )


def csv_text(rows: Iterable[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header())
    for row in rows:
        cells = [
            row.rank,
            row.name,
            row.place,
            row.municipality,
            row.province,
            row.kind,
            row.supervisor,
            row.total,
            reasons(row),
            decision_text(row),
            url_for("entries.detail", slug=row.slug, _external=True),
        ]
        writer.writerow([spreadsheet_safe(c) if isinstance(c, str) else c for c in cells])
    return buffer.getvalue()
