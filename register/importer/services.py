"""Import batches: start one (read the file, dry run), check it again, discard or apply it.
Functions here flush; the view commits (or rolls back when applying is refused)."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from sqlalchemy import update

from register.audit.services import record
from register.entries.models import (
    ChangeAction,
    Initiative,
    Source,
    Statement,
    VacancyStatus,
    utcnow,
)
from register.entries.public import all_requirements
from register.entries.services import record_change, record_provenance
from register.extensions import db
from register.importer.columns import (
    IDENTIFYING,
    IGNORED,
    Catalogues,
    ImportColumn,
    import_columns,
)
from register.importer.dry_run import dry_run
from register.importer.models import ImportBatch, ImportStatus
from register.importer.reading import read_csv


class ImportRefused(Exception):
    """Applying or discarding is not possible: ``finished`` (already applied or discarded),
    ``stale`` (the register changed since the dry run) or ``bad_choice`` (a row ticked
    "add anyway" that is no probable duplicate)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def known_columns() -> set[str]:
    columns = import_columns(all_requirements())
    return {column.name for column in columns} | {IDENTIFYING, *IGNORED}


def clean_file_name(name: str | None) -> str:
    """The file's own name, without a folder path or control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:255] or "import.csv"


def counts_text(counts: dict[str, int]) -> str:
    """The counts in the audit log's words (stored text: the log is kept in Dutch)."""
    return (
        f"{counts['add']} nieuw, {counts['change']} gewijzigd, {counts['unchanged']} "
        f"ongewijzigd, {counts['duplicate']} mogelijk dubbel, {counts['reject']} afgewezen"
    )


def start_batch(file_name: str, data: bytes, actor: Any) -> ImportBatch:
    """Read an upload and dry-run it. Raises ``reading.ImportFileError`` for a file that
    cannot be imported at all; nothing is stored then."""
    csv_file = read_csv(data, known_columns())
    report = dry_run(csv_file.header, csv_file.rows)
    batch = ImportBatch(
        file_name=clean_file_name(file_name),
        status=ImportStatus.DRY_RUN,
        header=csv_file.header,
        rows=csv_file.rows,
        report=report,
        row_count=len(csv_file.rows),
        created_by_id=actor.id,
        created_by_email=actor.email,
        result=[],
    )
    db.session.add(batch)
    db.session.flush()
    record(
        "import.dry_run",
        target_type="import_batch",
        target_id=batch.id,
        summary=f"Proefimport van {batch.file_name}: {counts_text(report['counts'])}",
        actor=actor,
    )
    return batch


def check_again(batch: ImportBatch, actor: Any) -> None:
    """A fresh dry run of the stored rows, replacing the report shown."""
    if not batch.is_open:
        raise ImportRefused("finished")
    batch.report = dry_run(batch.header, batch.rows)
    batch.checked_at = utcnow()
    record(
        "import.dry_run_repeated",
        target_type="import_batch",
        target_id=batch.id,
        summary=f"Proefimport van {batch.file_name} opnieuw: {counts_text(batch.report['counts'])}",
        actor=actor,
    )


def discard(batch: ImportBatch, actor: Any) -> None:
    _claim(batch, ImportStatus.DISCARDED, actor)
    record(
        "import.discarded",
        target_type="import_batch",
        target_id=batch.id,
        summary=f"Proefimport van {batch.file_name} weggegooid",
        actor=actor,
    )


def _claim(batch: ImportBatch, status: ImportStatus, actor: Any) -> None:
    """Move an open batch to ``status``, or refuse: of two staff pressing at once, one wins
    (the update waits for the other's lock and then finds the batch finished)."""
    claimed = db.session.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch.id, ImportBatch.status == ImportStatus.DRY_RUN)
        .values(
            status=status,
            finished_at=utcnow(),
            finished_by_id=actor.id,
            finished_by_email=actor.email,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise ImportRefused("finished")
    db.session.refresh(batch)


def _as_stored(report: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(report))


def apply_batch(batch: ImportBatch, add_anyway: set[int], actor: Any, today: date) -> None:
    """Write what the dry run showed: its additions and changes, and the probable
    duplicates in ``add_anyway`` as new initiatives. Refuses (``ImportRefused``) when the
    batch is finished, when a fresh dry run differs from the stored report (the register
    changed meanwhile) or when ``add_anyway`` names a row that is no probable duplicate.
    The caller rolls back on a refusal."""
    _claim(batch, ImportStatus.APPLIED, actor)
    if _as_stored(dry_run(batch.header, batch.rows)) != batch.report:
        raise ImportRefused("stale")
    rows = batch.report["rows"]
    duplicates = {result["row"] for result in rows if result["outcome"] == "duplicate"}
    if not add_anyway <= duplicates:
        raise ImportRefused("bad_choice")
    writer = _Writer(batch, actor, today)
    for result in rows:
        if result["outcome"] == "add" or result["row"] in add_anyway:
            writer.add(result)
        elif result["outcome"] == "change":
            writer.change(result)
    batch.result = writer.written
    counts = batch.report["counts"]
    added = sum(1 for entry in writer.written if entry["action"] == "add")
    changed = len(writer.written) - added
    record(
        "import.applied",
        target_type="import_batch",
        target_id=batch.id,
        summary=(
            f"Import van {batch.file_name} ({batch.row_count} rijen) toegepast: {added} "
            f"initiatieven toegevoegd (waarvan {added - counts['add']} mogelijk dubbel), "
            f"{changed} gewijzigd, {batch.row_count - added - changed} rijen overgeslagen"
        ),
        after={"added": added, "changed": changed, "rows": batch.row_count},
        actor=actor,
    )


class _Writer:
    """Writes the rows of one batch, each with its change log, provenance and audit entry."""

    def __init__(self, batch: ImportBatch, actor: Any, today: date):
        self.batch = batch
        self.actor = actor
        self.today = today
        self.catalogues = Catalogues.load()
        self.columns = {
            column.name: column
            for column in import_columns(list(self.catalogues.requirements.values()))
        }
        self.written: list[dict[str, Any]] = []

    def add(self, result: dict[str, Any]) -> None:
        initiative = Initiative(slug=result["slug"], is_demo=False)
        for name, value in result["values"].items():
            self._assign(initiative, self.columns[name], value)
        db.session.add(initiative)
        db.session.flush()
        # The import is the source of the whole entry, also of the facts it left empty.
        facts = {column.fact for column in self.columns.values()}
        record_provenance(initiative, facts, Source.IMPORT, self.today)
        record_change(
            initiative, ChangeAction.CREATED, source=Source.IMPORT, actor_account_id=self.actor.id
        )
        self._log(initiative, result, "add", "import.initiative_added", None, result["values"])

    def change(self, result: dict[str, Any]) -> None:
        initiative = db.session.get(Initiative, result["initiative"]["id"])
        for name, value in result["values"].items():
            self._assign(initiative, self.columns[name], value)
        facts = [change["fact"] for change in result["changes"]]
        record_provenance(initiative, facts, Source.IMPORT, self.today)
        record_change(
            initiative,
            ChangeAction.UPDATED,
            facts,
            source=Source.IMPORT,
            actor_account_id=self.actor.id,
        )
        before = {change["column"]: change["before"] for change in result["changes"]}
        after = {change["column"]: change["after"] for change in result["changes"]}
        self._log(initiative, result, "change", "import.initiative_changed", before, after)

    def _log(self, initiative, result, action, audit_action, before, after) -> None:
        self.written.append(
            {"row": result["row"], "action": action, "id": initiative.id, "slug": initiative.slug}
        )
        verb = "toegevoegd" if action == "add" else "gewijzigd"
        record(
            audit_action,
            target_type="initiative",
            target_id=initiative.id,
            initiative_id=initiative.id,
            summary=(
                f"{initiative.name} {verb} door import van {self.batch.file_name} "
                f"(rij {result['row']})"
            ),
            before=before,
            after=after,
            actor=self.actor,
        )

    def _assign(self, initiative: Initiative, column: ImportColumn, value: Any) -> None:
        catalogues = self.catalogues
        if column.is_statement:
            requirement = catalogues.requirements[column.requirement_key]
            statement = next(
                (s for s in initiative.statements if s.requirement_id == requirement.id), None
            )
            if statement is None:
                initiative.statements.append(Statement(requirement=requirement, text=value))
            else:
                statement.text = value
        elif column.name == "kind":
            initiative.kind = catalogues.kinds[value]
        elif column.name in ("target_groups", "funding_routes"):
            rows = getattr(catalogues, column.name)
            setattr(initiative, column.name, [rows[key] for key in value])
        elif column.name == "place":
            for part, part_value in value.items():
                setattr(initiative, part, part_value)
        elif column.name == "vacancy":
            initiative.vacancy = VacancyStatus(value)
        elif column.name == "started_on":
            initiative.started_on = date.fromisoformat(value)
        else:
            setattr(initiative, column.name, value)
