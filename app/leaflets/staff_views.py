"""The staff page of the worker-facing languages: review status, completeness, leaflets and a
picture of each leaflet's first page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.deps import PolicyDep
from app.errors import NotFound
from app.leaflets import previews
from app.leaflets.catalog import PUBLIC_LOCALES, TEXT_LOCALES, from_url_code, status_of, url_code
from app.leaflets.service import beside_languages
from app.web.caching import not_modified
from app.web.pages import page
from app.web.staff import ViewerPage

router = APIRouter(prefix="/staff", include_in_schema=False)


@router.get("/languages", response_class=HTMLResponse)
def languages(request: Request, policy: PolicyDep, staff: ViewerPage) -> Response:
    """Every language of the public page and the leaflets: reviewed or draft, how complete."""
    # The worker languages, then the host languages printed only beside them.
    statuses = [status_of(locale) for locale in TEXT_LOCALES]
    return page(
        request,
        "staff/leaflets/languages.html",
        staff=staff,
        section="languages",
        statuses=statuses,
        url_code=url_code,
        beside=beside_languages(policy),
        worker_locales=PUBLIC_LOCALES,
        previews=previews.available(),
    )


@router.get("/languages/{lang}/preview.png")
def leaflet_preview(lang: str, request: Request, staff: ViewerPage) -> Response:
    """The first page of a language's A4 leaflet as a small picture (made once per version)."""
    locale = from_url_code(lang)
    if locale is None:
        raise NotFound("There is no such language.")
    # Answered before anything is read or made: a 304 costs no leaflet and no picture.
    headers = {"ETag": previews.preview_etag(locale), "Cache-Control": "private, max-age=3600"}
    if not_modified(request, headers["ETag"]):
        return Response(status_code=304, headers=headers)
    found = previews.get_preview(locale)
    headers["ETag"] = found.etag
    return Response(found.png, media_type="image/png", headers=headers)
