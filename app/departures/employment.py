"""The first step of a departure: why and when the employment ended. The contracts that run
later end that day, each change in the contract's history."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import Actor, capture, record
from app.departures.models import Departure, DepartureReason
from app.departures.service import FIELDS, audit_change, check_open, day_text, get_departure
from app.errors import Conflict, invalid
from app.i18n import _
from app.registry.models import Contract, WorkerStatus
from app.registry.service import check_version
from app.registry.workers import get_worker

# The end of employment may be recorded ahead, as notice is given, but not further than this.
MAX_DAYS_AHEAD = 92


def _check_end(contracts: list[Contract], ended_on: dt.date, today: dt.date) -> None:
    if ended_on > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise invalid(
            "employment_ended_on",
            _("The end of employment can be recorded at most {days} days ahead.").format(
                days=MAX_DAYS_AHEAD
            ),
        )
    started = max((c.starts_on for c in contracts), default=None)
    if started is not None and ended_on <= started:
        raise invalid(
            "employment_ended_on",
            _("The contract started on {date}: the employment must end after that.").format(
                date=day_text(started)
            ),
        )


def _end_contracts(
    session: Session,
    contracts: list[Contract],
    *,
    ended_on: dt.date,
    previous: dt.date | None,
    actor: Actor,
) -> None:
    """End every contract that runs past the end of employment on that day; when the end is
    corrected to a later day, the latest contract, ended on the day before, follows it."""
    latest = max(contracts, key=lambda c: (c.starts_on, c.id), default=None)
    for contract in contracts:
        runs_past = contract.ends_on is None or contract.ends_on > ended_on
        follows = contract is latest and previous is not None and contract.ends_on == previous
        if not (runs_past or follows) or contract.ends_on == ended_on:
            continue
        before = contract.ends_on
        contract.ends_on = ended_on
        session.flush()
        record(
            session,
            actor=actor,
            action="update",
            entity="contract",
            entity_id=contract.id,
            worker_id=contract.worker_id,
            changes={
                "ends_on": {
                    "before": before.isoformat() if before else None,
                    "after": ended_on.isoformat(),
                }
            },
        )


def record_employment_end(
    session: Session,
    *,
    worker_id: int,
    reason: DepartureReason,
    ended_on: dt.date,
    notes: str | None,
    version: int | None,
    actor: Actor,
    today: dt.date | None = None,
) -> Departure:
    """Record (or correct) why and when the employment ended; the contracts end that day."""
    today = today or dt.date.today()
    worker = get_worker(session, worker_id)
    departure = get_departure(session, worker.id)
    if departure is not None:
        check_open(departure)
        check_version(departure, version)
    elif worker.status == WorkerStatus.departed.value:
        raise Conflict(_("The worker's file is closed already."))
    contracts = list(session.scalars(select(Contract).where(Contract.worker_id == worker.id)))
    _check_end(contracts, ended_on, today)
    previous = departure.employment_ended_on if departure else None
    if departure is None:
        departure = Departure(worker_id=worker.id, recorded_by_user_id=actor.user_id)
        session.add(departure)
    before = capture(departure, FIELDS) if departure.id else {}
    departure.reason = DepartureReason(reason).value
    departure.employment_ended_on = ended_on
    departure.notes = (notes or "").strip()[:2000] or None
    _end_contracts(session, contracts, ended_on=ended_on, previous=previous, actor=actor)
    audit_change(session, departure, before, actor, "update" if before else "create")
    return departure
