"""The one WeasyPrint entry point: HTML templates to tagged PDFs, in worker processes.

WeasyPrint is CPU-bound and slow to import, so PDFs are made in a small pool of worker
processes, never on the event loop: a route (a plain `def`, run in FastAPI's threadpool) waits
on the pool. Each worker keeps one FontConfiguration for its whole life (a new one per render
leaks memory, see docs/leaflets.md) and reports what WeasyPrint logged, so a missing glyph is
seen by the caller and by the tests rather than lost in a worker's log.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.config import PROJECT_ROOT

log = logging.getLogger(__name__)

STATIC_DIR = PROJECT_ROOT / "app" / "web" / "static"
PDF_STATIC_DIR = STATIC_DIR / "pdf"
# Every PDF gets the font stacks per script and the page size of its variant.
BASE_STYLESHEETS = ("pdf/fonts.css",)
VARIANTS = ("a4", "a5")
PDF_VARIANT = "pdf/ua-1"  # tagged: structure tree, /Lang, for screen readers
RENDER_TIMEOUT_SECONDS = 120
# Warnings that mean the reader sees a wrong or missing character.
GLYPH_PROBLEMS = (".notdef", "missing glyph", "fonttools", "no glyph")


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    warnings: tuple[str, ...]  # what WeasyPrint logged at WARNING or above

    @property
    def glyph_problems(self) -> tuple[str, ...]:
        return tuple(w for w in self.warnings if any(p in w.lower() for p in GLYPH_PROBLEMS))


def pool_size() -> int:
    """Worker processes; HESTIA_PDF_WORKERS overrides (default: the cores, at most 4)."""
    configured = os.environ.get("HESTIA_PDF_WORKERS")
    if configured:
        return max(1, int(configured))
    return max(1, min(4, os.cpu_count() or 1))


# --- inside a worker process -------------------------------------------------------------

_font_config: Any = None


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# A word in each script of static/pdf/fonts.css: laid out once when a worker starts, so that
# loading a script's fonts (about 0.1-0.2 s each) is not paid by the first reader of it.
FONT_SAMPLES = {
    "en": "English", "ar": "العربية", "ur": "اردو", "hi": "हिन्दी", "bn": "বাংলা",
    "si": "සිංහල", "ta": "தமிழ்", "am": "አማርኛ", "th": "ไทย", "my": "မြန်မာ", "km": "ខ្មែរ",
    "zh-Hans": "中文", "ka": "ქართული", "hy": "Հայերեն", "ru": "Русский",
}  # fmt: skip


def _warm_up() -> None:
    """Import WeasyPrint, make this process's FontConfiguration and load every script's fonts."""
    global _font_config
    if _font_config is not None:
        return
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    _font_config = FontConfiguration()
    words = "".join(
        f'<p lang="{lang}">{word} <b>{word}</b> 0123</p>' for lang, word in FONT_SAMPLES.items()
    )
    HTML(string=f"<html><body>{words}</body></html>").write_pdf(
        stylesheets=[_stylesheet(sheet) for sheet in BASE_STYLESHEETS],
        font_config=_font_config,
    )


@dataclass(frozen=True)
class Part:
    """One HTML document of a PDF: a template, its context and the language it is written in.

    A PDF may be made of several parts (a leaflet beside its translation); a part with a
    `reuse_key` is laid out once per worker and reused by every PDF that includes it.
    """

    template_name: str
    context: Mapping[str, Any]
    locale: str
    reuse_key: tuple[str, ...] | None = None


_documents: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_stylesheets: dict[str, Any] = {}
REUSED_DOCUMENTS = 24


def _stylesheet(name: str) -> Any:
    from weasyprint import CSS

    sheet = _stylesheets.get(name)
    if sheet is None:
        sheet = CSS(filename=str(STATIC_DIR / name), font_config=_font_config)
        _stylesheets[name] = sheet
    return sheet


def _layout(part: Part, variant: str, stylesheets: Sequence[str]) -> Any:
    """The laid-out WeasyPrint document of one part (reused when it has a reuse key)."""
    from weasyprint import HTML

    from app.i18n import use_locale
    from app.pdf.scripts import segment_words
    from app.web.templating import environment

    key = (part.reuse_key, variant, tuple(stylesheets)) if part.reuse_key else None
    if key is not None and key in _documents:
        _documents.move_to_end(key)
        return _documents[key]
    with use_locale(part.locale):
        template = environment().get_template(part.template_name)
        html = template.render(**part.context, variant=variant)
    sheets = [*BASE_STYLESHEETS, f"pdf/page-{variant}.css", *stylesheets]
    document = HTML(string=segment_words(html), base_url=str(STATIC_DIR) + "/").render(
        stylesheets=[_stylesheet(sheet) for sheet in sheets],
        font_config=_font_config,
        pdf_variant=PDF_VARIANT,
    )
    if key is not None:
        _documents[key] = document
        while len(_documents) > REUSED_DOCUMENTS:
            _documents.popitem(last=False)
    return document


def render_parts_here(
    parts: Sequence[Part], variant: str = "a4", stylesheets: Sequence[str] = ()
) -> Rendered:
    """Render in this process (the workers call this; tests may too).

    With several parts, their pages are interleaved: page 1 of each part, then page 2 of each,
    so a sheet printed on both sides has the first language on its front and the second on
    its back. The PDF's language (/Lang) is the first part's.
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown PDF variant {variant!r} (use {', '.join(VARIANTS)})")
    _warm_up()
    collect = _Collect()
    loggers = [logging.getLogger("weasyprint"), logging.getLogger("fontTools")]
    for logger in loggers:
        logger.addHandler(collect)
    try:
        documents = [_layout(part, variant, stylesheets) for part in parts]
        pages = [
            document.pages[index]
            for index in range(max(len(d.pages) for d in documents))
            for document in documents
            if index < len(document.pages)
        ]
        combined = documents[0].copy(pages) if len(documents) > 1 else documents[0]
        pdf = combined.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
    finally:
        for logger in loggers:
            logger.removeHandler(collect)
    return Rendered(pdf=bytes(pdf), warnings=tuple(collect.messages))


def render_many_here(
    jobs: Sequence[Sequence[Part]], variant: str = "a4", stylesheets: Sequence[str] = ()
) -> list[Rendered]:
    """Several PDFs in one go, so that the parts they share are laid out once."""
    return [render_parts_here(parts, variant, stylesheets) for parts in jobs]


def render_here(
    template_name: str,
    context: Mapping[str, Any],
    locale: str,
    variant: str = "a4",
    stylesheets: Sequence[str] = (),
) -> Rendered:
    """Render one template in this process."""
    return render_parts_here([Part(template_name, context, locale)], variant, stylesheets)


# --- in the web or command-line process --------------------------------------------------

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def get_pool() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            # "spawn": the web process runs threads, which fork() must not copy mid-flight.
            _pool = ProcessPoolExecutor(
                max_workers=pool_size(),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm_up,
            )
        return _pool


def shutdown() -> None:
    """Stop the worker processes (they are started again on the next render)."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


def render_report(
    template_name: str,
    context: Mapping[str, Any],
    locale: str,
    variant: str = "a4",
    stylesheets: Sequence[str] = (),
) -> Rendered:
    """Render a template to PDF in a worker process; the PDF with what WeasyPrint warned."""
    future = get_pool().submit(
        render_here, template_name, dict(context), locale, variant, tuple(stylesheets)
    )
    rendered = future.result(timeout=RENDER_TIMEOUT_SECONDS)
    for problem in rendered.glyph_problems:
        log.error("PDF %s (%s, %s): %s", template_name, locale, variant, problem)
    return rendered


def render_parts(
    parts: Sequence[Part], variant: str = "a4", stylesheets: Sequence[str] = ()
) -> Rendered:
    """Render several parts into one PDF in a worker process (see `render_parts_here`)."""
    future = get_pool().submit(render_parts_here, list(parts), variant, tuple(stylesheets))
    rendered = future.result(timeout=RENDER_TIMEOUT_SECONDS)
    for problem in rendered.glyph_problems:
        log.error("PDF %s (%s): %s", parts[0].template_name, variant, problem)
    return rendered


def render(
    template_name: str,
    context: Mapping[str, Any],
    locale: str,
    variant: str = "a4",
    stylesheets: Sequence[str] = (),
) -> bytes:
    """Render `templates/<template_name>` to a tagged PDF (PDF/UA-1) in a worker process.

    `locale` is active while the template renders (for `_()` and the filters); `variant` is the
    page format ("a4" or "a5", static/pdf/page-<variant>.css); `stylesheets` are more CSS
    files under app/web/static. The context must be picklable. Never call this on the event
    loop: it blocks until a worker is done.
    """
    return render_report(template_name, context, locale, variant, stylesheets).pdf


def warm_up_pool() -> None:
    """Start every worker now (the first render otherwise pays for WeasyPrint's import)."""
    pool = get_pool()
    futures = [pool.submit(_warm_up) for _ in range(pool_size())]
    for future in futures:
        future.result(timeout=RENDER_TIMEOUT_SECONDS)


def static_path(name: str) -> Path:
    return STATIC_DIR / name
