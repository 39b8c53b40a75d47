"""Registration and the card on the worker's file: what is missing, register, renew."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.config import Policy
from app.deps import PolicyDep, SessionDep
from app.errors import DomainError
from app.i18n import N_
from app.registry.models import Worker, WorkerStatus
from app.renewals import service
from app.web.pages import NOTICES, redirect, refusal_query
from app.web.staff import OfficerPost

router = APIRouter(prefix="/staff", include_in_schema=False)
NOTICES.update(
    {
        "registered": N_("The worker is registered and the first card is issued."),
        "renewed": N_("The card is renewed."),
    }
)


def card_context(session: Session, worker: Worker, policy: Policy) -> dict[str, Any]:
    """What the worker's file shows of registration and the identity card."""
    today = dt.date.today()
    card = service.latest_card(session, worker.id)
    missing: list[service.Missing] = []
    if worker.status == WorkerStatus.pending.value:
        missing = service.registration_missing(session, worker=worker, today=today)
    elif worker.status == WorkerStatus.registered.value:
        missing = service.renewal_missing(session, worker=worker, policy=policy, today=today)
    return {
        "card": card,
        "card_missing": missing,
        # A departed worker's card, or one given back, is not overdue: it is withdrawn.
        "card_overdue": card is not None
        and card.expires_on < today
        and worker.status == WorkerStatus.registered.value
        and not any(m.code == "card_withdrawn" for m in missing),
        "renewal_opens": service.window_opens(card, policy) if card else None,
    }


def _back(worker_id: int, notice: str = "", refused: str = "") -> Response:
    if refused:
        return redirect(f"/staff/workers/{worker_id}?{refusal_query('card_refused', refused)}#card")
    return redirect(f"/staff/workers/{worker_id}?notice={notice}#card")


@router.post("/workers/{worker_id}/register")
def register(
    worker_id: int, session: SessionDep, policy: PolicyDep, staff: OfficerPost
) -> Response:
    """Register the worker and issue the first card (refused with what is missing)."""
    try:
        with session.begin_nested():
            service.register(session, worker_id=worker_id, policy=policy, actor=staff.actor)
    except DomainError as exc:
        return _back(worker_id, refused=exc.detail)
    return _back(worker_id, "registered")


@router.post("/workers/{worker_id}/renew")
def renew(worker_id: int, session: SessionDep, policy: PolicyDep, staff: OfficerPost) -> Response:
    """Renew the card (refused with what is missing)."""
    try:
        with session.begin_nested():
            service.renew(session, worker_id=worker_id, policy=policy, actor=staff.actor)
    except DomainError as exc:
        return _back(worker_id, refused=exc.detail)
    return _back(worker_id, "renewed")
