"""The comparison table: the same facts for every initiative in the basket, one row a fact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from register.entries.claims import certifications, claim_summary, memberships
from register.entries.detail_page import (
    StatementRow,
    collective_share_short,
    confirmed_short,
    last_visit_text,
    not_applicable_reason,
    statement_rows,
)
from register.entries.labels import province_label, vacancy_label
from register.entries.models import Initiative
from register.entries.public import all_requirements


@dataclass(frozen=True)
class Line:
    """One line of a cell. ``lang`` marks the initiative's own (Dutch) words; ``note`` a line
    that says something is absent or does not apply, shown in bold."""

    text: str
    lang: str | None = None
    note: bool = False


@dataclass(frozen=True)
class CompareRow:
    label: str
    cells: list[list[Line]]  # per initiative, one or more lines

    @property
    def differs(self) -> bool:
        return len({tuple(cell) for cell in self.cells}) > 1


def compare_rows(initiatives: list[Initiative], today: date) -> list[CompareRow]:
    """The same facts for every initiative, one row per fact, in the order of the detail page."""

    def row(label: str, cell) -> CompareRow:
        return CompareRow(label, [_lines(cell(initiative)) for initiative in initiatives])

    rows = [
        row(_("Soort initiatief"), lambda i: i.kind.label),
        row(
            _("Plaats"),
            lambda i: _(
                "%(place)s (%(province)s)", place=i.place, province=province_label(i.province)
            ),
        ),
        row(_("Aantal plaatsen"), lambda i: str(i.capacity)),
        row(_("Beschikbaarheid"), lambda i: vacancy_label(i.vacancy)),
        row(_("Doelgroepen"), lambda i: [t.label for t in i.target_groups] or _("Niet opgegeven")),
        row(
            _("Financiering"), lambda i: [f.label for f in i.funding_routes] or _("Niet opgegeven")
        ),
        row(_("Deel van het pgb dat samen wordt besteed"), collective_share_short),
        row(
            _("Lidmaatschap branchevereniging"),
            lambda i: [claim_summary(v) for v in memberships(i, today)] or _("Geen opgegeven"),
        ),
        row(
            _("Keurmerken"),
            lambda i: [claim_summary(v) for v in certifications(i, today)] or _("Geen opgegeven"),
        ),
        row(_("Laatste bezoek"), last_visit_text),
        row(_("Gegevens bevestigd"), lambda i: confirmed_short(i, today)),
    ]
    for requirement in all_requirements():
        rows.append(
            row(
                _("Eis %(number)s: %(title)s", number=requirement.number, title=requirement.label),
                lambda i, r=requirement: _statement_line(statement_rows(i, [r])[0]),
            )
        )
    return rows


def _statement_line(row: StatementRow) -> Line:
    """What the initiative says about a requirement, in its own words."""
    if row.is_not_applicable:
        return Line(_("Niet van toepassing: %(reason)s", reason=not_applicable_reason()), note=True)
    if row.is_missing:
        return Line(_("Niet ingevuld"), note=True)
    return Line(row.statement.text.strip(), lang="nl")


def _lines(value: str | Line | list[str]) -> list[Line]:
    if isinstance(value, Line):
        return [value]
    if isinstance(value, str):
        return [Line(value)]
    return [Line(text) for text in value]
