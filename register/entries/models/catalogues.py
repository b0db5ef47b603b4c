"""Seeded reference catalogues: kinds, target groups, funding routes, the seven requirements,
branch associations and quality marks."""

from __future__ import annotations

from sqlalchemy import String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from register.extensions import db
from register.i18n import in_locale


class Bilingual:
    """Catalogue rows carry their name in Dutch and English; ``label`` picks the current one."""

    name_nl: Mapped[str]
    name_en: Mapped[str]

    @property
    def label(self) -> str:
        return in_locale(self.name_nl, self.name_en)


class Catalogue(Bilingual):
    """Seeded reference rows: a stable ``key`` for URLs and data, names, a sort position."""

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name_nl: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)


class Kind(Catalogue, db.Model):
    """Who set the initiative up: relatives/residents, a care entrepreneur, a care institution."""

    __tablename__ = "kind"
    description_nl: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")


class TargetGroup(Catalogue, db.Model):
    __tablename__ = "target_group"


class FundingRoute(Catalogue, db.Model):
    __tablename__ = "funding_route"
    is_pgb: Mapped[bool] = mapped_column(default=False)
    act: Mapped[str] = mapped_column(String(20), default="")


class Requirement(Catalogue, db.Model):
    """One of the seven minimum self-direction requirements (Kamerbrief 5 July 2023)."""

    __tablename__ = "requirement"
    number: Mapped[int] = mapped_column(unique=True)
    text_nl: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    plain_nl: Mapped[str] = mapped_column(Text, default="")
    plain_en: Mapped[str] = mapped_column(Text, default="")
    # A few plain words naming the requirement, shown under a question instead of its title.
    short_nl: Mapped[str] = mapped_column(String(80), default="", server_default="")
    short_en: Mapped[str] = mapped_column(String(80), default="", server_default="")
    # Only about the personal budget: does not apply to an initiative without pgb residents.
    pgb_only: Mapped[bool] = mapped_column(default=False, server_default=false())

    @property
    def text(self) -> str:
        return in_locale(self.text_nl, self.text_en)

    @property
    def short(self) -> str:
        return in_locale(self.short_nl, self.short_en) or self.label

    @property
    def plain(self) -> str:
        return in_locale(self.plain_nl, self.plain_en)


class Association(Catalogue, db.Model):
    """A branch association that can vouch for its members."""

    __tablename__ = "association"
    abbreviation: Mapped[str] = mapped_column(String(30))
    website: Mapped[str] = mapped_column(String(300), default="")
    description_nl: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    represents_providers: Mapped[bool] = mapped_column(default=True)


class QualityMark(Catalogue, db.Model):
    """A certificate or quality mark: who issues it, what it attests, how long it is valid."""

    __tablename__ = "quality_mark"
    issuer: Mapped[str] = mapped_column(String(200))
    attests_nl: Mapped[str] = mapped_column(Text, default="")
    attests_en: Mapped[str] = mapped_column(Text, default="")
    validity_years: Mapped[int | None]

    @property
    def attests(self) -> str:
        return in_locale(self.attests_nl, self.attests_en)
