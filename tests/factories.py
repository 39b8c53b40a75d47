"""Small factory functions: real records through the real services."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.audit.service import SYSTEM
from app.auth import service as auth
from app.auth.models import Role, StaffUser
from app.config import get_policy
from app.registry import contracts, service, workers
from app.registry.models import Contract, Employer, Mission, Worker
from app.registry.schemas import ContractCreate, EmployerCreate, MissionCreate, WorkerCreate

_seq = itertools.count(1)
PASSWORD = "correct horse battery staple"


def user_with_token(db: Session, *, role: str = "officer") -> tuple[StaffUser, str]:
    n = next(_seq)
    user = auth.create_user(
        db,
        email=f"{role}{n}@ministry.example",
        role=Role(role),
        password=PASSWORD,
        display_name=f"Test {role} {n}",
    )
    token, _record = auth.create_token(db, user=user, name="tests")
    return user, token


def mission(db: Session, **overrides: Any) -> Mission:
    data = {
        "name": f"Embassy of Testland {next(_seq)}",
        "kind": "embassy",
        "sending_country": "ET",
        **overrides,
    }
    return service.create_mission(db, data=MissionCreate(**data).model_dump(), actor=SYSTEM)


def employer(db: Session, mission_id: int, **overrides: Any) -> Employer:
    data = {
        "mission_id": mission_id,
        "family_name": "Marlowe",
        "given_names": "Adrien",
        **overrides,
    }
    return service.create_employer(db, data=EmployerCreate(**data).model_dump(), actor=SYSTEM)


def worker_data(mission_id: int, **overrides: Any) -> dict[str, Any]:
    return {
        "mission_id": mission_id,
        "family_name": "ተስፋዬ",
        "given_names": "ሰላም",
        "latin_name": "TESFAYE SELAM",
        "date_of_birth": "1990-04-12",
        "nationality": "ET",
        "passport_number": f"EP{next(_seq):07d}",
        "passport_country": "ET",
        "passport_expires_on": (dt.date.today() + dt.timedelta(days=900)).isoformat(),
        "languages": [
            {"language": "am", "proficiency": "native"},
            {"language": "en", "proficiency": "basic"},
        ],
        "preferred_language": "am",
        **overrides,
    }


def worker(db: Session, mission_id: int, **overrides: Any) -> Worker:
    data = WorkerCreate(**worker_data(mission_id, **overrides)).model_dump()
    return workers.create_worker(db, data=data, actor=SYSTEM)


def contract_data(worker_id: int, employer_id: int, **overrides: Any) -> dict[str, Any]:
    return {
        "worker_id": worker_id,
        "employer_id": employer_id,
        "starts_on": "2026-01-01",
        "wage": {"amount": "1500.00", "currency": "CHF", "period": "month", "basis": "net"},
        "weekly_hours": "42",
        "weekly_rest_days": "1.5",
        "paid_leave_weeks": "4",
        "board_and_lodging": True,
        "languages": ["am"],
        **overrides,
    }


def contract(db: Session, worker_id: int, employer_id: int, **overrides: Any) -> Contract:
    data = ContractCreate(**contract_data(worker_id, employer_id, **overrides)).model_dump()
    return contracts.create_contract(db, data=data, policy=get_policy(), actor=SYSTEM)


def household(db: Session) -> tuple[Mission, Employer, Worker]:
    """A mission with one employer and one worker."""
    m = mission(db)
    return m, employer(db, m.id), worker(db, m.id)


__all__ = ["PASSWORD", "Decimal", "household"]


# Interviews (appended) ------------------------------------------------------------------


def interview_location(db: Session, **overrides: Any) -> Any:
    """The protocol office in Geneva unless told otherwise."""
    from app.interviews import resources
    from app.interviews.models import InterviewLocation
    from app.interviews.schemas import LocationCreate

    data = {
        "name": f"Protocol office {next(_seq)}",
        "kind": "office",
        "country": "CH",
        "time_zone": "Europe/Zurich",
        "working_languages": ["fr", "de", "it", "en", "es", "pt"],
        **overrides,
    }
    return resources.create_resource(
        db, InterviewLocation, data=LocationCreate(**data).model_dump(), actor=SYSTEM
    )


def interview_room(db: Session, location_id: int, **overrides: Any) -> Any:
    from app.interviews import resources
    from app.interviews.models import InterviewRoom

    data = {"location_id": location_id, "name": f"Room {next(_seq)}", **overrides}
    return resources.create_resource(db, InterviewRoom, data=data, actor=SYSTEM)


def interview_officer(db: Session, location_id: int, **overrides: Any) -> Any:
    from app.interviews import resources
    from app.interviews.models import InterviewOfficer

    if "staff_user_id" not in overrides:
        overrides["staff_user_id"] = user_with_token(db, role="officer")[0].id
    data = {"location_id": location_id, "working_hours": None, **overrides}
    return resources.create_resource(db, InterviewOfficer, data=data, actor=SYSTEM)


def interpreter(db: Session, location_id: int, **overrides: Any) -> Any:
    from app.interviews import resources
    from app.interviews.models import Interpreter

    data = {
        "location_id": location_id,
        "name": f"Interpreter {next(_seq)}",
        "languages": ["am", "en"],
        "availability": None,
        **overrides,
    }
    return resources.create_resource(db, Interpreter, data=data, actor=SYSTEM)


def identity_card(db: Session, worker_id: int, expires_on: dt.date, **overrides: Any) -> Any:
    from app.interviews.models import IdentityCard

    card = IdentityCard(
        worker_id=worker_id,
        number=f"CH-{next(_seq):08d}",
        issued_on=expires_on - dt.timedelta(days=365),
        expires_on=expires_on,
        **overrides,
    )
    db.add(card)
    db.flush()
    return card


# Concerns (appended) --------------------------------------------------------------------


def organisation(db: Session, **overrides: Any) -> Any:
    """An NGO outside the ministry that serves Amharic and Tagalog, unless told otherwise."""
    from app.concerns.organisations import create_organisation
    from app.concerns.schemas import OrganisationCreate

    data = {
        "kind": "ngo",
        "name": f"Association Test {next(_seq)}",
        "languages": ["am", "tl", "en"],
        "phone": "+41 22 555 42 42",
        "email": "help@ngo.example",
        **overrides,
    }
    return create_organisation(db, data=OrganisationCreate(**data).model_dump(), actor=SYSTEM)


def concern(db: Session, worker_id: int, **overrides: Any) -> Any:
    """An open concern about the worker (a help request unless told otherwise)."""
    from app.concerns.models import ConcernSeverity
    from app.concerns.service import open_concern

    data: dict[str, Any] = {
        "source": "help_request",
        "severity": ConcernSeverity.medium,
        "summary": "The worker phoned: her passport is kept by the employer.",
        **overrides,
    }
    return open_concern(db, worker_id=worker_id, actor=SYSTEM, **data)
