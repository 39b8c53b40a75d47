"""registry, staff users, tokens and audit log

Revision ID: 0001
Revises:
Create Date: 2026-11-29 02:55:24.908556
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The audit log is append-only: the database itself refuses to change or delete an entry.
SQLITE_TRIGGERS = [
    """CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
]
POSTGRESQL_TRIGGERS = [
    """CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$""",
    """CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entry
       FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()""",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # Trigram index for name search (a contrib extension shipped with PostgreSQL).
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        "mission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("sending_country", sa.String(length=2), nullable=True),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("search_name", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('embassy', 'consulate', 'permanent_mission', 'international_organisation')",
            name=op.f("ck_mission_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mission")),
    )
    with op.batch_alter_table("mission", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mission_search_name"), ["search_name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_mission_sending_country"), ["sending_country"], unique=False
        )

    op.create_table(
        "staff_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('viewer', 'officer', 'supervisor', 'administrator')",
            name=op.f("ck_staff_user_role"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_user")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_user_email")),
    )
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["staff_user.id"], name=op.f("fk_api_token_user_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_token_token_hash")),
    )
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_token_user_id"), ["user_id"], unique=False)

    op.create_table(
        "audit_entry",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=254), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("worker_id", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_user_id"],
            ["staff_user.id"],
            name=op.f("fk_audit_entry_actor_user_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_entry_actor_user_id"), ["actor_user_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)
        batch_op.create_index(
            "ix_audit_entry_entity_entity_id", ["entity", "entity_id"], unique=False
        )
        batch_op.create_index("ix_audit_entry_worker_id_at", ["worker_id", "at"], unique=False)

    op.create_table(
        "employer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("given_names", sa.String(length=200), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("search_name", sa.String(length=420), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_employer_mission_id_mission")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employer")),
    )
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_employer_mission_id"), ["mission_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_employer_search_name"), ["search_name"], unique=False)

    op.create_table(
        "worker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("given_names", sa.String(length=200), nullable=False),
        sa.Column("latin_name", sa.String(length=400), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("nationality", sa.String(length=2), nullable=False),
        sa.Column("passport_number", sa.String(length=512), nullable=False),
        sa.Column("passport_country", sa.String(length=2), nullable=False),
        sa.Column("passport_hash", sa.String(length=64), nullable=False),
        sa.Column("passport_expires_on", sa.Date(), nullable=False),
        sa.Column("preferred_language", sa.String(length=20), nullable=False),
        sa.Column("phone", sa.String(length=512), nullable=True),
        sa.Column("address", sa.String(length=512), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("search_name", sa.String(length=820), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'registered', 'departed')", name=op.f("ck_worker_status")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_worker_mission_id_mission")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worker")),
        sa.UniqueConstraint("passport_hash", name=op.f("uq_worker_passport_hash")),
    )
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_worker_mission_id"), ["mission_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_worker_nationality"), ["nationality"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_worker_preferred_language"), ["preferred_language"], unique=False
        )
        batch_op.create_index("ix_worker_search_name_id", ["search_name", "id"], unique=False)
        batch_op.create_index(
            "ix_worker_search_name_trgm",
            ["search_name"],
            unique=False,
            postgresql_using="gin",
            postgresql_ops={"search_name": "gin_trgm_ops"},
        )
        batch_op.create_index(
            "ix_worker_status_search_name", ["status", "search_name"], unique=False
        )

    op.create_table(
        "contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("wage_amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("wage_currency", sa.String(length=3), nullable=False),
        sa.Column("wage_period", sa.String(length=5), nullable=False),
        sa.Column("wage_basis", sa.String(length=5), nullable=False),
        sa.Column("weekly_hours", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("weekly_rest_days", sa.Numeric(precision=3, scale=1), nullable=False),
        sa.Column("paid_leave_weeks", sa.Numeric(precision=4, scale=1), nullable=False),
        sa.Column("board_and_lodging", sa.Boolean(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("policy_flags", sa.JSON(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("wage_basis IN ('net', 'gross')", name=op.f("ck_contract_wage_basis")),
        sa.CheckConstraint(
            "wage_period IN ('month', 'hour')", name=op.f("ck_contract_wage_period")
        ),
        sa.CheckConstraint(
            "ends_on IS NULL OR ends_on > starts_on", name=op.f("ck_contract_dates")
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"], ["employer.id"], name=op.f("fk_contract_employer_id_employer")
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_contract_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract")),
    )
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contract_employer_id"), ["employer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contract_flagged"), ["flagged"], unique=False)
        batch_op.create_index(batch_op.f("ix_contract_worker_id"), ["worker_id"], unique=False)

    op.create_table(
        "worker_language",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("proficiency", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "proficiency IN ('native', 'fluent', 'good', 'basic')",
            name=op.f("ck_worker_language_proficiency"),
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"],
            ["worker.id"],
            name=op.f("fk_worker_language_worker_id_worker"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worker_language")),
        sa.UniqueConstraint(
            "worker_id", "language", name=op.f("uq_worker_language_worker_id_language")
        ),
    )
    with op.batch_alter_table("worker_language", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_worker_language_language"), ["language"], unique=False)
    triggers = SQLITE_TRIGGERS if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_TRIGGERS
    for statement in triggers:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_entry_append_only ON audit_entry")
        op.execute("DROP FUNCTION audit_entry_append_only()")
    else:
        op.execute("DROP TRIGGER audit_entry_no_update")
        op.execute("DROP TRIGGER audit_entry_no_delete")
    with op.batch_alter_table("worker_language", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_worker_language_language"))

    op.drop_table("worker_language")
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_worker_id"))
        batch_op.drop_index(batch_op.f("ix_contract_flagged"))
        batch_op.drop_index(batch_op.f("ix_contract_employer_id"))

    op.drop_table("contract")
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.drop_index("ix_worker_status_search_name")
        batch_op.drop_index(
            "ix_worker_search_name_trgm",
            postgresql_using="gin",
            postgresql_ops={"search_name": "gin_trgm_ops"},
        )
        batch_op.drop_index("ix_worker_search_name_id")
        batch_op.drop_index(batch_op.f("ix_worker_preferred_language"))
        batch_op.drop_index(batch_op.f("ix_worker_nationality"))
        batch_op.drop_index(batch_op.f("ix_worker_mission_id"))

    op.drop_table("worker")
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employer_search_name"))
        batch_op.drop_index(batch_op.f("ix_employer_mission_id"))

    op.drop_table("employer")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_worker_id_at")
        batch_op.drop_index("ix_audit_entry_entity_entity_id")
        batch_op.drop_index(batch_op.f("ix_audit_entry_at"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_actor_user_id"))

    op.drop_table("audit_entry")
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_token_user_id"))

    op.drop_table("api_token")
    op.drop_table("staff_user")
    with op.batch_alter_table("mission", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mission_sending_country"))
        batch_op.drop_index(batch_op.f("ix_mission_search_name"))

    op.drop_table("mission")
