"""The dashboard panel "Interviews today and this week"."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Policy
from app.dashboard.service import Panel, PanelItem, panel
from app.db import utcnow
from app.i18n import N_
from app.interviews.models import Interview, InterviewLocation, InterviewStatus
from app.registry.models import Worker


def this_week(policy: Policy, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """From the start of today to the end of Sunday, in the host country's zone, as UTC."""
    zone = zoneinfo.ZoneInfo(policy.host.time_zone)
    today = now.astimezone(zone).date()
    sunday = today + dt.timedelta(days=6 - today.weekday())
    start = dt.datetime.combine(today, dt.time(), zone)
    end = dt.datetime.combine(sunday + dt.timedelta(days=1), dt.time(), zone)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


@panel
def interviews_this_week(session: Session, policy: Policy) -> Panel:
    """Scheduled interviews from today to the end of the week, soonest first."""
    start, end = this_week(policy, utcnow())
    when = (
        Interview.status == InterviewStatus.scheduled.value,
        Interview.starts_at >= start,
        Interview.starts_at < end,
    )
    count = session.scalar(select(func.count()).select_from(Interview).where(*when)) or 0
    rows = session.execute(
        select(Interview.starts_at, Interview.kind, InterviewLocation.time_zone, Worker)
        .join(Worker, Worker.id == Interview.worker_id)
        .join(InterviewLocation, InterviewLocation.id == Interview.location_id)
        .where(*when)
        .order_by(Interview.starts_at, Interview.id)
        .limit(8)
    ).all()
    return Panel(
        key="interviews",
        title=N_("Interviews today and this week"),
        count=count,
        items=[
            PanelItem(
                label=w.listed_name,
                url=f"/staff/workers/{w.id}",
                detail=starts_at.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%a %d %H:%M %Z"),
            )
            for starts_at, _kind, zone, w in rows
        ],
        empty=N_("No interview is scheduled for the rest of the week."),
    )
