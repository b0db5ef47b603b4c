"""The comparison table: the same facts for every initiative in the basket, one row a fact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from register.entries.claims import certifications, claim_summary, memberships
from register.entries.detail_page import (
    collective_share_short,
    confirmed_short,
    last_visit_text,
    statement_rows,
)
from register.entries.labels import province_label, vacancy_label
from register.entries.models import Initiative
from register.entries.public import all_requirements


@dataclass(frozen=True)
class CompareRow:
    label: str
    cells: list[list[str]]  # per initiative, one or more lines

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
                lambda i, r=requirement: (
                    _("Niet ingevuld") if statement_rows(i, [r])[0].is_missing else _("Ingevuld")
                ),
            )
        )
    return rows


def _lines(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value
