"""CSRF protection: every form that changes anything carries its session's token."""

from __future__ import annotations

import hmac
import secrets

from app.errors import Forbidden
from app.i18n import _

LOGIN_COOKIE = "hestia_login_csrf"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def check(expected: str | None, given: str | None) -> None:
    """Refuse the post unless it carries the expected token (compared in constant time)."""
    if not expected or not given or not hmac.compare_digest(expected, given):
        raise Forbidden(
            _(
                "This form has expired or did not come from Hestia. Go back, reload "
                "the page and send it again."
            )
        )
