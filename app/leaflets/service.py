"""Rights leaflets: what goes in them, their version, the cache, and the catalogs' status."""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import as_completed
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import segno

from app.config import PROJECT_ROOT, Policy, get_policy, get_settings
from app.errors import NotFound
from app.leaflets.catalog import (
    HOST_LOCALES,
    PUBLIC_LOCALES,
    TEXT_LOCALES,
    CatalogStatus,
    Text,
    po_path,
    status_of,
    url_code,
)
from app.leaflets.content import office_name, rights_text
from app.pdf import render as pdf
from app.public.texts import leaflet_texts, leaflet_version, published_by

TEMPLATE = "pdf/leaflet.html"
STYLESHEETS = ("pdf/leaflet.css",)
SIZES = ("a4", "a5")
# How app/pdf makes each size: A5 is the A4 layout written at 1/√2 (one layout for both).
RENDER_VARIANTS = {"a4": "a4", "a5": "a5-from-a4"}
# What a leaflet's words and looks are made of: a change to any of these is a new version.
_SOURCES = (
    PROJECT_ROOT / "app" / "leaflets" / "content.py",
    PROJECT_ROOT / "app" / "leaflets" / "catalog.py",
    PROJECT_ROOT / "app" / "public" / "texts.py",
    PROJECT_ROOT / "app" / "pdf" / "scripts.py",
    PROJECT_ROOT / "app" / "pdf" / "render.py",  # how each size is made (A5 from A4)
    PROJECT_ROOT / "app" / "pdf" / "sizes.py",
    PROJECT_ROOT / "templates" / "pdf" / "leaflet.html",
    *(
        pdf.PDF_STATIC_DIR / name
        for name in ("fonts.css", "leaflet.css", "page-a4.css", "page-a5.css")
    ),
)
MEMORY_CACHE_SIZE = 256


@dataclass(frozen=True)
class LeafletKey:
    """Which leaflet: a language, a paper size, and optionally a second language beside it."""

    locale: str
    size: str = "a4"
    beside: str | None = None

    @property
    def file_name(self) -> str:
        second = f"+{url_code(self.beside)}" if self.beside else ""
        return f"{url_code(self.locale)}{second}-{self.size}.pdf"


@dataclass(frozen=True)
class Leaflet:
    key: LeafletKey
    version: str
    pdf: bytes

    @property
    def etag(self) -> str:
        return f'"{self.version}-{self.key.file_name}"'


def beside_languages(policy: Policy) -> list[str]:
    """The host-country languages a leaflet can be printed beside: every official language
    we have the text in (de, fr, it for Switzerland), else the first working language."""
    official = [code for code in policy.host.official_languages if code in TEXT_LOCALES]
    if official:
        return official
    return [code for code in policy.host.working_languages if code in TEXT_LOCALES][:1]


def check_key(locale: str, size: str, beside: str | None, policy: Policy) -> LeafletKey:
    """The leaflet asked for, or NotFound when there is no such language, size or pairing."""
    if locale not in PUBLIC_LOCALES or size not in SIZES:
        raise NotFound("There is no such leaflet.")
    if beside is not None and (beside == locale or beside not in beside_languages(policy)):
        raise NotFound("There is no such leaflet.")
    return LeafletKey(locale=locale, size=size, beside=beside)


@lru_cache(maxsize=1)
def _common_digest() -> str:
    digest = hashlib.sha256()
    for path in _SOURCES:
        digest.update(path.read_bytes())
    digest.update(get_policy().model_dump_json().encode())
    digest.update(get_settings().base_url.encode())
    return digest.hexdigest()


@lru_cache(maxsize=128)
def _catalog_digest(locale: str) -> str:
    path = po_path(locale)
    return hashlib.sha256(path.read_bytes() if path.exists() else b"").hexdigest()


def content_version(locale: str, beside: str | None = None) -> str:
    """The version of a leaflet's content: its catalogs, the policy, the template and styles.

    Recorded with an interview to prove which text the worker was given.
    """
    digest = hashlib.sha256(_common_digest().encode())
    for code in (locale, beside):
        if code:
            digest.update(_catalog_digest(code).encode())
    return digest.hexdigest()[:10]


def page_url(locale: str) -> str | None:
    """The information page in a language; None for a host language, which has none."""
    if locale not in PUBLIC_LOCALES:
        return None
    return f"{get_settings().base_url.rstrip('/')}/{url_code(locale)}/"


@lru_cache(maxsize=64)
def qr_data_uri(url: str) -> str:
    return str(segno.make(url, error="m", micro=False).svg_data_uri(border=0, dark="#000"))


def leaflet_context(locale: str, policy: Policy) -> dict[str, Any]:
    """Everything the leaflet template needs for one language; picklable, for the workers."""
    version = content_version(locale)
    text = Text(locale)
    url = page_url(locale)
    return {
        "text": rights_text(policy, locale),
        "extra": leaflet_texts(text),
        "qr_uri": qr_data_uri(url) if url else None,
        "page_url": url,
        "published": published_by(text, office_name(policy)),
        "version_label": leaflet_version(text, version),
    }


def leaflet_parts(
    key: LeafletKey, policy: Policy, contexts: dict[str, dict[str, Any]] | None = None
) -> list[pdf.Part]:
    """The leaflet in its language, then (for two languages) the same beside it, page by page.

    `contexts` keeps each language's context for the next leaflets (a build makes hundreds).
    """
    contexts = {} if contexts is None else contexts
    parts = []
    for locale in (key.locale, key.beside):
        if locale:
            if locale not in contexts:
                contexts[locale] = leaflet_context(locale, policy)
            reuse_key = ("leaflet", locale, content_version(locale))
            parts.append(pdf.Part(TEMPLATE, contexts[locale], locale, reuse_key=reuse_key))
    return parts


def write_whole(path: Path, data: bytes) -> None:
    """Write a file whole, then rename it into place: a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    Path(tmp).replace(path)


class _Cache:
    """Rendered leaflets: the most used in memory, all of them on disk under var/leaflets/."""

    def __init__(self) -> None:
        self._memory: OrderedDict[tuple[LeafletKey, str], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._rendering: dict[tuple[LeafletKey, str], threading.Lock] = {}

    @staticmethod
    def directory() -> Path:
        return get_settings().var_dir / "leaflets"

    def path(self, key: LeafletKey, version: str) -> Path:
        return self.directory() / version / key.file_name

    def get(self, key: LeafletKey, version: str) -> bytes | None:
        with self._lock:
            found = self._memory.get((key, version))
            if found is not None:
                self._memory.move_to_end((key, version))
                return found
        path = self.path(key, version)
        if path.exists():
            data = path.read_bytes()
            self._remember(key, version, data)
            return data
        return None

    def put(self, key: LeafletKey, version: str, data: bytes) -> None:
        write_whole(self.path(key, version), data)
        self._remember(key, version, data)

    def _remember(self, key: LeafletKey, version: str, data: bytes) -> None:
        with self._lock:
            self._memory[(key, version)] = data
            self._memory.move_to_end((key, version))
            while len(self._memory) > MEMORY_CACHE_SIZE:
                self._memory.popitem(last=False)

    def render_lock(self, key: LeafletKey, version: str) -> threading.Lock:
        """One render per leaflet at a time: a burst of requests for it waits for the first."""
        with self._lock:
            return self._rendering.setdefault((key, version), threading.Lock())

    def clear_memory(self) -> None:
        with self._lock:
            self._memory.clear()


cache = _Cache()


def warm_up() -> None:
    """Start the PDF workers, and meanwhile make each language's leaflet text once (its
    catalog, Babel's data for its numbers and dates, its QR code): what the web app does as it
    starts, so that the first reader of a leaflet pays for none of it (10-20 ms a language)."""
    starting = pdf.warm_up_pool(wait=False)
    try:
        policy = get_policy()
        for locale in TEXT_LOCALES:
            leaflet_context(locale, policy)  # reads the catalog too
    finally:
        pdf.wait_for(starting)


def render_leaflet(key: LeafletKey, policy: Policy) -> pdf.Rendered:
    """Render one leaflet now, in a PDF worker, bypassing the cache."""
    return pdf.render_parts(leaflet_parts(key, policy), RENDER_VARIANTS[key.size], STYLESHEETS)


def get_leaflet(key: LeafletKey, *, policy: Policy | None = None) -> Leaflet:
    """A leaflet from the cache, rendered first if this version was never made."""
    policy = policy or get_policy()
    version = content_version(key.locale, key.beside)
    data = cache.get(key, version)
    if data is None:
        with cache.render_lock(key, version):
            data = cache.get(key, version)
            if data is None:
                data = render_leaflet(key, policy).pdf
                cache.put(key, version, data)
    return Leaflet(key=key, version=version, pdf=data)


def current_version(key: LeafletKey) -> str:
    """The version a leaflet would have now, without rendering it (for ETag checks)."""
    return content_version(key.locale, key.beside)


def locales_named(codes: Iterable[str]) -> set[str]:
    """The worker languages named by `codes` (as in URLs, any case: am, zh-Hans; commas allowed),
    or NotFound naming those we have no leaflet in."""
    by_code = {url_code(locale).lower(): locale for locale in PUBLIC_LOCALES}
    found: set[str] = set()
    unknown: list[str] = []
    for code in (part.strip() for given in codes for part in given.split(",")):
        locale = by_code.get(code.replace("_", "-").lower())
        if locale:
            found.add(locale)
        elif code:
            unknown.append(code)
    if unknown:
        hosts = [code for code in unknown if code.lower() in HOST_LOCALES]
        raise NotFound(
            f"No leaflet in {', '.join(unknown)}. "
            + (
                f"{', '.join(hosts)}: no leaflet of its own, only beside a worker's language. "
                if hosts
                else ""
            )
            + f"The languages: {', '.join(url_code(locale) for locale in PUBLIC_LOCALES)}."
        )
    return found


def all_keys(
    policy: Policy, *, every_pairing: bool = False, locales: Collection[str] | None = None
) -> Iterator[LeafletKey]:
    """The leaflets built ahead of time: every language (of `locales`, when given) in each
    size, alone and beside the first host-country language; beside each of them with
    `every_pairing`.

    The other pairings (German or Italian beside Amharic in Switzerland) are rendered when
    first asked for, in a fraction of a second, and kept like the rest.
    """
    if locales is not None and not set(locales) <= set(PUBLIC_LOCALES):
        raise NotFound(f"No leaflet in {', '.join(sorted(set(locales) - set(PUBLIC_LOCALES)))}.")
    besides = beside_languages(policy)
    for locale in PUBLIC_LOCALES:
        if locales is not None and locale not in locales:
            continue
        for size in SIZES:
            yield LeafletKey(locale, size)
            for beside in besides if every_pairing else besides[:1]:
                if beside != locale:
                    yield LeafletKey(locale, size, beside)


@dataclass(frozen=True)
class BuildResult:
    key: LeafletKey
    version: str
    size_bytes: int
    problems: tuple[str, ...]


def build_all(
    *,
    force: bool = False,
    every_pairing: bool = False,
    locales: Collection[str] | None = None,
    policy: Policy | None = None,
    progress: Callable[[BuildResult], None] | None = None,
) -> list[BuildResult]:
    """Render every leaflet of `all_keys` not yet on disk (all of them with `force`), in the
    worker pool (the pictures of their first pages are `previews.make_missing`).

    The leaflets of one language go to the same worker, so that its text is laid out once for
    both sizes, alone and in each two-language leaflet it is part of (and the host-country
    language beside it once per worker, for all of them), and each drawing is written as A4
    and as A5. The biggest groups go first, so that no worker is left with a long one at the
    end while the others wait.
    """
    pdf.warm_up_pool(wait=False)  # the workers start while the texts are made here
    policy = policy or get_policy()
    results: list[BuildResult] = []
    groups: dict[str, list[LeafletKey]] = {}
    for key in all_keys(policy, every_pairing=every_pairing, locales=locales):
        version = content_version(key.locale, key.beside)
        path = cache.path(key, version)
        if not force and path.exists():
            result = BuildResult(key, version, path.stat().st_size, ())
            results.append(result)
            if progress:
                progress(result)
            continue
        groups.setdefault(key.locale, []).append(key)
    contexts: dict[str, dict[str, Any]] = {}
    work = [
        ([leaflet_parts(key, policy, contexts) for key in keys], keys) for keys in groups.values()
    ]
    work.sort(key=lambda item: _estimated_cost(item[0]), reverse=True)
    pool = pdf.get_pool()
    pending = {
        pool.submit(
            pdf.render_many_here,
            jobs,
            stylesheets=STYLESHEETS,
            variants=[RENDER_VARIANTS[key.size] for key in keys],
        ): keys
        for jobs, keys in work
    }
    for future in as_completed(pending, timeout=pdf.RENDER_TIMEOUT_SECONDS * max(1, len(pending))):
        for key, rendered in zip(pending[future], future.result(), strict=True):
            version = content_version(key.locale, key.beside)
            cache.put(key, version, rendered.pdf)
            result = BuildResult(key, version, len(rendered.pdf), rendered.glyph_problems)
            results.append(result)
            if progress:
                progress(result)
    return results


# Scripts that take longer to lay out than their length says: Nastaliq's shaping (Urdu), the
# subsetting of a CJK font (measured with bench/leaflets.py).
_SLOW_SCRIPTS = {"ur": 2.0, "zh_Hans": 1.5}


def _estimated_cost(jobs: list[list[pdf.Part]]) -> float:
    """Roughly how long a group of leaflets takes: the words laid out and the pages written."""
    laid_out = {part.locale: part for parts in jobs for part in parts}
    written = [part for parts in jobs for part in parts]
    return sum(
        len(part.context["text"].plain_text()) * _SLOW_SCRIPTS.get(part.locale, 1.0)
        for part in (*laid_out.values(), *written)
    )


def catalog_status() -> list[CatalogStatus]:
    """Each worker-facing language: native name, direction, review status, translated/total."""
    return [status_of(locale) for locale in PUBLIC_LOCALES]


def leaflet_version_for(locale: str) -> str:
    """The version of the one-language leaflet now given out (to record at an interview)."""
    if locale not in PUBLIC_LOCALES:
        raise NotFound("There is no leaflet in this language.")
    return content_version(locale)
