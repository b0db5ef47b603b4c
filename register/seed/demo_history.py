"""The history of one demo initiative: when it started and was last confirmed, its
statements, memberships, certifications and visits, and where its facts come from.

Each is returned as rows (column name -> value) for a bulk insert; see ``demo_factory``.

Dates are laid out relative to ``today``, from random streams of the initiative's own, so
names and slugs (drawn elsewhere) stay the same whatever day the demo is generated.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from register.entries.models import (
    ClaimStatus,
    Source,
    VerifierKind,
    VisitBody,
    VisitType,
)
from register.entries.rules import is_new_provider
from register.seed import demo_texts as texts
from register.seed.demo_inputs import (
    CERTIFICATION_CHANCES,
    FIRST_DATE,
    MEMBERSHIP_CHANCES,
    MISSING_STATEMENTS_SHARE,
    NEW_INITIATIVE_SHARE,
    REPORTS_HOST,
    STALE_SHARE,
    Catalogues,
    weighted_choice,
)

# Column name -> value: one row of a table, for a bulk insert.
Row = dict[str, object]
# Every claim row names all of these, so a bulk insert sends one statement for all rows.
_UNVERIFIED: Row = {"verifier": None, "verified_on": None}


class DemoHistory:
    """Draws the history of one initiative, in a fixed order, from ``rng``."""

    def __init__(self, rng: random.Random, today: date, catalogues: Catalogues) -> None:
        self.rng = rng
        self.today = today
        self.catalogues = catalogues

    def started_on(self) -> date:
        rng = self.rng
        if rng.random() < NEW_INITIATIVE_SHARE:
            return self.today - timedelta(days=rng.randint(20, 175))
        span = (self.today - timedelta(days=200) - FIRST_DATE).days
        # The sector grows: more initiatives started recently than long ago.
        return FIRST_DATE + timedelta(days=round(rng.triangular(0, span, span)))

    def last_confirmed_on(self, started_on: date) -> date:
        if self.rng.random() < STALE_SHARE:
            days_ago = self.rng.randint(400, 1100)
        else:
            days_ago = self.rng.randint(0, 330)
        return max(started_on, self.today - timedelta(days=days_ago))

    def statements(self, share: Decimal | None, confirmed_on: date) -> list[Row]:
        rng = self.rng
        requirements = self.catalogues.requirements
        missing: set[str] = set()
        if rng.random() < MISSING_STATEMENTS_SHARE:
            how_many = weighted_choice(rng, {1: 40, 2: 25, 3: 15, len(requirements): 20})
            missing = {r.key for r in rng.sample(requirements, how_many)}
        statements = []
        for requirement in requirements:
            if requirement.key in missing:
                continue
            options = texts.STATEMENTS[requirement.key]
            if requirement.key == "collective_share_known" and share is None:
                options = [text for text in options if "{share}" not in text]
            text = rng.choice(options).format(share=_format_percent(share))
            statements.append(
                {"requirement_id": requirement.id, "text": text, "confirmed_on": confirmed_on}
            )
        return statements

    def memberships(self, kind_key: str, is_farm: bool, started_on: date) -> list[Row]:
        rng = self.rng
        chances = dict(MEMBERSHIP_CHANCES[kind_key])
        if is_farm:
            chances["flz"] = 0.85
        memberships = []
        for key, chance in chances.items():
            if rng.random() >= chance:
                continue
            association = self.catalogues.associations[key]
            declared_on = date_between(self.rng, started_on, self.today)
            status = weighted_choice(
                rng,
                {ClaimStatus.VERIFIED: 55, ClaimStatus.SELF_DECLARED: 37, ClaimStatus.REJECTED: 8},
            )
            membership = {
                "association_id": association.id,
                "status": status,
                "declared_on": declared_on,
                **_UNVERIFIED,
                "valid_until": None,
            }
            if status != ClaimStatus.SELF_DECLARED:
                membership["verifier"] = VerifierKind.ASSOCIATION
                membership["verified_on"] = min(
                    self.today, declared_on + timedelta(rng.randint(7, 120))
                )
            if status == ClaimStatus.VERIFIED:
                membership["valid_until"] = weighted_choice(
                    rng,
                    {
                        date(self.today.year, 12, 31): 80,
                        date(self.today.year - 1, 12, 31): 10,  # not renewed: lapsed
                        None: 10,
                    },
                )
            memberships.append(membership)
        return memberships

    def certifications(self, kind_key: str, has_flz: bool, started_on: date) -> list[Row]:
        rng = self.rng
        chances = dict(CERTIFICATION_CHANCES[kind_key])
        if has_flz:
            chances["flz_kwaliteit_laat_je_zien"] = 0.75
        certifications = []
        for key, chance in chances.items():
            earliest = max(started_on, self.today - timedelta(days=6 * 365))
            if rng.random() >= chance or (self.today - earliest).days < 30:
                continue
            mark = self.catalogues.quality_marks[key]
            years = mark.validity_years
            if years and rng.random() < 0.1:
                valid_until = self.last_spring()
                audited_on = _add_years(valid_until, -years)
            else:
                audited_on = date_between(self.rng, earliest, self.today - timedelta(days=30))
                valid_until = _add_years(audited_on, years) if years else None
            status = weighted_choice(
                rng,
                {ClaimStatus.VERIFIED: 60, ClaimStatus.SELF_DECLARED: 36, ClaimStatus.REJECTED: 4},
            )
            lapsed = valid_until is not None and valid_until < self.today
            if status == ClaimStatus.VERIFIED and lapsed and rng.random() < 0.3:
                status = ClaimStatus.EXPIRED  # register staff marked it; otherwise shown as such
            certification = {
                "quality_mark_id": mark.id,
                "status": status,
                "declared_on": min(self.today, audited_on + timedelta(days=rng.randint(0, 60))),
                "valid_until": valid_until,
                "certificate_number": f"{texts.CERTIFICATE_PREFIXES[key]}-{audited_on.year}-"
                f"{rng.randrange(1000, 100_000):05d}",
                **_UNVERIFIED,
            }
            if status != ClaimStatus.SELF_DECLARED:
                certification["verifier"] = VerifierKind.ISSUER
                certification["verified_on"] = audited_on
            certifications.append(certification)
        return certifications

    def visits(self, slug: str, started_on: date, funding_keys: Sequence[str]) -> list[Row]:
        rng = self.rng
        if is_new_provider(started_on, self.today):
            return []  # new: the inspectorate still has to make its first visit
        planned = []
        if started_on.year >= 2018 and rng.random() < 0.65:
            planned.append((VisitBody.IGJ, VisitType.FIRST, 40, 180))
        for visit_type, chance in (
            (VisitType.AFTER_SIGNALS, 0.08),
            (VisitType.UNANNOUNCED, 0.06),
            (VisitType.THEMATIC, 0.1),
        ):
            if rng.random() < chance:
                planned.append((VisitBody.IGJ, visit_type, 200, None))
        if "pgb_wlz" in funding_keys and rng.random() < 0.35:
            visit_type = rng.choice([VisitType.CONSCIOUS_CHOICE, VisitType.ANNOUNCED])
            planned.append((VisitBody.CARE_OFFICE, visit_type, 60, None))
        if {"pgb_wmo", "pgb_jeugdwet"} & set(funding_keys) and rng.random() < 0.3:
            planned.append((VisitBody.MUNICIPALITY, VisitType.ANNOUNCED, 90, None))
        visits = []
        for body, visit_type, after_days, within_days in planned:
            earliest = started_on + timedelta(days=after_days)
            latest = self.today - timedelta(days=7)
            if within_days is not None:
                latest = min(latest, started_on + timedelta(days=within_days))
            if latest < earliest:
                continue
            visited_on = date_between(self.rng, earliest, latest)
            report_url = ""
            if body == VisitBody.IGJ:
                report_url = f"{REPORTS_HOST}/{visited_on.year}/{slug}-{visited_on:%Y%m%d}"
            visits.append(
                {
                    "visited_on": visited_on,
                    "body": body,
                    "visit_type": visit_type,
                    "report_url": report_url,
                }
            )
        return sorted(visits, key=lambda v: v["visited_on"], reverse=True)

    def last_spring(self) -> date:
        """A day in the most recent spring (21 March – 20 June) that lies in the past."""
        year = self.today.year if self.today > date(self.today.year, 6, 20) else self.today.year - 1
        return date_between(self.rng, date(year, 3, 21), date(year, 6, 20))


def provenance(
    rng: random.Random,
    initiative: Row,
    visits: Sequence[Row],
    confirmed_on: date,
    today: date,
) -> list[Row]:
    """Facts that came from elsewhere than the initiative, or that it gave later.

    ``rng`` is a stream of its own, so the rest of the demo stays as it was.
    """
    started_on = initiative["started_on"] or today
    rows = []
    if initiative["kvk_number"]:
        source = weighted_choice(
            rng, {Source.REGISTER: 60, Source.IMPORT: 20, Source.INITIATIVE: 20}
        )
        asserted = date_between(rng, started_on, confirmed_on)
        rows.append(_provenance_row("registration", source, asserted, None))
    for fact in ("capacity", "vacancy"):
        asserted = date_between(rng, started_on, confirmed_on)
        rows.append(_provenance_row(fact, Source.INITIATIVE, asserted, confirmed_on))
    if visits:
        last = max(visit["visited_on"] for visit in visits)
        rows.append(_provenance_row("visits", Source.INSPECTORATE, last, last))
    return rows


def _provenance_row(fact: str, source: Source, asserted_on: date, confirmed_on: date | None) -> Row:
    return {
        "fact": fact,
        "source": source,
        "asserted_on": asserted_on,
        "confirmed_on": confirmed_on,
    }


def date_between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _format_percent(share: Decimal | None) -> str:
    """Dutch notation: 30 or 22,5."""
    if share is None:
        return ""
    return str(int(share)) if share == share.to_integral_value() else str(share).replace(".", ",")


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
