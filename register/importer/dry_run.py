"""The dry run: what importing each row would do to the register as it is now.

Each row is one of:

- ``add``: a new initiative;
- ``change``: the row's ``slug`` names a published initiative and some values differ (which
  facts, before and after);
- ``unchanged``: it names one and nothing differs;
- ``duplicate``: probably an initiative already there (same KvK number, or same name and
  postcode) or an earlier row of the same file; added only when staff say so per row;
- ``reject``: with every reason (each cell that cannot be read, each required cell left
  empty).

An empty cell gives no value: a new initiative then lacks it, an existing one keeps its
own. An import never erases. The report is plain JSON, so it is stored with the batch and
compared with a fresh dry run before anything is applied.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from register.entries.models import EntryStatus, Initiative, SlugHistory
from register.entries.public_values import iso_date
from register.extensions import db
from register.geo import normalise
from register.importer.columns import (
    IDENTIFYING,
    IGNORED,
    PROVINCE_COLUMN,
    SLUG_PATTERN,
    Catalogues,
    ImportColumn,
    Invalid,
    import_columns,
    province_hint,
    unquote,
)

OUTCOMES = ("add", "change", "unchanged", "duplicate", "reject")
SLUG_LENGTH = 110


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")


@dataclass
class Register:
    """What the dry run compares rows with: every entry's keys, loaded once."""

    slugs: dict[str, int] = field(default_factory=dict)  # current and former slugs -> id
    status: dict[int, EntryStatus] = field(default_factory=dict)
    names: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (slug, name)
    by_kvk: dict[str, int] = field(default_factory=dict)
    by_name_postcode: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Register:
        register = cls()
        rows = db.session.execute(
            select(
                Initiative.id,
                Initiative.slug,
                Initiative.name,
                Initiative.kvk_number,
                Initiative.postcode,
                Initiative.status,
            ).order_by(Initiative.id)
        )
        for id_, slug, name, kvk, postcode, status in rows:
            register.slugs[slug] = id_
            register.status[id_] = status
            register.names[id_] = (slug, name)
            if status != EntryStatus.PUBLISHED:
                continue
            if kvk:
                register.by_kvk.setdefault(kvk, id_)
            register.by_name_postcode.setdefault((normalise(name), postcode), id_)
        for slug, id_ in db.session.execute(select(SlugHistory.slug, SlugHistory.initiative_id)):
            register.slugs.setdefault(slug, id_)
        return register

    def summary(self, initiative_id: int) -> dict[str, Any]:
        slug, name = self.names[initiative_id]
        return {"id": initiative_id, "slug": slug, "name": name}


def current_value(initiative: Initiative, column: ImportColumn) -> Any:
    """The initiative's value for ``column``, in the form the column's reader gives."""
    if column.is_statement:
        return next(
            (s.text for s in initiative.statements if s.requirement.key == column.requirement_key),
            "",
        )
    name = column.name
    if name == "kind":
        return initiative.kind.key
    if name in ("target_groups", "funding_routes"):
        return [row.key for row in getattr(initiative, name)]
    if name == "vacancy":
        return initiative.vacancy.value
    if name == "started_on":
        return iso_date(initiative.started_on)
    if name == "collective_share_percent":
        share = initiative.collective_share_percent
        return None if share is None else float(share)
    if name == "place":
        return {
            part: getattr(initiative, part)
            for part in ("place", "municipality", "province", "latitude", "longitude")
        }
    return getattr(initiative, name)


def _differs(column: ImportColumn, before: Any, after: Any) -> bool:
    if column.name == "place" and before is not None:
        # Coordinates of an existing entry may be more precise than the gazetteer's.
        parts = ("place", "municipality", "province")
        return any(before[part] != after[part] for part in parts)
    return before != after


class DryRun:
    """Classifies the rows of one file against the register, in file order."""

    def __init__(self, header: list[str]):
        self.catalogues = Catalogues.load()
        self.columns = import_columns(list(self.catalogues.requirements.values()))
        self.register = Register.load()
        self.header = header
        self.present = [column for column in self.columns if column.name in header]
        self.taken_slugs = set(self.register.slugs)
        self.changed_rows: dict[int, int] = {}  # initiative id -> row that changes it
        self.new_by_kvk: dict[str, int] = {}
        self.new_by_name_postcode: dict[tuple[str, str], int] = {}

    def report(self, rows: list[dict[str, Any]]) -> dict[str, Any]:
        results = [self.classify(row) for row in rows]
        counts = Counter(result["outcome"] for result in results)
        known = {column.name for column in self.columns} | {IDENTIFYING, *IGNORED}
        return {
            "counts": {outcome: counts.get(outcome, 0) for outcome in OUTCOMES},
            "rows": results,
            "ignored_columns": [name for name in self.header if name in IGNORED],
            "unknown_columns": [name for name in self.header if name and name not in known],
        }

    def _read(self, row: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        cells = {name: unquote(value) for name, value in row["cells"].items()}
        values: dict[str, Any] = {}
        errors: list[dict[str, Any]] = []
        for column in self.present:
            cell = cells.get(column.name, "")
            if not cell:
                continue
            try:
                values[column.name] = self._read_cell(column, cell, cells)
            except Invalid as invalid:
                errors.append({"column": column.name, "code": invalid.code, **invalid.params})
        if row["extra"]:
            errors.append({"column": "", "code": "extra_cells", "count": row["extra"]})
        return values, errors

    def _read_cell(self, column: ImportColumn, cell: str, cells: dict[str, str]) -> Any:
        if column.name == "place" and (province := province_hint(cells.get(PROVINCE_COLUMN, ""))):
            try:
                return column.read(f"{cell} ({province})", self.catalogues)
            except Invalid:
                pass  # a province that does not fit the place: the name alone decides
        return column.read(cell, self.catalogues)

    def classify(self, row: dict[str, Any]) -> dict[str, Any]:
        values, errors = self._read(row)
        slug = unquote(row["cells"].get(IDENTIFYING, ""))
        place = values.get("place")
        result: dict[str, Any] = {
            "row": row["row"],
            "name": values.get("name") or row["cells"].get("name", "").strip(),
            "place": place["place"] if place else row["cells"].get("place", "").strip(),
            "slug": None,
            "initiative": None,
            "duplicate": None,
            "changes": [],
            "errors": errors,
            "values": {},
        }
        existing = self.register.slugs.get(slug) if slug else None
        if existing is not None:
            return self._classify_existing(result, existing, values)
        return self._classify_new(result, slug, values)

    def _classify_existing(
        self, result: dict[str, Any], initiative_id: int, values: dict[str, Any]
    ) -> dict[str, Any]:
        result["initiative"] = self.register.summary(initiative_id)
        if self.register.status[initiative_id] != EntryStatus.PUBLISHED:
            result["errors"].append({"column": IDENTIFYING, "code": "withdrawn"})
        elif initiative_id in self.changed_rows:
            result["errors"].append(
                {
                    "column": IDENTIFYING,
                    "code": "same_slug",
                    "row": self.changed_rows[initiative_id],
                }
            )
        else:
            self.changed_rows[initiative_id] = result["row"]
        if result["errors"]:
            return {**result, "outcome": "reject"}
        initiative = db.session.get(Initiative, initiative_id)
        for column in self.present:
            if column.name not in values:
                continue
            before, after = current_value(initiative, column), values[column.name]
            if _differs(column, before, after):
                result["changes"].append(
                    {"column": column.name, "fact": column.fact, "before": before, "after": after}
                )
                result["values"][column.name] = after
        return {**result, "outcome": "change" if result["changes"] else "unchanged"}

    def _classify_new(
        self, result: dict[str, Any], slug: str, values: dict[str, Any]
    ) -> dict[str, Any]:
        unreadable = {error["column"] for error in result["errors"]}
        for column in self.columns:
            if column.required and column.name not in values and column.name not in unreadable:
                result["errors"].append({"column": column.name, "code": "required"})
        if result["errors"]:
            return {**result, "outcome": "reject"}
        result["values"] = values
        result["slug"] = self._new_slug(slug, values)
        kvk = values.get("kvk_number")
        name_postcode = (normalise(values["name"]), values["postcode"])
        reason, existing, earlier = self._duplicate_of(kvk, name_postcode)
        if kvk:
            self.new_by_kvk.setdefault(kvk, result["row"])
        self.new_by_name_postcode.setdefault(name_postcode, result["row"])
        if reason is None:
            return {**result, "outcome": "add"}
        if existing is not None:
            result["initiative"] = self.register.summary(existing)
        return {**result, "duplicate": {"reason": reason, "row": earlier}, "outcome": "duplicate"}

    def _duplicate_of(
        self, kvk: str | None, name_postcode: tuple[str, str]
    ) -> tuple[str | None, int | None, int | None]:
        """(reason, existing initiative id, earlier row) of a probable duplicate: the same
        KvK number or the same name and postcode, in the register first, then in the file."""
        register = self.register
        if kvk and kvk in register.by_kvk:
            return "kvk", register.by_kvk[kvk], None
        if name_postcode in register.by_name_postcode:
            return "name_postcode", register.by_name_postcode[name_postcode], None
        if kvk and kvk in self.new_by_kvk:
            return "kvk", None, self.new_by_kvk[kvk]
        if name_postcode in self.new_by_name_postcode:
            return "name_postcode", None, self.new_by_name_postcode[name_postcode]
        return None, None, None

    def _new_slug(self, given: str, values: dict[str, Any]) -> str:
        """The row's own slug when it is a free, well-formed one (an export imported into
        another register), otherwise one made from name and place; never one in use."""
        if given and SLUG_PATTERN.fullmatch(given) and len(given) <= SLUG_LENGTH:
            base = given
        else:
            base = slugify(f"{values['name']} {values['place']['place']}")[:SLUG_LENGTH]
            base = base.strip("-") or "initiatief"
        slug, number = base, 2
        while slug in self.taken_slugs:
            slug, number = f"{base}-{number}", number + 1
        self.taken_slugs.add(slug)
        return slug


def dry_run(header: list[str], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The report for ``rows`` against the register as it is now; writes nothing."""
    return DryRun(header).report(rows)
