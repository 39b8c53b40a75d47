"""salary accounts and deposits

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 03:39:40.775302
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "salary_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("account_number", sa.String(length=512), nullable=False),
        sa.Column("account_hash", sa.String(length=64), nullable=False),
        sa.Column("is_iban", sa.Boolean(), nullable=False),
        sa.Column("bank_code", sa.String(length=20), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("bank_name", sa.String(length=200), nullable=True),
        sa.Column("bic", sa.String(length=11), nullable=True),
        sa.Column("holder_name", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("confirmed_on", sa.Date(), nullable=True),
        sa.Column("confirmed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('active', 'closed')", name=op.f("ck_salary_account_status")),
        sa.ForeignKeyConstraint(
            ["confirmed_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_salary_account_confirmed_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_salary_account_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_salary_account")),
    )
    with op.batch_alter_table("salary_account", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_salary_account_account_hash"), ["account_hash"], unique=False
        )
        batch_op.create_index(
            "ix_salary_account_worker_id_status", ["worker_id", "status"], unique=False
        )

    op.create_table(
        "salary_deposit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("expected", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("shortfall", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["salary_account.id"],
            name=op.f("fk_salary_deposit_account_id_salary_account"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_salary_deposit_recorded_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_salary_deposit_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_salary_deposit")),
    )
    with op.batch_alter_table("salary_deposit", schema=None) as batch_op:
        batch_op.create_index(
            "ix_salary_deposit_worker_id_month", ["worker_id", "month"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("salary_deposit", schema=None) as batch_op:
        batch_op.drop_index("ix_salary_deposit_worker_id_month")

    op.drop_table("salary_deposit")
    with op.batch_alter_table("salary_account", schema=None) as batch_op:
        batch_op.drop_index("ix_salary_account_worker_id_status")
        batch_op.drop_index(batch_op.f("ix_salary_account_account_hash"))

    op.drop_table("salary_account")
