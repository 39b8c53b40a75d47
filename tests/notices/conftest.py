"""A protocol office in Geneva, a worker whose mission has an email address, and a day on the
other side of a daylight-saving change from today; a real SMTP server for the mail tests."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from pypdf import PdfReader

from app.pdf import render as pdf
from tests import factories
from tests.outbox.conftest import committed, mail_settings, smtp
from tests.web.conftest import browser_as

__all__ = ["browser_as", "committed", "mail_settings", "smtp"]

ZONE = zoneinfo.ZoneInfo("Europe/Zurich")
MISSION_EMAIL = "protocol@testland.example"


@pytest.fixture(scope="session", autouse=True)
def _stop_pdf_workers() -> Iterator[None]:
    yield
    pdf.shutdown()


@dataclass
class Office:
    location: Any
    room: Any
    officer: Any
    interpreter: Any


def make_office(db: Any) -> Office:
    location = factories.interview_location(
        db, address="Rue de l'Exemple 4, 1202 Genève", subdivision="GE"
    )
    return Office(
        location=location,
        room=factories.interview_room(db, location.id, name="Salle 3"),
        officer=factories.interview_officer(db, location.id),
        interpreter=factories.interpreter(db, location.id, languages=["am"]),
    )


@pytest.fixture
def office(db) -> Office:  # type: ignore[no-untyped-def]
    return make_office(db)


def make_worker(db: Any, *, email: str | None = MISSION_EMAIL, **worker: Any) -> Any:
    """An Amharic-speaking worker (little English) of a mission with, or without, an email."""
    mission = factories.mission(db, email=email, address="Testweg 9, 3006 Bern")
    return factories.worker(db, mission.id, **worker)


@pytest.fixture
def worker(db):  # type: ignore[no-untyped-def]
    return make_worker(db)


def across_daylight_saving(today: dt.date | None = None) -> dt.date:
    """A Wednesday next year in the other season: July when it is winter now, else January.

    The interview is booked today and held then, so the clocks change in between.
    """
    today = today or dt.date.today()
    now_is_summer = bool(dt.datetime.now(ZONE).dst())
    month = 1 if now_is_summer else 7
    day = dt.date(today.year + 1, month, 8)
    while day.weekday() != 2:  # a Wednesday, after the New Year holidays
        day += dt.timedelta(days=1)
    return day


def ten_oclock(day: dt.date) -> str:
    """10:00 on that day as a wall time of the location (no offset)."""
    return dt.datetime.combine(day, dt.time(10, 0)).isoformat()


def wrong_hours(day: dt.date) -> list[str]:
    """What a UTC time, or one shifted by the other season's offset, would show instead."""
    local = dt.datetime.combine(day, dt.time(10, 0), ZONE)
    utc = local.astimezone(dt.UTC).strftime("%H:%M")
    return sorted({utc, "09:00", "11:00"} - {"10:00"})


def book(client: Any, worker: Any, office: Office, starts_at: str, kind: str = "welfare") -> Any:
    return client.post(
        "/api/v1/interviews",
        json={
            "worker_id": worker.id,
            "kind": kind,
            "location_id": office.location.id,
            "starts_at": starts_at,
        },
    )


def pdf_text(data: bytes) -> str:
    """The text of a PDF, as pdftotext reads it (the tool the brief names)."""
    import subprocess

    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return done.stdout.decode("utf-8")


def pdf_language(data: bytes) -> str:
    return str(PdfReader(io.BytesIO(data)).trailer["/Root"].get("/Lang", ""))
