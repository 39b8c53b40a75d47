"""The salary account and the deposits seen, on the worker's file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from app.accounts import (
    panels,  # noqa: F401  (registers the dashboard panels)
    service,
)
from app.accounts.models import Evidence
from app.deps import PolicyDep, SessionDep
from app.errors import DomainError
from app.i18n import N_, _
from app.web import forms
from app.web.pages import NOTICES, redirect, refusal_query
from app.web.staff import FormDep, OfficerPost

router = APIRouter(prefix="/staff", include_in_schema=False)
NOTICES.update(
    {
        "account": N_(
            "The salary account is recorded. Confirm it once you have seen the bank's evidence."
        ),
        "confirmed": N_("The salary account is confirmed."),
        "deposit": N_("The deposit is recorded."),
    }
)


def evidence_choices() -> list[tuple[str, str]]:
    names = {
        Evidence.bank_letter: _("A letter from the bank"),
        Evidence.statement: _("A bank statement"),
        Evidence.bank_card: _("The bank card"),
    }
    return [(e.value, names[e]) for e in Evidence]


def account_context(session: Any, worker_id: int) -> dict[str, Any]:
    """What the worker's file shows of the salary: accounts, deposits, months unpaid."""
    accounts = service.accounts_of(session, worker_id)
    return {
        "accounts": accounts,
        "active_account": next((a for a in accounts if a.status == "active"), None),
        "deposits": service.deposits_of(session, worker_id),
        "unpaid_months": service.months_unpaid(session, worker_id=worker_id, until=dt.date.today()),
        "evidence_choices": evidence_choices(),
    }


def _back(worker_id: int, notice: str, errors: forms.Errors | None = None) -> Response:
    if errors:
        # The file page shows the refusal at the top; the form fields are short.
        message = "; ".join(v for v in errors.values())
        return redirect(f"/staff/workers/{worker_id}?{refusal_query('refused', message)}#salary")
    return redirect(f"/staff/workers/{worker_id}?notice={notice}#salary")


@router.post("/workers/{worker_id}/salary-accounts")
def add_account(
    worker_id: int, session: SessionDep, policy: PolicyDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Record the worker's salary account."""
    values = forms.values_of(form)
    if not values.get("holder_name"):
        return _back(worker_id, "", {"holder_name": _("The holder's name is required.")})
    try:
        with session.begin_nested():
            service.add_account(
                session, worker_id=worker_id, data=values, policy=policy, actor=staff.actor
            )
    except DomainError as exc:
        return _back(worker_id, "", forms.domain_errors(exc))
    return _back(worker_id, "account")


@router.post("/salary-accounts/{account_id}/confirm")
def confirm_account(
    account_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Confirm the account with the evidence seen."""
    values = forms.values_of(form)
    from app.accounts.models import SalaryAccount

    account = session.get(SalaryAccount, account_id)
    worker_id = account.worker_id if account else 0
    try:
        evidence = Evidence(values.get("evidence") or "").value
        confirmed_on = dt.date.fromisoformat(values.get("confirmed_on") or "")
        with session.begin_nested():
            service.confirm_account(
                session,
                account_id=account_id,
                evidence=evidence,
                confirmed_on=confirmed_on,
                actor=staff.actor,
            )
    except ValueError:
        return _back(worker_id, "", {"confirmed_on": _("Choose the evidence and the date.")})
    except DomainError as exc:
        return _back(worker_id, "", forms.domain_errors(exc))
    return _back(worker_id, "confirmed")


@router.post("/workers/{worker_id}/deposits")
def record_deposit(
    worker_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Record a deposit seen on a statement."""
    values = forms.values_of(form)
    try:
        month = dt.date.fromisoformat((values.get("month") or "") + "-01")
        amount = Decimal((values.get("amount") or "").replace("'", "").replace(",", "."))
        with session.begin_nested():
            service.record_deposit(
                session,
                worker_id=worker_id,
                month=month,
                amount=amount,
                currency=(values.get("currency") or "").upper(),
                actor=staff.actor,
            )
    except (ValueError, InvalidOperation):
        return _back(worker_id, "", {"amount": _("Give the month and the amount as numbers.")})
    except DomainError as exc:
        return _back(worker_id, "", forms.domain_errors(exc))
    return _back(worker_id, "deposit")
