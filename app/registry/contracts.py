"""Contracts: stored as signed, checked against the host-country policy and flagged."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.audit.service import Actor, capture, changes_between, record
from app.config import Policy
from app.errors import FieldError, NotFound, invalid
from app.i18n import _
from app.pagination import Cursor, keyset_page
from app.registry.models import Contract, Employer, Worker
from app.registry.rules import contract_flags
from app.registry.service import check_version, require_fields
from app.registry.workers import get_worker

CONTRACT_FIELDS = [
    "employer_id",
    "starts_on",
    "ends_on",
    "wage_amount",
    "wage_currency",
    "wage_period",
    "wage_basis",
    "weekly_hours",
    "weekly_rest_days",
    "paid_leave_weeks",
    "board_and_lodging",
    "languages",
    "policy_flags",
]


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    values = dict(data)
    wage = values.pop("wage", None)
    if wage is not None:
        values.update({f"wage_{key}": value for key, value in wage.items()})
    return values


def _check_parties(session: Session, worker: Worker, employer_id: int) -> None:
    employer = session.get(Employer, employer_id)
    if employer is None:
        raise invalid("employer_id", _("There is no such employer."))
    if employer.mission_id != worker.mission_id:
        raise invalid(
            "employer_id",
            _("This employer is a member of another mission than the worker's."),
        )


def _check_dates(contract: Contract) -> None:
    errors = []
    if contract.ends_on is not None and contract.ends_on <= contract.starts_on:
        errors.append(FieldError("ends_on", _("The contract must end after it starts.")))
    require_fields(errors)


def _reflag(contract: Contract, worker: Worker, policy: Policy) -> None:
    spoken = {lang.language: lang.proficiency for lang in worker.languages}
    contract.policy_flags = contract_flags(contract, worker, spoken, policy)
    contract.flagged = bool(contract.policy_flags)


def create_contract(
    session: Session, *, data: dict[str, Any], policy: Policy, actor: Actor
) -> Contract:
    """File a contract; a contract that breaks the policy is kept and flagged, not refused."""
    values = _flatten(data)
    try:
        worker = get_worker(session, values["worker_id"])
    except NotFound as exc:
        raise invalid("worker_id", _("There is no such worker.")) from exc
    _check_parties(session, worker, values["employer_id"])
    contract = Contract(**values)
    _check_dates(contract)
    _reflag(contract, worker, policy)
    session.add(contract)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        entity="contract",
        entity_id=contract.id,
        worker_id=worker.id,
        changes=changes_between({}, capture(contract, CONTRACT_FIELDS)),
    )
    return contract


def update_contract(
    session: Session,
    *,
    contract_id: int,
    data: dict[str, Any],
    version: int | None,
    policy: Policy,
    actor: Actor,
) -> Contract:
    """Correct a contract (an amendment); the flags are checked again."""
    contract = get_contract(session, contract_id)
    check_version(contract, version)
    values = _flatten(data)
    worker = get_worker(session, contract.worker_id)
    if "employer_id" in values:
        _check_parties(session, worker, values["employer_id"])
    before = capture(contract, CONTRACT_FIELDS)
    for name, value in values.items():
        setattr(contract, name, value)
    _check_dates(contract)
    _reflag(contract, worker, policy)
    changes = changes_between(before, capture(contract, CONTRACT_FIELDS))
    if changes:
        session.flush()
        record(
            session,
            actor=actor,
            action="update",
            entity="contract",
            entity_id=contract.id,
            worker_id=worker.id,
            changes=changes,
        )
    return contract


def get_contract(session: Session, contract_id: int) -> Contract:
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise NotFound(_("There is no such contract."))
    return contract


def read_contract(session: Session, *, contract_id: int, actor: Actor) -> Contract:
    """A contract, as part of the worker's file: the read is audited."""
    contract = get_contract(session, contract_id)
    record(
        session,
        actor=actor,
        action="read",
        entity="contract",
        entity_id=contract.id,
        worker_id=contract.worker_id,
    )
    return contract


def list_contracts(
    session: Session,
    *,
    actor: Actor,
    worker_id: int | None = None,
    employer_id: int | None = None,
    flagged: bool | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Contract], str | None]:
    """Contracts, newest first, filtered by worker, employer or policy flags."""
    stmt = select(Contract)
    if worker_id is not None:
        stmt = stmt.where(Contract.worker_id == worker_id)
    if employer_id is not None:
        stmt = stmt.where(Contract.employer_id == employer_id)
    if flagged is not None:
        stmt = stmt.where(Contract.flagged.is_(flagged))
    record(
        session,
        actor=actor,
        action="list",
        entity="contract",
        worker_id=worker_id,
        changes={
            "filters": {"worker_id": worker_id, "employer_id": employer_id, "flagged": flagged}
        },
    )
    return keyset_page(
        session, stmt, [Cursor(Contract.id, int, descending=True)], cursor=cursor, limit=limit
    )


def recheck_contracts(session: Session, *, policy: Policy, actor: Actor) -> int:
    """Check every contract against the policy again (after the policy changed); returns how
    many changed their flags."""
    changed = 0
    last_id = 0
    while True:
        batch = list(
            session.scalars(
                select(Contract).where(Contract.id > last_id).order_by(Contract.id).limit(500)
            )
        )
        if not batch:
            return changed
        workers = {
            w.id: w
            for w in session.scalars(
                select(Worker)
                .where(Worker.id.in_({c.worker_id for c in batch}))
                .options(selectinload(Worker.languages))
            )
        }
        for contract in batch:
            before = contract.policy_flags
            _reflag(contract, workers[contract.worker_id], policy)
            if contract.policy_flags != before:
                changed += 1
                record(
                    session,
                    actor=actor,
                    action="update",
                    entity="contract",
                    entity_id=contract.id,
                    worker_id=contract.worker_id,
                    changes={"policy_flags": {"before": before, "after": contract.policy_flags}},
                )
        session.flush()
        last_id = batch[-1].id


def contracts_of_worker(session: Session, worker_id: int) -> list[tuple[Contract, Employer]]:
    """A worker's contracts with their employers, newest first."""
    rows = session.execute(
        select(Contract, Employer)
        .join(Employer, Employer.id == Contract.employer_id)
        .where(Contract.worker_id == worker_id)
        .order_by(Contract.starts_on.desc(), Contract.id.desc())
    ).all()
    return [(row.Contract, row.Employer) for row in rows]


def workers_of_employer(session: Session, employer_id: int) -> list[tuple[Contract, Worker]]:
    """The workers an employer employs or employed, with the contracts, newest first."""
    rows = session.execute(
        select(Contract, Worker)
        .join(Worker, Worker.id == Contract.worker_id)
        .where(Contract.employer_id == employer_id)
        .order_by(Contract.starts_on.desc(), Contract.id.desc())
        .limit(200)
    ).all()
    return [(row.Contract, row.Worker) for row in rows]
