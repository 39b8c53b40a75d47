"""The one WeasyPrint entry point: HTML templates to tagged PDFs, in worker processes.

WeasyPrint is CPU-bound and slow to import, so PDFs are made in a small pool of worker
processes, never on the event loop: a route (a plain `def`, run in FastAPI's threadpool) waits
on the pool. Each worker keeps one FontConfiguration for its whole life (a new one per render
leaks memory, see docs/leaflets.md) and reports what WeasyPrint logged, so a missing glyph is
seen by the caller and by the tests rather than lost in a worker's log.

What a render costs, and what is done about it (bench/leaflets.py measures it):
- a worker starts by loading every script's fonts and running once through WeasyPrint's code
  for images, floats, page numbers and tags, and compiles the PDF templates: the first reader
  does not pay for them (0.5 s);
- what start-up made is frozen out of the garbage collector, and a worker collects between
  renders rather than in the middle of one: a full collection of a worker holding laid-out
  documents took 50-300 ms, at random;
- parts with a reuse key (a leaflet beside its translation) are laid out once per worker;
- the A5 leaflet is the A4 one's drawing written smaller (app/pdf/sizes.py): a build draws
  each leaflet once for both sizes;
- two places where WeasyPrint did the same work twice are mended (app/pdf/speedups.py): font
  subsetting (10-20 ms a PDF) and right-to-left lines laid out twice (half of the line
  breaking in Arabic, Persian and Urdu).
"""

from __future__ import annotations

import gc
import logging
import math
import multiprocessing
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.config import PROJECT_ROOT, get_settings
from app.pdf import speedups
from app.pdf.sizes import Scaled, write_pdfs

log = logging.getLogger(__name__)

STATIC_DIR = PROJECT_ROOT / "app" / "web" / "static"
PDF_STATIC_DIR = STATIC_DIR / "pdf"
# Every PDF gets the font stacks per script and the page size of its variant.
BASE_STYLESHEETS = ("pdf/fonts.css",)


# A5 from the A4 layout and drawing at 1/√2 (the A series keeps its ratio; app/pdf/sizes.py),
# so one layout and one drawing serve both sizes: text set at 12 pt on A4 is 8.5 pt on A5. A4
# at that scale is 148.5 × 210 mm; the page box is trimmed to ISO A5's 148 × 210 mm, 0.25 mm
# off each side, far inside the margins.
SCALED = {"a5-from-a4": Scaled("a4", 1 / math.sqrt(2), (148, 210))}
VARIANTS = ("a4", "a5", *SCALED)
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
    """Worker processes: the pdf_workers setting (HESTIA_PDF_WORKERS), else the cores, at most 4."""
    configured = get_settings().pdf_workers
    if configured:
        return configured
    return max(1, min(4, os.cpu_count() or 1))


# --- inside a worker process -------------------------------------------------------------

_font_config: Any = None
_in_worker = False  # set when this process is one of the pool's workers


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


# Beside the words: an image, a float with a border and a page number, for the code they run.
_WARM_UP_PAGE = (
    "<html><head><style>@page { @bottom-center { content: counter(page) } }"
    " div { float: right; width: 20mm; border: 1pt solid }</style></head><body>"
    '<div><img alt="" src="data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27'
    ' viewBox=%270 0 2 2%27%3E%3Cpath d=%27M0 0h1v1H0z%27/%3E%3C/svg%3E"></div>{words}'
    "</body></html>"
)


def _warm_up() -> None:
    """Import WeasyPrint, make this process's FontConfiguration, load every script's fonts and
    compile the PDF templates (once per process)."""
    global _font_config
    if _font_config is not None:
        return
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from app.web.templating import TEMPLATES_DIR, environment

    speedups.install()
    _font_config = FontConfiguration()
    words = "".join(
        f'<p lang="{lang}">{word} <b>{word}</b> 0123</p>' for lang, word in FONT_SAMPLES.items()
    )
    HTML(string=_WARM_UP_PAGE.replace("{words}", words)).write_pdf(
        stylesheets=[_stylesheet(sheet) for sheet in BASE_STYLESHEETS],
        font_config=_font_config,
        pdf_variant=PDF_VARIANT,
    )
    for path in sorted((TEMPLATES_DIR / "pdf").rglob("*.html")):
        environment().get_template(path.relative_to(TEMPLATES_DIR).as_posix())
    if _in_worker:
        # What start-up made lives as long as the worker: out of the collector's sight.
        gc.collect()
        gc.freeze()


def _start_worker() -> None:
    """The pool's initializer: collections happen between renders, never inside one."""
    global _in_worker
    _in_worker = True
    gc.disable()
    _warm_up()


_documents: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_stylesheets: dict[str, Any] = {}
# Laid-out parts kept for reuse: the host-country languages a leaflet is printed beside, in
# each size, and the last few leaflets (a two-language leaflet follows its one-language one).
REUSED_DOCUMENTS = 12
# Collect the whole heap after this many laid-out documents were dropped from the reuse cache
# (they hold reference cycles): about 30 ms, between two renders.
COLLECT_AFTER_DROPPED = 4
_dropped = 0


def _stylesheet(name: str) -> Any:
    from weasyprint import CSS

    sheet = _stylesheets.get(name)
    if sheet is None:
        sheet = CSS(filename=str(STATIC_DIR / name), font_config=_font_config)
        _stylesheets[name] = sheet
    return sheet


def _layout(
    part: Part,
    variant: str,
    stylesheets: Sequence[str],
    own: dict[tuple[Any, ...], Any] | None = None,
) -> Any:
    """The laid-out WeasyPrint document of one part, reused when it has a reuse key: from `own`
    when the caller keeps it (and drops it when done), else from the worker's reuse cache."""
    global _dropped
    from weasyprint import HTML

    from app.i18n import use_locale
    from app.pdf.scripts import segment_words
    from app.web.templating import environment

    key = (part.reuse_key, variant, tuple(stylesheets)) if part.reuse_key else None
    kept = own if own is not None and key in own else _documents
    if key is not None and key in kept and kept[key] is not None:
        if kept is _documents:
            _documents.move_to_end(key)
        return kept[key]
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
        kept[key] = document
        while len(_documents) > REUSED_DOCUMENTS:
            _documents.popitem(last=False)
            _dropped += 1
    return document


@contextmanager
def _collecting_after() -> Iterator[None]:
    """In a worker: collect this render's garbage when it is done, not halfway through it."""
    global _dropped
    try:
        yield
    finally:
        if _in_worker:
            gc.collect(1)  # what this render left: young objects only, a few ms
            if _dropped >= COLLECT_AFTER_DROPPED:
                gc.collect()
                _dropped = 0


def _render(
    parts: Sequence[Part],
    variants: Sequence[str],
    stylesheets: Sequence[str],
    own: dict[tuple[Any, ...], Any] | None = None,
) -> list[Rendered]:
    """One PDF of `parts` in each of `variants`, laid out once and, where it can be, drawn once
    (one size as laid out and one written smaller from it: A4 and A5-from-A4)."""
    unknown = [variant for variant in variants if variant not in VARIANTS]
    if unknown:
        raise ValueError(f"unknown PDF variant {unknown[0]!r} (use {', '.join(VARIANTS)})")
    if len({_laid_out_as(variant) for variant in variants}) != 1:
        raise ValueError(f"{', '.join(variants)} are not one layout")
    collect = _Collect()
    loggers = [logging.getLogger("weasyprint"), logging.getLogger("fontTools")]
    for logger in loggers:
        logger.addHandler(collect)
    try:
        laid_out_as = _laid_out_as(variants[0])
        documents = [_layout(part, laid_out_as, stylesheets, own) for part in parts]
        pages = [
            document.pages[index]
            for index in range(max(len(d.pages) for d in documents))
            for document in documents
            if index < len(document.pages)
        ]
        combined = documents[0].copy(pages) if len(documents) > 1 else documents[0]
        written = write_pdfs(combined, [SCALED.get(variant) for variant in variants], PDF_VARIANT)
    finally:
        for logger in loggers:
            logger.removeHandler(collect)
    warnings = tuple(collect.messages)
    return [Rendered(pdf=pdf, warnings=warnings) for pdf in written]


def render_parts_here(
    parts: Sequence[Part], variant: str = "a4", stylesheets: Sequence[str] = ()
) -> Rendered:
    """Render in this process (the workers call this; tests may too).

    With several parts, their pages are interleaved: page 1 of each part, then page 2 of each,
    so a sheet printed on both sides has the first language on its front and the second on
    its back. The PDF's language (/Lang) is the first part's.
    """
    _warm_up()
    with _collecting_after():
        return _render(parts, [variant], stylesheets)[0]


def render_many_here(
    jobs: Sequence[Sequence[Part]],
    stylesheets: Sequence[str] = (),
    *,
    variants: Sequence[str],
) -> list[Rendered]:
    """Several PDFs in one go, so that the parts they share are laid out once; `variants`
    gives each its own. The same parts in A4 and A5 are laid out and drawn once, and written
    in both sizes (see `SCALED`).

    A part in every one of them (a leaflet alone and beside each host language) is kept only
    for these: dropped with the rest of this call's garbage, it needs no full collection.
    """
    _warm_up()
    each = list(variants)
    keys = [
        {(p.reuse_key, _laid_out_as(v), tuple(stylesheets)) for p in parts if p.reuse_key}
        for parts, v in zip(jobs, each, strict=True)
    ]
    own: dict[tuple[Any, ...], Any] = dict.fromkeys(set.intersection(*keys) if keys else ())
    # Jobs of the same parts in sizes of one layout: one drawing, written in each size.
    drawings: dict[tuple[Any, ...], list[int]] = {}
    for index, (parts, v) in enumerate(zip(jobs, each, strict=True)):
        same = (_laid_out_as(v), *((p.template_name, p.locale, p.reuse_key) for p in parts))
        group = drawings.get(same)
        if group is None:
            drawings[same] = [index]
        elif all(p.reuse_key for p in parts) and all(each[i] != v for i in group):
            group.append(index)
        else:
            drawings[(*same, index)] = [index]  # not known to be the same: drawn apart
    results: dict[int, Rendered] = {}
    with _collecting_after():
        for indexes in drawings.values():
            made = _render(jobs[indexes[0]], [each[i] for i in indexes], stylesheets, own)
            for index, rendered in zip(indexes, made, strict=True):
                results[index] = rendered
    return [results[index] for index in range(len(jobs))]


def _laid_out_as(variant: str) -> str:
    scaled = SCALED.get(variant)
    return scaled.laid_out_as if scaled else variant


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
    """The worker processes, started on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            # "spawn": the web process runs threads, which fork() must not copy mid-flight.
            _pool = ProcessPoolExecutor(
                max_workers=pool_size(),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
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
    page format ("a4" or "a5", static/pdf/page-<variant>.css, or "a5-from-a4": see `SCALED`);
    `stylesheets` are more CSS files under app/web/static. The context must be picklable.
    Never call this on the event loop: it blocks until a worker is done.
    """
    return render_report(template_name, context, locale, variant, stylesheets).pdf


def warm_up_pool(*, wait: bool = True) -> list[Future[None]]:
    """Start every worker now (the first render otherwise pays for WeasyPrint's import); with
    `wait=False`, return at once while they start (`wait_for` the futures returned)."""
    pool = get_pool()
    futures = [pool.submit(_warm_up) for _ in range(pool_size())]
    if wait:
        wait_for(futures)
    return futures


def wait_for(futures: Sequence[Future[Any]]) -> None:
    """Wait for work sent to the workers; raise what went wrong in them."""
    for future in futures:
        future.result(timeout=RENDER_TIMEOUT_SECONDS)


def static_path(name: str) -> Path:
    return STATIC_DIR / name
