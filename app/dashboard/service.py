"""What needs attention today: one panel per kind of work, each added by its own domain.

Interviews, renewals and concerns add their panels here as they are built; the page shows
whichever panels exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Policy
from app.i18n import N_
from app.registry.models import Contract, Worker, WorkerStatus


@dataclass
class PanelItem:
    label: str
    url: str
    detail: str = ""


@dataclass
class Panel:
    key: str
    title: str  # a msgid, translated when shown
    count: int
    items: list[PanelItem] = field(default_factory=list)
    more_url: str | None = None
    empty: str = N_("Nothing here.")


PanelSource = Callable[[Session, Policy], Panel]
PANELS: list[PanelSource] = []


def panel(source: PanelSource) -> PanelSource:
    """Register a dashboard panel."""
    PANELS.append(source)
    return source


@panel
def flagged_contracts(session: Session, policy: Policy) -> Panel:
    count = session.scalar(select(func.count()).select_from(Contract).where(Contract.flagged)) or 0
    rows = session.execute(
        select(Contract.id, Worker)
        .join(Worker, Worker.id == Contract.worker_id)
        .where(Contract.flagged)
        .order_by(Contract.id.desc())
        .limit(8)
    ).all()
    return Panel(
        key="flagged",
        title=N_("Contracts against the policy"),
        count=count,
        items=[PanelItem(label=w.listed_name, url=f"/staff/workers/{w.id}") for _cid, w in rows],
        more_url="/staff/contracts?flagged=true",
        empty=N_("No contract breaks the policy."),
    )


@panel
def awaiting_registration(session: Session, policy: Policy) -> Panel:
    pending = Worker.status == WorkerStatus.pending.value
    count = session.scalar(select(func.count()).select_from(Worker).where(pending)) or 0
    workers = session.scalars(select(Worker).where(pending).order_by(Worker.id.desc()).limit(8))
    return Panel(
        key="pending",
        title=N_("Workers not yet registered"),
        count=count,
        items=[PanelItem(label=w.listed_name, url=f"/staff/workers/{w.id}") for w in workers],
        more_url="/staff/workers?status=pending",
        empty=N_("Every worker on file is registered."),
    )


def dashboard(session: Session, policy: Policy) -> list[Panel]:
    """Every registered panel, in order."""
    return [source(session, policy) for source in PANELS]
