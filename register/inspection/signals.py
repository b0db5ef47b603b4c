"""The inspectorate's signals: named rules, each with a plain explanation, the data it uses,
a threshold and a weight. One home for them: the priorities list, its CSV, the internal page
and the public description of the rules (``/over/signalen``) all read ``SIGNALS``.

Each rule is evaluated for every published initiative at once, with a few grouped queries
(never one query per initiative), and returns its *evidence* per initiative: the facts that
made it fire. ``Signal.words`` turns evidence into a sentence only for the rows that are
shown, so evaluating 10,000 initiatives stays well under a second (``bench/signals.py``).
A signal never decides anything: the inspector does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import String, cast, func, or_, select, union_all

from register.concerns.services import recent_concern_counts
from register.entries.labels import long_date
from register.entries.models import (
    Association,
    Certification,
    ChangeAction,
    ChangeLogEntry,
    ClaimStatus,
    EntryStatus,
    FundingRoute,
    Initiative,
    Kind,
    Membership,
    QualityMark,
    Requirement,
    Source,
    Statement,
    Visit,
    VisitBody,
    effective_claim_status,
    initiative_funding_route,
)
from register.entries.rules import add_months
from register.extensions import db
from register.inspection.models import VisitRecord

# Kinds set up by a professional party (versus relatives or residents themselves).
PROFESSIONAL_KINDS = ("care_entrepreneur", "care_institution")
# The window in which "many changes" are counted.
CHANGE_WINDOW_MONTHS = 3
# The window in which concerns from the public are counted.
CONCERN_WINDOW_MONTHS = 12
# The facts whose change says someone else may now run the initiative.
IDENTITY_FACTS = ("registration", "contact")


@dataclass(frozen=True)
class Setting:
    """The threshold and weight a signal is evaluated with."""

    threshold: int | None
    weight: int


class Context:
    """What the rules share while evaluating: the date, the settings and the few grouped
    queries more than one rule needs (each run once, on first use)."""

    def __init__(self, today: date, settings: dict[str, Setting]) -> None:
        self.today = today
        self.settings = settings

    def threshold(self, key: str) -> int:
        return self.settings[key].threshold

    @cached_property
    def initiatives(self) -> list[Any]:
        """One row per published initiative with the columns the rules read."""
        return list(
            db.session.execute(
                select(
                    Initiative.id,
                    Initiative.started_on,
                    Initiative.capacity,
                    Initiative.collective_budget,
                    Initiative.collective_share_percent,
                    Initiative.last_confirmed_on,
                    Kind.key.label("kind_key"),
                )
                .join(Kind, Kind.id == Initiative.kind_id)
                .where(Initiative.status == EntryStatus.PUBLISHED)
            )
        )

    @cached_property
    def published_ids(self) -> set[int]:
        return {row.id for row in self.initiatives}

    @cached_property
    def visits(self) -> list[Any]:
        """(initiative_id, visited_on, body) of every visit: published ones and those only the
        inspectorate recorded (one visit recorded with a report is in both; that is harmless
        for "last visit" and "any visit by")."""
        public = select(Visit.initiative_id, Visit.visited_on, Visit.body)
        internal = select(VisitRecord.initiative_id, VisitRecord.visited_on, VisitRecord.body)
        return list(db.session.execute(union_all(public, internal)))

    @cached_property
    def last_visit(self) -> dict[int, date]:
        last: dict[int, date] = {}
        for initiative_id, visited_on, _body in self.visits:
            if visited_on > last.get(initiative_id, date.min):
                last[initiative_id] = visited_on
        return last


Evidence = Any  # what a rule found for one initiative; its signal's ``words`` reads it


@dataclass(frozen=True)
class Signal:
    key: str
    label: Any  # lazy string: a short name
    explanation: Any  # lazy string: what it means, in plain words (public)
    data_used: Any  # lazy string: which data it reads (public)
    default_weight: int
    evaluate: Callable[[Context], dict[int, Evidence]]
    describe: Callable[[Evidence, int | None], str]
    default_threshold: int | None = None
    threshold_label: Any = None  # lazy string: the unit ("maanden"), None without threshold
    threshold_range: tuple[int, int] = field(default=(1, 1000))

    def words(self, evidence: Evidence, threshold: int | None) -> str:
        return self.describe(evidence, threshold)


# --- the rules ------------------------------------------------------------------------------


def _new_without_visit(ctx: Context) -> dict[int, Evidence]:
    since = add_months(ctx.today, -ctx.threshold("new_without_visit"))
    visited_by_igj = {iid for iid, _on, body in ctx.visits if body == VisitBody.IGJ}
    return {
        row.id: row.started_on
        for row in ctx.initiatives
        if row.started_on is not None
        and since < row.started_on <= ctx.today
        and row.id not in visited_by_igj
    }


def _not_visited(ctx: Context) -> dict[int, Evidence]:
    """Last visit longer ago than the threshold in years; never visited counts when the
    initiative started that long ago or its start is unknown (younger ones are the first
    rule's)."""
    cutoff = add_months(ctx.today, -12 * ctx.threshold("not_visited"))
    found = {}
    for row in ctx.initiatives:
        last = ctx.last_visit.get(row.id)
        if last is not None:
            if last < cutoff:
                found[row.id] = ("last", last)
        elif row.started_on is None or row.started_on < cutoff:
            found[row.id] = ("never", row.started_on)
    return found


def _describe_not_visited(evidence: Evidence, threshold: int | None) -> str:
    how, day = evidence
    if how == "last":
        return _("laatste bezoek op %(date)s", date=long_date(day))
    if day is None:
        return _("nooit bezocht")
    return _("nooit bezocht sinds de start op %(date)s", date=long_date(day))


def _no_verified_membership(ctx: Context) -> dict[int, Evidence]:
    """No membership at all, or none that the association confirmed (and is still valid)."""
    claims: dict[int, list[str]] = defaultdict(list)
    verified: set[int] = set()
    rows = db.session.execute(
        select(
            Membership.initiative_id,
            Association.abbreviation,
            Membership.status,
            Membership.valid_until,
        ).join(Association, Association.id == Membership.association_id)
    )
    for initiative_id, abbreviation, status, valid_until in rows:
        effective = effective_claim_status(status, valid_until, ctx.today)
        if effective == ClaimStatus.VERIFIED:
            verified.add(initiative_id)
        elif effective == ClaimStatus.SELF_DECLARED:
            claims[initiative_id].append(abbreviation)
    return {iid: sorted(claims.get(iid, [])) for iid in ctx.published_ids if iid not in verified}


def _describe_membership(evidence: Evidence, threshold: int | None) -> str:
    if evidence:
        return _(
            "alleen niet-gecontroleerd lidmaatschap (%(associations)s)",
            associations=", ".join(evidence),
        )
    return _("geen lidmaatschap van een brancheorganisatie")


def _quality_mark(ctx: Context) -> dict[int, Evidence]:
    """No mark (rejected ones do not count), the marks all expired, or the last valid one
    ends within the threshold in days."""
    soon = ctx.today + timedelta(days=ctx.threshold("quality_mark"))
    best: dict[int, tuple[date | None, str]] = {}
    rows = db.session.execute(
        select(
            Certification.initiative_id,
            QualityMark.name_nl,
            Certification.status,
            Certification.valid_until,
        )
        .join(QualityMark, QualityMark.id == Certification.quality_mark_id)
        .where(Certification.status != ClaimStatus.REJECTED)
    )
    for initiative_id, mark, _status, valid_until in rows:
        current = best.get(initiative_id)
        if current is None or _later(valid_until, current[0]):
            best[initiative_id] = (valid_until, mark)
    found: dict[int, Evidence] = {}
    for iid in ctx.published_ids:
        if iid not in best:
            found[iid] = ("missing", None, "")
            continue
        valid_until, mark = best[iid]
        if valid_until is None or valid_until >= soon:
            continue
        found[iid] = ("expired" if valid_until < ctx.today else "expiring", valid_until, mark)
    return found


def _later(day: date | None, than: date | None) -> bool:
    """Whether end date ``day`` is later than ``than``; no end date is the latest of all."""
    if than is None:
        return False
    return day is None or day > than


def _describe_quality_mark(evidence: Evidence, threshold: int | None) -> str:
    how, day, mark = evidence
    if how == "missing":
        return _("geen keurmerk")
    if how == "expired":
        return _("keurmerk %(mark)s verlopen op %(date)s", mark=mark, date=long_date(day))
    return _("keurmerk %(mark)s loopt af op %(date)s", mark=mark, date=long_date(day))


def _missing_statements(ctx: Context) -> dict[int, Evidence]:
    """Requirements that apply to the initiative's funding without a statement. The
    pgb-only requirements apply only with a pgb funding route."""
    requirements = list(db.session.execute(select(Requirement.id, Requirement.pgb_only)))
    with_pgb = set(
        db.session.scalars(
            select(initiative_funding_route.c.initiative_id)
            .join(FundingRoute, FundingRoute.id == initiative_funding_route.c.funding_route_id)
            .where(FundingRoute.is_pgb)
            .distinct()
        )
    )
    stated: dict[int, set[int]] = defaultdict(set)
    rows = db.session.execute(
        select(Statement.initiative_id, Statement.requirement_id).where(
            func.length(func.trim(Statement.text)) > 0
        )
    )
    for initiative_id, requirement_id in rows:
        stated[initiative_id].add(requirement_id)
    every = frozenset(rid for rid, _pgb_only in requirements)
    without_pgb = frozenset(rid for rid, pgb_only in requirements if not pgb_only)
    found = {}
    for iid in ctx.published_ids:
        missing = (every if iid in with_pgb else without_pgb) - stated.get(iid, frozenset())
        if missing:
            found[iid] = tuple(sorted(missing))
    return found


def _describe_missing_statements(evidence: Evidence, threshold: int | None) -> str:
    names = [r.short for r in _requirements_by_id(evidence)]
    return _("geen verklaring over: %(requirements)s", requirements=", ".join(names))


def _requirements_by_id(ids: Iterable[int]) -> list[Requirement]:
    wanted = set(ids)
    rows = db.session.scalars(select(Requirement).order_by(Requirement.number))
    return [r for r in rows if r.id in wanted]


def _collective_share_unpublished(ctx: Context) -> dict[int, Evidence]:
    return {
        row.id: True
        for row in ctx.initiatives
        if row.collective_budget and row.collective_share_percent is None
    }


def _professional_kind(ctx: Context) -> dict[int, Evidence]:
    return {row.id: row.kind_key for row in ctx.initiatives if row.kind_key in PROFESSIONAL_KINDS}


def _describe_kind(evidence: Evidence, threshold: int | None) -> str:
    if evidence == "care_institution":
        return _("opgezet door een zorginstelling")
    return _("opgezet door een zorgondernemer")


def _large_capacity(ctx: Context) -> dict[int, Evidence]:
    limit = ctx.threshold("large_capacity")
    return {row.id: row.capacity for row in ctx.initiatives if row.capacity >= limit}


def _not_confirmed(ctx: Context) -> dict[int, Evidence]:
    cutoff = add_months(ctx.today, -ctx.threshold("not_confirmed"))
    return {
        row.id: row.last_confirmed_on
        for row in ctx.initiatives
        if row.last_confirmed_on is None or row.last_confirmed_on < cutoff
    }


def _describe_not_confirmed(evidence: Evidence, threshold: int | None) -> str:
    if evidence is None:
        return _("gegevens nooit bevestigd")
    return _("gegevens laatst bevestigd op %(date)s", date=long_date(evidence))


def _changes_since(months: int, today: date):
    """Updates to published entries since ``months`` ago, not counting the inspectorate's
    own (a recorded visit is not a sign of unrest)."""
    since = add_months(today, -months)
    return (
        ChangeLogEntry.changed_at >= since,
        ChangeLogEntry.action == ChangeAction.UPDATED,
        ChangeLogEntry.source != Source.INSPECTORATE,
    )


def _many_changes(ctx: Context) -> dict[int, Evidence]:
    rows = db.session.execute(
        select(ChangeLogEntry.initiative_id, func.count())
        .where(*_changes_since(CHANGE_WINDOW_MONTHS, ctx.today))
        .group_by(ChangeLogEntry.initiative_id)
        .having(func.count() >= ctx.threshold("many_changes"))
    )
    return {iid: count for iid, count in rows if iid in ctx.published_ids}


def _identity_change(ctx: Context) -> dict[int, Evidence]:
    """Changes of the registration numbers (KvK) or of the contact details: the people or
    the organisation behind the initiative may have changed."""
    text = cast(ChangeLogEntry.fields, String)
    rows = db.session.execute(
        select(ChangeLogEntry.initiative_id, ChangeLogEntry.fields, ChangeLogEntry.changed_at)
        .where(*_changes_since(ctx.threshold("identity_change"), ctx.today))
        .where(or_(*(text.like(f'%"{fact}"%') for fact in IDENTITY_FACTS)))
        .order_by(ChangeLogEntry.changed_at)
    )
    found: dict[int, dict[str, date]] = defaultdict(dict)
    for iid, fields, changed_at in rows:
        for fact in IDENTITY_FACTS:
            if fact in (fields or ()) and iid in ctx.published_ids:
                found[iid][fact] = changed_at.date()
    return dict(found)


def _describe_identity_change(evidence: Evidence, threshold: int | None) -> str:
    parts = []
    if "registration" in evidence:
        day = long_date(evidence["registration"])
        parts.append(_("KvK- of inschrijfnummer gewijzigd op %(date)s", date=day))
    if "contact" in evidence:
        day = long_date(evidence["contact"])
        parts.append(_("contactgegevens gewijzigd op %(date)s", date=day))
    return "; ".join(parts)


def _concerns(ctx: Context) -> dict[int, Evidence]:
    since = datetime.combine(add_months(ctx.today, -CONCERN_WINDOW_MONTHS), time(), tzinfo=UTC)
    limit = ctx.threshold("concerns")
    return {
        iid: count
        for iid, count in recent_concern_counts(since).items()
        if count >= limit and iid in ctx.published_ids
    }


def _follow_up_passed(ctx: Context) -> dict[int, Evidence]:
    """A follow-up date of an earlier visit has passed without a visit on or after it."""
    rows = db.session.execute(
        select(VisitRecord.initiative_id, func.max(VisitRecord.follow_up_on))
        .where(VisitRecord.follow_up_on < ctx.today)
        .group_by(VisitRecord.initiative_id)
    )
    return {
        iid: follow_up
        for iid, follow_up in rows
        if iid in ctx.published_ids and ctx.last_visit.get(iid, date.min) < follow_up
    }


SIGNALS: tuple[Signal, ...] = (
    Signal(
        "new_without_visit",
        _l("Nieuw en nog niet bezocht"),
        _l(
            "Het initiatief is korter dan de drempel geleden gestart en de inspectie heeft het "
            "nog niet bezocht. De inspectie wil nieuwe zorgaanbieders binnen een half jaar "
            "bezoeken."
        ),
        _l("Startdatum; bezoeken van de inspectie."),
        30,
        _new_without_visit,
        lambda started, t: _("gestart op %(date)s, nog geen bezoek", date=long_date(started)),
        default_threshold=6,
        threshold_label=_l("maanden"),
        threshold_range=(1, 24),
    ),
    Signal(
        "not_visited",
        _l("Lang niet bezocht"),
        _l(
            "Het laatste bezoek is langer dan de drempel geleden, of het initiatief is "
            "nooit bezocht en bestaat al langer dan de drempel."
        ),
        _l("Bezoeken van inspectie, zorgkantoor en gemeente; startdatum."),
        20,
        _not_visited,
        _describe_not_visited,
        default_threshold=3,
        threshold_label=_l("jaar"),
        threshold_range=(1, 20),
    ),
    Signal(
        "no_verified_membership",
        _l("Geen gecontroleerd lidmaatschap"),
        _l(
            "Het initiatief is geen lid van een brancheorganisatie, of de brancheorganisatie "
            "heeft het lidmaatschap niet bevestigd."
        ),
        _l("Lidmaatschappen en wie ze controleerde."),
        10,
        _no_verified_membership,
        lambda evidence, t: _describe_membership(evidence, t),
    ),
    Signal(
        "quality_mark",
        _l("Keurmerk ontbreekt of verloopt"),
        _l(
            "Het initiatief heeft geen keurmerk, het keurmerk is verlopen, of het loopt af "
            "binnen de drempel."
        ),
        _l("Keurmerken met hun einddatum."),
        10,
        _quality_mark,
        _describe_quality_mark,
        default_threshold=90,
        threshold_label=_l("dagen"),
        threshold_range=(1, 730),
    ),
    Signal(
        "missing_statements",
        _l("Verklaringen over eigen regie ontbreken"),
        _l(
            "Het initiatief zegt niets over een of meer van de zeven eisen die voor zijn "
            "financiering gelden. Eisen die alleen over het pgb gaan, gelden alleen als "
            "bewoners met een pgb betalen."
        ),
        _l("Verklaringen over de zeven eisen; financiering."),
        10,
        _missing_statements,
        _describe_missing_statements,
    ),
    Signal(
        "collective_share_unpublished",
        _l("Gezamenlijk budget zonder aandeel"),
        _l(
            "Bewoners leggen een deel van hun budget samen, maar het initiatief maakt niet "
            "bekend hoe groot dat deel is."
        ),
        _l("Gezamenlijk besteed budget en het gepubliceerde aandeel."),
        5,
        _collective_share_unpublished,
        lambda evidence, t: _("gebruikt gezamenlijk budget, maar publiceert het aandeel niet"),
    ),
    Signal(
        "professional_kind",
        _l("Opgezet door een zorgpartij"),
        _l(
            "Het initiatief is opgezet door een zorgondernemer of een zorginstelling, niet "
            "door ouders of bewoners zelf."
        ),
        _l("Soort initiatief."),
        5,
        _professional_kind,
        _describe_kind,
    ),
    Signal(
        "large_capacity",
        _l("Veel plaatsen"),
        _l("Het initiatief heeft minstens zoveel woonplekken als de drempel."),
        _l("Aantal woonplekken."),
        5,
        _large_capacity,
        lambda places, t: ngettext("%(num)d woonplek", "%(num)d woonplekken", places),
        default_threshold=20,
        threshold_label=_l("woonplekken"),
        threshold_range=(2, 100),
    ),
    Signal(
        "not_confirmed",
        _l("Gegevens niet bevestigd"),
        _l("Het initiatief heeft zijn gegevens langer dan de drempel niet als juist bevestigd."),
        _l("Datum van de laatste bevestiging."),
        10,
        _not_confirmed,
        _describe_not_confirmed,
        default_threshold=12,
        threshold_label=_l("maanden"),
        threshold_range=(1, 60),
    ),
    Signal(
        "many_changes",
        _l("Veel wijzigingen"),
        _l(
            "Het initiatief heeft in de laatste drie maanden minstens zoveel wijzigingen "
            "doorgegeven als de drempel."
        ),
        _l("De openbare wijzigingsgeschiedenis."),
        10,
        _many_changes,
        lambda count, t: ngettext(
            "%(num)d wijziging in drie maanden", "%(num)d wijzigingen in drie maanden", count
        ),
        default_threshold=5,
        threshold_label=_l("wijzigingen"),
        threshold_range=(2, 100),
    ),
    Signal(
        "identity_change",
        _l("Ander KvK-nummer of andere contactgegevens"),
        _l(
            "Binnen de drempel zijn het KvK- of inschrijfnummer of de contactgegevens "
            "gewijzigd. Misschien zit er een andere organisatie of persoon achter."
        ),
        _l("De openbare wijzigingsgeschiedenis."),
        15,
        _identity_change,
        _describe_identity_change,
        default_threshold=12,
        threshold_label=_l("maanden"),
        threshold_range=(1, 60),
    ),
    Signal(
        "concerns",
        _l("Zorgen gemeld"),
        _l(
            "Mensen hebben via het register zorgen gemeld over het initiatief: in de laatste "
            "twaalf maanden minstens zoveel als de drempel. Een melding is geen bewijs; de "
            "inspecteur leest ze zelf."
        ),
        _l("Meldingen van zorgen via het register (alleen het aantal telt mee)."),
        25,
        _concerns,
        lambda count, t: ngettext(
            "%(num)d zorg gemeld in de laatste twaalf maanden",
            "%(num)d zorgen gemeld in de laatste twaalf maanden",
            count,
        ),
        default_threshold=1,
        threshold_label=_l("meldingen"),
        threshold_range=(1, 100),
    ),
    Signal(
        "follow_up_passed",
        _l("Datum voor vervolg verstreken"),
        _l(
            "Bij een eerder bezoek is een datum voor een vervolg afgesproken. Die datum is "
            "voorbij en er is sindsdien geen bezoek geweest."
        ),
        _l("Eigen bezoekverslagen van de inspectie."),
        25,
        _follow_up_passed,
        lambda day, t: _("vervolg gepland voor %(date)s, nog niet gedaan", date=long_date(day)),
    ),
)

SIGNALS_BY_KEY: dict[str, Signal] = {signal.key: signal for signal in SIGNALS}


def default_settings() -> dict[str, Setting]:
    return {s.key: Setting(s.default_threshold, s.default_weight) for s in SIGNALS}


@dataclass(slots=True)
class Hit:
    """One signal that fired for one initiative: its weight and its evidence."""

    signal: Signal
    weight: int
    evidence: Evidence
    threshold: int | None

    @property
    def words(self) -> str:
        return self.signal.words(self.evidence, self.threshold)


def evaluate(ctx: Context) -> dict[int, list[Hit]]:
    """Every signal for every published initiative: initiative id -> its hits, heaviest
    first. Signals with weight 0 are switched off and not evaluated."""
    settings = ctx.settings
    hits: dict[int, list[Hit]] = defaultdict(list)
    for signal in SIGNALS:
        setting = settings[signal.key]
        if setting.weight <= 0:
            continue
        for iid, evidence in signal.evaluate(ctx).items():
            hits[iid].append(Hit(signal, setting.weight, evidence, setting.threshold))
    for found in hits.values():
        found.sort(key=lambda hit: -hit.weight)
    return dict(hits)


def total(hits: Iterable[Hit]) -> int:
    return sum(hit.weight for hit in hits)
