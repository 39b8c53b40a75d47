"""create_app(): the JSON API, the health check and the middleware; nothing else."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import problems
from app.accounts.api import router as accounts_router
from app.accounts.views import router as accounts_views
from app.audit.api import router as audit_router
from app.audit.views import router as audit_views
from app.auth.api import router as auth_router
from app.auth.views import router as auth_views
from app.concerns.api import router as concerns_router
from app.concerns.organisation_views import router as organisation_views
from app.concerns.views import router as concern_views
from app.dashboard.views import router as dashboard_views
from app.departures.api import router as departures_router
from app.departures.views import router as departure_views
from app.deps import SessionDep
from app.i18n import STAFF_LOCALES, negotiate, set_locale
from app.interviews.api import router as interviews_router
from app.interviews.calendar_views import feed_router as interview_feed
from app.interviews.calendar_views import router as calendar_views
from app.interviews.interpreter_views import router as interpreter_views
from app.interviews.officer_views import router as officer_views
from app.interviews.plan_views import router as plan_views
from app.interviews.record_views import router as record_views
from app.interviews.resource_views import router as resource_views
from app.interviews.views import router as interview_views
from app.leaflets.staff_views import router as leaflet_views
from app.notices.views import router as notice_views
from app.public.views import router as public_views
from app.registry.api import router as registry_router
from app.registry.contract_views import router as contract_views
from app.registry.views import router as registry_views
from app.registry.worker_views import router as worker_views
from app.renewals import panels as renewal_panels  # noqa: F401  (dashboard panels)
from app.renewals.api import router as renewals_router
from app.renewals.views import router as renewals_views
from app.schemas import problem_responses
from app.web.staff import LANG_COOKIE

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
STATIC_DIR = Path(__file__).resolve().parent / "web" / "static"
# Routes anyone may open without signing in (the route test checks every other one refuses).
# The interactive docs would load their script from a CDN: off; the schema is /openapi.json.
PUBLIC_PATHS = frozenset(
    {"/healthz", "/openapi.json", "/static", "/staff/login"}
    | {"/", "/{lang:lang}/", "/{lang:lang}/leaflet.pdf", "/{lang:lang}"}  # worker-facing pages
    # An officer's iCalendar feed: a calendar client cannot sign in, so the URL is the secret
    # (32 random bytes, stored hashed, revocable; a wrong or revoked token is a 404).
    | {"/calendar/{token}.ics"}
)


class LocaleAndHeaders:
    """Sets the request's locale and adds the security headers to every response.

    A plain ASGI middleware: Starlette's @app.middleware("http") costs more than a public
    page's whole route, and the page is measured against a bare route.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
        self.headers.append((b"content-security-policy", CSP.encode()))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        request_headers = Headers(scope=scope)
        chosen = None
        if path.startswith("/staff"):
            # Staff pages speak the user's chosen language (kept in a cookie at sign-in).
            for part in request_headers.get("cookie", "").split(";"):
                name, _sep, value = part.strip().partition("=")
                if name == LANG_COOKIE:
                    chosen = value
        if chosen in STAFF_LOCALES:
            set_locale(chosen)
        else:
            set_locale(negotiate(request_headers.get("accept-language"), STAFF_LOCALES))
        no_store = path.startswith(("/api/", "/staff"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    if name.decode() not in headers:
                        headers.append(name.decode(), value.decode())
                if no_store and "cache-control" not in headers:
                    headers.append("cache-control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _health_router() -> APIRouter:
    router = APIRouter()

    @router.get("/healthz", tags=["health"], responses=problem_responses(503))
    def healthz(session: SessionDep) -> dict[str, str]:
        """Up, and the database answers."""
        session.execute(text("SELECT 1"))
        return {"status": "ok", "database": "ok"}

    return router


def create_app() -> FastAPI:
    app = FastAPI(
        title="Hestia",
        summary="Registry of diplomats' private domestic workers",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    problems.install(app)

    app.add_middleware(LocaleAndHeaders)

    # First: the worker-facing pages (their paths match only our language codes).
    app.include_router(public_views)
    api = APIRouter(prefix="/api/v1")
    api.include_router(registry_router)
    api.include_router(auth_router)
    api.include_router(audit_router)
    api.include_router(accounts_router)
    api.include_router(renewals_router)
    api.include_router(departures_router)
    api.include_router(interviews_router)
    api.include_router(concerns_router)
    app.include_router(api)
    for staff_router in (
        auth_views,
        dashboard_views,
        registry_views,
        worker_views,
        contract_views,
        audit_views,
        accounts_views,
        renewals_views,
        departure_views,
        plan_views,  # before interview_views: /interviews/plans is not an interview id
        interview_views,
        record_views,
        calendar_views,
        resource_views,
        officer_views,
        interpreter_views,
        interview_feed,
        leaflet_views,
        concern_views,
        organisation_views,
        notice_views,
    ):
        app.include_router(staff_router)
    app.include_router(_health_router())
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
