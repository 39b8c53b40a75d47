"""Staff users, password hashes and personal API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.models import ApiToken, Role, StaffUser
from app.db import utcnow
from app.errors import Conflict, FieldError, NotFound, invalid
from app.i18n import _
from app.pagination import Cursor, keyset_page

_hasher = PasswordHasher()
TOKEN_PREFIX = "hst_"  # noqa: S105  (a prefix, not a secret)
MIN_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password_strength(password: str) -> None:
    """Refuse passwords too short to resist guessing."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise invalid(
            "password",
            _("The password must have at least {n} characters.").format(n=MIN_PASSWORD_LENGTH),
        )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def get_user(session: Session, user_id: int) -> StaffUser:
    user = session.get(StaffUser, user_id)
    if user is None:
        raise NotFound(_("There is no such user."))
    return user


def find_user_by_email(session: Session, email: str) -> StaffUser | None:
    return session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))


def create_user(
    session: Session,
    *,
    email: str,
    role: Role,
    password: str,
    display_name: str | None = None,
    locale: str = "en",
) -> StaffUser:
    """Add a staff user with an argon2 password hash."""
    email = email.strip().lower()
    check_password_strength(password)
    if find_user_by_email(session, email) is not None:
        raise Conflict(
            _("A user with this email exists already."),
            errors=[FieldError("email", _("A user with this email exists already."))],
        )
    user = StaffUser(
        email=email,
        display_name=display_name or email.split("@")[0],
        role=role.value,
        password_hash=hash_password(password),
        locale=locale,
    )
    session.add(user)
    session.flush()
    return user


def list_users(
    session: Session, *, cursor: str | None = None, limit: int = 50
) -> tuple[list[StaffUser], str | None]:
    """Every staff user, by email."""
    return keyset_page(
        session,
        select(StaffUser),
        [Cursor(StaffUser.email, str), Cursor(StaffUser.id, int)],
        cursor=cursor,
        limit=limit,
    )


def create_token(session: Session, *, user: StaffUser, name: str) -> tuple[str, ApiToken]:
    """A new personal API token: the plain token is returned once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(user_id=user.id, name=name, token_hash=_token_hash(token), prefix=token[:10])
    session.add(record)
    session.flush()
    return token, record


def authenticate_token(session: Session, token: str) -> StaffUser | None:
    """The active user a bearer token belongs to, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = session.execute(
        select(ApiToken, StaffUser)
        .join(StaffUser, StaffUser.id == ApiToken.user_id)
        .where(ApiToken.token_hash == _token_hash(token), ApiToken.revoked_at.is_(None))
    ).first()
    if row is None or not row.StaffUser.is_active:
        return None
    now = utcnow()
    last = row.ApiToken.last_used_at
    if last is None or now - last > dt.timedelta(minutes=1):  # not a write on every request
        row.ApiToken.last_used_at = now
    return row.StaffUser


def list_tokens(session: Session, *, user: StaffUser) -> list[ApiToken]:
    """A user's tokens, newest first (never the tokens themselves)."""
    return list(
        session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
        )
    )


def revoke_token(session: Session, *, user: StaffUser, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; it stops working at once."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(_("There is no such token."))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    return token


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(StaffUser)) or 0


def update_user(
    session: Session, *, user_id: int, data: dict[str, object], by: StaffUser
) -> StaffUser:
    """Change a user's name, role, language, or disable the account."""
    user = get_user(session, user_id)
    if user.id == by.id and (
        data.get("is_active") is False or data.get("role") not in (None, user.role)
    ):
        raise invalid("role", _("You cannot disable your own account or change your own role."))
    for name, value in data.items():
        setattr(user, name, value.value if isinstance(value, Role) else value)
    session.flush()
    return user
