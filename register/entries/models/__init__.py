"""Tables of the public register.

``Initiative`` holds the *published* state of an entry: what the public pages, open data,
the API and the search index show. Later, initiative editors will propose changes as
pending revisions in a table of their own; approving one copies it onto ``Initiative``
and writes a ``ChangeLogEntry``. Inspector-only data (risk signals, concerns, visit notes)
will live in tables of the inspection feature, never here, so nothing internal can leak
through ``register.entries.public`` which builds every public representation.

Import from this package, not from its modules: importing it registers every table on the
metadata (Alembic and the mappers need them all), and ``register.entries.changes`` finds
the register's models in its namespace.
"""

from register.entries.models.catalogues import (
    Association,
    Bilingual,
    Catalogue,
    FundingRoute,
    Kind,
    QualityMark,
    Requirement,
    TargetGroup,
)
from register.entries.models.change_log import ChangeLogEntry
from register.entries.models.claims import (
    Certification,
    Claim,
    Membership,
    effective_claim_status,
)
from register.entries.models.columns import utcnow
from register.entries.models.enums import (
    ChangeAction,
    ClaimStatus,
    EntryStatus,
    Source,
    VacancyStatus,
    VerifierKind,
    VisitBody,
    VisitType,
)
from register.entries.models.initiative import (
    FactProvenance,
    Initiative,
    SlugHistory,
    Statement,
    Visit,
    initiative_funding_route,
    initiative_target_group,
)

__all__ = [
    "Association",
    "Bilingual",
    "Catalogue",
    "Certification",
    "ChangeAction",
    "ChangeLogEntry",
    "Claim",
    "ClaimStatus",
    "EntryStatus",
    "FactProvenance",
    "FundingRoute",
    "Initiative",
    "Kind",
    "Membership",
    "QualityMark",
    "Requirement",
    "SlugHistory",
    "Source",
    "Statement",
    "TargetGroup",
    "VacancyStatus",
    "VerifierKind",
    "Visit",
    "VisitBody",
    "VisitType",
    "effective_claim_status",
    "initiative_funding_route",
    "initiative_target_group",
    "utcnow",
]
