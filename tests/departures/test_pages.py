"""The departure on the staff pages: each step's form, refusals beside their fields with what
was typed kept, the stale-edit refusal, roles, and the closed file with its history."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.registry.models import Worker
from tests.departures.conftest import TODAY, held_departure
from tests.web.conftest import soup

ENDED = TODAY - dt.timedelta(days=5)


def _page(browser, worker_id: int):  # type: ignore[no-untyped-def]
    return browser.get(f"/staff/workers/{worker_id}/departure")


def _version(browser, worker_id: int) -> str:  # type: ignore[no-untyped-def]
    return soup(_page(browser, worker_id)).select_one("#employment input[name=version]")["value"]


def test_an_officer_walks_the_departure_and_the_closed_file_keeps_its_history(browser_as, db):
    from tests.departures.conftest import registered_worker

    leaving = registered_worker(db)
    w = leaving.worker
    officer = browser_as("officer")
    file_page = soup(officer.get(f"/staff/workers/{w.id}"))
    assert file_page.select_one("#departure-status").get_text() == "No departure recorded."
    assert file_page.select_one(f'#departure a[href="/staff/workers/{w.id}/departure"]')

    page = soup(_page(officer, w.id))
    missing = page.select_one("#departure-missing").text
    assert "The end of employment is not recorded yet." in missing
    action = page.select_one("#employment form")["action"]
    done = officer.post(
        action,
        {"reason": "contract_ended", "employment_ended_on": ENDED.isoformat(), "version": ""},
    )
    assert done.status_code == 303
    assert done.headers["location"].endswith("notice=departure_recorded#employment")

    page = soup(_page(officer, w.id))
    booking = page.select_one("#departure-interview a.button")["href"]
    assert booking == f"/staff/workers/{w.id}/interviews/new?kind=departure"
    assert page.select_one("#close").find("form") is None  # steps are missing
    card_form = page.select("#card-back form")[0]
    version = card_form.select_one("input[name=version]")["value"]
    officer.post(card_form["action"], {"card_returned_on": TODAY.isoformat(), "version": version})
    interview = held_departure(db, w.id)
    page = soup(_page(officer, w.id))
    options = [o["value"] for o in page.select("#f-interview_id option") if o["value"]]
    assert options == [str(interview.id)]
    officer.post(
        f"/staff/workers/{w.id}/departure/interview",
        {"interview_id": str(interview.id), "version": _version(officer, w.id)},
    )
    page = soup(_page(officer, w.id))
    assert "the file can be closed" in page.select_one("#departure-missing").text
    close = page.select_one("#close form")
    closed = officer.post(close["action"], {"version": _version(officer, w.id)})
    assert closed.headers["location"] == f"/staff/workers/{w.id}?notice=departure_closed#departure"

    file_page = soup(officer.get(f"/staff/workers/{w.id}"))
    status = file_page.select_one("#departure-status").get_text()
    assert status.startswith("File closed on") and status.endswith("— departed")
    assert file_page.select_one(f'#departure a[href="/staff/workers/{w.id}/departure"]') is None
    # The history stays: the contract (ended on the day), the interviews and the timeline.
    assert len(file_page.select("article.contract")) == 1
    assert file_page.select_one(f'#interviews a[href="/staff/interviews/{interview.id}"]')
    assert len(file_page.select(".timeline li")) >= 5
    assert db.get(Worker, w.id).status == "departed"


def test_a_refusal_is_shown_beside_its_field_with_what_was_typed_kept(browser_as, db, leaving):
    officer = browser_as("officer")
    w = leaving.worker
    too_early = (leaving.contract.starts_on - dt.timedelta(days=1)).isoformat()
    response = officer.post(
        f"/staff/workers/{w.id}/departure/employment",
        {"reason": "left_job", "employment_ended_on": too_early, "notes": "She found other work"},
    )
    assert response.status_code == 422
    page = soup(response)
    assert "The contract started on" in page.select_one("#e-employment_ended_on").text
    assert page.select_one("#f-employment_ended_on")["value"] == too_early
    assert page.select_one("#f-notes").text == "She found other work"
    assert page.select_one("#f-reason option[selected]")["value"] == "left_job"
    missing_date = officer.post(
        f"/staff/workers/{w.id}/departure/employment", {"reason": "left_job"}
    )
    assert missing_date.status_code == 422
    assert soup(missing_date).select_one("#e-employment_ended_on")


def test_a_form_read_before_someone_else_saved_is_refused(browser_as, db, leaving):
    officer, colleague = browser_as("officer"), browser_as("officer")
    w = leaving.worker
    colleague.post(
        f"/staff/workers/{w.id}/departure/employment",
        {"reason": "left_job", "employment_ended_on": ENDED.isoformat()},
    )
    stale = _version(officer, w.id)
    colleague.post(
        f"/staff/workers/{w.id}/departure/employment",
        {"reason": "other", "employment_ended_on": ENDED.isoformat(), "version": stale},
    )
    response = officer.post(
        f"/staff/workers/{w.id}/departure/card",
        {"card_returned_on": TODAY.isoformat(), "version": stale},
    )
    assert response.status_code == 409
    assert "Someone changed this record" in soup(response).select_one(".error-summary").text


def test_only_a_supervisor_is_offered_to_close_without_the_interview(browser_as, db, leaving):
    w = leaving.worker
    officer, supervisor = browser_as("officer"), browser_as("supervisor")
    officer.post(
        f"/staff/workers/{w.id}/departure/employment",
        {"reason": "left_country", "employment_ended_on": ENDED.isoformat()},
    )
    officer.post(
        f"/staff/workers/{w.id}/departure/card",
        {"card_not_returned_reason": "Kept by the employer", "version": _version(officer, w.id)},
    )
    assert soup(_page(officer, w.id)).select_one("#close form") is None
    form = soup(_page(supervisor, w.id)).select_one("#close form")
    assert form.select_one("#f-interview_waived_reason") is not None
    without_reason = supervisor.post(form["action"], {"version": _version(supervisor, w.id)})
    assert without_reason.status_code == 422
    assert soup(without_reason).select_one("#e-interview_waived_reason")
    closed = supervisor.post(
        form["action"],
        {
            "version": _version(supervisor, w.id),
            "interview_waived_reason": "The worker had already left the country.",
        },
    )
    assert closed.status_code == 303
    assert db.get(Worker, w.id).status == "departed"


def test_a_viewer_sees_the_status_only_and_cannot_post(browser_as, db, leaving):
    w = leaving.worker
    officer, viewer = browser_as("officer"), browser_as("viewer")
    officer.post(
        f"/staff/workers/{w.id}/departure/employment",
        {"reason": "left_job", "employment_ended_on": ENDED.isoformat(), "notes": "Private"},
    )
    section = soup(viewer.get(f"/staff/workers/{w.id}")).select_one("#departure")
    assert "Departure in progress" in section.select_one("#departure-status").text
    assert section.find("a", class_="button") is None
    assert section.find("dl") is None and "Private" not in section.text
    assert _page(viewer, w.id).status_code == 403
    refused = viewer.post(
        f"/staff/workers/{w.id}/departure/close", {"version": _version(officer, w.id)}
    )
    assert refused.status_code == 403
    reads = db.scalars(
        select(AuditEntry.entity).where(AuditEntry.worker_id == w.id, AuditEntry.action == "read")
    ).all()
    assert "worker" in reads and "departure" in reads
