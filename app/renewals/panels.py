"""Dashboard panels: cards in their renewal window, and cards past expiry (overdue)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.config import Policy
from app.dashboard.service import Panel, PanelItem, panel
from app.departures.queries import card_withdrawn
from app.i18n import N_
from app.interviews.models import IdentityCard
from app.registry.models import Worker, WorkerStatus
from app.web.templating import date_filter


def _cards(
    session: Session,
    condition: Callable[[Any], ColumnElement[bool]],
    key: str,
    title: str,
    empty: str,
) -> Panel:
    latest = (
        select(IdentityCard.worker_id, func.max(IdentityCard.expires_on).label("expires_on"))
        .group_by(IdentityCard.worker_id)
        .subquery()
    )
    base = (
        select(Worker, latest.c.expires_on)
        .join(latest, latest.c.worker_id == Worker.id)
        .where(
            Worker.status == WorkerStatus.registered.value,
            Worker.id.not_in(card_withdrawn()),
            condition(latest.c),
        )
    )
    count = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(base.order_by(latest.c.expires_on).limit(8)).all()
    return Panel(
        key=key,
        title=title,
        count=count,
        empty=empty,
        items=[
            PanelItem(
                label=w.listed_name,
                url=f"/staff/workers/{w.id}#card",
                detail=date_filter(expires),
            )
            for w, expires in rows
        ],
    )


@panel
def in_renewal_window(session: Session, policy: Policy) -> Panel:
    today = dt.date.today()
    until = today + dt.timedelta(days=policy.card.renewal_window_days)
    return _cards(
        session,
        lambda c: (c.expires_on >= today) & (c.expires_on <= until),
        "renewal",
        N_("Cards in their renewal window"),
        N_("No card is due for renewal."),
    )


@panel
def overdue(session: Session, policy: Policy) -> Panel:
    today = dt.date.today()
    return _cards(
        session,
        lambda c: c.expires_on < today,
        "overdue",
        N_("Overdue renewals"),
        N_("No card has expired."),
    )
