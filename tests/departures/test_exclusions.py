"""A departed worker, or one whose card is given back, gets no reminder, no overdue notice or
concern, is not on the dashboard's card panels, and is not planned for a renewal interview;
a worker still registered beside them is, so each test can fail."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.config import get_policy
from app.models import Concern
from app.outbox.models import OutboxMessage
from app.renewals.reminders import queue_reminders
from tests.departures.conftest import TODAY, registered_worker
from tests.web.conftest import soup

ENDED = (TODAY - dt.timedelta(days=5)).isoformat()


def _three(db, expires_on: dt.date):  # type: ignore[no-untyped-def]
    """Still registered, card given back (departure open), departed (file closed)."""
    return [registered_worker(db, card_expires_on=expires_on) for _ in range(3)]


def _give_back_card(client, worker_id: int) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/workers/{worker_id}/departure"
    client.put(f"{url}/employment", json={"reason": "left_country", "employment_ended_on": ENDED})
    done = client.put(f"{url}/card", json={"card_returned_on": TODAY.isoformat()})
    assert done.status_code == 200, done.text


def _depart(client, supervisor, worker_id: int) -> None:  # type: ignore[no-untyped-def]
    _give_back_card(client, worker_id)
    closed = supervisor.post(
        f"/api/v1/workers/{worker_id}/departure/close",
        json={"interview_waived_reason": "The worker had already left the country."},
    )
    assert closed.status_code == 200, closed.text


def test_no_reminder_overdue_notice_or_concern_once_the_card_is_back_or_the_file_closed(
    officer, supervisor, db
):
    policy = get_policy()
    for expires_on in (TODAY + dt.timedelta(days=20), TODAY - dt.timedelta(days=3)):
        staying, card_back, departed = _three(db, expires_on)
        _give_back_card(officer, card_back.worker.id)
        _depart(officer, supervisor, departed.worker.id)
        queue_reminders(db, policy=policy, today=TODAY)
        for leaving in (staying, card_back, departed):
            keys = db.scalars(
                select(OutboxMessage.idempotency_key).where(
                    OutboxMessage.idempotency_key.like(f"card:{leaving.card.id}:%")
                )
            ).all()
            concerns = db.scalars(
                select(Concern.id).where(Concern.worker_id == leaving.worker.id)
            ).all()
            if leaving is staying:
                assert keys, "the worker still registered is reminded"
                assert bool(concerns) == (expires_on < TODAY)
            else:
                assert keys == [] and concerns == []


def test_neither_is_in_the_dashboards_overdue_or_renewal_panels(
    officer, supervisor, db, browser_as
):
    # Long past expiry, so that they sort first in the overdue panel's short list.
    overdue = _three(db, dt.date(2020, 1, 10))
    in_window = _three(db, TODAY + dt.timedelta(days=20))
    for group in (overdue, in_window):
        _give_back_card(officer, group[1].worker.id)
        _depart(officer, supervisor, group[2].worker.id)
    page = soup(browser_as("officer").get("/staff/"))
    for key, (staying, card_back, departed) in (("overdue", overdue), ("renewal", in_window)):
        panel = page.find("section", attrs={"aria-labelledby": f"p-{key}"})
        links = {a["href"] for a in panel.find_all("a")}
        assert f"/staff/workers/{staying.worker.id}#card" in links
        assert f"/staff/workers/{card_back.worker.id}#card" not in links
        assert f"/staff/workers/{departed.worker.id}#card" not in links


def test_neither_is_planned_for_a_renewal_interview(officer, supervisor, db, office):
    staying, card_back, departed = _three(db, TODAY + dt.timedelta(days=40))
    _give_back_card(officer, card_back.worker.id)
    _depart(officer, supervisor, departed.worker.id)
    plan = officer.post(
        "/api/v1/interviews/plans",
        json={
            "location_id": office.location.id,
            "period_starts_on": (TODAY + dt.timedelta(days=1)).isoformat(),
            "period_ends_on": (TODAY + dt.timedelta(days=60)).isoformat(),
        },
    )
    assert plan.status_code == 201, plan.text
    planned = {item["worker_id"] for item in plan.json()["items"]}
    assert staying.worker.id in planned
    assert card_back.worker.id not in planned
    assert departed.worker.id not in planned


def test_a_card_given_back_cannot_be_renewed(officer, db):
    leaving = registered_worker(db, card_expires_on=TODAY + dt.timedelta(days=20))
    _give_back_card(officer, leaving.worker.id)
    renewal = officer.get(f"/api/v1/workers/{leaving.worker.id}/renewal").json()
    assert [m["code"] for m in renewal["missing"]] == ["card_withdrawn"]
    assert officer.post(f"/api/v1/workers/{leaving.worker.id}/renewal").status_code == 422


def test_the_file_of_a_departed_worker_does_not_call_the_card_overdue(
    officer, supervisor, db, browser_as
):
    staying, card_back, departed = _three(db, TODAY - dt.timedelta(days=3))
    _give_back_card(officer, card_back.worker.id)
    _depart(officer, supervisor, departed.worker.id)
    browser = browser_as("viewer")
    for leaving, overdue in ((staying, True), (card_back, False), (departed, False)):
        card = soup(browser.get(f"/staff/workers/{leaving.worker.id}")).select_one("#card")
        assert ("overdue: not renewed" in card.text) is overdue
