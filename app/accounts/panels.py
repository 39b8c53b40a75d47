"""The dashboard's salary panel: workers whose wage account is not confirmed yet."""

from __future__ import annotations

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.accounts.models import SalaryAccount, SalaryDeposit
from app.config import Policy
from app.dashboard.service import Panel, PanelItem, panel
from app.i18n import N_
from app.registry.models import Worker, WorkerStatus


@panel
def accounts_not_confirmed(session: Session, policy: Policy) -> Panel:
    confirmed = exists().where(
        SalaryAccount.worker_id == Worker.id,
        SalaryAccount.status == "active",
        SalaryAccount.confirmed_on.is_not(None),
    )
    waiting = (Worker.status != WorkerStatus.departed.value) & ~confirmed
    count = session.scalar(select(func.count()).select_from(Worker).where(waiting)) or 0
    workers = session.scalars(select(Worker).where(waiting).order_by(Worker.id.desc()).limit(8))
    return Panel(
        key="accounts",
        title=N_("Salary account not confirmed"),
        count=count,
        items=[
            PanelItem(label=w.listed_name, url=f"/staff/workers/{w.id}#salary") for w in workers
        ],
        empty=N_("Every worker's salary account is confirmed."),
    )


@panel
def underpaid_months(session: Session, policy: Policy) -> Panel:
    rows = session.execute(
        select(Worker, func.count(SalaryDeposit.id))
        .join(SalaryDeposit, SalaryDeposit.worker_id == Worker.id)
        .where(SalaryDeposit.flagged)
        .group_by(Worker.id)
        .order_by(func.max(SalaryDeposit.month).desc())
        .limit(8)
    ).all()
    count = (
        session.scalar(
            select(func.count(func.distinct(SalaryDeposit.worker_id))).where(SalaryDeposit.flagged)
        )
        or 0
    )
    return Panel(
        key="underpaid",
        title=N_("Workers paid less than their contract"),
        count=count,
        items=[
            PanelItem(label=w.listed_name, url=f"/staff/workers/{w.id}#salary") for w, _n in rows
        ],
        empty=N_("No deposit below the contract's wage."),
    )
