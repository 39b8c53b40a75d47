"""Demo workers at each stage of the programme, so every screen has something to show.

- one worker ready to register: account confirmed, arrival interview held;
- one registered worker whose renewal window is open and who is ready to renew;
- one registered worker past the card's expiry: overdue, with the concern that opens;
- one registered worker with a month paid below the contract's wage;
- a few workers registered in the last weeks, whose first card expires next quarter (for the
  renewal plan; some need an interpreter the demo office does not have).

Interviews in the past cannot be booked (booking refuses the past), so they are written as
held directly, on the demo officer's calendar at the demo office.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from schwifty import IBAN
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts import service as accounts
from app.accounts.service import monthly_wage
from app.audit.service import SYSTEM
from app.config import Policy
from app.interviews.models import (
    Interview,
    InterviewLocation,
    InterviewOfficer,
    InterviewRoom,
    InterviewStatus,
)
from app.registry.models import Contract, Worker, WorkerStatus
from app.renewals import service as renewals
from app.renewals.reminders import queue_reminders

STAGES = (
    "ready_to_register",
    "ready_to_renew",
    "overdue",
    "underpaid",
    *(f"due_next_quarter_{n}" for n in range(5)),
)


def _candidates(session: Session, today: dt.date, count: int) -> list[tuple[Worker, Contract]]:
    """Pending workers with one contract that breaks no rule and a passport good for a year,
    taken from the end of the list (the browser tests use the first ones)."""
    rows = session.execute(
        select(Worker, Contract)
        .join(Contract, Contract.worker_id == Worker.id)
        .where(
            Worker.status == WorkerStatus.pending.value,
            Worker.passport_expires_on > today + dt.timedelta(days=400),
            Worker.nationality.not_in(("ET", "ER")),
            Contract.ends_on.is_(None),
        )
        .order_by(Worker.id.desc())
    ).all()
    chosen = [(w, c) for w, c in rows if not c.policy_flags]
    return chosen[:count]


def _held(
    session: Session,
    *,
    worker: Worker,
    kind: str,
    day: dt.date,
    officer: InterviewOfficer,
    room: InterviewRoom,
    location: InterviewLocation,
    minutes: int,
) -> None:
    zone = zoneinfo.ZoneInfo(location.time_zone)
    while day.weekday() >= 5:  # the office is closed at weekends
        day -= dt.timedelta(days=1)
    start = dt.datetime.combine(day, dt.time(9, 0), zone).astimezone(dt.UTC)
    # One demo interview a day per officer and room: start later for each one already there.
    taken = session.scalars(
        select(Interview.ends_at).where(
            Interview.room_id == room.id,
            Interview.starts_at >= start,
            Interview.starts_at < start + dt.timedelta(hours=8),
        )
    ).all()
    if taken:
        start = max(taken) + dt.timedelta(minutes=30)
    end = start + dt.timedelta(minutes=minutes)
    session.add(
        Interview(
            worker_id=worker.id,
            kind=kind,
            status=InterviewStatus.held.value,
            location_id=location.id,
            room_id=room.id,
            officer_id=officer.id,
            starts_at=start,
            ends_at=end,
            blocked_until=end,
            status_changed_at=end,
        )
    )
    session.flush()


def _account(session: Session, worker: Worker, policy: Policy, confirmed_on: dt.date) -> None:
    iban = IBAN.generate(
        policy.host.country, bank_code="00762", account_code=f"{worker.id:012d}"
    ).compact
    holder = worker.latin_name or f"{worker.given_names} {worker.family_name}"
    account = accounts.add_account(
        session,
        worker_id=worker.id,
        data={"iban": iban, "holder_name": holder},
        policy=policy,
        actor=SYSTEM,
    )
    accounts.confirm_account(
        session,
        account_id=account.id,
        evidence="statement",
        confirmed_on=confirmed_on,
        actor=SYSTEM,
    )


def _months(first: dt.date, until: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month < until.replace(day=1):
        months.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def _pay(
    session: Session,
    worker: Worker,
    contract: Contract,
    today: dt.date,
    *,
    short_month: dt.date | None = None,
) -> None:
    wage = monthly_wage(contract)
    for month in _months(contract.starts_on, today):
        amount = wage
        if month == short_month:
            amount = (wage * Decimal("0.7")).quantize(Decimal("0.05"))
        accounts.record_deposit(
            session,
            worker_id=worker.id,
            month=month,
            amount=amount,
            currency=contract.wage_currency,
            actor=SYSTEM,
        )


def seed_lifecycle(
    session: Session, *, policy: Policy, officer: InterviewOfficer
) -> dict[str, int]:
    """Put four pending demo workers at the stages above; the worker ids by stage."""
    today = dt.date.today()
    location = session.get(InterviewLocation, officer.location_id)
    room = session.scalars(
        select(InterviewRoom).where(InterviewRoom.location_id == officer.location_id)
    ).first()
    assert location is not None and room is not None
    durations = policy.interviews.durations_minutes
    chosen = _candidates(session, today, len(STAGES))
    placed: dict[str, int] = {}
    for stage, (worker, contract) in zip(STAGES, chosen, strict=False):
        placed[stage] = worker.id

        def held(kind: str, day: dt.date, worker: Worker = worker) -> None:
            _held(
                session,
                worker=worker,
                kind=kind,
                day=day,
                officer=officer,
                room=room,
                location=location,
                minutes=getattr(durations, kind),
            )

        if stage == "ready_to_register":
            held("arrival", today - dt.timedelta(days=3))
            _account(session, worker, policy, today - dt.timedelta(days=3))
            continue
        # Registered some time ago: the first card runs 3 months (the policy's first validity).
        registered_on = {
            "ready_to_renew": today - dt.timedelta(days=70),
            "overdue": today - dt.timedelta(days=100),
            "underpaid": today - dt.timedelta(days=30),
        }.get(stage, today - dt.timedelta(days=4 + 5 * len(placed)))
        held("arrival", registered_on - dt.timedelta(days=2))
        _account(session, worker, policy, registered_on - dt.timedelta(days=2))
        renewals.register(
            session, worker_id=worker.id, policy=policy, actor=SYSTEM, today=registered_on
        )
        if stage == "ready_to_renew":
            held("renewal", today - dt.timedelta(days=7))
            _account_reconfirmed(session, worker, today - dt.timedelta(days=7))
            _pay(session, worker, contract, today)
        elif stage == "underpaid":
            last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
            _pay(session, worker, contract, today, short_month=last_month)
    # The reminders job opens the overdue worker's concern and queues the missions' reminders,
    # as it would have done on the days before.
    queue_reminders(session, policy=policy, today=today)
    return placed


def _account_reconfirmed(session: Session, worker: Worker, on: dt.date) -> None:
    account = accounts.accounts_of(session, worker.id)[0]
    accounts.confirm_account(
        session, account_id=account.id, evidence="bank_letter", confirmed_on=on, actor=SYSTEM
    )
