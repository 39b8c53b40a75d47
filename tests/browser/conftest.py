"""A real Chromium (Debian's) driving the app served by uvicorn on a loopback port."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session

from tests import conftest as tests_conftest
from tests.conftest import new_database

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "browser test passphrase"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """The app on its own database (committed for real), with demo data and one user a role."""
    url = new_database("browser")
    env = {**os.environ, "HESTIA_DATABASE_URL": url, "HESTIA_PASSWORD": PASSWORD}
    for args in (["db", "upgrade"], ["demo"]):
        subprocess.run(
            [sys.executable, "-m", "app", *args],
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "app.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310 (loopback)
                break
            except OSError as exc:
                if server.poll() is not None:
                    message = server.stderr.read().decode() if server.stderr else ""
                    raise RuntimeError(message) from exc
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    expect.set_options(timeout=20_000)
    yield page
    context.close()


def sign_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/staff/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/staff/", timeout=60_000)  # the first page of a busy machine


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def live_database_url() -> str:
    """The live server's database (made by tests.browser.conftest with new_database)."""
    if tests_conftest._created:
        from sqlalchemy.engine import make_url

        name = next(n for n in tests_conftest._created if n.startswith("hestia_browser_"))
        return make_url(tests_conftest.BASE_URL).set(database=name).render_as_string(False)
    found = sorted(Path(tests_conftest._TMP).glob("browser-*.db"), key=lambda p: p.stat().st_mtime)
    return f"sqlite:///{found[-1]}"


def let_time_pass(interview_id: int, hours_ago: int = 2) -> None:
    """The booked slot is in the future; move it into the past, as if its day had come (each
    test its own hours, so two tests' interviews never overlap)."""
    import app.models  # noqa: F401  (every table, for the foreign keys)
    from app.db import make_engine
    from app.interviews.models import Interview

    engine = make_engine(live_database_url())
    try:
        with Session(engine) as session:
            interview = session.get(Interview, interview_id)
            assert interview is not None
            shift = interview.starts_at - (dt.datetime.now(dt.UTC) - dt.timedelta(hours=hours_ago))
            interview.starts_at -= shift
            interview.ends_at -= shift
            interview.blocked_until -= shift
            session.commit()
    finally:
        engine.dispose()
