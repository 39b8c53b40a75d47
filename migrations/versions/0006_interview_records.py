"""interview records and officers' calendar feeds

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 04:00:28.322521
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_calendar_feed_created_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["interview_officer.id"],
            name=op.f("fk_calendar_feed_officer_id_interview_officer"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feed")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feed_token_hash")),
    )
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_calendar_feed_officer_id"), ["officer_id"], unique=False
        )

    op.create_table(
        "interview_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("present", sa.JSON(), nullable=False),
        sa.Column("present_notes", sa.String(length=500), nullable=True),
        sa.Column("interpreter_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("identity_checked", sa.Boolean(), nullable=False),
        sa.Column("holds_own_passport", sa.Boolean(), nullable=False),
        sa.Column("has_contract_copy_understood", sa.Boolean(), nullable=False),
        sa.Column("paid_as_agreed", sa.Boolean(), nullable=False),
        sa.Column("works_agreed_hours", sa.Boolean(), nullable=False),
        sa.Column("gets_weekly_rest", sa.Boolean(), nullable=False),
        sa.Column("gets_leave", sa.Boolean(), nullable=False),
        sa.Column("has_private_room", sa.Boolean(), nullable=False),
        sa.Column("has_own_phone", sa.Boolean(), nullable=False),
        sa.Column("free_to_go_out", sa.Boolean(), nullable=False),
        sa.Column("owes_recruitment_debt", sa.Boolean(), nullable=False),
        sa.Column("ilo_indicators", sa.JSON(), nullable=False),
        sa.Column("worker_words", sa.Text(), nullable=True),  # encrypted at rest
        sa.Column("leaflet_language", sa.String(length=20), nullable=True),
        sa.Column("leaflet_version", sa.String(length=40), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("next_interview_due_on", sa.Date(), nullable=True),
        sa.Column("must_repeat", sa.Boolean(), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_user_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "outcome IN ('no_concern', 'follow_up', 'referral')",
            name=op.f("ck_interview_record_outcome"),
        ),
        sa.ForeignKeyConstraint(
            ["concern_id"], ["concern.id"], name=op.f("fk_interview_record_concern_id_concern")
        ),
        sa.ForeignKeyConstraint(
            ["interpreter_id"],
            ["interpreter.id"],
            name=op.f("fk_interview_record_interpreter_id_interpreter"),
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interview.id"],
            name=op.f("fk_interview_record_interview_id_interview"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_interview_record_recorded_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_interview_record_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_record")),
        sa.UniqueConstraint("interview_id", name=op.f("uq_interview_record_interview_id")),
    )
    with op.batch_alter_table("interview_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interview_record_worker_id"), ["worker_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("interview_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_record_worker_id"))

    op.drop_table("interview_record")
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_feed_officer_id"))

    op.drop_table("calendar_feed")
