"""A protocol office in Geneva with one room, one officer and an Amharic interpreter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests import factories


@dataclass
class Office:
    location: Any
    room: Any
    officer: Any
    interpreter: Any


@pytest.fixture
def office(db) -> Office:  # type: ignore[no-untyped-def]
    location = factories.interview_location(db)
    return Office(
        location=location,
        room=factories.interview_room(db, location.id),
        officer=factories.interview_officer(db, location.id),
        interpreter=factories.interpreter(db, location.id, languages=["am"]),
    )


@pytest.fixture
def amharic_worker(db):  # type: ignore[no-untyped-def]
    """Speaks Amharic, and English only a little: needs an interpreter in Geneva."""
    m = factories.mission(db)
    return factories.worker(db, m.id)


@pytest.fixture
def english_worker(db):  # type: ignore[no-untyped-def]
    m = factories.mission(db)
    return factories.worker(
        db,
        m.id,
        languages=[
            {"language": "tl", "proficiency": "native"},
            {"language": "en", "proficiency": "good"},
        ],
        preferred_language="tl",
    )


# The signed-in staff browsers of the web tests, for the interview screens.
from tests.web.conftest import browser_as  # noqa: E402, F401
