"""Shared by the bench scripts: a fresh database filled with many fictional workers."""

from __future__ import annotations

import base64
import datetime as dt
import os
import random
import statistics
import time
import uuid
from collections.abc import Callable

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

SERVER_URL = os.environ.get(
    "HESTIA_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SYLLABLES = [
    "ma",
    "ri",
    "sa",
    "lo",
    "te",
    "na",
    "ku",
    "be",
    "di",
    "fa",
    "go",
    "ha",
    "ji",
    "le",
    "mo",
    "nu",
    "pa",
    "ro",
    "si",
    "tu",
    "wa",
    "ya",
    "ze",
    "ol",
    "an",
    "el",
]


def fresh_database() -> str:
    """Create an empty database beside the server's default one and point Hestia at it."""
    os.environ.setdefault("HESTIA_DATA_KEY", base64.urlsafe_b64encode(os.urandom(32)).decode())
    name = f"hestia_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False)
    os.environ["HESTIA_DATABASE_URL"] = url
    return name


def drop_database(name: str) -> None:
    from app.db import get_engine

    get_engine().dispose()
    admin = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()


def fill(workers: int, *, seed: int = 1) -> None:
    """Missions, employers, `workers` workers with languages and one contract each."""
    from app.crypto import lookup_hash
    from app.db import get_engine, utcnow
    from app.registry.models import Contract, Employer, Mission, Worker, WorkerLanguage
    from app.validation import search_key

    rng = random.Random(seed)
    now = utcnow()
    engine = get_engine()
    countries = ["ET", "PH", "ID", "LK", "IN", "NP", "BD", "PK", "EG", "VN", "KE", "PE", "BR"]
    tracked = {"created_at": now, "updated_at": now, "version": 1}
    with engine.begin() as conn:
        conn.execute(
            insert(Mission),
            [
                {
                    "id": i,
                    "name": f"Embassy {i}",
                    "kind": "embassy",
                    "sending_country": c,
                    "search_name": f"embassy {i}",
                    **tracked,
                }
                for i, c in enumerate(countries * 20, 1)
            ],
        )
        missions = len(countries) * 20
        conn.execute(
            insert(Employer),
            [
                {
                    "id": i,
                    "mission_id": (i % missions) + 1,
                    "family_name": _name(rng),
                    "given_names": _name(rng),
                    "search_name": f"employer {i}",
                    **tracked,
                }
                for i in range(1, 5001)
            ],
        )
    chunk = 5000
    for start in range(1, workers + 1, chunk):
        rows, langs, contracts = [], [], []
        for i in range(start, min(start + chunk, workers + 1)):
            family, given = _name(rng), _name(rng)
            country = rng.choice(countries)
            passport = f"{country}{i:08d}"
            employer = rng.randint(1, 5000)
            rows.append(
                {
                    "id": i,
                    "mission_id": (employer % missions) + 1,
                    "family_name": family,
                    "given_names": given,
                    "latin_name": None,
                    "date_of_birth": dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
                    "nationality": country,
                    "passport_number": passport,
                    "passport_country": country,
                    "passport_hash": lookup_hash(country, passport),
                    "passport_expires_on": dt.date(2030, 1, 1),
                    "preferred_language": "en",
                    "phone": None,
                    "address": None,
                    "status": rng.choice(["pending", "registered", "registered", "departed"]),
                    "search_name": search_key(family, given),
                    **tracked,
                }
            )
            langs.append({"worker_id": i, "language": "en", "proficiency": "good"})
            contracts.append(
                {
                    "id": i,
                    "worker_id": i,
                    "employer_id": employer,
                    "starts_on": dt.date(2025, 1, 1),
                    "ends_on": None,
                    "wage_amount": 1200 + (i % 9) * 100,
                    "wage_currency": "CHF",
                    "wage_period": "month",
                    "wage_basis": "net",
                    "weekly_hours": 42,
                    "weekly_rest_days": 1.5,
                    "paid_leave_weeks": 4,
                    "board_and_lodging": True,
                    "languages": ["en"],
                    "policy_flags": [],
                    "flagged": i % 11 == 0,
                    **tracked,
                }
            )
        with engine.begin() as conn:
            conn.execute(insert(Worker), rows)
            conn.execute(insert(WorkerLanguage), langs)
            conn.execute(insert(Contract), contracts)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            for table in ("mission", "employer", "worker", "contract", "worker_language"):
                # The table names are the fixed list above, not input.
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
            conn.execute(text("ANALYZE"))


def timed(label: str, call: Callable[[], object], runs: int) -> float:
    """Run `call` `runs` times; print the median and 95th percentile; return the p95 in ms."""
    call()  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{label:<58} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")
    return p95
