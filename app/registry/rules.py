"""The host-country policy applied to a contract: the rules it breaks, and how to say so.

A contract that breaks the policy is stored, with the rules it breaks, so that an officer sees
it and acts; it is never rejected (the paperwork exists either way) and never silently kept.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from babel.numbers import format_currency, format_decimal

from app.config import Policy, WageBasis, WagePeriod
from app.i18n import N_, _, get_locale
from app.registry.models import Contract, Proficiency, Worker

WEEKS_PER_MONTH = Decimal(52) / Decimal(12)

RULES = {
    "wage_not_in_host_currency": N_("The wage is not in the host country's currency ({currency})."),
    "wage_below_minimum": N_("The wage ({actual}) is below the minimum ({minimum})."),
    "wage_basis_unverifiable": N_(
        "The wage ({actual}) cannot be checked against the minimum ({minimum}): "
        "ask for the net amount."
    ),
    "hours_over_maximum": N_("{hours} hours a week is more than the maximum of {maximum}."),
    "rest_below_minimum": N_("{days} rest days a week is less than the minimum of {minimum}."),
    "leave_below_minimum": N_("{weeks} weeks of paid leave is less than the minimum of {minimum}."),
    "contract_language_not_understood": N_(
        "The contract is not in a language the worker understands well."
    ),
    "worker_under_minimum_age": N_("The worker is younger than {age} when the contract starts."),
}

_WAGE_UNITS = {
    (WagePeriod.month, WageBasis.net): N_("{amount} net a month"),
    (WagePeriod.month, WageBasis.gross): N_("{amount} gross a month"),
    (WagePeriod.hour, WageBasis.net): N_("{amount} net an hour"),
    (WagePeriod.hour, WageBasis.gross): N_("{amount} gross an hour"),
}


def _per(amount: Decimal, period: WagePeriod, target: WagePeriod, weekly_hours: Decimal) -> Decimal:
    """A wage converted between hourly and monthly at the contract's weekly hours."""
    if period == target:
        return amount
    hours_a_month = weekly_hours * WEEKS_PER_MONTH
    return amount * hours_a_month if target == WagePeriod.month else amount / hours_a_month


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def wage_text(amount: Decimal | str, currency: str, period: str, basis: str) -> str:
    """'CHF 1,200.00 net a month', formatted for the current locale."""
    money = format_currency(Decimal(amount), currency, locale=get_locale())
    return _(_WAGE_UNITS[(WagePeriod(period), WageBasis(basis))]).format(amount=money)


def _wage_flags(contract: Contract, policy: Policy) -> list[dict[str, Any]]:
    floor = policy.wage
    if contract.wage_currency != policy.host.currency:
        if floor.paid_in_host_currency:
            return [{"rule": "wage_not_in_host_currency", "currency": policy.host.currency}]
        return []
    actual = _per(
        Decimal(contract.wage_amount),
        WagePeriod(contract.wage_period),
        floor.period,
        Decimal(contract.weekly_hours),
    )
    params = {
        "actual": [
            str(contract.wage_amount),
            contract.wage_currency,
            contract.wage_period,
            contract.wage_basis,
        ],
        "minimum": [
            str(floor.minimum),
            policy.host.currency,
            floor.period.value,
            floor.basis.value,
        ],
    }
    below = actual < floor.minimum
    if contract.wage_basis == floor.basis.value:
        return [{"rule": "wage_below_minimum", **params}] if below else []
    # A gross wage under a net floor is below it for certain; above it, the net is unknown.
    # A net wage over a gross floor is above it for certain; under it, the gross is unknown.
    if floor.basis == WageBasis.net:
        return [{"rule": "wage_below_minimum" if below else "wage_basis_unverifiable", **params}]
    return [] if not below else [{"rule": "wage_basis_unverifiable", **params}]


def contract_flags(
    contract: Contract, worker: Worker, spoken: dict[str, str], policy: Policy
) -> list[dict[str, Any]]:
    """Every policy rule the contract breaks, with the figures that show it."""
    rules = policy.working_time
    flags = _wage_flags(contract, policy)
    if Decimal(contract.weekly_hours) > rules.max_weekly_hours:
        flags.append(
            {
                "rule": "hours_over_maximum",
                "hours": str(contract.weekly_hours),
                "maximum": str(rules.max_weekly_hours),
            }
        )
    if Decimal(contract.weekly_rest_days) < rules.min_weekly_rest_days:
        flags.append(
            {
                "rule": "rest_below_minimum",
                "days": str(contract.weekly_rest_days),
                "minimum": str(rules.min_weekly_rest_days),
            }
        )
    if Decimal(contract.paid_leave_weeks) < rules.min_paid_leave_weeks:
        flags.append(
            {
                "rule": "leave_below_minimum",
                "weeks": str(contract.paid_leave_weeks),
                "minimum": str(rules.min_paid_leave_weeks),
            }
        )
    understood = {
        code for code, level in spoken.items() if Proficiency(level).understands_documents
    }
    if not understood.intersection(contract.languages):
        flags.append({"rule": "contract_language_not_understood"})
    if _age_on(worker.date_of_birth, contract.starts_on) < rules.minimum_age:
        flags.append({"rule": "worker_under_minimum_age", "age": rules.minimum_age})
    return flags


def flag_message(flag: dict[str, Any]) -> str:
    """A stored flag said in the current locale, with its figures formatted for it."""
    locale = get_locale()
    values: dict[str, Any] = {}
    for key, value in flag.items():
        if key == "rule":
            continue
        if key in ("actual", "minimum") and isinstance(value, list):
            values[key] = wage_text(*value)
        elif isinstance(value, str):
            values[key] = (
                format_decimal(Decimal(value), locale=locale) if _numeric(value) else value
            )
        else:
            values[key] = value
    return _(RULES[flag["rule"]]).format(**values)


def _numeric(value: str) -> bool:
    try:
        Decimal(value)
    except ArithmeticError:
        return False
    return True
