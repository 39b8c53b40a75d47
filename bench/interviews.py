"""Issue 4's targets on PostgreSQL: the earliest slots for one worker in under 50 ms with a year
of bookings for 10 officers, 5 rooms and 30 interpreters; 10,000 renewal interviews planned over
a year in under 10 s.

    .venv/bin/python bench/interviews.py [--renewals 10000] [--runs 50]

Creates its own database on the server of HESTIA_BENCH_DATABASE_URL (default: the local
PostgreSQL's `test`), fills it, measures the services in process, and drops the database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import drop_database, fill, fresh_database, timed

LANGUAGES = ["am", "ti", "tl", "si", "ne", "ta"]
ZONE = zoneinfo.ZoneInfo("Europe/Zurich")


def _resources(session, name: str, rooms: int, officers: int, interpreters: int):  # type: ignore[no-untyped-def]
    from app.audit.service import SYSTEM
    from app.auth.models import Role
    from app.auth.service import create_user
    from app.interviews import resources
    from app.interviews.models import (
        Interpreter,
        InterviewLocation,
        InterviewOfficer,
        InterviewRoom,
    )

    location = resources.create_resource(
        session,
        InterviewLocation,
        data={
            "name": name,
            "kind": "office",
            "country": "CH",
            "time_zone": "Europe/Zurich",
            "working_languages": ["fr", "de", "it", "en", "es", "pt"],
        },
        actor=SYSTEM,
    )
    room_ids = [
        resources.create_resource(
            session, InterviewRoom, data={"location_id": location.id, "name": f"R{i}"}, actor=SYSTEM
        ).id
        for i in range(rooms)
    ]
    officer_ids = []
    for i in range(officers):
        user = create_user(
            session,
            email=f"officer{i}.{location.id}@ministry.example",
            role=Role.officer,
            password="bench passphrase 1",
        )
        officer_ids.append(
            resources.create_resource(
                session,
                InterviewOfficer,
                data={"staff_user_id": user.id, "location_id": location.id},
                actor=SYSTEM,
            ).id
        )
    interpreter_ids = [
        resources.create_resource(
            session,
            Interpreter,
            data={
                "location_id": location.id,
                "name": f"Interpreter {i}",
                "languages": [LANGUAGES[i % len(LANGUAGES)], "en"],
            },
            actor=SYSTEM,
        ).id
        for i in range(interpreters)
    ]
    return location, room_ids, officer_ids, interpreter_ids


def _year_of_bookings(session, location, rooms, officers, interpreters, workers) -> int:  # type: ignore[no-untyped-def]
    """Four of the five rooms taken at six times every working day for a year."""
    from sqlalchemy import insert

    from app.db import utcnow
    from app.interviews.calendar import holiday_name
    from app.interviews.models import Interview

    now = utcnow()
    rows, worker = [], iter(workers)
    day = now.astimezone(ZONE).date() + dt.timedelta(days=1)
    for _ in range(365):
        day += dt.timedelta(days=1)
        if day.weekday() >= 5 or holiday_name("CH", None, day):
            continue
        for n, hour in enumerate(("08:30", "09:30", "10:30", "13:30", "14:30", "15:30")):
            start = dt.datetime.combine(day, dt.time.fromisoformat(hour), ZONE).astimezone(dt.UTC)
            for r in range(4):
                rows.append(
                    {
                        "worker_id": next(worker),
                        "kind": "welfare",
                        "status": "scheduled",
                        "location_id": location.id,
                        "room_id": rooms[r],
                        "officer_id": officers[(r + n) % len(officers)],
                        "interpreter_id": interpreters[(r + n + day.day) % len(interpreters)]
                        if r == 0
                        else None,
                        "starts_at": start,
                        "ends_at": start + dt.timedelta(minutes=45),
                        "blocked_until": start + dt.timedelta(minutes=60),
                        "created_at": now,
                        "updated_at": now,
                        "version": 1,
                    }
                )
    session.execute(insert(Interview), rows)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renewals", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    name = fresh_database()
    try:
        from sqlalchemy import insert, text

        from app import dbtools
        from app.audit.service import SYSTEM
        from app.config import get_policy
        from app.db import get_sessionmaker, utcnow
        from app.interviews import planning
        from app.interviews.models import IdentityCard
        from app.interviews.slots import find_slots

        dbtools.upgrade()
        workers = args.renewals + 8_000
        fill(workers)
        policy = get_policy()
        with get_sessionmaker()() as session:
            # A fifth of the workers speak Amharic only: they need an interpreter.
            session.execute(
                text(
                    "UPDATE worker_language SET language = 'am', proficiency = 'native' "
                    "WHERE worker_id % 5 = 0"
                )
            )
            session.execute(text("UPDATE worker SET status = 'registered'"))
            office, rooms, officers, interpreters = _resources(session, "Geneva", 5, 10, 30)
            booked = _year_of_bookings(
                session, office, rooms, officers, interpreters, range(1, workers + 1)
            )
            session.commit()
            print(
                f"a year of bookings: {booked:,} interviews, 10 officers, 5 rooms, 30 interpreters"
            )
            session.execute(text("ANALYZE"))
            for worker_id, label in ((7, "no interpreter"), (10, "Amharic interpreter")):
                timed(
                    f"earliest 10 slots, {label}",
                    lambda w=worker_id: find_slots(
                        session,
                        worker_id=w,
                        kind="renewal",
                        location_id=office.id,
                        policy=policy,
                        actor=SYSTEM,
                    ),
                    args.runs,
                )
            session.rollback()

            bern, *_ = _resources(session, "Bern", 10, 10, 30)
            today = utcnow().astimezone(ZONE).date()
            start_id = workers - args.renewals + 1
            session.execute(
                insert(IdentityCard),
                [
                    {
                        "worker_id": w,
                        "number": f"CH-{w:08d}",
                        "issued_on": today - dt.timedelta(days=300),
                        "expires_on": today + dt.timedelta(days=70 + (w * 7919) % 330),
                    }
                    for w in range(start_id, workers + 1)
                ],
            )
            session.commit()
            began = time.perf_counter()
            plan = planning.propose_plan(
                session,
                location_id=bern.id,
                period_starts_on=today + dt.timedelta(days=1),
                period_ends_on=today + dt.timedelta(days=365),
                policy=policy,
                actor=SYSTEM,
            )
            session.commit()
            proposed = time.perf_counter() - began
            out = planning.plan_out(session, plan)
            print(
                f"proposed {out.placed:,} renewal interviews ({out.unplaced:,} unplaced) "
                f"over a year in {proposed:.1f} s"
            )
            began = time.perf_counter()
            planning.confirm_plan(
                session, plan_id=plan.id, version=plan.version, policy=policy, actor=SYSTEM
            )
            session.commit()
            print(f"confirmed them in one step in {time.perf_counter() - began:.1f} s")
    finally:
        if not args.keep:
            drop_database(name)


if __name__ == "__main__":
    main()
