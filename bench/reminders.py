"""Issue 5's target: `hestia reminders run` over 100,000 workers with 2,000 due reminders
finishes in under 30 s, and its queries do not grow with the workers not due.

    .venv/bin/python bench/reminders.py [--workers 100000] [--due 2000]

Fills a fresh PostgreSQL database, starts a real SMTP server (aiosmtpd) on loopback, and
times the whole job: rendering the formal notes (PDF), queueing the reminders and sending them.
The SMTP server runs in a process of its own: it stands for the ministry's mail server, which
is not part of Hestia, and must not take the measured process's time (its GIL, its cores).
`--profile FILE` writes cProfile statistics of the job (the measured process only).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import multiprocessing
import socket
import sys
import time
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import drop_database, fill, fresh_database


class Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.count += 1
        return "250 OK"


def serve_smtp(port: int, ready: Event, stop: Event, received: Synchronized[int]) -> None:
    """The SMTP server's process: accepts everything until told to stop, then says how many."""
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()
    received.value = sink.count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=2_000)
    parser.add_argument("--profile", help="write cProfile stats of the run to this file")
    args = parser.parse_args()
    name = fresh_database()
    try:
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
        spawn = multiprocessing.get_context("spawn")
        ready, stop, received = spawn.Event(), spawn.Event(), spawn.Value("i", 0)
        server = spawn.Process(target=serve_smtp, args=(port, ready, stop, received))
        server.start()
        if not ready.wait(30):
            raise SystemExit("the SMTP server did not start")
        queries = 0

        def count(*_args: object) -> None:
            nonlocal queries
            queries += 1

        event.listen(engine, "before_cursor_execute", count)
        settings = Settings(smtp_host="127.0.0.1", smtp_port=port)
        profiler = cProfile.Profile() if args.profile else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        report = run(get_sessionmaker(), policy=get_policy(), settings=settings, today=today)
        if profiler:
            profiler.disable()
        took = time.perf_counter() - start
        if profiler:
            profiler.dump_stats(args.profile)
        stop.set()
        server.join(30)
        from app.pdf import render as pdf

        pdf.shutdown()
        sent = report.delivery.sent if report.delivery else 0
        print(
            f"{args.workers:,} workers, {report.reminders:,} reminders queued, {sent:,} sent, "
            f"{received.value:,} received by the SMTP server (aiosmtpd in a process of its "
            "own: the mail server is not part of Hestia)"
        )
        print(
            f"reminders run: {took:.1f} s, {queries:,} queries "
            f"({queries / max(report.reminders, 1):.1f} per reminder)"
        )
        print(
            f"  rendering: {report.render_seconds:.1f} s for {report.notes_rendered:,} formal "
            f"notes (PDF, one per mission and kind, by {pdf.pool_size()} PDF workers started "
            f"by the job), attached to {report.reminders:,} emails"
        )
        print(
            "  queueing and sending, mission by mission as its note is made: all queued at "
            f"{report.queued_seconds:.1f} s, all sent at {took:.1f} s "
            f"({took - report.queued_seconds:.1f} s after the last was queued)"
        )
        print(f"{'PASS' if took < 30 else 'FAIL'}: {took:.1f} s (target < 30 s)")
    finally:
        drop_database(name)


if __name__ == "__main__":
    main()
