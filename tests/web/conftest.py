"""Signed-in browsers (TestClient with the session cookie) for the staff pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests import factories

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    match = TOKEN.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def sign_in(client: Any, email: str, password: str = factories.PASSWORD) -> Any:
    page = client.get("/staff/login")
    return client.post(
        "/staff/login",
        data={
            "csrf_token": csrf_of(page.text),
            "email": email,
            "password": password,
            "next": "/staff/",
        },
        follow_redirects=False,
    )


class Browser:
    """A signed-in TestClient that knows its session's CSRF token."""

    def __init__(self, client: Any, user: Any) -> None:
        self.client, self.user = client, user
        self.csrf = csrf_of(client.get("/staff/account").text)

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, **kwargs)

    def post(
        self, url: str, data: dict[str, Any] | None = None, *, csrf: bool = True, **kwargs: Any
    ) -> Any:
        body = dict(data or {})
        if csrf:
            body.setdefault("csrf_token", self.csrf)
        kwargs.setdefault("follow_redirects", False)
        return self.client.post(url, data=body, **kwargs)


@pytest.fixture
def browser_as(client_factory, db) -> Callable[..., Browser]:  # type: ignore[no-untyped-def]
    def make(role: str = "officer", **user_fields: Any) -> Browser:
        user, _token = factories.user_with_token(db, role=role)
        for name, value in user_fields.items():
            setattr(user, name, value)
        client = client_factory()
        assert sign_in(client, user.email).status_code == 303
        return Browser(client, user)

    return make


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")
