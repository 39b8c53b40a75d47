"""The interview screens: booking from the worker's file, the interview page and its changes,
the record form, the list; roles and CSRF."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.concerns.models import Concern
from app.interviews.models import Interview
from tests.interviews.test_record import past_interview
from tests.web.conftest import soup


def _hidden(form) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {i["name"]: i["value"] for i in form.find_all("input", type="hidden")}


def test_an_officer_books_a_slot_with_an_interpreter_from_the_worker_s_file(
    browser_as, db, office, amharic_worker
):
    browser = browser_as("officer")
    file = soup(browser.get(f"/staff/workers/{amharic_worker.id}"))
    link = file.find("a", href=f"/staff/workers/{amharic_worker.id}/interviews/new")
    assert link is not None and link.get_text() == "Book an interview"
    slots = browser.get(
        f"/staff/workers/{amharic_worker.id}/interviews/new",
        params={"kind": "welfare", "location_id": office.location.id},
    )
    assert slots.status_code == 200
    page = soup(slots)
    assert "Times are in the location's time zone: Europe/Zurich." in page.get_text()
    rows = page.select("#h-slots ~ table tbody tr")
    assert rows and "(Europe/Zurich)" in rows[0].get_text()
    assert office.interpreter.name in rows[0].get_text()
    fields = _hidden(rows[0].find("form"))
    booked = browser.post(f"/staff/workers/{amharic_worker.id}/interviews", fields)
    assert booked.status_code == 303
    assert re.fullmatch(r"/staff/interviews/\d+\?notice=booked", booked.headers["location"])
    again = browser.post(f"/staff/workers/{amharic_worker.id}/interviews", fields)
    assert again.headers["location"] == booked.headers["location"].split("?")[0]
    assert len(db.scalars(select(Interview)).all()) == 1
    interview_page = soup(browser.get(booked.headers["location"]))
    assert "The interview is booked." in interview_page.get_text()
    assert office.interpreter.name in interview_page.get_text()
    assert "(Europe/Zurich)" in interview_page.get_text()
    file = soup(browser.get(f"/staff/workers/{amharic_worker.id}"))
    assert "(Europe/Zurich)" in file.select_one("#interviews table").get_text()


def test_a_refusal_while_finding_slots_says_why(browser_as, db, office):
    from tests import factories

    worker = factories.worker(
        db,
        factories.mission(db).id,
        languages=[{"language": "ti", "proficiency": "native"}],
        preferred_language="ti",
    )
    page = browser_as("officer").get(
        f"/staff/workers/{worker.id}/interviews/new",
        params={"kind": "welfare", "location_id": office.location.id},
    )
    assert page.status_code == 422
    assert "no interpreter here speaks ti" in soup(page).select_one(".error-summary").get_text()


def test_cancel_needs_a_reason_and_the_history_says_who(browser_as, db, office, english_worker):
    browser = browser_as("officer")
    interview = past_interview(db, english_worker, office)
    interview.starts_at = interview.starts_at.replace(year=2027)
    interview.ends_at = interview.ends_at.replace(year=2027)
    interview.blocked_until = interview.blocked_until.replace(year=2027)
    db.flush()
    refused = browser.post(f"/staff/interviews/{interview.id}/cancel", {"reason": ""})
    assert "refused=" in refused.headers["location"]
    page = soup(browser.get(refused.headers["location"]))
    assert "Say why the interview is cancelled." in page.select_one(".error-summary").get_text()
    done = browser.post(
        f"/staff/interviews/{interview.id}/cancel",
        {"reason": "The employer left the country.", "version": str(interview.version)},
    )
    assert done.headers["location"].endswith("notice=cancelled")
    page = soup(browser.get(f"/staff/interviews/{interview.id}"))
    assert "Cancelled" in page.select_one(".status").get_text()
    history = page.select_one(".timeline").get_text()
    assert browser.user.email in history and "The employer left the country." in history


def test_the_interview_is_marked_held_and_recorded_through_the_form(
    browser_as, db, office, amharic_worker
):
    browser = browser_as("officer")
    interview = past_interview(db, amharic_worker, office)
    held = browser.post(f"/staff/interviews/{interview.id}/held", {})
    assert held.headers["location"] == f"/staff/interviews/{interview.id}/record?notice=held"
    form = soup(browser.get(held.headers["location"]))
    assert form.find("input", attrs={"name": "leaflet_language"})["value"] == "am"
    assert form.find("input", attrs={"name": "language"})["value"] == "am"
    body = {
        "language": "am",
        "identity_checked": "true",
        "paid_as_agreed": "true",
        "ilo_indicators": "retention_of_identity_documents",
        "worker_words": "My passport is in the employer's safe.",
        "leaflet_language": "am",
        "leaflet_version": "2026.1",
        "outcome": "referral",
        "next_interview_due_on": (dt.date.today() + dt.timedelta(days=90)).isoformat(),
    }
    saved = browser.post(f"/staff/interviews/{interview.id}/record", body)
    assert saved.status_code == 303, saved.text
    record = soup(browser.get(saved.headers["location"]))
    assert "Retention of identity documents" in record.select_one(".flags").get_text()
    assert "My passport is in the employer's safe." in record.find("blockquote").get_text()
    assert "The worker holds their own passport: no" in record.get_text()
    concern = db.scalars(select(Concern).where(Concern.worker_id == amharic_worker.id)).one()
    assert concern.source == "interview"
    reads = db.scalars(
        select(AuditEntry).where(
            AuditEntry.entity == "interview_record", AuditEntry.action == "read"
        )
    ).all()
    assert [r.worker_id for r in reads] == [amharic_worker.id]


def test_the_record_form_keeps_what_was_typed_and_says_why_it_is_refused(
    browser_as, db, office, amharic_worker
):
    browser = browser_as("officer")
    interview = past_interview(db, amharic_worker, office)
    refused = browser.post(
        f"/staff/interviews/{interview.id}/record",
        {
            "language": "am",
            "present": "employer",
            "worker_words": "He listened to everything.",
            "outcome": "follow_up",
        },
    )
    assert refused.status_code == 422
    page = soup(refused)
    assert "must be held again" in page.select_one(".error-summary").get_text()
    assert page.find("input", id="f-present-employer").has_attr("checked")
    assert page.find("textarea", attrs={"name": "worker_words"}).get_text() == (
        "He listened to everything."
    )


def test_a_future_interview_cannot_be_recorded_from_the_form(
    browser_as, officer, office, english_worker
):
    booked = officer.post(
        "/api/v1/interviews",
        json={
            "worker_id": english_worker.id,
            "kind": "welfare",
            "location_id": office.location.id,
            "starts_at": "2027-03-01T08:30:00+01:00",
        },
    ).json()
    refused = browser_as("officer").post(
        f"/staff/interviews/{booked['id']}/record", {"language": "en", "outcome": "no_concern"}
    )
    assert refused.status_code == 422
    assert "has not started yet" in soup(refused).select_one(".error-summary").get_text()


def test_viewers_see_time_and_place_but_never_the_record(browser_as, db, office, amharic_worker):
    interview = past_interview(db, amharic_worker, office)
    viewer = browser_as("viewer")
    page = viewer.get(f"/staff/interviews/{interview.id}")
    assert page.status_code == 200
    assert office.interpreter.name not in page.text
    assert soup(page).find("a", href=f"/staff/interviews/{interview.id}/record") is None
    assert viewer.get(f"/staff/interviews/{interview.id}/record").status_code == 403
    assert viewer.post(f"/staff/interviews/{interview.id}/held", {}).status_code == 403
    file = soup(viewer.get(f"/staff/workers/{amharic_worker.id}"))
    assert file.find("a", href=f"/staff/workers/{amharic_worker.id}/interviews/new") is None


def test_the_list_filters_by_day_location_officer_and_status(
    browser_as, officer, office, english_worker
):
    officer.post(
        "/api/v1/interviews",
        json={
            "worker_id": english_worker.id,
            "kind": "welfare",
            "location_id": office.location.id,
            "starts_at": "2027-03-01T08:30:00+01:00",
        },
    )
    browser = browser_as("viewer")

    def rows(**params: object) -> list[str]:
        page = soup(browser.get("/staff/interviews", params=params))
        return [tr.get_text(" ", strip=True) for tr in page.select("tbody tr")]

    found = rows(
        day="2027-03-01",
        location_id=office.location.id,
        officer_id=office.officer.id,
        status="scheduled",
    )
    assert len(found) == 1 and "08:30 (Europe/Zurich)" in found[0]
    assert rows(day="2027-03-02") == ["No interview matches."]
    assert rows(status="held") == ["No interview matches."]


def test_the_worker_s_file_shows_a_recorded_interview_and_its_concern(
    browser_as, officer, db, office, amharic_worker
):
    from tests.interviews.test_record import all_well

    interview = past_interview(db, amharic_worker, office)
    saved = officer.post(
        f"/api/v1/interviews/{interview.id}/record",
        json=all_well(present=["employer"], outcome="follow_up"),
    )
    assert saved.status_code == 201
    file = browser_as("officer").get(f"/staff/workers/{amharic_worker.id}")
    assert file.status_code == 200
    section = soup(file).select_one("#interviews")
    assert "must be booked" in section.get_text()
    assert "Held" in section.get_text()
