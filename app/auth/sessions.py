"""Signing in through the browser: sessions with idle and absolute expiry, and throttling."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.models import LoginAttempt, StaffSession, StaffUser
from app.auth.service import (
    check_password_strength,
    find_user_by_email,
    hash_password,
    verify_password,
)
from app.config import Settings
from app.db import utcnow
from app.errors import DomainError, invalid
from app.i18n import _

THROTTLE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
# Verifying against a dummy hash keeps the time of a wrong email like that of a wrong password.
_DUMMY_HASH = hash_password("not a real password, only for timing")


class SignInRefused(DomainError):
    status = 401
    title = "Sign-in refused"


class TooManyAttempts(DomainError):
    status = 429
    title = "Too many attempts"


@dataclass(frozen=True)
class SignedIn:
    user: StaffUser
    session: StaffSession


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _recent_failures(session: Session, column: object, value: str) -> int:
    since = utcnow() - THROTTLE_WINDOW
    return (
        session.scalar(
            select(func.count())
            .select_from(LoginAttempt)
            .where(
                column == value,  # type: ignore[arg-type]
                LoginAttempt.at >= since,
            )
        )
        or 0
    )


def sign_in(
    session: Session, *, email: str, password: str, address: str, settings: Settings
) -> tuple[str, SignedIn]:
    """Check the password, with throttling per account and per address; open a session.

    Returns the cookie's token (only its hash is stored).
    """
    email = email.strip().lower()
    minutes = int(THROTTLE_WINDOW.total_seconds() // 60)
    if (
        _recent_failures(session, LoginAttempt.email, email) >= MAX_FAILURES_PER_ACCOUNT
        or _recent_failures(session, LoginAttempt.address, address) >= MAX_FAILURES_PER_ADDRESS
    ):
        raise TooManyAttempts(
            _("Too many failed attempts. Wait {minutes} minutes, then try again.").format(
                minutes=minutes
            )
        )
    user = find_user_by_email(session, email)
    valid = verify_password(user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not valid or not user.is_active:
        session.add(LoginAttempt(email=email, address=address))
        if user is not None and valid and not user.is_active:
            raise SignInRefused(_("This account is disabled. Ask an administrator."))
        raise SignInRefused(_("The email or the password is wrong."))
    token = secrets.token_urlsafe(32)
    now = utcnow()
    staff_session = StaffSession(
        token_hash=_hash(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        expires_at=now + dt.timedelta(hours=settings.session_max_hours),
    )
    session.add(staff_session)
    session.flush()
    return token, SignedIn(user=user, session=staff_session)


def current(session: Session, *, token: str | None, settings: Settings) -> SignedIn | None:
    """The signed-in user of a session cookie, or None once it is ended, idle or too old."""
    if not token:
        return None
    row = session.execute(
        select(StaffSession, StaffUser)
        .join(StaffUser, StaffUser.id == StaffSession.user_id)
        .where(StaffSession.token_hash == _hash(token), StaffSession.ended_at.is_(None))
    ).first()
    if row is None:
        return None
    staff_session, user = row.StaffSession, row.StaffUser
    now = utcnow()
    idle = dt.timedelta(minutes=settings.session_idle_minutes)
    if (
        not user.is_active
        or now >= staff_session.expires_at
        or now - staff_session.last_seen_at > idle
    ):
        staff_session.ended_at = now
        return None
    if now - staff_session.last_seen_at > dt.timedelta(seconds=30):
        staff_session.last_seen_at = now
    return SignedIn(user=user, session=staff_session)


def sign_out(session: Session, *, staff_session: StaffSession) -> None:
    """End a session at once."""
    staff_session.ended_at = utcnow()


def change_password(
    session: Session,
    *,
    user: StaffUser,
    current_password: str,
    new_password: str,
    keep: StaffSession,
) -> None:
    """The user's own password change; their other sessions end."""
    if not verify_password(user.password_hash, current_password):
        raise invalid("current_password", _("This is not your current password."))
    try:
        check_password_strength(new_password)
    except DomainError as exc:
        raise invalid("new_password", exc.detail) from exc
    user.password_hash = hash_password(new_password)
    user.password_changed_at = utcnow()
    for other in session.scalars(
        select(StaffSession).where(
            StaffSession.user_id == user.id,
            StaffSession.ended_at.is_(None),
            StaffSession.id != keep.id,
        )
    ):
        other.ended_at = utcnow()
