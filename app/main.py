"""create_app(): the JSON API, the health check and the middleware; nothing else."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text

from app import problems
from app.audit.api import router as audit_router
from app.auth.api import router as auth_router
from app.deps import SessionDep
from app.i18n import STAFF_LOCALES, negotiate, set_locale
from app.registry.api import router as registry_router
from app.schemas import problem_responses

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
PUBLIC_PATHS = frozenset({"/healthz", "/openapi.json", "/static"})


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

    @app.middleware("http")
    async def _locale_and_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        set_locale(negotiate(request.headers.get("accept-language"), STAFF_LOCALES))
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Content-Security-Policy", CSP)
        if request.url.path.startswith(("/api/", "/staff")):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    api = APIRouter(prefix="/api/v1")
    api.include_router(registry_router)
    api.include_router(auth_router)
    api.include_router(audit_router)
    app.include_router(api)
    app.include_router(_health_router())
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
