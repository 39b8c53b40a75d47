"""Every route of the app needs a signed-in user with a declared role, but the public ones."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import Any, get_args

from app.main import PUBLIC_PATHS

ANY_ID = "1"


def all_routes(routes: list[Any]) -> Iterator[Any]:
    """Every route, through included routers (FastAPI may keep those as lazy branches)."""
    for route in routes:
        candidates = getattr(route, "effective_candidates", None)
        if candidates is not None:
            yield from all_routes(candidates())
        else:
            yield route


def _declared_role(endpoint: Any) -> str | None:
    for parameter in inspect.signature(endpoint, eval_str=True).parameters.values():
        for meta in get_args(parameter.annotation)[1:]:
            role = getattr(getattr(meta, "dependency", None), "required_role", None)
            if role is not None:
                return str(role)
    return None


def test_no_route_is_reachable_without_authentication_except_the_public_ones(app, anonymous):
    checked = 0
    for route in all_routes(app.routes):
        path = route.path
        if path in PUBLIC_PATHS:
            continue
        url = re.sub(r"\{[^}]+\}", ANY_ID, path)
        for method in sorted(route.methods - {"HEAD", "OPTIONS"}):
            response = anonymous.request(method, url, json={}, follow_redirects=False)
            where = f"{method} {path} answered {response.status_code}"
            if path.startswith("/api/"):
                assert response.status_code == 401, where
            else:  # a staff page sends the browser to sign in
                assert response.status_code == 303, where
                assert response.headers["location"].startswith("/staff/login?next="), where
            checked += 1
    assert checked >= 50


def test_every_route_declares_the_role_it_needs(app):
    for route in all_routes(app.routes):
        if route.path in PUBLIC_PATHS or not hasattr(route, "endpoint"):
            continue
        if route.path.startswith(("/api/", "/staff")):
            assert _declared_role(route.endpoint), f"{route.path} declares no role"


def test_the_public_routes_answer_without_signing_in(anonymous):
    assert anonymous.get("/healthz").json() == {"status": "ok", "database": "ok"}
    assert anonymous.get("/openapi.json").status_code == 200
