"""Calendars: week and day pages, the .ics of an interview and the officer's feed, every time
in the location's zone, across daylight-saving changes too."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import icalendar

from tests import factories
from tests.web.conftest import soup

ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


def _book(officer_api, worker, office, starts_at: str, **extra):  # type: ignore[no-untyped-def]
    response = officer_api.post(
        "/api/v1/interviews",
        json={
            "worker_id": worker.id,
            "kind": "welfare",
            "location_id": office.location.id,
            "starts_at": starts_at,
            **extra,
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


def _event(body: bytes) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_the_ics_round_trips_in_the_location_s_zone_with_alarms(
    officer, browser_as, office, amharic_worker
):
    booked = _book(officer, amharic_worker, office, "2027-03-01T08:30:00+01:00")
    response = browser_as("officer").get(f"/staff/interviews/{booked['id']}/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]
    event = _event(response.content)
    assert event["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert event.decoded("DTSTART") == dt.datetime(2027, 3, 1, 8, 30, tzinfo=ZURICH)
    assert event.decoded("DTEND") > event.decoded("DTSTART")
    assert "DTSTART;TZID=Europe/Zurich:20270301T083000" in response.text
    alarms = event.walk("VALARM")
    assert len(alarms) >= 1
    assert all(a.decoded("TRIGGER") < dt.timedelta(0) for a in alarms)
    assert amharic_worker.family_name in str(event["SUMMARY"])


def test_a_booking_moved_across_the_clock_change_keeps_its_local_hour(
    officer, browser_as, office, english_worker
):
    browser = browser_as("officer")
    # Friday 29 October 2027 is summer time (UTC+2); Tuesday 2 November is winter time (UTC+1).
    booked = _book(officer, english_worker, office, "2027-10-29T09:00:00")
    assert booked["starts_at"].startswith("2027-10-29T07:00")
    moved = browser.post(
        f"/staff/interviews/{booked['id']}/reschedule",
        {"starts_at": "2027-11-02T09:00", "reason": "The worker asked."},
    )
    assert moved.status_code == 303, moved.text
    new_id = int(re.search(r"/staff/interviews/(\d+)", moved.headers["location"]).group(1))
    new = officer.get(f"/api/v1/interviews/{new_id}").json()
    assert new["starts_at"].startswith("2027-11-02T08:00")  # one hour later in UTC
    assert new["local_starts_at"] == "2027-11-02T09:00:00+01:00"

    page = soup(browser.get(f"/staff/interviews/{new_id}"))
    assert "09:00 (Europe/Zurich)" in page.get_text()
    week = soup(
        browser.get(f"/staff/calendar/location/{office.location.id}?view=week&day=2027-11-01")
    )
    entries = [li.get_text(" ", strip=True) for li in week.select(".calendar-day li")]
    assert len(entries) == 1
    assert entries[0].startswith("09:00–") and "(Europe/Zurich)" in entries[0]
    before = soup(
        browser.get(f"/staff/calendar/location/{office.location.id}?view=day&day=2027-10-29")
    )
    assert "Moved to another time" not in before.get_text()  # rescheduled ones are not shown

    event = _event(browser.get(f"/staff/interviews/{new_id}/calendar.ics").content)
    assert event.decoded("DTSTART") == dt.datetime(2027, 11, 2, 9, 0, tzinfo=ZURICH)
    old = _event(browser.get(f"/staff/interviews/{booked['id']}/calendar.ics").content)
    assert old.decoded("DTSTART") == dt.datetime(2027, 10, 29, 9, 0, tzinfo=ZURICH)


def test_day_and_week_views_per_officer_and_room(officer, browser_as, office, english_worker):
    _book(officer, english_worker, office, "2027-03-01T10:00:00+01:00")
    browser = browser_as("viewer")
    for scope, scope_id in (("officer", office.officer.id), ("room", office.room.id)):
        for view in ("week", "day"):
            response = browser.get(f"/staff/calendar/{scope}/{scope_id}?view={view}&day=2027-03-01")
            assert response.status_code == 200
            page = soup(response)
            assert "Times are in Europe/Zurich." in page.get_text()
            entries = [li.get_text(" ", strip=True) for li in page.select(".calendar-day li")]
            assert len(entries) == 1 and entries[0].startswith("10:00–")
            assert len(page.select(".calendar-day")) == (7 if view == "week" else 1)
    assert browser.get("/staff/calendar/desk/1").status_code in (400, 422)
    assert browser.get("/staff/calendar/room/999999").status_code == 404


def test_the_officer_feed_is_shown_once_names_no_one_and_a_revoked_token_is_404(
    db, officer, browser_as, anonymous, office, english_worker
):
    browser = browser_as("officer")
    mine = factories.interview_officer(db, office.location.id, staff_user_id=browser.user.id)
    booked = None
    for days in range(30, 45):  # the next working day a month ahead
        day = dt.date.today() + dt.timedelta(days=days)
        response = officer.post(
            "/api/v1/interviews",
            json={
                "worker_id": english_worker.id,
                "kind": "welfare",
                "location_id": office.location.id,
                "starts_at": f"{day.isoformat()}T10:00:00",
                "officer_id": mine.id,
            },
        )
        if response.status_code == 201:
            booked = response.json()
            break
    assert booked is not None
    made = browser.post("/staff/calendar/feed")
    assert made.status_code == 200
    url = soup(made).find("input", id="feed-url")["value"]
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert re.fullmatch(r"calendar/[A-Za-z0-9_-]{40,}\.ics", path)
    # Shown once: the page does not show it again.
    again = browser.get("/staff/calendar/feed")
    assert path.split("/")[1] not in again.text
    assert soup(again).find("input", id="feed-url") is None

    feed = anonymous.get(f"/{path}")
    assert feed.status_code == 200
    event = _event(feed.content)
    assert event["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert event.decoded("DTSTART").hour == 10
    assert english_worker.family_name not in feed.text
    assert english_worker.given_names not in feed.text

    assert browser.post("/staff/calendar/feed/revoke").status_code == 303
    assert anonymous.get(f"/{path}").status_code == 404
    assert anonymous.get("/calendar/not-a-token.ics").status_code == 404
