"""What the users and tokens API takes and gives."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints

from app.auth.models import Role
from app.i18n import STAFF_LOCALES
from app.schemas import Input, Output
from app.validation import Email, Name

Locale = Annotated[
    str,
    Field(
        json_schema_extra={"enum": list(STAFF_LOCALES)},
        pattern="^(" + "|".join(STAFF_LOCALES) + ")$",
    ),
]


class UserCreate(Input):
    email: Email
    display_name: Name
    role: Role
    password: Annotated[str, StringConstraints(min_length=12, max_length=200)]
    locale: Locale = "en"


class UserUpdate(Input):
    display_name: Name | None = None
    role: Role | None = None
    is_active: bool | None = None
    locale: Locale | None = None


class UserOut(Output):
    id: int
    email: str
    display_name: str
    role: Role
    is_active: bool
    locale: str
    created_at: dt.datetime


class TokenCreate(Input):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]


class TokenOut(Output):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreated(TokenOut):
    token: str = Field(description="The token itself: shown this once, never again")
