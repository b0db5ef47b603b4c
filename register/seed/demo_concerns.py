"""Demo concerns from the public (``flask seed demo``), so the inspectors' pages are not
empty: a few initiatives get one to three made-up concerns from the last months."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from register.concerns import services
from register.entries.models import Initiative

# One in this many demo initiatives has concerns.
SHARE = 25
# All within a year, so they count as recent and the purge leaves them for a while.
MAX_DAYS_AGO = 330

WHAT = (
    "Mijn moeder woont hier. De laatste weken is er 's nachts vaak niemand wakker in huis.",
    "Er wisselen steeds nieuwe begeleiders. Mijn broer weet niet meer bij wie hij terecht kan.",
    "Het pgb van de bewoners gaat naar een gezamenlijke pot, maar niemand laat zien waaraan.",
    "Bewoners mogen niet zelf kiezen wanneer ze eten of naar bed gaan.",
    "Ik zag dat medicijnen open op tafel lagen in de gemeenschappelijke ruimte.",
    "Mijn zoon is gevallen. Wij hoorden het pas drie dagen later, van een andere bewoner.",
    "De familie krijgt geen antwoord meer op vragen over de zorg.",
    "Er wonen meer mensen dan er plaatsen op de website staan.",
)
WHEN = ("", "vorige week", "sinds de zomer", "14 oktober", "al een paar maanden", "gisteren")
REPORTERS = (
    ("", "", ""),
    ("", "", ""),
    ("Anna de Vries", "anna.devries@demo.example", ""),
    ("Mohamed Bakker", "", "06 12345678"),
    ("", "familie.jansen@demo.example", ""),
)


def add_demo_concerns(initiatives: Sequence[Initiative], random_seed: int, today: date) -> int:
    """Report made-up concerns about a few of ``initiatives`` (in bulk); returns how many."""
    if not initiatives:
        return 0
    rng = random.Random(f"concerns-{random_seed}")
    chosen = rng.sample(list(initiatives), max(1, len(initiatives) // SHARE))
    concerns = []
    for initiative in chosen:
        for _ in range(rng.choice((1, 1, 2, 3))):
            name, email, phone = rng.choice(REPORTERS)
            day = today - timedelta(days=rng.randint(1, MAX_DAYS_AGO))
            concerns.append(
                services.NewConcern(
                    initiative.id,
                    what_happened=rng.choice(WHAT),
                    when_happened=rng.choice(WHEN),
                    reporter_name=name,
                    reporter_email=email,
                    reporter_phone=phone,
                    created_at=datetime.combine(day, time(rng.randint(7, 22)), tzinfo=UTC),
                )
            )
    services.report_all(concerns)
    return len(concerns)
