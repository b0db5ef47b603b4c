"""published status and withdrawal, change log with source and actor, fact provenance,
slug history, claim verifiers as references

Existing data is carried over: every entry is published; change-log fields become lists;
``verified_by`` text becomes a verifier kind (the association itself, the mark's issuer, or
the register); every entry gets provenance rows for its facts from its creation date and
last confirmation.

Revision ID: faf51ef43d72
Revises: a2338d5352ef
Create Date: 2026-12-02 07:58:30.455745

"""
import json
from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

revision = "faf51ef43d72"
down_revision = "a2338d5352ef"
branch_labels = None
depends_on = None

SOURCES = ("system", "seed", "import", "register", "initiative", "association", "inspectorate")
VERIFIERS = ("association", "issuer", "register")
REGISTER_NAME = "Register Wooninitiatieven"
# The fact keys of register/entries/fields.py at this revision, with their usual source.
FACT_SOURCES = {
    "name": "initiative",
    "slug": "register",
    "kind": "initiative",
    "description": "initiative",
    "started_on": "initiative",
    "capacity": "initiative",
    "vacancy": "initiative",
    "collective_budget": "initiative",
    "registration": "initiative",
    "address": "initiative",
    "contact": "initiative",
    "target_groups": "initiative",
    "funding_routes": "initiative",
    "statements": "initiative",
    "memberships": "initiative",
    "certifications": "initiative",
    "visits": "inspectorate",
    "status": "register",
    "last_confirmed_on": "initiative",
}


def _enum(name, values):
    return sa.Enum(*values, name=name, native_enum=False, length=30)


def upgrade():
    op.create_table(
        "fact_provenance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("fact", sa.String(length=40), nullable=False),
        sa.Column("source", _enum("fact_source", SOURCES), nullable=False),
        sa.Column("asserted_on", sa.Date(), nullable=True),
        sa.Column("confirmed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_fact_provenance_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fact_provenance")),
        sa.UniqueConstraint("initiative_id", "fact", name=op.f("uq_fact_provenance_initiative_id")),
    )
    op.create_index(
        op.f("ix_fact_provenance_initiative_id"), "fact_provenance", ["initiative_id"]
    )
    op.create_table(
        "slug_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_slug_history_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slug_history")),
        sa.UniqueConstraint("slug", name=op.f("uq_slug_history_slug")),
    )
    op.create_index(op.f("ix_slug_history_initiative_id"), "slug_history", ["initiative_id"])

    with op.batch_alter_table("initiative") as batch_op:
        batch_op.add_column(
            sa.Column(
                "status",
                _enum("entry_status", ("published", "withdrawn")),
                nullable=False,
                server_default="published",
            )
        )
        batch_op.add_column(sa.Column("withdrawn_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("withdrawal_reason", sa.Text(), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_initiative_status"), ["status"], unique=False)

    _claims_upgrade("membership", "association", "abbreviation", "association_id")
    _claims_upgrade("certification", "quality_mark", "issuer", "quality_mark_id")
    _change_log_upgrade()
    _provenance_backfill()


def _claims_upgrade(table, catalogue, own_name, foreign_key):
    """Free-text ``verified_by`` becomes who verified: the catalogue entry itself (the
    association for memberships, the issuer for marks, by any of its names) or the register
    (by its name). Any other text names nobody the register knows: the verifier stays
    unknown rather than being attributed to someone who did not check."""
    own_kind = "association" if table == "membership" else "issuer"
    with op.batch_alter_table(table) as batch_op:
        batch_op.add_column(sa.Column("verifier", _enum("verifier_kind", VERIFIERS), nullable=True))
        batch_op.add_column(sa.Column("verifier_account_id", sa.Integer(), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            f"SELECT c.id, c.verified_by, k.{own_name}, k.name_nl, k.name_en FROM {table} c "
            f"JOIN {catalogue} k ON k.id = c.{foreign_key} WHERE c.verified_by <> ''"
        )
    ).all()
    register_names = {REGISTER_NAME.casefold(), "register"}
    for claim_id, verified_by, *own_names in rows:
        said = verified_by.strip().casefold()
        if said in {(name or "").strip().casefold() for name in own_names}:
            kind = own_kind
        elif said in register_names:
            kind = "register"
        else:
            continue
        bind.execute(
            sa.text(f"UPDATE {table} SET verifier = :kind WHERE id = :id"),
            {"kind": kind, "id": claim_id},
        )
    with op.batch_alter_table(table) as batch_op:
        batch_op.drop_column("verified_by")


def _change_log_upgrade():
    with op.batch_alter_table("change_log") as batch_op:
        batch_op.add_column(
            sa.Column(
                "source",
                _enum("change_source", SOURCES),
                nullable=False,
                server_default="system",
            )
        )
        batch_op.add_column(sa.Column("actor_account_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("revision_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("field_list", sa.JSON(), nullable=True))
    bind = op.get_bind()
    for entry_id, fields in bind.execute(sa.text("SELECT id, fields FROM change_log")).all():
        names = sorted({name.strip() for name in (fields or "").split(",") if name.strip()})
        bind.execute(
            sa.text("UPDATE change_log SET field_list = :names WHERE id = :id"),
            {"names": json.dumps(names), "id": entry_id},
        )
    with op.batch_alter_table("change_log") as batch_op:
        batch_op.drop_column("fields")
        batch_op.alter_column(
            "field_list", new_column_name="fields", existing_type=sa.JSON(), nullable=False
        )


def _as_date(value):
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])  # SQLite hands back text


def _provenance_backfill():
    bind = op.get_bind()
    provenance = sa.table(
        "fact_provenance",
        sa.column("initiative_id", sa.Integer),
        sa.column("fact", sa.String),
        sa.column("source", sa.String),
        sa.column("asserted_on", sa.Date),
        sa.column("confirmed_on", sa.Date),
    )
    initiatives = bind.execute(
        sa.text("SELECT id, created_at, last_confirmed_on FROM initiative")
    ).all()
    rows = []
    for initiative_id, created_at, confirmed_on in initiatives:
        asserted = _as_date(created_at)
        confirmed = _as_date(confirmed_on)
        for fact, source in FACT_SOURCES.items():
            rows.append(
                {
                    "initiative_id": initiative_id,
                    "fact": fact,
                    "source": source,
                    "asserted_on": asserted,
                    "confirmed_on": confirmed if source == "initiative" else asserted,
                }
            )
    for start in range(0, len(rows), 5000):
        op.bulk_insert(provenance, rows[start : start + 5000])


def downgrade():
    bind = op.get_bind()
    with op.batch_alter_table("change_log") as batch_op:
        batch_op.add_column(sa.Column("field_text", sa.String(length=500), nullable=True))
    for entry_id, fields in bind.execute(sa.text("SELECT id, fields FROM change_log")).all():
        names = json.loads(fields) if isinstance(fields, str) else (fields or [])
        bind.execute(
            sa.text("UPDATE change_log SET field_text = :text WHERE id = :id"),
            {"text": ",".join(names)[:500], "id": entry_id},
        )
    # Withdrawn entries did not exist before: such log entries read as deletions.
    bind.execute(sa.text("UPDATE change_log SET action = 'deleted' WHERE action = 'withdrawn'"))
    with op.batch_alter_table("change_log") as batch_op:
        batch_op.drop_column("fields")
        batch_op.alter_column(
            "field_text",
            new_column_name="fields",
            existing_type=sa.String(length=500),
            nullable=False,
            server_default="",
        )
        batch_op.drop_column("revision_id")
        batch_op.drop_column("actor_account_id")
        batch_op.drop_column("source")

    _claims_downgrade("membership", "association", "abbreviation", "association_id")
    _claims_downgrade("certification", "quality_mark", "issuer", "quality_mark_id")

    # The older schema has no withdrawn entries; they were deleted there. Foreign keys are
    # off on SQLite while migrating, so their rows elsewhere go first.
    withdrawn = "SELECT id FROM initiative WHERE status = 'withdrawn'"
    for child in (
        "statement",
        "membership",
        "certification",
        "visit",
        "fact_provenance",
        "slug_history",
        "initiative_target_group",
        "initiative_funding_route",
    ):
        bind.execute(sa.text(f"DELETE FROM {child} WHERE initiative_id IN ({withdrawn})"))
    bind.execute(sa.text("DELETE FROM initiative WHERE status = 'withdrawn'"))
    with op.batch_alter_table("initiative") as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_status"))
        batch_op.drop_column("withdrawal_reason")
        batch_op.drop_column("withdrawn_on")
        batch_op.drop_column("status")

    op.drop_index(op.f("ix_slug_history_initiative_id"), table_name="slug_history")
    op.drop_table("slug_history")
    op.drop_index(op.f("ix_fact_provenance_initiative_id"), table_name="fact_provenance")
    op.drop_table("fact_provenance")


def _claims_downgrade(table, catalogue, own_name, foreign_key):
    with op.batch_alter_table(table) as batch_op:
        batch_op.add_column(
            sa.Column("verified_by", sa.String(length=200), nullable=False, server_default="")
        )
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            f"SELECT c.id, c.verifier, k.{own_name} FROM {table} c "
            f"JOIN {catalogue} k ON k.id = c.{foreign_key} WHERE c.verifier IS NOT NULL"
        )
    ).all()
    for claim_id, verifier, name in rows:
        text = REGISTER_NAME if verifier == "register" else (name or "")
        bind.execute(
            sa.text(f"UPDATE {table} SET verified_by = :text WHERE id = :id"),
            {"text": text, "id": claim_id},
        )
    with op.batch_alter_table(table) as batch_op:
        batch_op.drop_column("verifier_account_id")
        batch_op.drop_column("verifier")
