"""The contract screens: the list (flagged ones first to see), and the form with live flags."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.config import Policy
from app.deps import PolicyDep, SessionDep
from app.errors import invalid
from app.i18n import _
from app.registry import contracts, service, workers
from app.registry.models import Contract, Employer, Worker
from app.registry.rules import RULES, wage_text
from app.registry.schemas import ContractCreate
from app.registry.views import _int
from app.web import forms
from app.web.pages import page, query_of, submit
from app.web.staff import FormDep, OfficerPage, OfficerPost, Staff, ViewerPage

router = APIRouter(prefix="/staff", include_in_schema=False)


@router.get("/contracts", response_class=HTMLResponse)
def contract_list(request: Request, session: SessionDep, staff: ViewerPage) -> Response:
    """Contracts, newest first; filter on those that break the policy."""
    q = request.query_params
    flagged = {"true": True, "false": False}.get(q.get("flagged", ""))
    items, next_cursor = contracts.list_contracts(
        session,
        actor=staff.actor,
        flagged=flagged,
        worker_id=_int(q.get("worker_id")),
        cursor=q.get("cursor"),
    )
    return page(
        request,
        "staff/registry/contracts.html",
        staff=staff,
        section="contracts",
        contracts=items,
        next_cursor=next_cursor,
        workers_of=service.by_ids(session, Worker, {c.worker_id for c in items}),
        employers_of=service.by_ids(session, Employer, {c.employer_id for c in items}),
        query=query_of(request, "flagged", "worker_id"),
    )


def _language_choices(worker: Worker, policy: Policy) -> list[str]:
    codes = [lang.language for lang in worker.languages]
    for code in [*policy.host.official_languages, "en"]:
        if code not in codes:
            codes.append(code)
    return codes


def live_rules(policy: Policy) -> dict[str, str]:
    """What the form's script needs to flag a contract as the officer types."""
    floor = policy.wage
    minimum = wage_text(floor.minimum, policy.host.currency, floor.period.value, floor.basis.value)
    return {
        "data-min-wage": str(floor.minimum),
        "data-wage-period": floor.period.value,
        "data-wage-basis": floor.basis.value,
        "data-currency": policy.host.currency,
        "data-max-hours": str(policy.working_time.max_weekly_hours),
        "data-min-rest": str(policy.working_time.min_weekly_rest_days),
        "data-min-leave": str(policy.working_time.min_paid_leave_weeks),
        "data-msg-wage": _("The wage is below the minimum ({minimum}).").format(minimum=minimum),
        "data-msg-currency": _(RULES["wage_not_in_host_currency"]).format(
            currency=policy.host.currency
        ),
        "data-msg-hours": _("More hours a week than the maximum of {maximum}.").format(
            maximum=policy.working_time.max_weekly_hours
        ),
        "data-msg-rest": _("Fewer rest days a week than the minimum of {minimum}.").format(
            minimum=policy.working_time.min_weekly_rest_days
        ),
        "data-msg-leave": _("Less paid leave than the minimum of {minimum} weeks.").format(
            minimum=policy.working_time.min_paid_leave_weeks
        ),
    }


def _contract_form(
    request: Request,
    staff: Staff,
    session: Any,
    policy: Policy,
    worker: Worker,
    values: dict[str, Any],
    errors: forms.Errors,
    contract_id: int | None = None,
) -> Response:
    return page(
        request,
        "staff/registry/contract_form.html",
        staff=staff,
        section="contracts",
        values=values,
        errors=errors,
        worker=worker,
        contract_id=contract_id,
        employer_choices=service.employer_choices(session, worker.mission_id),
        language_choices=_language_choices(worker, policy),
        rules=live_rules(policy),
        status=422 if errors else 200,
    )


def _values(form: Any) -> dict[str, Any]:
    values = forms.values_of(form, lists=("languages",))
    values["board_and_lodging"] = values.get("board_and_lodging") == "true"
    return values


def _worker_for_form(session: Any, worker_id: int | None) -> Worker:
    if worker_id is None:
        raise invalid("worker_id", _("Open the worker's file first, then add the contract there."))
    return workers.get_worker(session, worker_id)


@router.get("/contracts/new", response_class=HTMLResponse)
def new_contract(
    request: Request, session: SessionDep, policy: PolicyDep, staff: OfficerPage
) -> Response:
    """The form for a worker's new contract."""
    worker = _worker_for_form(session, _int(request.query_params.get("worker_id")))
    values = {
        "worker_id": worker.id,
        "wage.currency": policy.host.currency,
        "wage.period": policy.wage.period.value,
        "wage.basis": policy.wage.basis.value,
        "weekly_rest_days": policy.working_time.min_weekly_rest_days,
        "paid_leave_weeks": policy.working_time.min_paid_leave_weeks,
        "board_and_lodging": True,
        "languages": [],
        "form_id": forms.new_form_id(),
    }
    return _contract_form(request, staff, session, policy, worker, values, {})


@router.post("/contracts")
def create_contract(
    request: Request, session: SessionDep, policy: PolicyDep, form: FormDep, staff: OfficerPost
) -> Response:
    """File a contract; one that breaks the policy is kept and flagged."""
    values = _values(form)
    form_id = str(form.get("form_id") or "")
    worker = _worker_for_form(session, _int(values.get("worker_id")))
    return submit(
        session,
        staff,
        values,
        schema=ContractCreate,
        form_id=form_id,
        notice="created",
        save=lambda body: contracts.create_contract(
            session, data=body.model_dump(), policy=policy, actor=staff.actor
        ),
        url_of=lambda c: f"/staff/workers/{c.worker_id}",
        again=lambda errors: _contract_form(
            request, staff, session, policy, worker, {**values, "form_id": form_id}, errors
        ),
    )


@router.get("/contracts/{contract_id}/edit", response_class=HTMLResponse)
def edit_contract(
    request: Request, contract_id: int, session: SessionDep, policy: PolicyDep, staff: OfficerPage
) -> Response:
    """The form to amend a contract."""
    found: Contract = contracts.read_contract(session, contract_id=contract_id, actor=staff.actor)
    worker = workers.get_worker(session, found.worker_id)
    values: dict[str, Any] = {
        name: getattr(found, name)
        for name in (
            "worker_id",
            "employer_id",
            "starts_on",
            "ends_on",
            "weekly_hours",
            "weekly_rest_days",
            "paid_leave_weeks",
            "board_and_lodging",
            "languages",
        )
    }
    values.update(
        {
            "wage.amount": found.wage_amount,
            "wage.currency": found.wage_currency,
            "wage.period": found.wage_period,
            "wage.basis": found.wage_basis,
            "version": found.version,
        }
    )
    return _contract_form(request, staff, session, policy, worker, values, {}, contract_id)


@router.post("/contracts/{contract_id}")
def update_contract(
    request: Request,
    contract_id: int,
    session: SessionDep,
    policy: PolicyDep,
    form: FormDep,
    staff: OfficerPost,
) -> Response:
    """Save an amendment; the flags are checked again."""
    found = contracts.get_contract(session, contract_id)
    worker = workers.get_worker(session, found.worker_id)
    values = {**_values(form), "worker_id": found.worker_id}
    version = _int(values.pop("version", None))

    def save(body: Any) -> Contract:
        data = body.model_dump(exclude={"worker_id"})
        return contracts.update_contract(
            session,
            contract_id=contract_id,
            data=data,
            version=version,
            policy=policy,
            actor=staff.actor,
        )

    return submit(
        session,
        staff,
        values,
        schema=ContractCreate,
        save=save,
        url_of=lambda c: f"/staff/workers/{c.worker_id}",
        again=lambda errors: _contract_form(
            request,
            staff,
            session,
            policy,
            worker,
            {**values, "version": version},
            errors,
            contract_id,
        ),
    )
