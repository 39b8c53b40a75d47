"""concerns, referrals and the organisation directory

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 06:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SOURCES = "'interview', 'no_show', 'overdue', 'underpaid', 'help_request', 'other'"
OUTCOMES = (
    "'resolved', 'changed_employer', 'left_country', 'handed_to_authorities', 'unfounded', "
    "'worker_declined', 'other'"
)


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("outside_ministry", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('mediation', 'labour_inspectorate', 'police', 'ngo', 'shelter', "
            "'consulate', 'ministry', 'other')",
            name=op.f("ck_organisation_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
    )
    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),  # encrypted at rest
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_user_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by_user_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "method IN ('at_interview', 'in_person', 'by_phone', 'in_writing')",
            name=op.f("ck_consent_method"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_consent_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_consent_recorded_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_consent_withdrawn_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_consent_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
    )
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_worker_id"), ["worker_id"], unique=False)

    op.create_table(
        "concern_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=254), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),  # encrypted at rest
        sa.Column("details", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_user_id"],
            ["staff_user.id"],
            name=op.f("fk_concern_event_actor_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["concern_id"], ["concern.id"], name=op.f("fk_concern_event_concern_id_concern")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern_event")),
    )
    with op.batch_alter_table("concern_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_concern_event_concern_id"), ["concern_id"], unique=False
        )

    op.create_table(
        "referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("referred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("referred_by_user_id", sa.Integer(), nullable=True),
        sa.Column("shared", sa.JSON(), nullable=False),
        sa.Column("consent_id", sa.Integer(), nullable=True),
        sa.Column("override_reason", sa.String(length=500), nullable=True),
        sa.Column("override_by_user_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("deadline_on", sa.Date(), nullable=True),
        sa.Column("moved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("concluded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('sent', 'in_progress', 'concluded')", name=op.f("ck_referral_status")
        ),
        sa.CheckConstraint(
            "consent_id IS NULL OR override_reason IS NULL", name=op.f("ck_referral_one_basis")
        ),
        sa.ForeignKeyConstraint(
            ["concern_id"], ["concern.id"], name=op.f("fk_referral_concern_id_concern")
        ),
        sa.ForeignKeyConstraint(
            ["consent_id"], ["consent.id"], name=op.f("fk_referral_consent_id_consent")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_referral_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["override_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_referral_override_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["referred_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_referral_referred_by_user_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referral_concern_id"), ["concern_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_referral_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            "ix_referral_status_deadline_on", ["status", "deadline_on"], unique=False
        )

    # The concern table of 0003 grows into the followed-up concern; its rows are kept (the new
    # NOT NULL columns get a default for them).
    with op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opened_by_user_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("assigned_to_user_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("outcome", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("outcome_note", sa.Text(), nullable=True))  # encrypted
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("closed_by_user_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "updated_at",
                sa.DateTime(timezone=True),
                nullable=False,
                server_default=sa.text("CURRENT_TIMESTAMP"),
            )
        )
        batch_op.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
        batch_op.create_index(
            batch_op.f("ix_concern_assigned_to_user_id"), ["assigned_to_user_id"], unique=False
        )
        batch_op.create_index("ix_concern_status_opened_at", ["status", "opened_at"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_concern_closed_by_user_id_staff_user"),
            "staff_user",
            ["closed_by_user_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_concern_assigned_to_user_id_staff_user"),
            "staff_user",
            ["assigned_to_user_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_concern_opened_by_user_id_staff_user"),
            "staff_user",
            ["opened_by_user_id"],
            ["id"],
        )
    # A concern closed before there were outcomes (none should be) gets "other", to keep the rule
    # that a closed concern has one.
    op.execute(
        "UPDATE concern SET outcome = 'other', closed_at = opened_at "
        "WHERE status = 'closed' AND outcome IS NULL"
    )
    with op.batch_alter_table("concern", schema=None) as batch_op:
        # Check constraints are not autogenerated: written by hand, as in the models.
        batch_op.drop_constraint(batch_op.f("ck_concern_status"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_concern_status"), sa.text("status IN ('open', 'referred', 'closed')")
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_concern_source"), sa.text(f"source IN ({SOURCES})")
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_concern_outcome"), sa.text(f"outcome IN ({OUTCOMES})")
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_concern_closed_with_outcome"),
            sa.text(
                "(status = 'closed' AND outcome IS NOT NULL AND closed_at IS NOT NULL) "
                "OR (status <> 'closed' AND outcome IS NULL)"
            ),
        )


def downgrade() -> None:
    # The concern of 0003 knew only open and closed.
    op.execute("UPDATE concern SET status = 'open' WHERE status = 'referred'")
    with op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_concern_closed_with_outcome"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_concern_outcome"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_concern_source"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_concern_status"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_concern_status"), sa.text("status IN ('open', 'closed')")
        )
        batch_op.drop_constraint(
            batch_op.f("fk_concern_opened_by_user_id_staff_user"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_concern_assigned_to_user_id_staff_user"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_concern_closed_by_user_id_staff_user"), type_="foreignkey"
        )
        batch_op.drop_index("ix_concern_status_opened_at")
        batch_op.drop_index(batch_op.f("ix_concern_assigned_to_user_id"))
        batch_op.drop_column("version")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("closed_by_user_id")
        batch_op.drop_column("closed_at")
        batch_op.drop_column("outcome_note")
        batch_op.drop_column("outcome")
        batch_op.drop_column("escalated_at")
        batch_op.drop_column("assigned_to_user_id")
        batch_op.drop_column("opened_by_user_id")

    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index("ix_referral_status_deadline_on")
        batch_op.drop_index(batch_op.f("ix_referral_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_referral_concern_id"))

    op.drop_table("referral")
    with op.batch_alter_table("concern_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_concern_event_concern_id"))

    op.drop_table("concern_event")
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_worker_id"))

    op.drop_table("consent")
    op.drop_table("organisation")
