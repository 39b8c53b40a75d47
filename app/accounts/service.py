"""Salary accounts (recorded, checked, confirmed) and the deposits seen on statements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.checks import check_holder, check_iban, check_national, uses_iban
from app.accounts.models import SalaryAccount, SalaryDeposit
from app.audit.service import Actor, record
from app.concerns.pay import note_pay
from app.config import Policy, WageBasis, WagePeriod
from app.crypto import lookup_hash
from app.errors import Conflict, FieldError, NotFound, invalid
from app.i18n import _
from app.registry.models import Contract, Employer, Worker
from app.registry.rules import WEEKS_PER_MONTH
from app.registry.workers import get_worker


def _employer_names(session: Session, worker_id: int) -> list[str]:
    rows = session.execute(
        select(Employer.family_name, Employer.given_names)
        .join(Contract, Contract.employer_id == Employer.id)
        .where(Contract.worker_id == worker_id)
    ).all()
    return [f"{row.family_name} {row.given_names}" for row in rows]


def add_account(
    session: Session, *, worker_id: int, data: dict[str, Any], policy: Policy, actor: Actor
) -> SalaryAccount:
    """Record the worker's salary account; it replaces the one before, which is kept closed."""
    worker = get_worker(session, worker_id)
    if uses_iban(policy):
        if not data.get("iban"):
            raise invalid("iban", _("This field is required."))
        checked = check_iban(data["iban"], policy)
    else:
        if not data.get("account_number") or not data.get("bank_code"):
            field = "account_number" if not data.get("account_number") else "bank_code"
            raise invalid(field, _("This field is required."))
        checked = check_national(data["account_number"], data["bank_code"], policy)
    check_holder(
        data["holder_name"],
        worker_names=[worker.family_name, worker.given_names, worker.latin_name],
        employers=_employer_names(session, worker.id),
    )
    account_hash = lookup_hash("account", checked.country, checked.number)
    other = session.scalar(
        select(SalaryAccount.worker_id).where(
            SalaryAccount.account_hash == account_hash, SalaryAccount.worker_id != worker.id
        )
    )
    if other is not None:
        message = _(
            "This account is already given for worker no. {id}: a worker's account is theirs alone."
        ).format(id=other)
        raise Conflict(message, errors=[FieldError("iban", message)])
    for previous in session.scalars(
        select(SalaryAccount).where(
            SalaryAccount.worker_id == worker.id, SalaryAccount.status == "active"
        )
    ):
        previous.status = "closed"
    account = SalaryAccount(
        worker_id=worker.id,
        account_number=checked.number,
        account_hash=account_hash,
        is_iban=checked.is_iban,
        bank_code=checked.bank_code,
        country=checked.country,
        bank_name=data.get("bank_name") or checked.bank_name,
        bic=checked.bic,
        holder_name=data["holder_name"],
        status="active",
    )
    session.add(account)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        entity="salary_account",
        entity_id=account.id,
        worker_id=worker.id,
        changes={
            "account_number": {"before": None, "after": "(changed)"},
            "holder_name": {"before": None, "after": account.holder_name},
        },
    )
    return account


def confirm_account(
    session: Session, *, account_id: int, evidence: str, confirmed_on: dt.date, actor: Actor
) -> SalaryAccount:
    """An officer confirms, with the evidence seen, that the account is the worker's alone."""
    account = session.get(SalaryAccount, account_id)
    if account is None or account.status != "active":
        raise NotFound(_("There is no such active account."))
    if confirmed_on > dt.date.today():
        raise invalid("confirmed_on", _("The confirmation cannot be dated in the future."))
    account.evidence, account.confirmed_on = evidence, confirmed_on
    account.confirmed_by_user_id = actor.user_id
    record(
        session,
        actor=actor,
        action="update",
        entity="salary_account",
        entity_id=account.id,
        worker_id=account.worker_id,
        changes={
            "confirmed_on": {"before": None, "after": confirmed_on.isoformat()},
            "evidence": {"before": None, "after": evidence},
        },
    )
    return account


def accounts_of(session: Session, worker_id: int) -> list[SalaryAccount]:
    """A worker's accounts, the active one first."""
    return list(
        session.scalars(
            select(SalaryAccount)
            .where(SalaryAccount.worker_id == worker_id)
            .order_by(SalaryAccount.status, SalaryAccount.id.desc())
        )
    )


def _contract_for(session: Session, worker: Worker, month: dt.date) -> Contract | None:
    month_end = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return session.scalar(
        select(Contract)
        .where(
            Contract.worker_id == worker.id,
            Contract.starts_on < month_end,
            (Contract.ends_on.is_(None)) | (Contract.ends_on >= month),
        )
        .order_by(Contract.starts_on.desc())
        .limit(1)
    )


def monthly_wage(contract: Contract) -> Decimal:
    """The wage the contract promises for a month (an hourly wage at its weekly hours)."""
    amount = Decimal(contract.wage_amount)
    if contract.wage_period == WagePeriod.hour.value:
        amount = amount * Decimal(contract.weekly_hours) * WEEKS_PER_MONTH
    return amount.quantize(Decimal("0.01"))


def record_deposit(
    session: Session,
    *,
    worker_id: int,
    month: dt.date,
    amount: Decimal,
    currency: str,
    actor: Actor,
) -> SalaryDeposit:
    """A deposit seen on a statement; a month paid below the contract's wage is flagged."""
    worker = get_worker(session, worker_id)
    month = month.replace(day=1)
    if month > dt.date.today():
        raise invalid("month", _("A deposit cannot be for a month still to come."))
    contract = _contract_for(session, worker, month)
    if contract is not None and currency != contract.wage_currency:
        raise invalid(
            "currency",
            _(
                "Record the deposit in the contract's currency ({currency}), "
                "as credited on the statement."
            ).format(currency=contract.wage_currency),
        )
    expected = monthly_wage(contract) if contract else None
    # A gross contract wage cannot be compared with a net deposit: no shortfall is claimed.
    comparable = contract is not None and contract.wage_basis == WageBasis.net.value
    shortfall = (
        max(Decimal(0), expected - amount) if expected is not None and comparable else Decimal(0)
    )
    active = session.scalar(
        select(SalaryAccount.id).where(
            SalaryAccount.worker_id == worker.id, SalaryAccount.status == "active"
        )
    )
    deposit = SalaryDeposit(
        worker_id=worker.id,
        account_id=active,
        month=month,
        amount=amount,
        currency=currency,
        expected=expected,
        shortfall=shortfall,
        flagged=shortfall > 0,
        recorded_by_user_id=actor.user_id,
    )
    session.add(deposit)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        entity="salary_deposit",
        entity_id=deposit.id,
        worker_id=worker.id,
        changes={
            "month": {"before": None, "after": month.isoformat()},
            "amount": {"before": None, "after": str(amount)},
        },
    )
    note_pay(session, deposit=deposit, actor=actor)  # short or missing pay opens a concern
    return deposit


def months_unpaid(session: Session, *, worker_id: int, until: dt.date) -> list[dt.date]:
    """Months under a contract, up to `until`, with no deposit seen."""
    worker = get_worker(session, worker_id)
    contracts = session.scalars(select(Contract).where(Contract.worker_id == worker.id)).all()
    if not contracts:
        return []
    paid = set(
        session.scalars(select(SalaryDeposit.month).where(SalaryDeposit.worker_id == worker.id))
    )
    first = min(c.starts_on for c in contracts).replace(day=1)
    last = until.replace(day=1)
    missing, month = [], first
    while month < last:  # the current month is not due yet
        if month not in paid and _contract_for(session, worker, month) is not None:
            missing.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return missing


def deposits_of(session: Session, worker_id: int) -> list[SalaryDeposit]:
    return list(
        session.scalars(
            select(SalaryDeposit)
            .where(SalaryDeposit.worker_id == worker_id)
            .order_by(SalaryDeposit.month.desc())
        )
    )
