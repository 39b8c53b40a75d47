"""The renewal plan on the staff pages: propose for a period, look it over, confirm once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.interviews.models import Interview
from app.interviews.plan_views import next_quarter
from app.registry.models import Worker
from tests import factories
from tests.web.conftest import soup


def _registered_with_card(db, expires_on, **overrides):  # type: ignore[no-untyped-def]
    worker = factories.worker(db, factories.mission(db).id, **overrides)
    db.get(Worker, worker.id).status = "registered"
    factories.identity_card(db, worker.id, expires_on)
    db.flush()
    return worker


def test_the_form_offers_next_quarter_and_refuses_a_period_that_ends_before_it_starts(
    browser_as, db, office
):
    browser = browser_as("officer")
    form = soup(browser.get("/staff/interviews/plans"))
    start, end = next_quarter(dt.date.today())
    assert form.select_one("#f-period_starts_on")["value"] == start.isoformat()
    assert form.select_one("#f-period_ends_on")["value"] == end.isoformat()
    refused = browser.post(
        "/staff/interviews/plans",
        {
            "location_id": str(office.location.id),
            "period_starts_on": "2027-03-31",
            "period_ends_on": "2027-01-01",
            "form_id": "plan-form-1",
        },
    )
    assert refused.status_code == 422
    page = soup(refused)
    assert "The period ends before it starts." in page.select_one("#e-period_ends_on").get_text()
    assert page.select_one("#f-period_starts_on")["value"] == "2027-03-31"


def test_a_plan_is_proposed_shown_with_the_unplaced_and_why_then_confirmed_once(
    browser_as, db, office
):
    due = dt.date(2027, 3, 15)
    amharic = _registered_with_card(db, due)
    nepali = _registered_with_card(
        db, due, languages=[{"language": "ne", "proficiency": "native"}], preferred_language="ne"
    )
    browser = browser_as("officer")
    proposed = browser.post(
        "/staff/interviews/plans",
        {
            "location_id": str(office.location.id),
            "period_starts_on": "2027-01-01",
            "period_ends_on": "2027-03-31",
            "form_id": "plan-form-2",
        },
    )
    assert proposed.status_code == 303
    plan_url = proposed.headers["location"].split("?")[0]
    page = soup(browser.get(proposed.headers["location"]))
    placed = page.select("#h-placed ~ table tbody tr")
    assert len(placed) == 1 and amharic.family_name in placed[0].get_text()
    assert office.interpreter.name in placed[0].get_text()
    assert "(Europe/Zurich)" in placed[0].get_text()
    unplaced = page.select("#h-unplaced ~ table tbody tr")
    assert len(unplaced) == 1 and nepali.family_name in unplaced[0].get_text()
    assert "interpreter" in unplaced[0].get_text()
    assert db.scalar(select(func.count()).select_from(Interview)) == 0

    # Posting the same form again goes to the same plan.
    again = browser.post(
        "/staff/interviews/plans",
        {
            "location_id": str(office.location.id),
            "period_starts_on": "2027-01-01",
            "period_ends_on": "2027-03-31",
            "form_id": "plan-form-2",
        },
    )
    assert again.headers["location"].split("?")[0] == plan_url

    version = page.select_one("form[action$='/confirm'] input[name=version]")["value"]
    confirmed = browser.post(f"{plan_url}/confirm", {"version": version})
    assert confirmed.headers["location"].endswith("notice=plan_confirmed")
    assert db.scalar(select(func.count()).select_from(Interview)) == 1
    page = soup(browser.get(confirmed.headers["location"]))
    assert page.select_one("form[action$='/confirm']") is None
    assert page.select_one("#h-placed ~ table tbody tr a[href^='/staff/interviews/']")

    twice = browser.post(f"{plan_url}/confirm", {"version": version})
    shown = soup(browser.get(twice.headers["location"])).select_one(".error-summary")
    assert shown is not None
    assert db.scalar(select(func.count()).select_from(Interview)) == 1


def test_viewers_cannot_plan(browser_as, db, office):
    viewer = browser_as("viewer")
    assert viewer.get("/staff/interviews/plans").status_code == 403
