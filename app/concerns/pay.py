"""Pay that did not reach the worker opens a concern: a deposit below the contract's wage, or a
month with no deposit between months that were paid. One concern per worker, not one per
month: while it is not closed, each further month is a line of its history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.accounts.models import SalaryDeposit
from app.audit.service import Actor, record
from app.concerns.models import Concern, ConcernEvent, ConcernSeverity, ConcernSource
from app.concerns.service import add_event, open_concern, open_concern_from
from app.i18n import N_

UNDERPAID_SUMMARY = N_(
    "The wage reached the worker's account below the contract's wage, or not at all."
)
PAY_EVENT = "pay"


def _gaps(session: Session, worker_id: int) -> list[dt.date]:
    """Months under a contract with no deposit, between the first and last month seen paid."""
    from app.accounts.service import months_unpaid  # accounts calls this module

    first, last = session.execute(
        select(func.min(SalaryDeposit.month), func.max(SalaryDeposit.month)).where(
            SalaryDeposit.worker_id == worker_id
        )
    ).one()
    if first is None:
        return []
    return [m for m in months_unpaid(session, worker_id=worker_id, until=last) if m >= first]


def _noted(session: Session, concern: Concern) -> set[str]:
    details = session.scalars(
        select(ConcernEvent.details).where(
            ConcernEvent.concern_id == concern.id, ConcernEvent.action == PAY_EVENT
        )
    )
    return {d["month"] for d in details if d and "month" in d}


def note_pay(session: Session, *, deposit: SalaryDeposit, actor: Actor) -> Concern | None:
    """After a deposit is recorded: open the worker's "underpaid" concern if pay fell short, or
    add the new months to the one not yet closed."""
    problems: dict[str, Decimal | None] = {}
    currency = deposit.currency
    if deposit.flagged:
        problems[deposit.month.isoformat()] = deposit.shortfall
    for month in _gaps(session, deposit.worker_id):
        problems.setdefault(month.isoformat(), None)  # None: nothing paid at all
    if not problems:
        return None
    unpaid = any(v is None for v in problems.values())
    concern = open_concern_from(
        session, worker_id=deposit.worker_id, source=ConcernSource.underpaid.value
    )
    if concern is None:
        concern = open_concern(
            session,
            worker_id=deposit.worker_id,
            source=ConcernSource.underpaid.value,
            severity=ConcernSeverity.high if unpaid else ConcernSeverity.medium,
            summary=UNDERPAID_SUMMARY,
            actor=actor,
        )
    noted = _noted(session, concern)
    new = {m: v for m, v in problems.items() if m not in noted}
    for day, shortfall in sorted(new.items()):
        add_event(
            session,
            concern,
            actor=actor,
            action=PAY_EVENT,
            details={
                "month": day,
                "shortfall": None if shortfall is None else str(shortfall),
                "currency": currency,
            },
        )
    if new and unpaid and concern.severity != ConcernSeverity.high.value:
        # A month not paid at all is graver than a short one.
        change = {"before": concern.severity, "after": ConcernSeverity.high.value}
        concern.severity = ConcernSeverity.high.value
        add_event(session, concern, actor=actor, action="severity", details={"severity": change})
    if new:
        session.flush()
        record(
            session,
            actor=actor,
            action="pay",
            entity="concern",
            entity_id=concern.id,
            worker_id=concern.worker_id,
            changes={"months": sorted(new)},
        )
    return concern
