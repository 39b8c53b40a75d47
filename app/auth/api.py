"""Users (administrators) and personal API tokens (everyone, for themselves)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from app.auth import service
from app.auth.schemas import TokenCreate, TokenCreated, TokenOut, UserCreate, UserOut, UserUpdate
from app.deps import Administrator, SessionDep, Viewer
from app.schemas import Page, page_of, problem_responses

router = APIRouter(responses=problem_responses(401, 403, 422))
ITEM = problem_responses(404, 409)


@router.get("/me", response_model=UserOut, tags=["users"])
def me(user: Viewer) -> object:
    """The user the token belongs to."""
    return user


@router.get("/users", response_model=Page[UserOut], tags=["users"])
def list_users(
    session: SessionDep,
    user: Administrator,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, object]:
    """Every staff user."""
    items, next_cursor = service.list_users(session, cursor=cursor, limit=limit)
    return page_of(items, next_cursor)


@router.post(
    "/users",
    response_model=UserOut,
    status_code=status.HTTP_201_CREATED,
    tags=["users"],
    responses=ITEM,
)
def create_user(body: UserCreate, session: SessionDep, user: Administrator) -> object:
    """Add a staff user with a role."""
    return service.create_user(
        session,
        email=body.email,
        role=body.role,
        password=body.password,
        display_name=body.display_name,
        locale=body.locale,
    )


@router.patch("/users/{user_id}", response_model=UserOut, tags=["users"], responses=ITEM)
def update_user(user_id: int, body: UserUpdate, session: SessionDep, user: Administrator) -> object:
    """Change a user's role or language, or disable the account."""
    return service.update_user(
        session, user_id=user_id, data=body.model_dump(exclude_unset=True), by=user
    )


@router.get("/tokens", response_model=list[TokenOut], tags=["tokens"])
def list_tokens(session: SessionDep, user: Viewer) -> object:
    """Your own API tokens (never the tokens themselves)."""
    return service.list_tokens(session, user=user)


@router.post(
    "/tokens", response_model=TokenCreated, status_code=status.HTTP_201_CREATED, tags=["tokens"]
)
def create_token(body: TokenCreate, session: SessionDep, user: Viewer) -> TokenCreated:
    """A new personal token: copy it now, it is shown only this once."""
    token, record = service.create_token(session, user=user, name=body.name)
    return TokenCreated(token=token, **TokenOut.model_validate(record).model_dump())


@router.delete("/tokens/{token_id}", response_model=TokenOut, tags=["tokens"], responses=ITEM)
def revoke_token(token_id: int, session: SessionDep, user: Viewer) -> object:
    """Revoke one of your tokens; it stops working at once."""
    return service.revoke_token(session, user=user, token_id=token_id)
