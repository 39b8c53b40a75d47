"""Signing in and out, sessions that expire, throttling, and the session cookie."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from app.auth.models import StaffSession
from tests import factories
from tests.web.conftest import csrf_of, sign_in


def test_signing_in_opens_the_dashboard_and_signing_out_ends_the_session(client_factory, db):
    user, _ = factories.user_with_token(db, role="officer")
    client = client_factory()
    response = sign_in(client, user.email)
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/staff" in cookie
    dashboard = client.get("/staff/")
    assert dashboard.status_code == 200
    token = csrf_of(dashboard.text)
    out = client.post("/staff/logout", data={"csrf_token": token}, follow_redirects=False)
    assert out.headers["location"] == "/staff/login?notice=signed_out"
    # The old cookie no longer opens anything, even if a copy was kept.
    client.cookies.set("hestia_session", response.cookies["hestia_session"], path="/staff")
    again = client.get("/staff/", follow_redirects=False)
    assert again.status_code == 303
    assert again.headers["location"].startswith("/staff/login")


def test_a_wrong_password_says_so_without_telling_which_part_was_wrong(client_factory, db):
    user, _ = factories.user_with_token(db)
    client = client_factory()
    wrong = sign_in(client, user.email, "not the password")
    assert wrong.status_code == 401
    assert "The email or the password is wrong." in wrong.text
    unknown = sign_in(client, "nobody@ministry.example", "whatever it is")
    assert "The email or the password is wrong." in unknown.text


def test_failed_attempts_are_throttled_per_account_with_a_clear_message(client_factory, db):
    user, _ = factories.user_with_token(db)
    client = client_factory()
    for _attempt in range(5):
        assert sign_in(client, user.email, "guess guess guess").status_code == 401
    blocked = sign_in(client, user.email)  # even the right password waits now
    assert blocked.status_code == 429
    assert "Too many failed attempts. Wait 15 minutes" in blocked.text


def test_an_idle_session_expires(browser_as, db):
    browser = browser_as("viewer")
    assert browser.get("/staff/").status_code == 200
    db.execute(
        update(StaffSession).values(last_seen_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31))
    )
    response = browser.get("/staff/workers", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/login?next=%2Fstaff%2Fworkers"


def test_a_session_ends_after_its_absolute_lifetime_even_when_busy(browser_as, db):
    browser = browser_as("viewer")
    db.execute(update(StaffSession).values(expires_at=dt.datetime.now(dt.UTC)))
    assert browser.get("/staff/", follow_redirects=False).status_code == 303


def test_a_disabled_account_cannot_sign_in_and_its_sessions_end(browser_as, db):
    browser = browser_as("officer")
    admin = browser_as("administrator")
    response = admin.post(
        f"/staff/users/{browser.user.id}",
        {"display_name": browser.user.display_name, "role": "officer", "locale": "en"},
    )
    assert response.status_code == 303
    assert browser.get("/staff/", follow_redirects=False).status_code == 303
    refused = sign_in(browser.client, browser.user.email)
    assert "This account is disabled" in refused.text


def test_the_user_changes_their_own_password(browser_as, client_factory):
    browser = browser_as("viewer")
    short = browser.post(
        "/staff/account/password", {"current_password": factories.PASSWORD, "new_password": "short"}
    )
    assert short.status_code == 422
    assert "at least 12 characters" in short.text
    done = browser.post(
        "/staff/account/password",
        {"current_password": factories.PASSWORD, "new_password": "a brand new passphrase"},
    )
    assert done.status_code == 303
    fresh = client_factory()
    assert sign_in(fresh, browser.user.email, "a brand new passphrase").status_code == 303


def test_after_sign_in_the_browser_returns_where_it_was_going_but_never_off_site(
    client_factory, db
):
    user, _ = factories.user_with_token(db)
    client = client_factory()
    page = client.get("/staff/login?next=/staff/workers")
    ok = client.post(
        "/staff/login",
        data={
            "csrf_token": csrf_of(page.text),
            "email": user.email,
            "password": factories.PASSWORD,
            "next": "/staff/workers",
        },
        follow_redirects=False,
    )
    assert ok.headers["location"] == "/staff/workers"
    page = client.get("/staff/login")
    evil = client.post(
        "/staff/login",
        data={
            "csrf_token": csrf_of(page.text),
            "email": user.email,
            "password": factories.PASSWORD,
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert evil.headers["location"] == "/staff/"


def test_failed_attempts_are_throttled_per_address_across_accounts(client_factory, db):
    client = client_factory()
    for n in range(20):
        sign_in(client, f"guess{n}@ministry.example", "guess guess guess")
    user, _ = factories.user_with_token(db)
    blocked = sign_in(client, user.email)
    assert blocked.status_code == 429
