"""The staff page of the worker-facing languages: review status, completeness, leaflets."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.deps import PolicyDep
from app.leaflets.catalog import PUBLIC_LOCALES, status_of, url_code
from app.leaflets.service import beside_languages
from app.web.pages import page
from app.web.staff import ViewerPage

router = APIRouter(prefix="/staff", include_in_schema=False)


@router.get("/languages", response_class=HTMLResponse)
def languages(request: Request, policy: PolicyDep, staff: ViewerPage) -> Response:
    """Every language of the public page and the leaflets: reviewed or draft, how complete."""
    statuses = [status_of(locale) for locale in PUBLIC_LOCALES]
    return page(
        request,
        "staff/leaflets/languages.html",
        staff=staff,
        section="languages",
        statuses=statuses,
        url_code=url_code,
        beside=beside_languages(policy),
    )
