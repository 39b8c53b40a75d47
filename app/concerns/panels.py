"""Dashboard panels: concerns not closed, oldest first with their age; escalated mediations."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.concerns.display import SEVERITIES
from app.concerns.models import Concern, ConcernStatus, Organisation, Referral, ReferralStatus
from app.concerns.service import age_days
from app.config import Policy
from app.dashboard.service import Panel, PanelItem, panel
from app.db import utcnow
from app.i18n import N_, _, ngettext
from app.registry.models import Worker
from app.web.templating import date_filter


@panel
def open_concerns(session: Session, policy: Policy) -> Panel:
    not_closed = Concern.status != ConcernStatus.closed.value
    count = session.scalar(select(func.count()).select_from(Concern).where(not_closed)) or 0
    rows = session.execute(
        select(Concern, Worker)
        .join(Worker, Worker.id == Concern.worker_id)
        .where(not_closed)
        .order_by(Concern.opened_at, Concern.id)
        .limit(8)
    ).all()
    now = utcnow()
    items = []
    for concern, worker in rows:
        days = age_days(concern, now)
        age = ngettext("%(num)d day", "%(num)d days", days) % {"num": days}
        items.append(
            PanelItem(
                label=worker.listed_name,
                url=f"/staff/concerns/{concern.id}",
                detail=_("{age}; severity: {severity}").format(
                    age=age, severity=_(SEVERITIES[concern.severity])
                ),
            )
        )
    return Panel(
        key="concerns",
        title=N_("Open concerns, oldest first"),
        count=count,
        items=items,
        more_url="/staff/concerns?status=active&assigned=any",
        empty=N_("No concern is open."),
    )


@panel
def escalated_mediations(session: Session, policy: Policy) -> Panel:
    escalated = (
        Referral.escalated_at.is_not(None),
        Referral.status != ReferralStatus.concluded.value,
        Concern.status != ConcernStatus.closed.value,
    )
    count = (
        session.scalar(
            select(func.count())
            .select_from(Referral)
            .join(Concern, Concern.id == Referral.concern_id)
            .where(*escalated)
        )
        or 0
    )
    rows = session.execute(
        select(Referral, Concern.id, Worker, Organisation.name)
        .join(Concern, Concern.id == Referral.concern_id)
        .join(Worker, Worker.id == Concern.worker_id)
        .join(Organisation, Organisation.id == Referral.organisation_id)
        .where(*escalated)
        .order_by(Referral.deadline_on, Referral.id)
        .limit(8)
    ).all()
    return Panel(
        key="escalated",
        title=N_("Mediations escalated: not moved by their deadline"),
        count=count,
        items=[
            PanelItem(
                label=worker.listed_name,
                url=f"/staff/concerns/{concern_id}",
                detail=_("{organisation}, due {date}").format(
                    organisation=organisation, date=date_filter(referral.deadline_on)
                ),
            )
            for referral, concern_id, worker, organisation in rows
        ],
        more_url="/staff/concerns?status=active&assigned=any&escalated=true",
        empty=N_("No mediation has stalled."),
    )
