"""Salary accounts and deposits seen, through the JSON API."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, status

from app.accounts import service
from app.accounts.schemas import (
    AccountConfirm,
    AccountCreate,
    AccountOut,
    DepositCreate,
    DepositOut,
    DepositSummary,
)
from app.audit.service import record
from app.deps import Officer, PolicyDep, SessionDep, Viewer, actor_of
from app.registry.workers import get_worker
from app.schemas import problem_responses

router = APIRouter(responses=problem_responses(401, 403, 404, 422), tags=["salary accounts"])


@router.get("/workers/{worker_id}/salary-accounts", response_model=list[AccountOut])
def list_accounts(worker_id: int, session: SessionDep, user: Viewer) -> object:
    """The worker's salary accounts, the active one first; the read is audited."""
    get_worker(session, worker_id)
    record(
        session, actor=actor_of(user), action="read", entity="salary_account", worker_id=worker_id
    )
    return service.accounts_of(session, worker_id)


@router.post(
    "/workers/{worker_id}/salary-accounts",
    response_model=AccountOut,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(409),
)
def add_account(
    worker_id: int, body: AccountCreate, session: SessionDep, policy: PolicyDep, user: Officer
) -> object:
    """Record the account the wage goes into: valid, in the host country, the worker's alone."""
    return service.add_account(
        session, worker_id=worker_id, data=body.model_dump(), policy=policy, actor=actor_of(user)
    )


@router.post("/salary-accounts/{account_id}/confirm", response_model=AccountOut)
def confirm_account(
    account_id: int, body: AccountConfirm, session: SessionDep, user: Officer
) -> object:
    """Confirm the account with the evidence seen (bank letter, statement) and the date."""
    return service.confirm_account(
        session,
        account_id=account_id,
        evidence=body.evidence.value,
        confirmed_on=body.confirmed_on,
        actor=actor_of(user),
    )


@router.get("/workers/{worker_id}/deposits", response_model=DepositSummary)
def list_deposits(worker_id: int, session: SessionDep, user: Viewer) -> DepositSummary:
    """Deposits seen, with shortfalls, and the months with no deposit seen."""
    get_worker(session, worker_id)
    record(
        session, actor=actor_of(user), action="read", entity="salary_deposit", worker_id=worker_id
    )
    return DepositSummary(
        items=[DepositOut.model_validate(d) for d in service.deposits_of(session, worker_id)],
        unpaid_months=service.months_unpaid(session, worker_id=worker_id, until=dt.date.today()),
    )


@router.post(
    "/workers/{worker_id}/deposits", response_model=DepositOut, status_code=status.HTTP_201_CREATED
)
def record_deposit(
    worker_id: int, body: DepositCreate, session: SessionDep, user: Officer
) -> object:
    """Record a deposit seen on a statement; one below the contract's wage is flagged."""
    return service.record_deposit(
        session,
        worker_id=worker_id,
        month=body.month,
        amount=body.amount,
        currency=body.currency,
        actor=actor_of(user),
    )
