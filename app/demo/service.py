"""`hestia demo`: a realistic, fictional data set to try Hestia on."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from app.audit.service import SYSTEM
from app.config import Policy
from app.demo.data import EMPLOYER_FAMILY, EMPLOYER_GIVEN, NATIONALITIES, ORGANISATIONS, POSITIONS
from app.demo.directory import seed_directory
from app.registry import contracts, service, workers
from app.registry.models import Mission
from app.registry.schemas import ContractCreate, MissionCreate, WorkerCreate


def _valid(schema: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """Demo data goes through the same checks as what staff type."""
    return schema.model_validate(data).model_dump()


def _passport(rng: random.Random, country: str) -> str:
    return f"{country}{rng.randint(1000000, 9999999)}"


def load_demo(session: Session, *, policy: Policy, seed: int = 7) -> dict[str, int]:
    """Missions, employers, workers and contracts of many nationalities; some break the policy."""
    _interview_resources(session, policy)
    seed_directory(session)  # the organisations concerns are referred to
    if session.scalar(select(func.count()).select_from(Mission)):
        return {"missions": 0, "employers": 0, "workers": 0, "contracts": 0}
    rng = random.Random(seed)
    today = dt.date.today()
    counts = {"missions": 0, "employers": 0, "workers": 0, "contracts": 0}
    for name, kind in ORGANISATIONS:
        service.create_mission(
            session,
            data={
                "name": name,
                "kind": kind,
                "sending_country": None,
                "address": "Route de la Démo 1, 1211 Genève",
                "email": None,
                "phone": None,
            },
            actor=SYSTEM,
        )
        counts["missions"] += 1
    for index, nat in enumerate(NATIONALITIES):
        mission = service.create_mission(
            session,
            data=_valid(
                MissionCreate,
                {
                    "name": str(nat["mission"]),
                    "kind": "embassy",
                    "sending_country": nat["country"],
                    "address": f"Demo Street {index + 1}, 3000 Bern",
                    "email": f"protocol@{str(nat['country']).lower()}-embassy.example",
                    "phone": f"+41 31 555 {10 + index:02d} {10 + index:02d}",
                },
            ),
            actor=SYSTEM,
        )
        counts["missions"] += 1
        families: list[str] = nat["family"]  # type: ignore[assignment]
        for slot in range(len(families)):
            employer = service.create_employer(
                session,
                data={
                    "mission_id": mission.id,
                    "family_name": rng.choice(EMPLOYER_FAMILY),
                    "given_names": rng.choice(EMPLOYER_GIVEN),
                    "position": rng.choice(POSITIONS),
                    "email": None,
                    "phone": None,
                },
                actor=SYSTEM,
            )
            counts["employers"] += 1
            worker = workers.create_worker(
                session,
                data=_valid(WorkerCreate, _worker(rng, nat, mission.id, slot, today)),
                actor=SYSTEM,
            )
            counts["workers"] += 1
            contract = _contract(rng, nat, policy, worker.id, employer.id, today, slot)
            contracts.create_contract(
                session, data=_valid(ContractCreate, contract), policy=policy, actor=SYSTEM
            )
            counts["contracts"] += 1
    return counts


def _worker(
    rng: random.Random, nat: dict[str, Any], mission_id: int, slot: int, today: dt.date
) -> dict[str, Any]:
    latin = None
    if nat["latin_family"]:
        given = (nat["latin_given"] or nat["given"])[slot]
        latin = f"{nat['latin_family'][slot]} {given}"
    return {
        "mission_id": mission_id,
        "family_name": nat["family"][slot],
        "given_names": nat["given"][slot],
        "latin_name": latin,
        "date_of_birth": dt.date(rng.randint(1970, 2000), rng.randint(1, 12), rng.randint(1, 28)),
        "nationality": nat["country"],
        "passport_number": _passport(rng, nat["country"]),
        "passport_country": nat["country"],
        "passport_expires_on": today + dt.timedelta(days=rng.randint(200, 3000)),
        "languages": [{"language": code, "proficiency": level} for code, level in nat["languages"]],
        "preferred_language": nat["preferred"],
        "phone": f"+41 79 555 {rng.randint(10, 99)} {rng.randint(10, 99)}",
        "address": f"c/o residence, Demo Avenue {rng.randint(1, 80)}, 3006 Bern",
    }


def _contract(
    rng: random.Random,
    nat: dict[str, Any],
    policy: Policy,
    worker_id: int,
    employer_id: int,
    today: dt.date,
    slot: int,
) -> dict[str, Any]:
    # Every third contract breaks a rule, so the flags have something to show.
    breaks = slot == 2 or rng.random() < 0.2
    minimum = policy.wage.minimum
    wage = (
        minimum * Decimal("0.8") if breaks else minimum * Decimal(1 + rng.randint(0, 6) / 10)
    ).quantize(Decimal("0.05"))
    first_language = nat["languages"][0][0]
    return {
        "worker_id": worker_id,
        "employer_id": employer_id,
        "starts_on": today - dt.timedelta(days=rng.randint(30, 700)),
        "ends_on": None,
        "wage": {
            "amount": wage,
            "currency": policy.host.currency,
            "period": policy.wage.period.value,
            "basis": policy.wage.basis.value,
        },
        "weekly_hours": Decimal(50) if breaks else Decimal(rng.choice([40, 42, 45])),
        "weekly_rest_days": Decimal("1.5"),
        "paid_leave_weeks": Decimal(4),
        "board_and_lodging": True,
        "languages": ["fr"] if breaks else [first_language, "fr"],
    }


# Interviews: a protocol office with two rooms and an Amharic interpreter ---------------------

DEMO_OFFICE = "Protocol office (demo), Bern"
DEMO_OFFICER_EMAIL = "officer@hestia.example"


def _interview_resources(session: Session, policy: Policy) -> None:
    """The demo's interview location, rooms and interpreter, once; and, when the session
    commits, an interviewing-officer profile for the demo officer (`hestia demo` creates the
    demo users after the data, in the same transaction)."""
    from app.interviews import resources
    from app.interviews.models import Interpreter, InterviewLocation, InterviewRoom

    location = session.scalars(
        select(InterviewLocation).where(InterviewLocation.name == DEMO_OFFICE)
    ).first()
    if location is None:
        location = resources.create_resource(
            session,
            InterviewLocation,
            data={
                "name": DEMO_OFFICE,
                "kind": "office",
                "address": "Demo Square 1, 3003 Bern",
                "country": "CH",
                "subdivision": "BE",
                "time_zone": "Europe/Zurich",
                "working_languages": ["de", "fr", "it", "en", "es", "pt"],
                "office_hours": None,
            },
            actor=SYSTEM,
        )
        for name in ("Room 1", "Room 2"):
            resources.create_resource(
                session,
                InterviewRoom,
                data={"location_id": location.id, "name": name},
                actor=SYSTEM,
            )
        resources.create_resource(
            session,
            Interpreter,
            data={
                "location_id": location.id,
                "name": "Hana Bekele (demo interpreter)",
                "languages": ["am", "ti", "en"],
                "availability": None,
            },
            actor=SYSTEM,
        )
    location_id = location.id

    def attach_officer(commit_session: Session) -> None:
        _demo_officer(commit_session, location_id)
        _lifecycle(commit_session, policy)

    _demo_officer(session, location_id)
    event.listen(session, "before_commit", attach_officer, once=True)


def _demo_officer(session: Session, location_id: int) -> None:
    """Make the demo officer an interviewer at the demo office, if they exist and are not yet."""
    from app.auth.models import StaffUser
    from app.interviews.models import InterviewOfficer

    user = session.scalars(select(StaffUser).where(StaffUser.email == DEMO_OFFICER_EMAIL)).first()
    if user is None:
        return
    exists = session.scalar(
        select(InterviewOfficer.id).where(InterviewOfficer.staff_user_id == user.id)
    )
    if exists is None:
        session.add(InterviewOfficer(staff_user_id=user.id, location_id=location_id))
        session.flush()


def _lifecycle(session: Session, policy: Policy) -> None:
    """Workers at each stage (app.demo.lifecycle), once, when the demo officer exists."""
    from app.auth.models import StaffUser
    from app.demo.departures import seed_departure
    from app.demo.lifecycle import seed_lifecycle
    from app.interviews.models import IdentityCard, InterviewOfficer

    if session.scalar(select(IdentityCard.id).limit(1)) is not None:
        return
    officer = session.scalars(
        select(InterviewOfficer)
        .join(StaffUser, StaffUser.id == InterviewOfficer.staff_user_id)
        .where(StaffUser.email == DEMO_OFFICER_EMAIL)
    ).first()
    if officer is not None:
        seed_lifecycle(session, policy=policy, officer=officer)
        seed_departure(session, policy=policy, officer=officer)
