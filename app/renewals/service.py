"""Registration, the identity card, and its yearly renewal after a fresh interview.

A worker is registered, and a card issued, only when every requirement of the policy is met;
otherwise the office is told exactly what is missing. The card is renewed only inside the
renewal window, after a renewal interview held in it, with the salary account confirmed
again, no month left unpaid, and a valid contract and passport.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.accounts.models import SalaryAccount
from app.accounts.service import months_unpaid
from app.audit.service import Actor, record
from app.config import Policy
from app.departures.models import Departure
from app.departures.queries import card_withdrawn
from app.errors import Invalid
from app.i18n import N_, _, get_locale
from app.interviews.models import IdentityCard, Interview
from app.registry.models import Contract, Worker, WorkerStatus
from app.registry.workers import get_worker

HELD = "held"

MESSAGES = {
    "passport_expired": N_("The passport has expired."),
    "no_contract": N_("There is no contract in force."),
    "contract_language": N_("The contract is not in a language the worker understands."),
    "wage": N_("The wage in the contract does not meet the minimum."),
    "hours": N_("The contract's weekly hours are over the maximum."),
    "rest": N_("The contract does not give the weekly rest."),
    "leave": N_("The contract does not give the paid leave."),
    "age": N_("The worker was under the minimum age when the contract started."),
    "no_account": N_("No salary account in the worker's own name is confirmed."),
    "no_interview": N_("No arrival interview has been held."),
    "already_registered": N_("The worker is registered already."),
    "departed": N_("The worker has left: the file is closed."),
    "no_card": N_("The worker has no identity card to renew."),
    "card_withdrawn": N_("The identity card is given back or withdrawn: the worker is leaving."),
    "window_not_open": N_("The renewal window opens on {date}."),
    "no_renewal_interview": N_("No renewal interview was held in the renewal window."),
    "account_not_reconfirmed": N_(
        "The salary account was not confirmed again in the renewal window."
    ),
    "unpaid_months": N_("Months with no wage deposit seen: {months}."),
}
_RULES_FOR = {
    "contract_language": {"contract_language_not_understood"},
    "wage": {"wage_below_minimum", "wage_not_in_host_currency", "wage_basis_unverifiable"},
    "hours": {"hours_over_maximum"},
    "rest": {"rest_below_minimum"},
    "leave": {"leave_below_minimum"},
    "age": {"worker_under_minimum_age"},
}


@dataclass(frozen=True)
class Missing:
    code: str
    message: str


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _missing(code: str, **values: str) -> Missing:
    return Missing(code, _(MESSAGES[code]).format(**values))


def _contract_in_force(session: Session, worker_id: int, today: dt.date) -> Contract | None:
    return session.scalar(
        select(Contract)
        .where(
            Contract.worker_id == worker_id,
            Contract.starts_on <= today,
            (Contract.ends_on.is_(None)) | (Contract.ends_on >= today),
        )
        .order_by(Contract.starts_on.desc())
        .limit(1)
    )


def _confirmed_account(session: Session, worker_id: int) -> SalaryAccount | None:
    return session.scalar(
        select(SalaryAccount).where(
            SalaryAccount.worker_id == worker_id,
            SalaryAccount.status == "active",
            SalaryAccount.confirmed_on.is_not(None),
        )
    )


def _held(
    session: Session, worker_id: int, kinds: tuple[str, ...], since: dt.date | None = None
) -> bool:
    stmt = select(Interview.id).where(
        Interview.worker_id == worker_id, Interview.kind.in_(kinds), Interview.status == HELD
    )
    if since is not None:
        stmt = stmt.where(Interview.starts_at >= dt.datetime.combine(since, dt.time(), dt.UTC))
    return session.scalar(stmt.limit(1)) is not None


def _common(session: Session, worker: Worker, today: dt.date) -> list[Missing]:
    missing = []
    if worker.passport_expires_on <= today:
        missing.append(_missing("passport_expired"))
    contract = _contract_in_force(session, worker.id, today)
    if contract is None:
        missing.append(_missing("no_contract"))
    else:
        broken = {flag["rule"] for flag in contract.policy_flags}
        missing += [_missing(code) for code, rules in _RULES_FOR.items() if broken & rules]
    return missing


def registration_missing(session: Session, *, worker: Worker, today: dt.date) -> list[Missing]:
    """Everything that stands between the worker and registration (empty: ready)."""
    if worker.status == WorkerStatus.departed.value:
        return [_missing("departed")]
    if worker.status == WorkerStatus.registered.value:
        return [_missing("already_registered")]
    missing = _common(session, worker, today)
    if _confirmed_account(session, worker.id) is None:
        missing.append(_missing("no_account"))
    if not _held(session, worker.id, ("arrival", "pre_departure")):
        missing.append(_missing("no_interview"))
    return missing


def latest_card(session: Session, worker_id: int) -> IdentityCard | None:
    return session.scalar(
        select(IdentityCard)
        .where(IdentityCard.worker_id == worker_id)
        .order_by(IdentityCard.expires_on.desc())
        .limit(1)
    )


def _refuse(missing: list[Missing]) -> Invalid:
    return Invalid("; ".join(m.message for m in missing))


def _issue(
    session: Session,
    *,
    worker: Worker,
    issued_on: dt.date,
    expires_on: dt.date,
    actor: Actor,
    action: str,
) -> IdentityCard:
    count = (
        session.scalar(
            select(func.count())
            .select_from(IdentityCard)
            .where(IdentityCard.worker_id == worker.id)
        )
        or 0
    )
    card = IdentityCard(
        worker_id=worker.id,
        issued_on=issued_on,
        expires_on=expires_on,
        number=f"{issued_on.year}-{worker.id:06d}-{count + 1}",
    )
    session.add(card)
    session.flush()
    record(
        session,
        actor=actor,
        action=action,
        entity="identity_card",
        entity_id=card.id,
        worker_id=worker.id,
        changes={
            "number": {"before": None, "after": card.number},
            "expires_on": {"before": None, "after": expires_on.isoformat()},
        },
    )
    return card


def register(
    session: Session, *, worker_id: int, policy: Policy, actor: Actor, today: dt.date | None = None
) -> IdentityCard:
    """Register the worker and issue the first card, or refuse with what is missing."""
    today = today or dt.date.today()
    worker = get_worker(session, worker_id)
    missing = registration_missing(session, worker=worker, today=today)
    if missing:
        raise _refuse(missing)
    card = _issue(
        session,
        worker=worker,
        issued_on=today,
        actor=actor,
        action="create",
        expires_on=add_months(today, policy.card.first_validity_months),
    )
    worker.status = WorkerStatus.registered.value
    return card


def window_opens(card: IdentityCard, policy: Policy) -> dt.date:
    return card.expires_on - dt.timedelta(days=policy.card.renewal_window_days)


def renewal_missing(
    session: Session, *, worker: Worker, policy: Policy, today: dt.date
) -> list[Missing]:
    """Everything that stands between the worker and the card's renewal (empty: ready)."""
    if worker.status != WorkerStatus.registered.value:
        return [_missing("departed" if worker.status == WorkerStatus.departed.value else "no_card")]
    card = latest_card(session, worker.id)
    if card is None:
        return [_missing("no_card")]
    if session.scalar(card_withdrawn().where(Departure.worker_id == worker.id)) is not None:
        return [_missing("card_withdrawn")]
    opens = window_opens(card, policy)
    if today < opens:
        day = format_date(opens, format="medium", locale=get_locale().replace("-", "_"))
        return [_missing("window_not_open", date=day)]
    missing = _common(session, worker, today)
    if not _held(session, worker.id, ("renewal",), since=opens):
        missing.append(_missing("no_renewal_interview"))
    account = _confirmed_account(session, worker.id)
    if account is None or account.confirmed_on is None or account.confirmed_on < opens:
        missing.append(_missing("account_not_reconfirmed"))
    unpaid = months_unpaid(session, worker_id=worker.id, until=today)
    if unpaid:
        missing.append(
            _missing("unpaid_months", months=", ".join(m.strftime("%Y-%m") for m in unpaid))
        )
    return missing


def renew(
    session: Session, *, worker_id: int, policy: Policy, actor: Actor, today: dt.date | None = None
) -> IdentityCard:
    """Renew the card for the policy's period, or refuse with what is missing."""
    today = today or dt.date.today()
    worker = get_worker(session, worker_id)
    missing = renewal_missing(session, worker=worker, policy=policy, today=today)
    if missing:
        raise _refuse(missing)
    card = latest_card(session, worker.id)
    assert card is not None  # renewal_missing refuses a worker without a card
    # Renewed in time, the new card follows on; renewed late, it runs from today.
    start = max(card.expires_on, today)
    return _issue(
        session,
        worker=worker,
        issued_on=today,
        actor=actor,
        action="update",
        expires_on=add_months(start, policy.card.renewal_validity_months),
    )
