"""Fixtures shared with the outbox tests (a real SMTP server, a committing database) and a
worker ready for registration."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.accounts.models import SalaryAccount
from app.interviews.models import Interview
from tests import factories
from tests.outbox.conftest import committed, mail_settings, smtp
from tests.web.conftest import browser_as

__all__ = ["browser_as", "committed", "held_interview", "mail_settings", "ready_worker", "smtp"]


def held_interview(db: Any, worker_id: int, kind: str, on: dt.datetime) -> Interview:
    """An interview of that kind, held at that time (booked through the real resources)."""
    location = factories.interview_location(db)
    room = factories.interview_room(db, location.id)
    officer = factories.interview_officer(db, location.id)
    interview = Interview(
        worker_id=worker_id,
        kind=kind,
        status="held",
        location_id=location.id,
        room_id=room.id,
        officer_id=officer.id,
        starts_at=on,
        ends_at=on + dt.timedelta(minutes=45),
        blocked_until=on + dt.timedelta(minutes=60),
    )
    db.add(interview)
    db.flush()
    return interview


def ready_worker(db: Any, **contract: Any) -> Any:
    """A worker with a good contract, a confirmed account and a held arrival interview."""
    m = factories.mission(db, email="protocol@testland.example")
    e = factories.employer(db, m.id)
    w = factories.worker(db, m.id)
    factories.contract(db, w.id, e.id, starts_on="2026-01-01", **contract)
    db.add(
        SalaryAccount(
            worker_id=w.id,
            account_number="CH9300762011623852957",
            account_hash=f"h{w.id}",
            is_iban=True,
            country="CH",
            holder_name="Selam Tesfaye",
            status="active",
            confirmed_on=dt.date(2026, 1, 10),
            evidence="bank_letter",
        )
    )
    held_interview(db, w.id, "arrival", dt.datetime(2026, 1, 12, 9, tzinfo=dt.UTC))
    db.flush()
    return w
