"""Who is signed in to the staff UI, with which role; CSRF on every post."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.datastructures import FormData

from app.audit.service import Actor
from app.auth import sessions
from app.auth.models import Role, StaffSession, StaffUser
from app.config import get_settings
from app.deps import SessionDep
from app.errors import DomainError, Forbidden
from app.i18n import _
from app.web import csrf

SESSION_COOKIE = "hestia_session"
LANG_COOKIE = "hestia_lang"


class LoginRequired(DomainError):
    status = 401
    title = "Sign in"


@dataclass(frozen=True)
class Staff:
    """The signed-in staff member of a request."""

    user: StaffUser
    session: StaffSession

    @property
    def actor(self) -> Actor:
        return Actor(user_id=self.user.id, label=self.user.email, channel="web")

    @property
    def csrf_token(self) -> str:
        return self.session.csrf_token

    def can(self, role: str) -> bool:
        return self.user.role_enum.allows(Role(role))


async def form_data(request: Request) -> FormData:
    """The posted form (parsed once; Starlette keeps it for the request)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(form_data)]


def require_staff(role: Role) -> Callable[..., Any]:
    """A dependency for staff pages: signed in, with at least `role`."""

    def dependency(request: Request, session: SessionDep) -> Staff:
        signed = sessions.current(
            session, token=request.cookies.get(SESSION_COOKIE), settings=get_settings()
        )
        if signed is None:
            raise LoginRequired(_("Please sign in."))
        if not signed.user.role_enum.allows(role):
            raise Forbidden(_("Your role does not allow this."))
        staff = Staff(user=signed.user, session=signed.session)
        request.state.staff = staff
        return staff

    dependency.required_role = role  # type: ignore[attr-defined]
    return dependency


def require_staff_post(role: Role) -> Callable[..., Any]:
    """The same for a form post, which must also carry the session's CSRF token."""
    check_role = require_staff(role)

    # A default, not Annotated: the closure's dependency cannot be named in a string annotation.
    def dependency(form: FormDep, staff: Staff = Depends(check_role)) -> Staff:
        token = form.get("csrf_token")
        csrf.check(staff.csrf_token, token if isinstance(token, str) else None)
        return staff

    dependency.required_role = role  # type: ignore[attr-defined]
    return dependency


ViewerPage = Annotated[Staff, Depends(require_staff(Role.viewer))]
OfficerPage = Annotated[Staff, Depends(require_staff(Role.officer))]
SupervisorPage = Annotated[Staff, Depends(require_staff(Role.supervisor))]
AdministratorPage = Annotated[Staff, Depends(require_staff(Role.administrator))]
ViewerPost = Annotated[Staff, Depends(require_staff_post(Role.viewer))]
OfficerPost = Annotated[Staff, Depends(require_staff_post(Role.officer))]
SupervisorPost = Annotated[Staff, Depends(require_staff_post(Role.supervisor))]
AdministratorPost = Annotated[Staff, Depends(require_staff_post(Role.administrator))]
