"""Pictures of the leaflets' first pages, for the staff's list of languages.

WeasyPrint makes PDFs only, so poppler's `pdftoppm` (poppler-utils, installed with the fonts by
scripts/dev) draws the first page as a small PNG. A picture is made once per leaflet version,
by `hestia leaflets build` (after the PDFs) or on first request, and kept on disk beside its
PDF.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.errors import NotFound
from app.leaflets.catalog import PUBLIC_LOCALES, url_code
from app.leaflets.service import (
    BuildResult,
    LeafletKey,
    cache,
    current_version,
    get_leaflet,
    write_whole,
)

log = logging.getLogger(__name__)

PDFTOPPM = "pdftoppm"
# The longest side in pixels: readable enough to recognise the leaflet, about 20 KB.
PIXELS = 300
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Preview:
    png: bytes
    etag: str


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether pictures can be made here (pdftoppm installed); said once in the log if not."""
    found = shutil.which(PDFTOPPM) is not None
    if not found:
        log.warning("No leaflet previews: %s (poppler-utils) is not installed", PDFTOPPM)
    return found


def has_preview(key: LeafletKey) -> bool:
    """Only the one-language A4 leaflet of each language has a picture."""
    return key.beside is None and key.size == "a4"


def preview_path(key: LeafletKey, version: str) -> Path:
    return cache.path(key, version).with_suffix(".png")


def first_page_png(pdf: bytes) -> bytes:
    """The first page of a PDF as a PNG, at most PIXELS on its longest side."""
    done = subprocess.run(  # noqa: S603 (a fixed program; the PDF goes through stdin)
        [PDFTOPPM, "-png", "-singlefile", "-f", "1", "-l", "1", "-scale-to", str(PIXELS), "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=TIMEOUT_SECONDS,
    )
    return done.stdout


def write_preview(key: LeafletKey, version: str, pdf: bytes) -> None:
    """Make and keep the picture of one leaflet version."""
    write_whole(preview_path(key, version), first_page_png(pdf))


def get_preview(locale: str) -> Preview:
    """The picture of a language's A4 leaflet, made first (and the leaflet too) if needed."""
    etag = preview_etag(locale)
    key = LeafletKey(locale)
    leaflet = get_leaflet(key)
    path = preview_path(key, leaflet.version)
    if not path.exists():
        write_preview(key, leaflet.version, leaflet.pdf)
    return Preview(png=path.read_bytes(), etag=etag)


def preview_etag(locale: str) -> str:
    """The ETag of a language's picture as it is now, without making it (or NotFound)."""
    if locale not in PUBLIC_LOCALES or not available():
        raise NotFound("There is no preview of this leaflet.")
    return f'"{current_version(LeafletKey(locale))}-{url_code(locale)}-a4.png"'


def make_missing(built: Iterable[BuildResult]) -> int:
    """After a build: the pictures its leaflets do not have yet, a pdftoppm per core at once;
    how many were made."""
    if not available():
        return 0
    todo = [
        (r.key, r.version)
        for r in built
        if has_preview(r.key) and not preview_path(r.key, r.version).exists()
    ]

    def make(key: LeafletKey, version: str) -> None:
        write_preview(key, version, cache.path(key, version).read_bytes())

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as threads:
        for done in [threads.submit(make, key, version) for key, version in todo]:
            done.result()
    return len(todo)
