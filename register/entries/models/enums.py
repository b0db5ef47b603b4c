"""The closed lists of values the register's tables store (see ``columns.enum_type``)."""

from __future__ import annotations

import enum


class VacancyStatus(enum.StrEnum):
    PLACES_FREE = "places_free"
    WAITING_LIST = "waiting_list"
    FULL = "full"


class ClaimStatus(enum.StrEnum):
    """Status of a membership or certification claim: worth something only once checked."""

    SELF_DECLARED = "self_declared"
    VERIFIED = "verified"
    REJECTED = "rejected"
    EXPIRED = "expired"


class EntryStatus(enum.StrEnum):
    """Whether an entry is in the public register. A withdrawn entry is kept (its URL answers
    410 and the change feed reports it) but leaves search, lists, open data and the API."""

    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class Source(enum.StrEnum):
    """Who or what a fact or a change comes from: provenance and change-log actor alike."""

    SYSTEM = "system"
    SEED = "seed"
    IMPORT = "import"
    REGISTER = "register"  # register staff
    INITIATIVE = "initiative"  # an editor of the initiative itself
    ASSOCIATION = "association"  # a verifier of a branch association
    INSPECTORATE = "inspectorate"


class VerifierKind(enum.StrEnum):
    """Who checked a membership or certification claim."""

    ASSOCIATION = "association"  # the association confirmed the membership
    ISSUER = "issuer"  # the quality mark's issuer (its audit)
    REGISTER = "register"  # register staff, against the certificate number


class VisitBody(enum.StrEnum):
    IGJ = "igj"
    CARE_OFFICE = "care_office"
    MUNICIPALITY = "municipality"


class VisitType(enum.StrEnum):
    FIRST = "first"  # IGJ visits new providers within six months
    ANNOUNCED = "announced"
    UNANNOUNCED = "unannounced"
    AFTER_SIGNALS = "after_signals"
    THEMATIC = "thematic"
    CONSCIOUS_CHOICE = "conscious_choice"  # care office's bewuste-keuzegesprek


class ChangeAction(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    WITHDRAWN = "withdrawn"
    DELETED = "deleted"
