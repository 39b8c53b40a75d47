"""Issue 6's leaflet targets: a cached leaflet at 1,000 requests per second or more; a cold
leaflet under 0.3 s (CJK under 0.5 s); every language and variant built from scratch in
under 10 s.

    .venv/bin/python bench/leaflets.py [--seconds 8] [--connections 32]

"Cold" means not yet in the cache, rendered by an already started PDF worker (the web app
starts its workers when it starts); the first render of a fresh worker is shown apart.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.public_page import bench_env, hammer, serve, stop

COLD_LANGUAGES = ("en", "am", "ar", "ur", "hi", "my", "km", "th", "zh_Hans")


def cold_renders() -> None:
    """Each leaflet's first render in one started worker: nothing of it laid out before.

    A4 alone, then A5 beside French (French A5 is laid out once, for the first language, then
    reused as it is in the app). The first leaflet of each script also loads its fonts.
    """
    from app.config import get_policy
    from app.leaflets import service
    from app.pdf import render as pdf

    os.environ["HESTIA_PDF_WORKERS"] = "1"
    policy = get_policy()
    started = time.perf_counter()
    pdf.warm_up_pool()
    print(f"PDF worker started (imports, fonts) in {time.perf_counter() - started:.2f} s")
    first = time.perf_counter()
    service.render_leaflet(service.LeafletKey("es"), policy)
    print(f"first leaflet of a fresh worker        {time.perf_counter() - first:6.3f} s")
    service.render_leaflet(service.LeafletKey("fr", "a5"), policy)  # French A5, as in the app
    for locale in COLD_LANGUAGES:
        for key in (service.LeafletKey(locale), service.LeafletKey(locale, "a5", "fr")):
            t = time.perf_counter()
            rendered = service.render_leaflet(key, policy)
            took = time.perf_counter() - t
            limit = 0.5 if locale == "zh_Hans" else 0.3
            verdict = "ok" if took < limit else "over target"
            print(
                f"cold {key.file_name:<18} {took:6.3f} s  {len(rendered.pdf) / 1000:6.1f} KB"
                f"  (target {limit} s: {verdict})"
            )
    pdf.shutdown()
    del os.environ["HESTIA_PDF_WORKERS"]


def build_from_scratch() -> None:
    from app.leaflets import service
    from app.pdf import render as pdf

    started = time.perf_counter()
    pdf.warm_up_pool()
    warm = time.perf_counter() - started
    results = service.build_all(force=True)
    total = time.perf_counter() - started
    size = sum(r.size_bytes for r in results)
    problems = sum(len(r.problems) for r in results)
    verdict = "ok" if total < 10 else "over target"
    print(
        f"all {len(results)} leaflets (30 languages x A4, A5, alone and beside French) from "
        f"scratch: {total:.1f} s with {pdf.pool_size()} workers (of which {warm:.1f} s "
        f"starting them), {size / 1e6:.1f} MB, {problems} glyph problems (target 10 s: {verdict})"
    )
    pdf.shutdown()


def cached(seconds: float, connections: int, tmp: str) -> None:
    env = bench_env(tmp)
    server, base = serve("app.main:create_app", workers=2, env=env, probe="/en/")
    try:
        for url in ("/am/leaflet.pdf", "/zh-Hans/leaflet.pdf?size=a5&with=fr"):
            hammer(base + url, seconds=1, connections=connections)  # renders once, then cached
            rate, counts = hammer(base + url, seconds=seconds, connections=connections)
            verdict = "ok" if rate >= 1000 else "below target"
            print(f"cached {url:<38} {rate:7.0f} req/s {counts} (target 1,000: {verdict})")
        import urllib.request

        etag = urllib.request.urlopen(base + "/am/leaflet.pdf").headers["ETag"]  # noqa: S310
        rate, counts = hammer(
            base + "/am/leaflet.pdf",
            seconds=seconds,
            connections=connections,
            headers={"If-None-Match": etag},
        )
        print(f"revalidated /am/leaflet.pdf (304)             {rate:7.0f} req/s {counts}")
    finally:
        stop(server)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory(prefix="hestia-bench-") as tmp:
        os.environ.update(bench_env(tmp))
        os.environ.pop("HESTIA_PDF_WORKERS")
        cold_renders()
        build_from_scratch()
        cached(args.seconds, args.connections, tmp)


if __name__ == "__main__":
    main()
