"""An officer books an interview with an Amharic interpreter for an Amharic-speaking demo
worker, finds it in the week view, holds and records it with a concern raised; axe-core finds
nothing serious on the interview pages."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys

import icalendar
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from app.leaflets.service import leaflet_version_for
from tests.browser.conftest import (
    let_time_pass,
    live_database_url,
    serious_violations,
    sign_in,
)
from tests.outbox.conftest import smtp

__all__ = ["smtp"]

pytestmark = pytest.mark.browser


def test_book_with_an_amharic_interpreter_see_it_in_the_week_hold_and_record_it(
    page, live_server, smtp
):
    base = live_server
    sign_in(page, base, "officer@hestia.example")
    page.get_by_role("link", name="Workers", exact=True).click()
    page.get_by_label("Name").fill("TESFAYE")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="ተስፋዬ, ሰላም").click()
    page.get_by_role("link", name="Book an interview").click()
    page.get_by_label("Kind of interview").select_option(label="Welfare (ad hoc)")
    page.get_by_label("Location").select_option(label="Protocol office (demo), Bern")
    page.get_by_role("button", name="Find free slots").click()
    assert "Europe/Zurich" in page.locator("#h-slots + p").inner_text()
    first = page.locator("#h-slots ~ table tbody tr").first
    assert "Hana Bekele (demo interpreter) (Amharic)" in first.inner_text()
    assert "(Europe/Zurich)" in first.inner_text()
    assert serious_violations(page) == []
    first.get_by_role("button").click()

    expect(page.get_by_text("The interview is booked.")).to_be_visible()
    assert "Hana Bekele" in page.locator("dl.facts").inner_text()
    interview_url = page.url.split("?")[0]
    interview_id = int(interview_url.rsplit("/", 1)[1])
    page_time = page.locator("dl.facts time").get_attribute("datetime")
    local_day = page_time[:10]
    when = page.locator("dl.facts time").inner_text()
    assert when.endswith("(Europe/Zurich)")
    assert serious_violations(page) == []

    # The mission's formal note and the worker's slip (in Amharic) come out as PDFs.
    links = page.locator("#h-notices + ul a")
    note = page.request.get(base + links.nth(0).get_attribute("href"))
    slip = page.request.get(base + links.nth(1).get_attribute("href"))
    for pdf in (note, slip):
        assert pdf.headers["content-type"] == "application/pdf" and pdf.body()[:5] == b"%PDF-"
    assert PdfReader(io.BytesIO(slip.body())).trailer["/Root"]["/Lang"] == "am"
    # The email with the note reaches a local SMTP server once, however often the outbox runs.
    for _ in range(2):
        sent = subprocess.run(
            [sys.executable, "-m", "app", "outbox", "send"],
            env={
                **os.environ,
                "HESTIA_DATABASE_URL": live_database_url(),
                "HESTIA_SMTP_PORT": str(smtp[1].port),
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert sent.returncode == 0, sent.stderr
    attachment = f"note-invitation-{interview_id}.pdf"
    received = [
        m
        for m in smtp[0].messages
        if any(a.get_filename() == attachment for a in m.iter_attachments())
    ]
    assert len(received) == 1
    assert received[0]["To"] == "protocol@et-embassy.example"

    page.get_by_role("link", name="Interviews", exact=True).click()
    page.get_by_role("link", name="Calendars").click()
    page.get_by_role("link", name="My week").click()
    page.goto(f"{page.url.split('?')[0]}?view=week&day={local_day}")
    entry = page.locator(".calendar-day li", has_text="ተስፋዬ, ሰላም")
    assert entry.count() == 1
    assert re.match(r"\d\d:\d\d–\d\d:\d\d \(Europe/Zurich\)", entry.inner_text())
    assert serious_violations(page) == []

    # The officer's calendar feed (a secret address, shown once) has the interview.
    page.get_by_role("link", name="Interviews", exact=True).click()
    page.get_by_role("link", name="Calendars").click()
    page.get_by_role("link", name="My calendar feed").click()
    page.get_by_role("button", name="Make a feed address").click()
    feed_url = page.get_by_label("Feed address").input_value()
    assert serious_violations(page) == []
    feed = icalendar.Calendar.from_ical(page.request.get(feed_url).body())
    starts = [e.decoded("DTSTART") for e in feed.walk("VEVENT")]
    booked_at = dt.datetime.fromisoformat(page_time)
    assert any(s == booked_at for s in starts), (starts, booked_at)

    let_time_pass(interview_id)
    page.goto(interview_url)
    page.get_by_role("button", name="Mark as held").click()
    expect(page.get_by_text("The interview is marked as held.")).to_be_visible()
    assert page.get_by_label("Language of the interview (code)").input_value() == "am"
    assert page.get_by_label("Leaflet language (code)").input_value() == "am"
    page.get_by_label("Identity checked against the passport").check()
    page.get_by_label("Retention of identity documents").check()
    page.get_by_label("The worker's own words").fill("ፓስፖርቴ ከአሠሪዬ ጋር ነው። My passport is kept.")
    # The version of the Amharic leaflet given out now is filled in.
    assert page.get_by_label("Leaflet version").input_value() == leaflet_version_for("am")
    page.get_by_label("Outcome").select_option(label="Referral")
    due = (dt.date.today() + dt.timedelta(days=60)).isoformat()
    page.get_by_label("Next interview due on").fill(due)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Save the record").click()

    expect(page.get_by_text("The interview is recorded.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"A concern was opened"))).to_be_visible()
    assert "Retention of identity documents" in page.locator(".flags").inner_text()
    assert "My passport is kept." in page.locator("blockquote").inner_text()
    assert serious_violations(page) == []

    page.goto(f"{base}/staff/interviews")
    assert serious_violations(page) == []
