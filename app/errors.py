"""Domain errors raised by services; each surface turns them into its own answer."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldError:
    field: str
    message: str


@dataclass
class DomainError(Exception):
    """Base of the errors a service raises on purpose."""

    detail: str
    status = 400
    title = "Bad request"
    errors: list[FieldError] = field(default_factory=list)

    def __str__(self) -> str:
        return self.detail


class NotFound(DomainError):
    status = 404
    title = "Not found"


class Conflict(DomainError):
    status = 409
    title = "Conflict"


class Invalid(DomainError):
    """Input that parses but breaks a rule: reported field by field."""

    status = 422
    title = "Invalid input"


class Forbidden(DomainError):
    status = 403
    title = "Forbidden"


class Unauthorized(DomainError):
    status = 401
    title = "Authentication required"


def invalid(field_name: str, message: str) -> Invalid:
    """One field's error as an Invalid exception."""
    return Invalid(detail=message, errors=[FieldError(field_name, message)])
