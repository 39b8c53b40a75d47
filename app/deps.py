"""Dependencies shared by the routes: the session, the policy, who is asking and their role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.audit.service import Actor
from app.auth.models import Role, StaffUser
from app.auth.service import authenticate_token
from app.config import Policy, get_policy
from app.db import request_session
from app.errors import Forbidden, Unauthorized
from app.i18n import _

SessionDep = Annotated[Session, Depends(request_session)]
PolicyDep = Annotated[Policy, Depends(get_policy)]


def _api_user(request: Request, session: Session) -> StaffUser:
    scheme, _sep, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized(_("Send a personal API token: Authorization: Bearer <token>."))
    user = authenticate_token(session, token.strip())
    if user is None:
        raise Unauthorized(_("This token is not valid, has been revoked, or its user is disabled."))
    return user


def require(role: Role) -> Callable[..., Any]:
    """A dependency that lets through staff with at least `role`, and says who they are."""

    def dependency(request: Request, session: SessionDep) -> StaffUser:
        user = _api_user(request, session)
        if not user.role_enum.allows(role):
            raise Forbidden(_("Your role does not allow this."))
        request.state.user = user
        return user

    dependency.required_role = role  # type: ignore[attr-defined]  # read by the route audit test
    return dependency


def actor_of(user: StaffUser, channel: str = "api") -> Actor:
    return Actor(user_id=user.id, label=user.email, channel=channel)


Viewer = Annotated[StaffUser, Depends(require(Role.viewer))]
Officer = Annotated[StaffUser, Depends(require(Role.officer))]
Supervisor = Annotated[StaffUser, Depends(require(Role.supervisor))]
Administrator = Annotated[StaffUser, Depends(require(Role.administrator))]
