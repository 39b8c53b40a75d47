"""Sign-in, sign-out, the user's own account, and the users screen for administrators."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.auth import service, sessions
from app.auth.models import Role
from app.auth.schemas import UserCreate, UserUpdate
from app.config import get_settings
from app.deps import SessionDep
from app.errors import DomainError
from app.i18n import STAFF_LOCALES, _
from app.web import csrf, forms
from app.web.pages import page, query_of, redirect, submit
from app.web.staff import (
    LANG_COOKIE,
    SESSION_COOKIE,
    AdministratorPage,
    AdministratorPost,
    FormDep,
    Staff,
    ViewerPage,
    ViewerPost,
)

router = APIRouter(prefix="/staff", include_in_schema=False)


def _cookie_options(request: Request) -> dict[str, Any]:
    return {
        "httponly": True,
        "samesite": "lax",
        "secure": request.url.scheme == "https",
        "path": "/staff",
    }


def _safe_next(target: str | None) -> str:
    """Only a path inside the staff UI: never an open redirect to another site."""
    if target and target.startswith("/staff") and not target.startswith("//"):
        return target
    return "/staff/"


def _login_page(
    request: Request, *, error: str = "", email: str = "", status: int = 200
) -> Response:
    token = csrf.new_token()
    response = page(
        request,
        "staff/login.html",
        staff=None,
        status=status,
        error=error,
        email=email,
        csrf_token=token,
        next=_safe_next(request.query_params.get("next")),
    )
    response.set_cookie(
        csrf.LOGIN_COOKIE,
        token,
        max_age=3600,
        **{**_cookie_options(request), "samesite": "strict", "path": "/staff/login"},
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    """The sign-in page."""
    return _login_page(request)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, session: SessionDep, form: FormDep) -> Response:
    """Check the password (throttled) and open a session."""
    given = form.get("csrf_token")
    csrf.check(request.cookies.get(csrf.LOGIN_COOKIE), given if isinstance(given, str) else None)
    email = str(form.get("email") or "").strip()
    settings = get_settings()
    try:
        token, signed = sessions.sign_in(
            session,
            email=email,
            password=str(form.get("password") or ""),
            address=request.client.host if request.client else "unknown",
            settings=settings,
        )
    except DomainError as exc:
        return _login_page(request, error=exc.detail, email=email, status=exc.status)
    response = redirect(_safe_next(str(form.get("next") or "")))
    options = _cookie_options(request)
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.session_max_hours * 3600, **options)
    response.set_cookie(LANG_COOKIE, signed.user.locale, max_age=365 * 86400, **options)
    response.delete_cookie(csrf.LOGIN_COOKIE, path="/staff/login")
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, staff: ViewerPost) -> Response:
    """End the session."""
    sessions.sign_out(session, staff_session=staff.session)
    response = redirect("/staff/login?notice=signed_out")
    response.delete_cookie(SESSION_COOKIE, path="/staff")
    return response


def _account_page(request: Request, staff: Staff, errors: forms.Errors | None = None) -> Response:
    return page(
        request,
        "staff/account.html",
        staff=staff,
        section="account",
        errors=errors or {},
        locales=_locale_options(),
        status=422 if errors else 200,
    )


def _locale_options() -> list[tuple[str, str]]:
    from babel import Locale

    return [
        (code, (Locale.parse(code).get_display_name(code) or code).capitalize())
        for code in STAFF_LOCALES
    ]


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, staff: ViewerPage) -> Response:
    """The user's own account: language and password."""
    return _account_page(request, staff)


@router.post("/account/language")
def account_language(request: Request, form: FormDep, staff: ViewerPost) -> Response:
    """Choose the staff UI's language."""
    locale = str(form.get("locale") or "")
    if locale not in STAFF_LOCALES:
        return _account_page(request, staff, {"locale": _("Choose one of the options.")})
    staff.user.locale = locale
    response = redirect("/staff/account?notice=language")
    response.set_cookie(LANG_COOKIE, locale, max_age=365 * 86400, **_cookie_options(request))
    return response


@router.post("/account/password")
def account_password(
    request: Request, session: SessionDep, form: FormDep, staff: ViewerPost
) -> Response:
    """Change one's own password; one's other sessions end."""
    try:
        with session.begin_nested():
            sessions.change_password(
                session,
                user=staff.user,
                current_password=str(form.get("current_password") or ""),
                new_password=str(form.get("new_password") or ""),
                keep=staff.session,
            )
    except DomainError as exc:
        return _account_page(request, staff, forms.domain_errors(exc))
    return redirect("/staff/account?notice=password")


# Users (administrators) -----------------------------------------------------------------


def _roles() -> list[tuple[str, str]]:
    names = {
        Role.viewer: _("Viewer: reads"),
        Role.officer: _("Officer: registers and corrects"),
        Role.supervisor: _("Supervisor: also reads the audit log"),
        Role.administrator: _("Administrator: also manages users"),
    }
    return [(role.value, names[role]) for role in Role]


@router.get("/users", response_class=HTMLResponse)
def users(request: Request, session: SessionDep, staff: AdministratorPage) -> Response:
    """Every staff user, with role and state."""
    items, next_cursor = service.list_users(session, cursor=request.query_params.get("cursor"))
    return page(
        request,
        "staff/users/list.html",
        staff=staff,
        section="users",
        users=items,
        next_cursor=next_cursor,
        query=query_of(request),
        roles=dict(_roles()),
    )


def _user_form(
    request: Request,
    staff: Staff,
    values: dict[str, Any],
    errors: forms.Errors,
    user_id: int | None = None,
) -> Response:
    return page(
        request,
        "staff/users/form.html",
        staff=staff,
        section="users",
        values=values,
        errors=errors,
        roles=_roles(),
        locales=_locale_options(),
        user_id=user_id,
        status=422 if errors else 200,
    )


@router.get("/users/new", response_class=HTMLResponse)
def new_user(request: Request, staff: AdministratorPage) -> Response:
    """The form for a new staff user."""
    return _user_form(
        request, staff, {"role": "officer", "locale": "en", "form_id": forms.new_form_id()}, {}
    )


@router.post("/users")
def create_user(
    request: Request, session: SessionDep, form: FormDep, staff: AdministratorPost
) -> Response:
    """Add a staff user."""
    values = forms.values_of(form)
    form_id = str(form.get("form_id") or "")

    def save(body: Any) -> Any:
        return service.create_user(
            session,
            email=body.email,
            role=body.role,
            password=body.password,
            display_name=body.display_name,
            locale=body.locale,
        )

    return submit(
        session,
        staff,
        values,
        schema=UserCreate,
        save=save,
        url_of=lambda u: f"/staff/users/{u.id}/edit",
        form_id=form_id,
        notice="created",
        again=lambda errors: _user_form(
            request, staff, {**values, "password": "", "form_id": form_id}, errors
        ),
    )


@router.get("/users/{user_id}/edit", response_class=HTMLResponse)
def edit_user(
    request: Request, user_id: int, session: SessionDep, staff: AdministratorPage
) -> Response:
    """The form to change a user's role or language, or to disable the account."""
    user = service.get_user(session, user_id)
    values = {
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "locale": user.locale,
        "is_active": user.is_active,
    }
    return _user_form(request, staff, values, {}, user_id=user.id)


@router.post("/users/{user_id}")
def update_user(
    request: Request, user_id: int, session: SessionDep, form: FormDep, staff: AdministratorPost
) -> Response:
    """Save a user's role, language and state."""
    user = service.get_user(session, user_id)
    values = forms.values_of(form)
    values["is_active"] = values.get("is_active") == "true"
    values.pop("email", None)
    return submit(
        session,
        staff,
        values,
        schema=UserUpdate,
        save=lambda body: service.update_user(
            session, user_id=user_id, data=body.model_dump(exclude_none=True), by=staff.user
        ),
        url_of=lambda u: f"/staff/users/{u.id}/edit",
        again=lambda errors: _user_form(
            request, staff, {**values, "email": user.email}, errors, user_id=user_id
        ),
    )
