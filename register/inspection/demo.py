"""Demo records of the inspectorate (``flask seed demo``): internal notes on some published
inspection visits (a few with a follow-up date that has passed) and decisions on some
initiatives, so ``/inspectie`` shows what colleagues decided. Deterministic, fictional."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from register.bulk import Row, insert_rows
from register.entries.models import Initiative, Visit, VisitBody
from register.inspection.models import Decision, DecisionKind, VisitRecord

DEMO_INSPECTOR = "Ahmed (demo)"
OUTCOMES = (
    "Zorg op orde; dossiers compleet.",
    "Verbeterpunten: medicatieoverdracht en nachtdienst.",
    "Eigen regie goed geregeld; bewonersraad actief.",
    "Risico's bij personeelsbezetting in het weekend.",
)
NOTES = (
    "Gesproken met twee bewoners en de coördinator.",
    "Vervolg nodig op het verbeterplan.",
    "Geen bijzonderheden.",
)
RATIONALES = {
    DecisionKind.PLAN_VISIT: "Nieuw initiatief, nog geen bezoek; inplannen in het eerste kwartaal.",
    DecisionKind.WATCH: "Keurmerk loopt af; volgen of het wordt verlengd.",
    DecisionKind.NO_ACTION: "Gemeente houdt toezicht (alleen Wmo); geen actie van de inspectie.",
}


def generate_inspection_demo(
    initiatives: Sequence[Initiative], today: date, random_seed: int = 2023
) -> None:
    """Writes in bulk (``register.bulk``); the caller commits."""
    rng = random.Random(random_seed)
    records: list[Row] = []
    decisions: list[Row] = []
    for initiative in initiatives:
        for visit in initiative.visits:
            if visit.body == VisitBody.IGJ and rng.random() < 0.5:
                records.append(_record(visit, rng, today))
        if rng.random() < 0.04:
            kind = rng.choice(list(DecisionKind))
            decided_on = today - timedelta(days=rng.randint(1, 60))
            decisions.append(
                {
                    "initiative_id": initiative.id,
                    "kind": kind,
                    "rationale": RATIONALES[kind],
                    "account_name": DEMO_INSPECTOR,
                    "decided_at": _noon(decided_on),
                }
            )
    insert_rows(VisitRecord.__table__, records)
    insert_rows(Decision.__table__, decisions)


def _record(visit: Visit, rng: random.Random, today: date) -> Row:
    """Follow-up dates only after recent visits: most are still ahead, a few have passed."""
    follow_up = None
    if today - visit.visited_on < timedelta(days=540) and rng.random() < 0.5:
        follow_up = visit.visited_on + timedelta(days=rng.choice((90, 180, 365)))
    return {
        "initiative_id": visit.initiative_id,
        "visit_id": visit.id,
        "visited_on": visit.visited_on,
        "body": visit.body,
        "announced": rng.random() < 0.7,
        "outcome": rng.choice(OUTCOMES),
        "notes": rng.choice(NOTES),
        "follow_up_on": follow_up,
        "report_url": visit.report_url,
    }


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)
