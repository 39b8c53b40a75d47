"""Issue 6's page target: the information page served by two uvicorn workers gets at least half
the requests per second of a bare FastAPI route served the same way, in the same run.

    .venv/bin/python bench/public_page.py [--seconds 8] [--connections 32]

Both servers run as `uvicorn --workers 2` on loopback; a keep-alive HTTP/1.1 load generator
(asyncio, in this process) shares the same two cores, as it would with any client here.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BODY_BYTES = 15_000  # about the size of an information page


def bare_app():  # type: ignore[no-untyped-def]
    """A FastAPI app with one plain route returning a constant page of the same size."""
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    body = b"<!doctype html><title>bare</title><p>" + b"x" * BODY_BYTES

    @app.get("/bare/")
    def bare() -> HTMLResponse:
        return HTMLResponse(body)

    return app


def app_with_asgi_headers():  # type: ignore[no-untyped-def]
    """The app with main.py's `@app.middleware("http")` redone as a plain ASGI middleware.

    Only to show what that middleware costs the public pages: same headers, same locale
    choice, without Starlette's BaseHTTPMiddleware (which copies every answer through a
    stream between two tasks).
    """
    from app import main
    from app.i18n import STAFF_LOCALES, negotiate, set_locale

    app = main.create_app()
    app.user_middleware = []
    app.middleware_stack = None
    added = [(k.lower().encode(), v.encode()) for k, v in main.SECURITY_HEADERS.items()]
    added.append((b"content-security-policy", main.CSP.encode()))
    inner = app.build_middleware_stack()

    async def asgi(scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            return await inner(scope, receive, send)
        headers = dict(scope["headers"])
        set_locale(negotiate(headers.get(b"accept-language", b"").decode(), STAFF_LOCALES))

        async def send_with_headers(message):  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start":
                names = {name for name, _ in message["headers"]}
                message["headers"] = [
                    *message["headers"],
                    *((k, v) for k, v in added if k not in names),
                ]
            await send(message)

        return await inner(scope, receive, send_with_headers)

    app.middleware_stack = asgi
    return app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(
    factory: str, *, workers: int, env: dict[str, str], probe: str
) -> tuple[subprocess.Popen[bytes], str]:
    """uvicorn with `workers` processes on a free loopback port, once it answers `probe`."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", factory, "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers), "--log-level", "warning",
         "--no-access-log"],
        cwd=ROOT,
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + probe, timeout=2)  # noqa: S310 (loopback)
            return server, base
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"{factory} did not start") from None
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError(f"{factory} did not answer {probe}")


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    server.wait(timeout=30)


async def _client(
    host: str, port: int, request: bytes, until: float, counts: dict[int, int]
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        while time.perf_counter() < until:
            writer.write(request)
            # Acknowledge at once: with `uvicorn --workers 2` the end of each answer otherwise
            # waited for this client's delayed ACK, 40 ms a request (measured here: 23 req/s on
            # one connection instead of 2,600), and that is all one would measure.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if length:
                await reader.readexactly(length)
            counts[status] = counts.get(status, 0) + 1
    finally:
        writer.close()


def hammer(
    url: str, *, seconds: float, connections: int, headers: dict[str, str] | None = None
) -> tuple[float, dict[int, int]]:
    """Requests per second for GET `url` over `connections` keep-alive connections."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [f"GET {path} HTTP/1.1", f"Host: {parts.netloc}", "Connection: keep-alive"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    counts: dict[int, int] = {}

    async def run() -> None:
        until = time.perf_counter() + seconds
        await asyncio.gather(
            *(
                _client(parts.hostname or "", parts.port or 80, request, until, counts)
                for _ in range(connections)
            )
        )

    started = time.perf_counter()
    asyncio.run(run())
    elapsed = time.perf_counter() - started
    return sum(counts.values()) / elapsed, counts


def bench_env(tmp: str) -> dict[str, str]:
    return {
        "HESTIA_DATABASE_URL": f"sqlite:///{tmp}/bench.db",
        "HESTIA_VAR_DIR": tmp,
        "HESTIA_LOG_LEVEL": "WARNING",
        "HESTIA_PDF_WORKERS": "1",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hestia-bench-") as tmp:
        env = bench_env(tmp)
        results = {}
        for label, factory, paths in (
            ("bare FastAPI route", "bench.public_page:bare_app", ("/bare/",)),
            ("information page", "app.main:create_app", ("/am/", "/ar/", "/zh-Hans/")),
            (
                "same, main.py's middleware as plain ASGI",
                "bench.public_page:app_with_asgi_headers",
                ("/am/",),
            ),
        ):
            server, base = serve(factory, workers=2, env=env, probe=paths[0])
            try:
                time.sleep(8)  # let the app start its PDF workers before measuring
                for path in paths:
                    hammer(base + path, seconds=1, connections=args.connections)  # warm up
                    rate, counts = hammer(
                        base + path, seconds=args.seconds, connections=args.connections
                    )
                    size = len(urllib.request.urlopen(base + path).read())  # noqa: S310
                    results[f"{label} {path}"] = rate
                    name = f"{label} {path}"
                    print(f"{name:<48} {rate:6.0f} req/s {size / 1000:5.1f} KB {counts}")
            finally:
                stop(server)
        bare = results.pop("bare FastAPI route /bare/")
        for label, rate in results.items():
            verdict = "ok" if rate / bare >= 0.5 else "BELOW TARGET"
            print(f"{label:<48} {rate / bare:4.0%} of the bare route (target 50%): {verdict}")


if __name__ == "__main__":
    main()
