"""A worker with a concern, and the directory: an NGO (Amharic, Tagalog), a mediation office
and a unit of the ministry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests import factories


@dataclass
class Directory:
    ngo: Any
    mediation: Any
    ministry: Any


@pytest.fixture
def directory(db) -> Directory:  # type: ignore[no-untyped-def]
    return Directory(
        ngo=factories.organisation(db, name="Association Solidarité Maison (test)"),
        mediation=factories.organisation(
            db, kind="mediation", name="Bureau de médiation (test)", languages=["fr", "en"]
        ),
        ministry=factories.organisation(
            db,
            kind="ministry",
            name="Protocol, legal service (test)",
            languages=["de", "fr", "en"],
            outside_ministry=False,
        ),
    )


@pytest.fixture
def worker(db):  # type: ignore[no-untyped-def]
    _mission, _employer, w = factories.household(db)
    return w


@pytest.fixture
def concern(db, worker):  # type: ignore[no-untyped-def]
    return factories.concern(db, worker.id)


# The signed-in staff browsers of the web tests, for the concern screens.
from tests.web.conftest import browser_as  # noqa: E402, F401
