"""The worker screens: the list, the form, and the worker's file with its timeline."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.accounts.views import account_context
from app.audit.service import list_entries
from app.concerns.views import concern_context
from app.departures.views import departure_context
from app.deps import PolicyDep, SessionDep
from app.i18n import _
from app.interviews.views import interview_context
from app.registry import service, workers
from app.registry.contracts import contracts_of_worker
from app.registry.models import Mission, Proficiency, Worker, WorkerStatus
from app.registry.schemas import WorkerCreate
from app.registry.views import _int, countries, values_from
from app.renewals.views import card_context
from app.web import forms
from app.web.pages import page, query_of, submit
from app.web.staff import FormDep, OfficerPage, OfficerPost, Staff, ViewerPage

router = APIRouter(prefix="/staff", include_in_schema=False)

LANGUAGE_ROWS = 5
# The form's fields: the file's, but for what the office decides (status) or lists (languages).
FORM_FIELDS = [f for f in workers.WORKER_FIELDS if f not in ("status", "languages")]


def statuses() -> list[tuple[str, str]]:
    names = {
        WorkerStatus.pending: _("Not yet registered"),
        WorkerStatus.registered: _("Registered"),
        WorkerStatus.departed: _("Departed"),
    }
    return [(s.value, names[s]) for s in WorkerStatus]


def proficiencies() -> list[tuple[str, str]]:
    names = {
        Proficiency.native: _("Mother tongue"),
        Proficiency.fluent: _("Fluent"),
        Proficiency.good: _("Good: understands a contract"),
        Proficiency.basic: _("Basic: needs an interpreter"),
    }
    return [(p.value, names[p]) for p in Proficiency]


def languages() -> list[tuple[str, str]]:
    """Languages with a two-letter code, named in the reader's language (for a datalist)."""
    import pycountry

    from app.web.templating import language_filter

    return sorted(
        (
            (lang.alpha_2, language_filter(lang.alpha_2))
            for lang in pycountry.languages
            if hasattr(lang, "alpha_2")
        ),
        key=lambda item: item[1],
    )


@router.get("/workers", response_class=HTMLResponse)
def worker_list(request: Request, session: SessionDep, staff: ViewerPage) -> Response:
    """Workers, searched by name (any script, or the passport's Latin) and filtered."""
    q = request.query_params
    status = q.get("status") if q.get("status") in {s.value for s in WorkerStatus} else None
    items, next_cursor = workers.list_workers(
        session,
        actor=staff.actor,
        q=(q.get("q") or "")[:100] or None,
        status=status,
        nationality=(q.get("nationality") or "")[:2] or None,
        mission_id=_int(q.get("mission_id")),
        cursor=q.get("cursor"),
    )
    return page(
        request,
        "staff/registry/workers.html",
        staff=staff,
        section="workers",
        workers=items,
        next_cursor=next_cursor,
        statuses=statuses(),
        status_names=dict(statuses()),
        missions_of=service.by_ids(session, Mission, {w.mission_id for w in items}),
        mission_choices=service.mission_choices(session),
        query=query_of(request, "q", "status", "nationality", "mission_id"),
    )


def _worker_form(
    request: Request,
    session: Any,
    staff: Staff,
    values: dict[str, Any],
    errors: forms.Errors,
    worker_id: int | None = None,
) -> Response:
    return page(
        request,
        "staff/registry/worker_form.html",
        staff=staff,
        section="workers",
        values=values,
        errors=errors,
        worker_id=worker_id,
        rows=range(LANGUAGE_ROWS),
        mission_choices=service.mission_choices(session),
        countries=countries(),
        languages=languages(),
        proficiencies=proficiencies(),
        status=422 if errors else 200,
    )


def _values(form: Any) -> dict[str, Any]:
    values = forms.values_of(form)
    return forms.compact_rows(values, "languages", ("language", "proficiency"), LANGUAGE_ROWS)


@router.get("/workers/new", response_class=HTMLResponse)
def new_worker(request: Request, session: SessionDep, staff: OfficerPage) -> Response:
    """The form to open a worker's file."""
    values = {"mission_id": request.query_params.get("mission_id"), "form_id": forms.new_form_id()}
    return _worker_form(request, session, staff, values, {})


@router.post("/workers")
def create_worker(
    request: Request, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Open a worker's file."""
    values = _values(form)
    form_id = str(form.get("form_id") or "")
    return submit(
        session,
        staff,
        values,
        schema=WorkerCreate,
        form_id=form_id,
        notice="created",
        save=lambda body: workers.create_worker(session, data=body.model_dump(), actor=staff.actor),
        url_of=lambda w: f"/staff/workers/{w.id}",
        again=lambda errors: _worker_form(
            request, session, staff, {**values, "form_id": form_id}, errors
        ),
    )


@router.get("/workers/{worker_id}", response_class=HTMLResponse)
def worker_file(
    request: Request, worker_id: int, session: SessionDep, policy: PolicyDep, staff: ViewerPage
) -> Response:
    """The worker's file: identity, languages, employer and mission, contracts and flags, and
    everything that happened to it. Opening it is audited."""
    worker = workers.read_worker_file(session, worker_id=worker_id, actor=staff.actor)
    timeline, _next = list_entries(session, worker_id=worker_id, limit=100)
    return page(
        request,
        "staff/registry/worker_file.html",
        staff=staff,
        section="workers",
        worker=worker,
        mission=service.get_mission(session, worker.mission_id),
        contracts=contracts_of_worker(session, worker_id),
        timeline=timeline,
        status_names=dict(statuses()),
        proficiency_names=dict(proficiencies()),
        **account_context(session, worker_id),
        **card_context(session, worker, policy),
        **interview_context(session, worker_id),
        **concern_context(session, worker_id),
        **departure_context(session, worker),
    )


@router.get("/workers/{worker_id}/edit", response_class=HTMLResponse)
def edit_worker(
    request: Request, worker_id: int, session: SessionDep, staff: OfficerPage
) -> Response:
    """The form to correct a worker's file."""
    worker: Worker = workers.get_worker(session, worker_id)
    values = {
        **values_from(worker, FORM_FIELDS),
        "version": worker.version,
        **forms.rows_of(
            [
                {"language": lang.language, "proficiency": lang.proficiency}
                for lang in worker.languages
            ],
            "languages",
        ),
    }
    return _worker_form(request, session, staff, values, {}, worker_id=worker_id)


@router.post("/workers/{worker_id}")
def update_worker(
    request: Request, worker_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Save a correction of a worker's file (audited, before and after)."""
    values = _values(form)
    version = _int(values.pop("version", None))

    def save(body: Any) -> Worker:
        return workers.update_worker(
            session, worker_id=worker_id, data=body.model_dump(), version=version, actor=staff.actor
        )

    return submit(
        session,
        staff,
        values,
        schema=WorkerCreate,
        save=save,
        url_of=lambda w: f"/staff/workers/{w.id}",
        again=lambda errors: _worker_form(
            request, session, staff, {**values, "version": version}, errors, worker_id
        ),
    )
