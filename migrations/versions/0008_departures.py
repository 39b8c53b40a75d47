"""departures: end of employment, card returned, file closed

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 06:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "departure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("employment_ended_on", sa.Date(), nullable=False),
        sa.Column("card_returned_on", sa.Date(), nullable=True),
        sa.Column("card_not_returned_reason", sa.String(length=500), nullable=True),
        sa.Column("card_recorded_by_user_id", sa.Integer(), nullable=True),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("interview_waived_reason", sa.String(length=500), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(length=2000), nullable=True),
        sa.Column("recorded_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "reason IN ('contract_ended', 'posting_ended', 'left_job', 'left_country', 'other')",
            name=op.f("ck_departure_reason"),
        ),
        sa.CheckConstraint(
            "card_returned_on IS NULL OR card_not_returned_reason IS NULL",
            name=op.f("ck_departure_card"),
        ),
        sa.CheckConstraint(
            "interview_id IS NULL OR interview_waived_reason IS NULL",
            name=op.f("ck_departure_interview"),
        ),
        sa.ForeignKeyConstraint(
            ["card_recorded_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_departure_card_recorded_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_departure_closed_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"], ["interview.id"], name=op.f("fk_departure_interview_id_interview")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_departure_recorded_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_departure_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_departure")),
        sa.UniqueConstraint("worker_id", name=op.f("uq_departure_worker_id")),
    )


def downgrade() -> None:
    op.drop_table("departure")
