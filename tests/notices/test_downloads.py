"""The notices on the staff surface: who may download them, the audit of each download, and
what the interview page shows (links, the email's status)."""

from __future__ import annotations

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.outbox.models import OutboxMessage
from tests.notices.conftest import (
    across_daylight_saving,
    book,
    pdf_language,
    pdf_text,
    ten_oclock,
)
from tests.web.conftest import soup


def _booked(officer, office, worker) -> int:  # type: ignore[no-untyped-def]
    response = book(officer, worker, office, ten_oclock(across_daylight_saving()))
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


PAPERS = ("note.pdf", "slip.pdf", "guide.pdf")


def test_viewers_and_anonymous_visitors_get_no_paper(
    officer, browser_as, anonymous, office, worker
):
    interview_id = _booked(officer, office, worker)
    viewer = browser_as("viewer")
    for paper in PAPERS:
        url = f"/staff/interviews/{interview_id}/{paper}"
        assert viewer.get(url).status_code == 403, paper
        refused = anonymous.get(url, follow_redirects=False)
        assert refused.status_code == 303 and "/staff/login" in refused.headers["location"]
    # The viewer sees the interview, but not the papers' panel.
    page = soup(viewer.get(f"/staff/interviews/{interview_id}"))
    assert page.find(id="notices") is None


def test_each_download_is_audited_as_a_read_of_the_worker_s_file(
    officer, browser_as, db, office, worker
):
    interview_id = _booked(officer, office, worker)
    supervisor = browser_as("supervisor")
    for paper, entity in zip(
        PAPERS, ("interview_note", "interview_slip", "interview_guide"), strict=True
    ):
        response = supervisor.get(f"/staff/interviews/{interview_id}/{paper}")
        assert response.status_code == 200, paper
        assert response.headers["content-type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        entries = db.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == entity,
                AuditEntry.action == "read",
                AuditEntry.entity_id == interview_id,
                AuditEntry.actor_user_id == supervisor.user.id,
            )
        ).all()
        assert [e.worker_id for e in entries] == [worker.id], paper


def test_the_slip_is_in_the_worker_s_language_unless_another_is_asked_for(
    browser_as, officer, office, worker
):
    interview_id = _booked(officer, office, worker)
    browser = browser_as("officer")
    own = browser.get(f"/staff/interviews/{interview_id}/slip.pdf")
    assert own.headers["content-language"] == "am"
    assert pdf_language(own.content) == "am"
    assert "ብቻዎን ይምጡ" in pdf_text(own.content)
    french = browser.get(f"/staff/interviews/{interview_id}/slip.pdf?lang=fr&size=a4")
    assert pdf_language(french.content) == "fr"
    assert "Venez seul ou seule" in pdf_text(french.content)
    assert browser.get(f"/staff/interviews/{interview_id}/slip.pdf?lang=xx").status_code == 404
    assert browser.get(f"/staff/interviews/{interview_id}/slip.pdf?size=a3").status_code == 404
    assert browser.get("/staff/interviews/999999/slip.pdf").status_code == 404


def test_the_guide_is_in_the_officer_s_language_beside_the_worker_s(
    browser_as, officer, office, worker
):
    interview_id = _booked(officer, office, worker)
    browser = browser_as("officer")
    browser.client.cookies.set("hestia_lang", "it")
    guide = browser.get(f"/staff/interviews/{interview_id}/guide.pdf")
    assert guide.status_code == 200
    assert pdf_language(guide.content) == "it"
    text = " ".join(pdf_text(guide.content).split())
    assert "Guida al colloquio" in text
    assert "Per favore, mi mostri il suo passaporto." in text
    assert "እባክዎ ፓስፖርትዎን ያሳዩኝ።" in text


def test_the_interview_page_links_the_papers_and_shows_the_email_status(
    browser_as, officer, db, office, worker
):
    interview_id = _booked(officer, office, worker)
    browser = browser_as("officer")
    page = soup(browser.get(f"/staff/interviews/{interview_id}"))
    panel = page.find(id="notices")
    assert panel is not None
    links = {a["href"] for a in panel.find_all("a")}
    for paper in PAPERS:
        assert f"/staff/interviews/{interview_id}/{paper}" in links
    assert f"/staff/interviews/{interview_id}/slip.pdf?lang=ar" in links
    assert "Formal note to the mission (PDF, German)" in panel.get_text()
    assert "Queued" in panel.select_one("table.emails").get_text()
    # Once the mail server has it, the page says so.
    message = db.scalars(
        select(OutboxMessage).where(
            OutboxMessage.idempotency_key == f"note:interview:{interview_id}:invitation"
        )
    ).one()
    message.status = "sent"
    db.flush()
    page = soup(browser.get(f"/staff/interviews/{interview_id}"))
    assert "Sent" in page.select_one("#notices table.emails").get_text()
