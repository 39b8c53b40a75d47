"""The concern screens: the list, one concern and its forms, opening one from the worker's
file, the section on that file, the dashboard panels and the organisation directory."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.concerns.models import Concern, Organisation, Referral
from app.concerns.referrals import escalate_stalled
from tests import factories
from tests.web.conftest import soup


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return " ".join(soup(response).get_text().split())


def test_opening_a_concern_page_is_audited_as_a_read_of_the_workers_file(browser_as, db, concern):
    browser = browser_as("officer")
    page = browser.get(f"/staff/concerns/{concern.id}")
    assert page.status_code == 200
    text = _text(page)
    assert "her passport is kept by the employer" in text
    assert "Help request" in text and "Opened." in text
    reads = db.scalars(
        select(AuditEntry).where(AuditEntry.entity == "concern", AuditEntry.action == "read")
    ).all()
    assert [(r.worker_id, r.entity_id, r.actor) for r in reads] == [
        (concern.worker_id, concern.id, browser.user.email)
    ]


def test_an_officer_records_consent_refers_and_closes_through_the_forms(
    browser_as, db, concern, directory
):
    browser = browser_as("officer")
    url = f"/staff/concerns/{concern.id}"
    consent = browser.post(
        f"{url}/consents",
        {
            "consent_organisation_id": "",
            "given_on": dt.date.today().isoformat(),
            "method": "at_interview",
            "consent_note": "Agreed in Amharic, through the interpreter.",
        },
    )
    assert consent.status_code == 303, consent.text
    page = browser.get(consent.headers["location"])
    assert "The worker's consent is recorded." in _text(page)
    assert "For any organisation outside the ministry" in _text(page)

    version = db.get(Concern, concern.id).version
    referred = browser.post(
        f"{url}/referrals",
        {
            "organisation_id": str(directory.ngo.id),
            "shared": ["identity", "contact"],
            "referral_note": "The NGO will call her on Tuesday.",
            "version": str(version),
        },
    )
    assert referred.status_code == 303, referred.text
    page = soup(browser.get(referred.headers["location"]))
    article = page.select_one("#referrals article")
    assert directory.ngo.name in article.get_text()
    assert "The worker's consent" in article.get_text()
    assert "The NGO will call her on Tuesday." in page.select_one(".timeline").get_text()

    version = db.get(Concern, concern.id).version
    closed = browser.post(
        f"{url}/close",
        {"outcome": "resolved", "outcome_note": "Passport back.", "version": str(version)},
    )
    assert closed.status_code == 303
    page = browser.get(closed.headers["location"])
    text = _text(page)
    assert "The concern is closed." in text and "Resolved: the problem was put right" in text
    assert not soup(page).find("form", attrs={"action": f"{url}/close"})


def test_a_referral_without_consent_is_refused_on_the_form_with_what_was_typed_kept(
    browser_as, db, concern, directory
):
    browser = browser_as("officer")
    refused = browser.post(
        f"/staff/concerns/{concern.id}/referrals",
        {
            "organisation_id": str(directory.ngo.id),
            "shared": ["identity"],
            "referral_note": "Urgent: she asked for a shelter.",
        },
    )
    assert refused.status_code == 422
    page = soup(refused)
    field = page.find(id="f-organisation_id").find_parent(class_="field")
    assert "has not consented" in field.get_text()
    assert page.find(id="f-referral_note").get_text() == "Urgent: she asked for a shelter."
    assert page.find(id="f-shared-identity").has_attr("checked")
    assert page.find(id="error-summary") is not None
    assert db.scalars(select(Referral)).all() == []


def test_only_supervisors_are_offered_the_override_and_an_officers_is_refused(
    browser_as, db, concern, directory
):
    officer = browser_as("officer")
    assert soup(officer.get(f"/staff/concerns/{concern.id}")).find(id="f-override_reason") is None
    refused = officer.post(
        f"/staff/concerns/{concern.id}/referrals",
        {
            "organisation_id": str(directory.ngo.id),
            "shared": ["identity"],
            "override_reason": "She is in danger and cannot be asked.",
        },
    )
    assert refused.status_code == 403
    assert "Only a supervisor" in _text(refused)
    assert db.scalars(select(Referral)).all() == []

    supervisor = browser_as("supervisor")
    page = soup(supervisor.get(f"/staff/concerns/{concern.id}"))
    assert page.find(id="f-override_reason") is not None
    done = supervisor.post(
        f"/staff/concerns/{concern.id}/referrals",
        {
            "organisation_id": str(directory.ngo.id),
            "shared": ["identity"],
            "override_reason": "She is in danger and cannot be asked.",
        },
    )
    assert done.status_code == 303, done.text
    text = _text(supervisor.get(done.headers["location"]))
    assert "A supervisor's override: She is in danger and cannot be asked." in text
    assert db.scalars(select(AuditEntry).where(AuditEntry.action == "override")).one()


def test_closing_without_an_outcome_is_refused_on_the_form(browser_as, db, concern):
    browser = browser_as("officer")
    refused = browser.post(
        f"/staff/concerns/{concern.id}/close", {"outcome": "", "outcome_note": "All good now."}
    )
    assert refused.status_code == 422
    page = soup(refused)
    field = page.find(id="f-outcome").find_parent(class_="field")
    assert "closed only with an outcome" in field.get_text()
    assert page.find(id="f-outcome_note").get_text() == "All good now."
    assert db.get(Concern, concern.id).status == "open"


def test_progress_on_a_referral_is_recorded_from_its_form(browser_as, db, concern, directory):
    browser = browser_as("officer")
    referral = browser.post(
        f"/staff/concerns/{concern.id}/referrals", {"organisation_id": str(directory.mediation.id)}
    )
    assert referral.status_code == 303
    made = db.scalars(select(Referral)).one()
    empty = browser.post(
        f"/staff/concerns/{concern.id}/referrals/{made.id}/progress",
        {f"progress-{made.id}": ""},
    )
    assert empty.status_code == 422
    assert soup(empty).find(id=f"e-progress-{made.id}") is not None
    moved = browser.post(
        f"/staff/concerns/{concern.id}/referrals/{made.id}/progress",
        {f"progress-{made.id}": "Both sides met on Monday.", "version": str(made.version)},
    )
    assert moved.status_code == 303
    assert "Both sides met on Monday." in _text(browser.get(moved.headers["location"]))
    assert db.get(Referral, made.id).status == "in_progress"


def test_assigning_and_grading_from_the_concern_page(browser_as, db, concern):
    browser = browser_as("officer")
    saved = browser.post(
        f"/staff/concerns/{concern.id}",
        {
            "assigned_to_user_id": str(browser.user.id),
            "severity": "high",
            "note": "Taking this one.",
            "version": str(concern.version),
        },
    )
    assert saved.status_code == 303, saved.text
    stored = db.get(Concern, concern.id)
    assert (stored.assigned_to_user_id, stored.severity) == (browser.user.id, "high")
    text = _text(browser.get(saved.headers["location"]))
    assert f"Assigned to {browser.user.display_name}." in text
    assert "Severity changed from Medium to High." in text
    stale = browser.post(
        f"/staff/concerns/{concern.id}",
        {"assigned_to_user_id": "", "severity": "low", "version": str(concern.version - 1)},
    )
    assert stale.status_code == 409


def test_the_list_shows_supervisors_every_open_concern_oldest_first_with_its_age(
    browser_as, db, worker
):
    supervisor = browser_as("supervisor")
    officer = browser_as("officer")
    colleague = browser_as("officer")
    old = factories.concern(db, worker.id, source="overdue")
    old.opened_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=12)
    theirs = factories.concern(db, worker.id, assigned_to_user_id=colleague.user.id)
    theirs.opened_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    closed = factories.concern(db, worker.id)
    closed.status, closed.outcome, closed.closed_at = "closed", "unfounded", dt.datetime.now(dt.UTC)
    db.flush()

    rows = soup(supervisor.get("/staff/concerns")).select("tbody tr")
    assert [r.find("a")["href"] for r in rows] == [
        f"/staff/concerns/{old.id}",
        f"/staff/concerns/{theirs.id}",
    ]
    assert "12 days" in rows[0].get_text()
    # An officer starts from their own and those nobody has taken; "anyone" shows all.
    mine = soup(officer.get("/staff/concerns")).select("tbody tr a[href^='/staff/concerns/']")
    assert [a["href"] for a in mine] == [f"/staff/concerns/{old.id}"]
    everyone = soup(officer.get("/staff/concerns?assigned=any&status=any")).select("tbody tr")
    assert len(everyone) == 3


def test_the_workers_file_shows_concerns_to_officers_and_only_that_they_exist_to_viewers(
    browser_as, concern
):
    officer = soup(browser_as("officer").get(f"/staff/workers/{concern.worker_id}"))
    section = officer.select_one("#concerns")
    assert "her passport is kept by the employer" in section.get_text()
    assert section.find("a", href=f"/staff/workers/{concern.worker_id}/concerns/new")
    viewer = browser_as("viewer")
    section = soup(viewer.get(f"/staff/workers/{concern.worker_id}")).select_one("#concerns")
    text = " ".join(section.get_text().split())
    assert "1 concern is being followed up" in text
    assert "passport" not in text and section.find("a") is None
    assert viewer.get(f"/staff/concerns/{concern.id}").status_code == 403
    assert viewer.get("/staff/concerns").status_code == 403
    assert soup(viewer.get("/staff/")).find("a", href="/staff/concerns") is None


def test_an_officer_opens_a_concern_from_the_workers_file_once(browser_as, db, worker):
    browser = browser_as("officer")
    form = soup(browser.get(f"/staff/workers/{worker.id}/concerns/new"))
    form_id = form.find("input", attrs={"name": "form_id"})["value"]
    body = {
        "form_id": form_id,
        "source": "help_request",
        "severity": "high",
        "summary": "",
        "assigned_to_user_id": str(browser.user.id),
    }
    missing = browser.post(f"/staff/workers/{worker.id}/concerns", body)
    assert missing.status_code == 422
    assert soup(missing).find(id="e-summary") is not None
    body["summary"] = "She called the hotline from a neighbour's phone."
    first = browser.post(f"/staff/workers/{worker.id}/concerns", body)
    second = browser.post(f"/staff/workers/{worker.id}/concerns", body)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"].split("?")[0] == second.headers["location"].split("?")[0]
    (made,) = db.scalars(select(Concern).where(Concern.worker_id == worker.id)).all()
    assert (made.source, made.severity, made.assigned_to_user_id) == (
        "help_request",
        "high",
        browser.user.id,
    )


def test_the_dashboard_shows_open_concerns_by_age_and_escalated_mediations(
    browser_as, db, officer, concern, directory
):
    referral = officer.post(
        f"/api/v1/concerns/{concern.id}/referrals", json={"organisation_id": directory.mediation.id}
    ).json()
    escalate_stalled(db, today=dt.date.fromisoformat(referral["deadline_on"]) + dt.timedelta(1))
    page = soup(browser_as("viewer").get("/staff/"))
    panels = {p.find("h2")["id"]: p for p in page.select("section.panel")}
    assert panels["p-concerns"].find("a", href=f"/staff/concerns/{concern.id}")
    assert "0 days" in panels["p-concerns"].get_text()
    escalated = panels["p-escalated"]
    assert directory.mediation.name in escalated.get_text()


def test_the_directory_is_read_by_officers_and_kept_by_supervisors(browser_as, db, directory):
    officer = browser_as("officer")
    listing = soup(officer.get("/staff/organisations?language=tl"))
    assert [td.get_text(strip=True) for td in listing.select("tbody tr td:first-child")] == [
        directory.ngo.name
    ]
    assert listing.find("a", href="/staff/organisations/new") is None
    assert officer.get("/staff/organisations/new").status_code == 403
    assert officer.post("/staff/organisations", {"name": "X", "kind": "ngo"}).status_code == 403

    supervisor = browser_as("supervisor")
    form = soup(supervisor.get("/staff/organisations/new"))
    form_id = form.find("input", attrs={"name": "form_id"})["value"]
    body = {
        "form_id": form_id,
        "name": "Kabalikat (test)",
        "kind": "ngo",
        "languages": "tl, xx",
        "outside_ministry": "true",
        "active": "true",
    }
    bad = supervisor.post("/staff/organisations", body)
    assert bad.status_code == 422
    assert "Unknown language code" in soup(bad).find(id="e-languages").get_text()
    assert soup(bad).find(id="f-languages")["value"] == "tl, xx"
    body["languages"] = "tl, en"
    made = supervisor.post("/staff/organisations", body)
    assert made.status_code == 303
    stored = db.scalars(select(Organisation).where(Organisation.name == "Kabalikat (test)")).one()
    assert stored.languages == ["tl", "en"] and stored.outside_ministry is True
