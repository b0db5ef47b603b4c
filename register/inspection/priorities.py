"""The priorities list: published initiatives ordered by the weight of their signals, each row
with its reasons, filtered as the inspector asks. The filter is read from the query string
(every state is a URL); a value that cannot be used becomes a message, the rest applies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from register.entries.labels import province_label
from register.entries.models import (
    EntryStatus,
    FundingRoute,
    Initiative,
    Kind,
    initiative_funding_route,
)
from register.entries.rules import add_months
from register.extensions import db
from register.i18n import in_locale
from register.inspection import services
from register.inspection.models import Decision
from register.inspection.signals import SIGNALS_BY_KEY, Context, Hit, evaluate, total

PER_PAGE = 25
PROVINCES = (
    "Drenthe",
    "Flevoland",
    "Fryslân",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
)
# The acts under which the municipality, not IGJ, supervises (Wmo 2015, Jeugdwet).
MUNICIPAL_ACTS = frozenset({"Wmo 2015", "Jeugdwet"})
SUPERVISORS = ("igj", "gemeente")
MAX_TEXT = 120
MAX_MONTHS = 120


def supervisor_label(key: str) -> str:
    return {"igj": _("Inspectie (IGJ)"), "gemeente": _("Gemeente")}[key]


@dataclass
class PriorityFilter:
    provinces: list[str] = field(default_factory=list)
    municipality: str = ""
    supervisor: str = ""
    kinds: list[str] = field(default_factory=list)
    signal: str = ""
    not_visited_months: int | None = None
    page: int = 1
    errors: list[tuple[str, str]] = field(default_factory=list)
    typed: dict[str, str] = field(default_factory=dict)

    def arguments(self, **changes: Any) -> dict[str, Any]:
        values: dict[str, Any] = {
            "provincie": self.provinces,
            "gemeente": self.municipality,
            "toezicht": self.supervisor,
            "soort": self.kinds,
            "signaal": self.signal,
            "niet_bezocht_maanden": self.not_visited_months or "",
            "pagina": self.page if self.page > 1 else "",
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value not in ("", [], None)}

    def description(self) -> str:
        """The filter in a line, for the access log."""
        return "&".join(
            f"{key}={','.join(map(str, v)) if isinstance(v, list) else v}"
            for key, v in self.arguments().items()
        )


def read_filter(args, kind_keys: list[str]) -> PriorityFilter:
    result = PriorityFilter()
    result.typed = {
        name: (args.get(name) or "").strip()
        for name in ("gemeente", "toezicht", "signaal", "niet_bezocht_maanden")
    }
    result.provinces = [p for p in args.getlist("provincie") if p in PROVINCES]
    result.kinds = [k for k in args.getlist("soort") if k in kind_keys]
    if len(result.typed["gemeente"]) > MAX_TEXT:
        result.errors.append(("gemeente", _("Gebruik niet meer dan %(max)d tekens.", max=MAX_TEXT)))
    else:
        result.municipality = result.typed["gemeente"]
    if result.typed["toezicht"] in SUPERVISORS or not result.typed["toezicht"]:
        result.supervisor = result.typed["toezicht"]
    else:
        result.errors.append(("toezicht", _("Kies een toezichthouder uit de lijst.")))
    if result.typed["signaal"] in SIGNALS_BY_KEY or not result.typed["signaal"]:
        result.signal = result.typed["signaal"]
    else:
        result.errors.append(("signaal", _("Kies een signaal uit de lijst.")))
    months = result.typed["niet_bezocht_maanden"]
    if months:
        if months.isdigit() and 1 <= int(months) <= MAX_MONTHS:
            result.not_visited_months = int(months)
        else:
            result.errors.append(
                (
                    "niet_bezocht_maanden",
                    _("Vul een aantal maanden in van 1 tot en met %(max)d.", max=MAX_MONTHS),
                )
            )
    page = args.get("pagina", "1")
    result.page = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
    return result


def municipality_supervised() -> set[int]:
    """Initiatives funded only under Wmo 2015 or the Jeugdwet: the municipality supervises
    them. Every other initiative (Wlz, Zvw, or care in kind) is IGJ's."""
    acts: dict[int, set[str]] = {}
    rows = db.session.execute(
        select(initiative_funding_route.c.initiative_id, FundingRoute.act).join(
            FundingRoute, FundingRoute.id == initiative_funding_route.c.funding_route_id
        )
    )
    for iid, act in rows:
        acts.setdefault(iid, set()).add(act)
    return {iid for iid, found in acts.items() if found <= MUNICIPAL_ACTS}


@dataclass
class Row:
    rank: int
    id: int
    name: str
    slug: str
    place: str
    municipality: str
    province: str
    kind: str
    supervisor: str
    hits: list[Hit]
    decision: Decision | None = None

    @property
    def total(self) -> int:
        return total(self.hits)


@dataclass
class Priorities:
    rows: list[Row]
    count: int
    page: int
    page_count: int


def priorities(priority_filter: PriorityFilter, today: date, *, per_page: int = PER_PAGE):
    """The page of the list the filter asks for."""
    ctx = Context(today, services.current_settings())
    hits = evaluate(ctx)
    municipal = municipality_supervised()
    query = (
        select(
            Initiative.id,
            Initiative.name,
            Initiative.slug,
            Initiative.place,
            Initiative.municipality,
            Initiative.province,
            Kind.name_nl,
            Kind.name_en,
        )
        .join(Kind, Kind.id == Initiative.kind_id)
        .where(Initiative.status == EntryStatus.PUBLISHED)
    )
    if priority_filter.provinces:
        query = query.where(Initiative.province.in_(priority_filter.provinces))
    if priority_filter.municipality:
        query = query.where(
            db.func.lower(Initiative.municipality) == priority_filter.municipality.lower()
        )
    if priority_filter.kinds:
        query = query.where(Kind.key.in_(priority_filter.kinds))
    candidates = list(db.session.execute(query))
    if priority_filter.supervisor == "gemeente":
        candidates = [c for c in candidates if c.id in municipal]
    elif priority_filter.supervisor == "igj":
        candidates = [c for c in candidates if c.id not in municipal]
    if priority_filter.signal:
        wanted = priority_filter.signal
        candidates = [
            c for c in candidates if any(h.signal.key == wanted for h in hits.get(c.id, ()))
        ]
    if priority_filter.not_visited_months:
        since = add_months(today, -priority_filter.not_visited_months)
        candidates = [c for c in candidates if ctx.last_visit.get(c.id, date.min) < since]
    candidates.sort(key=lambda c: (-total(hits.get(c.id, ())), c.name.lower(), c.id))
    count = len(candidates)
    page_count = max(1, -(-count // per_page))
    page = min(priority_filter.page, page_count)
    start = (page - 1) * per_page

    rows = [
        Row(
            rank=start + index + 1,
            id=c.id,
            name=c.name,
            slug=c.slug,
            place=c.place,
            municipality=c.municipality,
            province=province_label(c.province),
            kind=in_locale(c.name_nl, c.name_en),
            supervisor=supervisor_label("gemeente" if c.id in municipal else "igj"),
            hits=hits.get(c.id, []),
        )
        for index, c in enumerate(candidates[start : start + per_page])
    ]
    decisions = services.latest_decisions([row.id for row in rows])
    for row in rows:
        row.decision = decisions.get(row.id)
    return Priorities(rows, count, page, page_count)


def filter_form_options(kinds: list[Kind]) -> dict[str, Any]:
    return {
        "provinces": [(p, province_label(p)) for p in PROVINCES],
        "kinds": [(k.key, k.label) for k in kinds],
        "supervisors": [("", _("Allebei"))] + [(s, supervisor_label(s)) for s in SUPERVISORS],
        "signals": [("", _("Alle signalen"))]
        + [(s.key, str(s.label)) for s in SIGNALS_BY_KEY.values()],
    }


def hits_for(initiative_id: int, today: date) -> list[Hit]:
    """The signals of one initiative (for its internal page)."""
    return evaluate(Context(today, services.current_settings())).get(initiative_id, [])
