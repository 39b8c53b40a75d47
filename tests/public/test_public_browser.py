"""The public pages in a real Chromium: axe-core, right to left, 320 px, print, no script."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from app.leaflets.catalog import PUBLIC_LOCALES, url_code
from app.public.service import LEAVE_URL

pytestmark = pytest.mark.browser

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
LANGS = [url_code(locale) for locale in PUBLIC_LOCALES]
T = TypeVar("T")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def public_server() -> Iterator[str]:
    """The app under uvicorn on a loopback port; the public pages need no data."""
    env = {**os.environ, "HESTIA_PDF_WORKERS": "1"}
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/en/", timeout=1)  # noqa: S310 (loopback)
                break
            except OSError as exc:
                if server.poll() is not None:
                    message = server.stderr.read().decode() if server.stderr else ""
                    raise RuntimeError(message) from exc
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


class BrowserThread:
    """Chromium driven from a thread of its own.

    Playwright's sync API refuses to start while another sync Playwright is open in the same
    thread (the staff browser tests keep one for the whole session), so ours lives apart and
    every step runs there.
    """

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium")
        self._playwright: Any = None
        self.browser: Any = None
        self.run(self._start)

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )

    def _stop(self) -> None:
        self.browser.close()
        self._playwright.stop()

    def run(self, step: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return self._executor.submit(step, *args, **kwargs).result(timeout=600)

    def close(self) -> None:
        self.run(self._stop)
        self._executor.shutdown()


@pytest.fixture(scope="module")
def chromium() -> Iterator[BrowserThread]:
    thread = BrowserThread()
    yield thread
    thread.close()


# An old, narrow phone with JavaScript off (the page must not need it), and a desktop.
PHONE = {"viewport": {"width": 320, "height": 640}, "java_script_enabled": False, "locale": "ti-ER"}
DESKTOP = {"viewport": {"width": 1024, "height": 800}}


def _serious(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def test_axe_finds_nothing_serious_on_any_language_page(chromium, public_server):
    def check() -> dict[str, list[str]]:
        page = chromium.browser.new_context(**DESKTOP).new_page()
        found = {}
        for lang in ["", *LANGS]:
            page.goto(f"{public_server}/{lang}/" if lang else f"{public_server}/")
            violations = _serious(page)
            if violations:
                found[lang or "/"] = violations
        page.context.close()
        return found

    found = chromium.run(check)
    assert not found, found


def test_a_browser_set_to_tigrinya_lands_on_the_tigrinya_page(chromium, public_server):
    def visit() -> tuple[str, str]:
        page = chromium.browser.new_context(**PHONE).new_page()
        page.goto(f"{public_server}/")
        result = (page.url, page.locator("html").get_attribute("lang"))
        page.context.close()
        return result

    assert chromium.run(visit) == (f"{public_server}/ti/", "ti")


@pytest.mark.parametrize("lang", ["ar", "ur", "fa"])
def test_right_to_left_pages_read_from_the_right(chromium, public_server, lang):
    def measure() -> dict[str, Any]:
        page = chromium.browser.new_context(**DESKTOP).new_page()
        page.goto(f"{public_server}/{lang}/")
        heading = page.locator("h1")
        box = heading.bounding_box()
        text_right = page.evaluate(
            "() => { const r = document.createRange(); r.selectNodeContents("
            "document.querySelector('h1')); return r.getBoundingClientRect().right; }"
        )
        phone = page.locator(".urgent bdi[dir=ltr]").first
        result = {
            "direction": heading.evaluate("e => getComputedStyle(e).direction"),
            "gap": abs(text_right - (box["x"] + box["width"])),
            "phone_direction": phone.evaluate("e => getComputedStyle(e).direction"),
            "phone": phone.inner_text(),
        }
        page.context.close()
        return result

    found = chromium.run(measure)
    assert found["direction"] == "rtl"
    assert found["gap"] < 2, "the title is not set at the right"
    assert found["phone_direction"] == "ltr" and found["phone"] == "117"


@pytest.mark.parametrize("lang", ["am", "my", "km", "ta", "ru"])
def test_the_page_fits_a_320_pixel_screen_without_scrolling_sideways(chromium, public_server, lang):
    def measure() -> tuple[int, Any]:
        page = chromium.browser.new_context(**PHONE).new_page()
        page.goto(f"{public_server}/{lang}/")
        result = (
            page.evaluate("() => document.documentElement.scrollWidth"),
            page.locator(".leave a").bounding_box(),
        )
        page.context.close()
        return result

    scroll_width, leave = chromium.run(measure)
    assert scroll_width <= 320
    assert leave is not None and leave["y"] < 100  # in reach at once


def test_leave_this_page_quickly_works_without_javascript(chromium, public_server):
    def leave() -> tuple[list[str], str]:
        visited: list[str] = []
        page = chromium.browser.new_context(**PHONE).new_page()

        def neutral(route: Any) -> None:
            visited.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>")

        page.route("https://www.google.com/**", neutral)
        page.goto(f"{public_server}/am/")
        page.locator(".leave a").click()
        page.wait_for_url("https://www.google.com/**")
        title = page.title()
        page.context.close()
        return visited, title

    visited, title = chromium.run(leave)
    assert visited == [LEAVE_URL]
    assert title == "Weather"


def test_the_printed_page_leaves_out_the_buttons_but_keeps_the_numbers(chromium, public_server):
    def printed() -> tuple[bool, bool]:
        page = chromium.browser.new_context(**DESKTOP).new_page()
        page.goto(f"{public_server}/sw/")
        page.emulate_media(media="print")
        result = (page.locator(".leave").is_visible(), page.locator(".urgent").is_visible())
        page.context.close()
        return result

    assert chromium.run(printed) == (False, True)


def test_nothing_is_fetched_from_another_site_and_no_cookie_is_set(chromium, public_server):
    def visit() -> tuple[list[str], list[Any]]:
        requests: list[str] = []
        page = chromium.browser.new_context(**DESKTOP).new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{public_server}/zh-Hans/")
        page.wait_for_load_state("networkidle")
        cookies = page.context.cookies()
        page.context.close()
        return requests, cookies

    requests, cookies = chromium.run(visit)
    assert requests and all(url.startswith(public_server) for url in requests), requests
    assert cookies == []
