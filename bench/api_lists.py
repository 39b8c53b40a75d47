"""Issue 2's targets: with 100,000 workers and their contracts on PostgreSQL, a filtered,
paginated list and a name search answer in under 50 ms at the 95th percentile.

    .venv/bin/python bench/api_lists.py [--workers 100000] [--runs 200]

Creates its own database on the server of HESTIA_BENCH_DATABASE_URL (default: the local
PostgreSQL's `test`), fills it, measures through the real app in process (server time, no
network), and drops the database.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import drop_database, fill, fresh_database, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    name = fresh_database()
    try:
        from fastapi.testclient import TestClient

        from app import dbtools
        from app.auth.models import Role
        from app.auth.service import create_token, create_user
        from app.db import get_sessionmaker
        from app.main import create_app

        dbtools.upgrade()
        start = time.perf_counter()
        fill(args.workers)
        took = time.perf_counter() - start
        print(f"filled {args.workers:,} workers and contracts in {took:.0f} s")
        with get_sessionmaker()() as session:
            user = create_user(
                session,
                email="bench@ministry.example",
                role=Role.supervisor,
                password="bench passphrase 1",
            )
            token, _ = create_token(session, user=user, name="bench")
            session.commit()
        client = TestClient(create_app(), headers={"Authorization": f"Bearer {token}"})
        rng = random.Random(3)
        first = client.get("/api/v1/workers", params={"status": "registered", "limit": 50}).json()
        deep = first["next"]
        for _ in range(20):
            deep = client.get(
                "/api/v1/workers", params={"status": "registered", "limit": 50, "cursor": deep}
            ).json()["next"]

        def get(url: str, **params: object) -> None:
            response = client.get(url, params=params)
            assert response.status_code == 200, response.text

        results = [
            timed(
                "workers: status filter, first page of 50",
                lambda: get("/api/v1/workers", status="registered", limit=50),
                args.runs,
            ),
            timed(
                "workers: status filter, page 21 by cursor",
                lambda: get("/api/v1/workers", status="registered", limit=50, cursor=deep),
                args.runs,
            ),
            timed(
                "workers: name search (3-letter word)",
                lambda: get("/api/v1/workers", q=rng.choice(["mar", "sal", "ten", "kub", "rom"])),
                args.runs,
            ),
            timed(
                "workers: name search (two words)",
                lambda: get("/api/v1/workers", q=rng.choice(["mari sal", "lote ten", "kube dif"])),
                args.runs,
            ),
            timed(
                "workers: name search (one 2-letter word)",
                lambda: get("/api/v1/workers", q=rng.choice(["lo", "te", "ku"])),
                args.runs,
            ),
            timed(
                "contracts: flagged, first page of 50",
                lambda: get("/api/v1/contracts", flagged="true", limit=50),
                args.runs,
            ),
            timed(
                "worker file (GET /workers/{id})",
                lambda: get(f"/api/v1/workers/{rng.randint(1, args.workers)}"),
                args.runs,
            ),
        ]
        verdict = "PASS" if max(results) < 50 else "FAIL"
        print(f"{verdict}: slowest p95 {max(results):.1f} ms (target < 50 ms)")
    finally:
        if args.keep:
            print(f"kept database {name}")
        else:
            drop_database(name)


if __name__ == "__main__":
    main()
