"""interviews: locations, rooms, officers, interpreters, bookings, plans

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 03:36:45.976229
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# No officer, room or interpreter is booked twice: the database refuses an overlapping active
# interview (blocked_until includes the buffer). Autogenerate neither creates nor compares these,
# so they are written here by hand, one set per dialect.
_RESOURCES = ("officer_id", "room_id", "interpreter_id")
_ACTIVE = "('scheduled', 'held')"
POSTGRESQL_CONSTRAINTS = [
    f"""ALTER TABLE interview ADD CONSTRAINT ex_interview_{column.removesuffix("_id")}_overlap
        EXCLUDE USING gist ({column} WITH =, tstzrange(starts_at, blocked_until) WITH &&)
        WHERE (status IN {_ACTIVE})"""
    for column in _RESOURCES
]
_SQLITE_OVERLAP = """
    SELECT RAISE(ABORT, 'interview_overlap: an officer, room or interpreter is already booked')
    WHERE EXISTS (
        SELECT 1 FROM interview AS other
        WHERE other.id IS NOT NEW.id
          AND other.status IN ('scheduled', 'held')
          AND other.starts_at < NEW.blocked_until AND NEW.starts_at < other.blocked_until
          AND (other.officer_id = NEW.officer_id OR other.room_id = NEW.room_id
               OR other.interpreter_id = NEW.interpreter_id)
    );"""
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER interview_no_overlap_insert BEFORE INSERT ON interview
        WHEN NEW.status IN {_ACTIVE} BEGIN {_SQLITE_OVERLAP} END""",
    f"""CREATE TRIGGER interview_no_overlap_update
        BEFORE UPDATE OF status, starts_at, blocked_until, officer_id, room_id, interpreter_id
        ON interview WHEN NEW.status IN {_ACTIVE} BEGIN {_SQLITE_OVERLAP} END""",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.create_table(
        "interview_location",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("subdivision", sa.String(length=10), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("working_languages", sa.JSON(), nullable=False),
        sa.Column("office_hours", sa.JSON(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('office', 'consulate')", name=op.f("ck_interview_location_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_location")),
    )
    op.create_table(
        "interpreter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("availability", sa.JSON(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["interview_location.id"],
            name=op.f("fk_interpreter_location_id_interview_location"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interpreter")),
    )
    with op.batch_alter_table("interpreter", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interpreter_location_id"), ["location_id"], unique=False
        )

    op.create_table(
        "interview_officer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_user_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("working_hours", sa.JSON(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["interview_location.id"],
            name=op.f("fk_interview_officer_location_id_interview_location"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_user.id"],
            name=op.f("fk_interview_officer_staff_user_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_officer")),
        sa.UniqueConstraint("staff_user_id", name=op.f("uq_interview_officer_staff_user_id")),
    )
    with op.batch_alter_table("interview_officer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interview_officer_location_id"), ["location_id"], unique=False
        )

    op.create_table(
        "interview_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("period_starts_on", sa.Date(), nullable=False),
        sa.Column("period_ends_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('proposed', 'confirmed')", name=op.f("ck_interview_plan_status")
        ),
        sa.ForeignKeyConstraint(
            ["confirmed_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_interview_plan_confirmed_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_interview_plan_created_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["interview_location.id"],
            name=op.f("fk_interview_plan_location_id_interview_location"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_plan")),
    )
    op.create_table(
        "interview_room",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["interview_location.id"],
            name=op.f("fk_interview_room_location_id_interview_location"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_room")),
    )
    with op.batch_alter_table("interview_room", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interview_room_location_id"), ["location_id"], unique=False
        )

    op.create_table(
        "absence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("interpreter_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(officer_id IS NULL) <> (interpreter_id IS NULL)",
            name=op.f("ck_absence_officer_or_interpreter"),
        ),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_absence_dates")),
        sa.ForeignKeyConstraint(
            ["interpreter_id"],
            ["interpreter.id"],
            name=op.f("fk_absence_interpreter_id_interpreter"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["interview_officer.id"],
            name=op.f("fk_absence_officer_id_interview_officer"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absence")),
    )
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_absence_interpreter_id"), ["interpreter_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_absence_officer_id"), ["officer_id"], unique=False)

    op.create_table(
        "concern",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("summary", sa.String(length=1000), nullable=False),
        sa.CheckConstraint(
            "severity IN ('low', 'medium', 'high')", name=op.f("ck_concern_severity")
        ),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_concern_status")),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_concern_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern")),
    )
    with op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.create_index("ix_concern_worker_id_status", ["worker_id", "status"], unique=False)

    op.create_table(
        "identity_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_identity_card_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_card")),
        sa.UniqueConstraint("number", name=op.f("uq_identity_card_number")),
    )
    with op.batch_alter_table("identity_card", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_identity_card_expires_on"), ["expires_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_identity_card_worker_id"), ["worker_id"], unique=False)

    op.create_table(
        "interview",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("interpreter_id", sa.Integer(), nullable=True),
        sa.Column("interpreter_language", sa.String(length=20), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status_reason", sa.String(length=500), nullable=True),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status_changed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("booked_by_user_id", sa.Integer(), nullable=True),
        sa.Column("rescheduled_from_id", sa.Integer(), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('pre_departure', 'arrival', 'renewal', 'welfare', 'departure')",
            name=op.f("ck_interview_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('scheduled', 'held', 'missed', 'cancelled', 'rescheduled')",
            name=op.f("ck_interview_status"),
        ),
        sa.CheckConstraint(
            "ends_at > starts_at AND blocked_until >= ends_at", name=op.f("ck_interview_times")
        ),
        sa.ForeignKeyConstraint(
            ["booked_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_interview_booked_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["interpreter_id"],
            ["interpreter.id"],
            name=op.f("fk_interview_interpreter_id_interpreter"),
        ),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["interview_location.id"],
            name=op.f("fk_interview_location_id_interview_location"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["interview_officer.id"],
            name=op.f("fk_interview_officer_id_interview_officer"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["interview_plan.id"], name=op.f("fk_interview_plan_id_interview_plan")
        ),
        sa.ForeignKeyConstraint(
            ["rescheduled_from_id"],
            ["interview.id"],
            name=op.f("fk_interview_rescheduled_from_id_interview"),
        ),
        sa.ForeignKeyConstraint(
            ["room_id"], ["interview_room.id"], name=op.f("fk_interview_room_id_interview_room")
        ),
        sa.ForeignKeyConstraint(
            ["status_changed_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_interview_status_changed_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_interview_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview")),
    )
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interview_interpreter_id"), ["interpreter_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_interview_location_id"), ["location_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interview_officer_id"), ["officer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interview_room_id"), ["room_id"], unique=False)
        batch_op.create_index(
            "ix_interview_starts_at_status", ["starts_at", "status"], unique=False
        )
        batch_op.create_index(
            "ix_interview_worker_id_starts_at", ["worker_id", "starts_at"], unique=False
        )
        batch_op.create_index(
            "uq_interview_worker_id_kind_scheduled",
            ["worker_id", "kind"],
            unique=True,
            sqlite_where=sa.text("status = 'scheduled'"),
            postgresql_where=sa.text("status = 'scheduled'"),
        )

    op.create_table(
        "interview_plan_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("renewal_due_on", sa.Date(), nullable=False),
        sa.Column("window_opens_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("interpreter_id", sa.Integer(), nullable=True),
        sa.Column("interpreter_language", sa.String(length=20), nullable=True),
        sa.Column("unplaced_reason", sa.String(length=40), nullable=True),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["interpreter_id"],
            ["interpreter.id"],
            name=op.f("fk_interview_plan_item_interpreter_id_interpreter"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["interview_officer.id"],
            name=op.f("fk_interview_plan_item_officer_id_interview_officer"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["interview_plan.id"],
            name=op.f("fk_interview_plan_item_plan_id_interview_plan"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["interview_room.id"],
            name=op.f("fk_interview_plan_item_room_id_interview_room"),
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_interview_plan_item_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_plan_item")),
    )
    with op.batch_alter_table("interview_plan_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interview_plan_item_plan_id"), ["plan_id"], unique=False
        )
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL_CONSTRAINTS:
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for column in _RESOURCES:
            name = f"ex_interview_{column.removesuffix('_id')}_overlap"
            op.execute(f"ALTER TABLE interview DROP CONSTRAINT {name}")
    else:
        op.execute("DROP TRIGGER interview_no_overlap_insert")
        op.execute("DROP TRIGGER interview_no_overlap_update")
    with op.batch_alter_table("interview_plan_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_plan_item_plan_id"))

    op.drop_table("interview_plan_item")
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_interview_worker_id_kind_scheduled",
            sqlite_where=sa.text("status = 'scheduled'"),
            postgresql_where=sa.text("status = 'scheduled'"),
        )
        batch_op.drop_index("ix_interview_worker_id_starts_at")
        batch_op.drop_index("ix_interview_starts_at_status")
        batch_op.drop_index(batch_op.f("ix_interview_room_id"))
        batch_op.drop_index(batch_op.f("ix_interview_officer_id"))
        batch_op.drop_index(batch_op.f("ix_interview_location_id"))
        batch_op.drop_index(batch_op.f("ix_interview_interpreter_id"))

    op.drop_table("interview")
    with op.batch_alter_table("identity_card", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_card_worker_id"))
        batch_op.drop_index(batch_op.f("ix_identity_card_expires_on"))

    op.drop_table("identity_card")
    with op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.drop_index("ix_concern_worker_id_status")

    op.drop_table("concern")
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_absence_officer_id"))
        batch_op.drop_index(batch_op.f("ix_absence_interpreter_id"))

    op.drop_table("absence")
    with op.batch_alter_table("interview_room", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_room_location_id"))

    op.drop_table("interview_room")
    op.drop_table("interview_plan")
    with op.batch_alter_table("interview_officer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_officer_location_id"))

    op.drop_table("interview_officer")
    with op.batch_alter_table("interpreter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interpreter_location_id"))

    op.drop_table("interpreter")
    op.drop_table("interview_location")
