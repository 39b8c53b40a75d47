"""The staff start page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.dashboard.service import dashboard
from app.deps import PolicyDep, SessionDep
from app.web.pages import page
from app.web.staff import ViewerPage

router = APIRouter(prefix="/staff", include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def today(
    request: Request, session: SessionDep, policy: PolicyDep, staff: ViewerPage
) -> HTMLResponse:
    """What needs attention today."""
    return page(
        request,
        "staff/dashboard.html",
        staff=staff,
        section="dashboard",
        panels=dashboard(session, policy),
    )
