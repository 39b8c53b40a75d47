"""A registered worker with a contract and an identity card, about to leave; and the signed-in
browsers and the interview office of the other tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from app.interviews.models import Interview
from app.registry.models import Worker
from tests import factories
from tests.interviews.conftest import office
from tests.renewals.conftest import held_interview
from tests.web.conftest import browser_as

__all__ = ["browser_as", "held_interview", "leaving", "office"]

TODAY = dt.date.today()
CONTRACT_START = TODAY - dt.timedelta(days=300)


@dataclass
class Leaving:
    worker: Any
    contract: Any
    card: Any


def registered_worker(db: Any, *, card_expires_on: dt.date | None = None) -> Leaving:
    """A registered worker of a mission with an email address, a contract and a card."""
    m = factories.mission(db, email="protocol@testland.example")
    e = factories.employer(db, m.id)
    w = factories.worker(db, m.id)
    contract = factories.contract(db, w.id, e.id, starts_on=CONTRACT_START.isoformat())
    db.get(Worker, w.id).status = "registered"
    expires = card_expires_on or TODAY + dt.timedelta(days=200)
    card = factories.identity_card(db, w.id, expires)
    card.issued_on = CONTRACT_START + dt.timedelta(days=10)
    db.flush()
    return Leaving(worker=w, contract=contract, card=card)


@pytest.fixture
def leaving(db: Any) -> Leaving:
    return registered_worker(db)


def held_departure(db: Any, worker_id: int, *, days_ago: int = 2) -> Interview:
    """A departure interview the worker attended a few days ago."""
    on = dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(9), dt.UTC)
    return held_interview(db, worker_id, "departure", on)
