"""The public surface: `/` (language chooser), `/{lang}/` (information page), the leaflets.

No sign-in, no cookie, no script. The pages are the same for every reader of a language, so
each is rendered once per process and served with an ETag. Routes are plain `def`: FastAPI
runs them in its threadpool, where waiting for a PDF worker never blocks the event loop.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import escape
from starlette.convertors import Convertor, register_url_convertor

from app.config import get_policy
from app.errors import NotFound
from app.leaflets import service as leaflets
from app.leaflets.catalog import PUBLIC_LOCALES, from_url_code, text_locale, url_code
from app.pdf import render as pdf
from app.public import service
from app.web.caching import not_modified
from app.web.templating import render

PAGE_CACHE = "public, max-age=300"
LEAFLET_CACHE = "public, max-age=86400"


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Read the catalogs and start the PDF workers in the background: the first leaflet then
    # costs no import.
    threading.Thread(target=_warm_up_quietly, name="pdf-warm-up", daemon=True).start()
    yield
    pdf.shutdown()


def _warm_up_quietly() -> None:
    try:
        leaflets.warm_up()
    except Exception:  # a broken worker shows again, with its error, on the first render
        pdf.log.exception("PDF workers did not start")


class _LanguageConvertor(Convertor[str]):
    """Matches only our languages' URL codes, so `/{lang}/` shadows no other route and is
    found among the first routes rather than after every staff and API route."""

    regex = "|".join(sorted((url_code(code) for code in PUBLIC_LOCALES), key=len, reverse=True))

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("lang", _LanguageConvertor())
router = APIRouter(tags=["public"], include_in_schema=False, lifespan=_lifespan)


@dataclass(frozen=True)
class _Page:
    body: bytes
    etag: str


def _page(html: str) -> _Page:
    body = html.encode()
    return _Page(body=body, etag='"' + hashlib.sha256(body).hexdigest()[:20] + '"')


_rendered_pages: dict[str, _Page] = {}


def _information_page(locale: str) -> _Page:
    return _page(render("public/page.html", service.page_view(locale, get_policy())))


@lru_cache(maxsize=1)
def _chooser_page() -> _Page:
    return _page(render("public/chooser.html", service.chooser_view()))


def _html(request: Request, page: _Page, *, vary: bool = False) -> Response:
    headers = {"ETag": page.etag, "Cache-Control": PAGE_CACHE}
    if vary:
        headers["Vary"] = "Accept-Language"
    if not_modified(request, page.etag):
        return Response(status_code=304, headers=headers)
    return HTMLResponse(page.body, headers=headers)


def _not_found() -> HTMLResponse:
    body = (
        '<!doctype html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>Not found</title><link rel="stylesheet" href="/static/public.css"></head>'
        '<body><main class="wrap"><h1>Not found</h1>'
        '<p><a href="/">Choose your language</a></p></main></body></html>'
    )
    return HTMLResponse(body, status_code=404)


@router.get("/")
def language_chooser(request: Request) -> Response:
    """To the page in the browser's language, or the list of every language."""
    locale = service.choose_language(request.headers.get("accept-language"))
    if locale is not None:
        return RedirectResponse(
            f"/{url_code(locale)}/", status_code=302, headers={"Vary": "Accept-Language"}
        )
    return _html(request, _chooser_page(), vary=True)


@router.get("/{lang:lang}/")
async def information_page(lang: str, request: Request) -> Response:
    """The rights and where to get help, in one language.

    The one `async` route here: once rendered, a page is bytes in memory, served without a
    trip through the threadpool; the first rendering of each language runs in a thread.
    """
    locale = from_url_code(lang)
    if locale is None:
        return _not_found()
    page = _rendered_pages.get(locale)
    if page is None:
        page = await run_in_threadpool(_information_page, locale)
        _rendered_pages[locale] = page
    return _html(request, page)


@router.get("/{lang:lang}/leaflet.pdf")
def leaflet(
    lang: str,
    request: Request,
    size: Annotated[str, Query(max_length=4)] = "a4",
    with_: Annotated[str | None, Query(alias="with", max_length=16)] = None,
) -> Response:
    """The rights leaflet as a PDF: A4 or A5, alone or beside a host-country language."""
    locale = from_url_code(lang)
    beside = text_locale(with_) if with_ else None
    try:
        if locale is None or (with_ and beside is None):
            raise NotFound("There is no such leaflet.")
        key = leaflets.check_key(locale, size, beside, get_policy())
    except NotFound:
        return _not_found()
    version = leaflets.current_version(key)
    etag = f'"{version}-{key.file_name}"'
    headers = {"ETag": etag, "Cache-Control": LEAFLET_CACHE}
    if not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    found = leaflets.get_leaflet(key)
    headers["ETag"] = found.etag
    headers["Content-Disposition"] = f'inline; filename="rights-{escape(key.file_name)}"'
    return Response(found.pdf, media_type="application/pdf", headers=headers)


@router.get("/{lang:lang}")
def information_page_without_slash(lang: str) -> Response:
    """`/am` is `/am/`."""
    locale = from_url_code(lang)
    if locale is None:
        return _not_found()
    return RedirectResponse(f"/{url_code(locale)}/", status_code=308)
