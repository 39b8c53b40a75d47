"""Issue 5's target: `hestia reminders run` over 100,000 workers with 2,000 due reminders
finishes in under 30 s, and its queries do not grow with the workers not due.

    .venv/bin/python bench/reminders.py [--workers 100000] [--due 2000]

Fills a fresh PostgreSQL database, starts a real SMTP server (aiosmtpd) on loopback, and
times the whole job: queueing the reminders and sending them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import drop_database, fill, fresh_database


class Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.count += 1
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=2_000)
    args = parser.parse_args()
    name = fresh_database()
    try:
        from aiosmtpd.controller import Controller
        from sqlalchemy import event, insert, update

        from app import dbtools
        from app.config import Settings, get_policy
        from app.db import get_engine, get_sessionmaker
        from app.interviews.models import IdentityCard
        from app.registry.models import Mission, Worker
        from app.renewals.reminders import run

        dbtools.upgrade()
        fill(args.workers)
        today = dt.date.today()
        engine = get_engine()
        with engine.begin() as conn:
            conn.execute(update(Worker).values(status="registered"))
            conn.execute(update(Mission).values(email="protocol@mission.example"))
            conn.execute(
                insert(IdentityCard),
                [
                    {
                        "worker_id": i,
                        "number": f"B-{i}",
                        "issued_on": today - dt.timedelta(days=1),
                        # The first `due` cards are 14 days from expiry; the others far from it.
                        "expires_on": today
                        + dt.timedelta(days=14 if i <= args.due else 90 + i % 200),
                    }
                    for i in range(1, args.workers + 1)
                ],
            )
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        sink = Sink()
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        controller.start()
        queries = 0

        def count(*_args: object) -> None:
            nonlocal queries
            queries += 1

        event.listen(engine, "before_cursor_execute", count)
        settings = Settings(smtp_host="127.0.0.1", smtp_port=port)
        start = time.perf_counter()
        report = run(get_sessionmaker(), policy=get_policy(), settings=settings, today=today)
        took = time.perf_counter() - start
        controller.stop()
        sent = report.delivery.sent if report.delivery else 0
        print(
            f"{args.workers:,} workers, {report.reminders:,} reminders queued, {sent:,} sent, "
            f"{sink.count:,} received by the SMTP server"
        )
        print(
            f"reminders run: {took:.1f} s, {queries:,} queries "
            f"({queries / max(report.reminders, 1):.1f} per reminder)"
        )
        print(f"{'PASS' if took < 30 else 'FAIL'}: {took:.1f} s (target < 30 s)")
    finally:
        drop_database(name)


if __name__ == "__main__":
    main()
