"""Issue 3's targets: with 100,000 workers on PostgreSQL, the list and search pages and the
worker's file render in under 100 ms server time at the 95th percentile, each page under
100 KB without images.

    .venv/bin/python bench/staff_pages.py [--workers 100000] [--runs 200]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import drop_database, fill, fresh_database, timed

PASSWORD = "bench passphrase 1"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    name = fresh_database()
    try:
        from fastapi.testclient import TestClient

        from app import dbtools
        from app.auth.models import Role
        from app.auth.service import create_user
        from app.db import get_sessionmaker
        from app.main import create_app

        dbtools.upgrade()
        fill(args.workers)
        with get_sessionmaker()() as session:
            create_user(
                session, email="bench@ministry.example", role=Role.supervisor, password=PASSWORD
            )
            session.commit()
        client = TestClient(create_app())
        login = client.get("/staff/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', login)
        assert token
        signed_in = client.post(
            "/staff/login",
            data={
                "csrf_token": token.group(1),
                "next": "/staff/",
                "email": "bench@ministry.example",
                "password": PASSWORD,
            },
            follow_redirects=False,
        )
        assert signed_in.status_code == 303, signed_in.text
        rng = random.Random(5)
        sizes: dict[str, int] = {}

        def get(label: str, url: str) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            assert "/staff/logout" in response.text, f"{url}: not signed in"
            sizes[label] = max(sizes.get(label, 0), len(response.content))

        pages = {
            "worker list, first page": lambda: "/staff/workers",
            "worker list, status filter": lambda: "/staff/workers?status=registered",
            "worker search by name": lambda: (
                "/staff/workers?q=" + rng.choice(["mar", "sal", "ten", "kube", "rom"])
            ),
            "the worker's file": lambda: f"/staff/workers/{rng.randint(1, args.workers)}",
            "contracts against the policy": lambda: "/staff/contracts?flagged=true",
            "dashboard": lambda: "/staff/",
        }
        results = [
            timed(label, lambda label=label, url=url: get(label, url()), args.runs)
            for label, url in pages.items()
        ]
        for label, size in sizes.items():
            print(f"{label:<58} largest page {size / 1024:6.1f} KB")
        slow, big = max(results), max(sizes.values()) / 1024
        verdict = "PASS" if slow < 100 and big < 100 else "FAIL"
        print(
            f"{verdict}: slowest p95 {slow:.1f} ms (target < 100 ms), "
            f"largest page {big:.1f} KB (target < 100 KB)"
        )
    finally:
        drop_database(name)


if __name__ == "__main__":
    main()
