"""Planning renewal interviews in bulk: propose a schedule for a period, confirm it in one step."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.audit.service import Actor, record
from app.config import Policy
from app.db import utcnow
from app.departures.queries import card_withdrawn
from app.errors import Conflict, NotFound, invalid
from app.i18n import N_, _
from app.interviews.booking import booking_summary
from app.interviews.models import (
    ACTIVE_STATUSES,
    IdentityCard,
    Interview,
    InterviewKind,
    InterviewPlan,
    InterviewPlanItem,
    InterviewStatus,
    PlanStatus,
)
from app.interviews.schemas import PlanItemOut, PlanOut
from app.interviews.slots import (
    Calendar,
    Need,
    Slot,
    check_kind_at,
    duration_of,
    get_location,
    load_calendar,
    need_from,
)
from app.registry.models import Worker, WorkerLanguage, WorkerStatus
from app.registry.service import check_version

RENEWAL = InterviewKind.renewal.value
MAX_PERIOD_DAYS = 366
# Why a worker could not be placed (codes stored on the plan item; said in the reader's language).
UNPLACED = {
    "window_passed": N_("The renewal window closed before the period: the card is overdue."),
    "no_interpreter": N_("No interpreter at this location speaks the worker's languages."),
    "no_free_slot": N_("No free slot inside the worker's renewal window in this period."),
    "taken_meanwhile": N_("The proposed time was taken before the plan was confirmed."),
    "already_scheduled": N_("A renewal interview was booked before the plan was confirmed."),
}


@dataclass(frozen=True)
class RenewalDue:
    worker_id: int
    due_on: dt.date  # the card expires: the renewal interview must be held before
    window_opens_on: dt.date


def renewal_due(
    session: Session, *, policy: Policy, period_starts_on: dt.date, period_ends_on: dt.date
) -> list[RenewalDue]:
    """Registered workers whose renewal window (before their latest card expires) meets the
    period and who have no renewal interview booked or held in it; most urgent first.

    The due date is the latest identity card's expiry (issue 5 builds the cards on this).
    """
    window = dt.timedelta(days=policy.card.renewal_window_days)
    latest = (
        select(IdentityCard.worker_id, func.max(IdentityCard.expires_on).label("expires_on"))
        .group_by(IdentityCard.worker_id)
        .subquery()
    )
    already = select(Interview.worker_id).where(
        Interview.kind == RENEWAL,
        Interview.status.in_(ACTIVE_STATUSES),
        Interview.starts_at >= dt.datetime.combine(period_starts_on - window, dt.time(), dt.UTC),
    )
    rows = session.execute(
        select(latest.c.worker_id, latest.c.expires_on)
        .join(Worker, Worker.id == latest.c.worker_id)
        .where(
            Worker.status == WorkerStatus.registered.value,
            Worker.id.not_in(card_withdrawn()),
            latest.c.expires_on >= period_starts_on,
            latest.c.expires_on <= period_ends_on + window,
            latest.c.worker_id.not_in(already),
        )
        .order_by(latest.c.expires_on, latest.c.worker_id)
    )
    return [RenewalDue(w, due, due - window) for w, due in rows]


def _needs(session: Session, worker_ids: list[int], calendar: Calendar) -> dict[int, Need]:
    skills: dict[int, list[tuple[str, str]]] = defaultdict(list)
    preferred: dict[int, str] = {}
    for start in range(0, len(worker_ids), 1000):
        chunk = worker_ids[start : start + 1000]
        for worker_id, lang, level in session.execute(
            select(
                WorkerLanguage.worker_id, WorkerLanguage.language, WorkerLanguage.proficiency
            ).where(WorkerLanguage.worker_id.in_(chunk))
        ):
            skills[worker_id].append((lang, level))
        for worker_id, lang in session.execute(
            select(Worker.id, Worker.preferred_language).where(Worker.id.in_(chunk))
        ):
            preferred[worker_id] = lang
    return {w: need_from(skills[w], preferred[w], calendar.location) for w in worker_ids}


def _place(
    calendar: Calendar,
    need: Need,
    policy: Policy,
    *,
    first_day: dt.date,
    last_day: dt.date,
    not_before: dt.datetime,
) -> Slot | None:
    """The earliest free slot between two local days, and take it."""
    duration = duration_of(policy, RENEWAL)
    buffer = dt.timedelta(minutes=policy.interviews.buffer_minutes)
    step = dt.timedelta(minutes=policy.interviews.slot_step_minutes)
    day = first_day
    while day <= last_day:
        for start, end in calendar.starts_on(day, duration, step):
            if start < not_before:
                continue
            slot = calendar.free_slot(start, end, end + buffer, need)
            if slot is not None:
                calendar.take(slot)
                return slot
        day += dt.timedelta(days=1)
    return None


def propose_plan(
    session: Session,
    *,
    location_id: int,
    period_starts_on: dt.date,
    period_ends_on: dt.date,
    policy: Policy,
    actor: Actor,
    now: dt.datetime | None = None,
) -> InterviewPlan:
    """Propose a renewal interview for every worker due in the period, inside their window,
    spread over the officers (the least busy first), with interpreters where needed."""
    if period_ends_on < period_starts_on:
        raise invalid("period_ends_on", _("The period ends before it starts."))
    if (period_ends_on - period_starts_on).days > MAX_PERIOD_DAYS:
        raise invalid("period_ends_on", _("Plan at most a year at a time."))
    location = get_location(session, location_id)
    check_kind_at(location, RENEWAL)
    now = now or utcnow()
    due = renewal_due(
        session, policy=policy, period_starts_on=period_starts_on, period_ends_on=period_ends_on
    )
    calendar = load_calendar(
        session,
        location,
        policy,
        dt.datetime.combine(period_starts_on, dt.time(), dt.UTC) - dt.timedelta(days=1),
        dt.datetime.combine(period_ends_on, dt.time(), dt.UTC) + dt.timedelta(days=2),
    )
    needs = _needs(session, [d.worker_id for d in due], calendar)
    today = now.astimezone(calendar.zone).date()
    # Starts known to be full for a need: workers come in order of due date, so their windows
    # open in order and a later worker with the same need never has to look before it.
    full_until: dict[tuple[str, ...] | None, dt.datetime] = {}
    plan = InterviewPlan(
        location_id=location.id,
        period_starts_on=period_starts_on,
        period_ends_on=period_ends_on,
        status=PlanStatus.proposed.value,
        created_by_user_id=actor.user_id,
    )
    session.add(plan)
    session.flush()
    rows: list[dict[str, Any]] = []
    for item in due:
        need = needs[item.worker_id]
        key = need.languages if need.interpreter else None
        first_day = max(item.window_opens_on, period_starts_on, today)
        last_day = min(item.due_on - dt.timedelta(days=1), period_ends_on)
        slot, reason = None, None
        if first_day > last_day:
            reason = "window_passed" if item.due_on <= today else "no_free_slot"
        elif need.interpreter and not any(
            lang in i.languages for i in calendar.interpreters for lang in need.languages
        ):
            reason = "no_interpreter"
        else:
            not_before = max(now, full_until.get(key, now))
            slot = _place(
                calendar,
                need,
                policy,
                first_day=max(first_day, not_before.astimezone(calendar.zone).date()),
                last_day=last_day,
                not_before=not_before,
            )
            if slot is None:
                reason = "no_free_slot"
            else:
                full_until[key] = slot.starts_at
        rows.append(_item_row(plan.id, item, slot, reason))
    if rows:
        session.execute(insert(InterviewPlanItem), rows)
    placed = sum(1 for r in rows if r["unplaced_reason"] is None)
    record(
        session,
        actor=actor,
        action="propose",
        entity="interview_plan",
        entity_id=plan.id,
        changes={"placed": placed, "unplaced": len(rows) - placed},
    )
    return plan


def _item_row(
    plan_id: int, item: RenewalDue, slot: Slot | None, reason: str | None
) -> dict[str, Any]:
    return {
        "plan_id": plan_id,
        "worker_id": item.worker_id,
        "renewal_due_on": item.due_on,
        "window_opens_on": item.window_opens_on,
        "starts_at": slot.starts_at if slot else None,
        "ends_at": slot.ends_at if slot else None,
        "blocked_until": slot.blocked_until if slot else None,
        "officer_id": slot.officer_id if slot else None,
        "room_id": slot.room_id if slot else None,
        "interpreter_id": slot.interpreter_id if slot else None,
        "interpreter_language": slot.interpreter_language if slot else None,
        "unplaced_reason": reason,
        "interview_id": None,
    }


def get_plan(session: Session, plan_id: int) -> InterviewPlan:
    plan = session.get(InterviewPlan, plan_id)
    if plan is None:
        raise NotFound(_("There is no such plan."))
    return plan


def plan_items(session: Session, plan_id: int) -> list[InterviewPlanItem]:
    return list(
        session.scalars(
            select(InterviewPlanItem)
            .where(InterviewPlanItem.plan_id == plan_id)
            .order_by(InterviewPlanItem.id)
        )
    )


def confirm_plan(
    session: Session, *, plan_id: int, version: int | None, policy: Policy, actor: Actor
) -> InterviewPlan:
    """Book every placed interview of a proposed plan at once; a time taken meanwhile is
    listed as unplaced with the reason, never double-booked."""
    plan = get_plan(session, plan_id)
    check_version(plan, version)
    if plan.status != PlanStatus.proposed.value:
        raise Conflict(_("This plan has already been confirmed."))
    items = [i for i in plan_items(session, plan.id) if i.starts_at is not None]
    location = get_location(session, plan.location_id)
    calendar = load_calendar(
        session,
        location,
        policy,
        dt.datetime.combine(plan.period_starts_on, dt.time(), dt.UTC) - dt.timedelta(days=1),
        dt.datetime.combine(plan.period_ends_on, dt.time(), dt.UTC) + dt.timedelta(days=2),
    )
    pending = set(
        session.scalars(
            select(Interview.worker_id).where(
                Interview.kind == RENEWAL, Interview.status == InterviewStatus.scheduled.value
            )
        )
    )
    rows, booked, dropped = [], [], []
    for item in items:
        assert item.starts_at and item.blocked_until and item.ends_at
        slot = Slot(
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            blocked_until=item.blocked_until,
            location_id=location.id,
            officer_id=item.officer_id or 0,
            room_id=item.room_id or 0,
            interpreter_id=item.interpreter_id,
            interpreter_language=item.interpreter_language,
        )
        keys = [("officer", slot.officer_id), ("room", slot.room_id)]
        if slot.interpreter_id is not None:
            keys.append(("interpreter", slot.interpreter_id))
        if item.worker_id in pending:
            dropped.append({"id": item.id, "unplaced_reason": "already_scheduled"})
        elif not all(calendar.busy.is_free(k, slot.starts_at, slot.blocked_until) for k in keys):
            dropped.append({"id": item.id, "unplaced_reason": "taken_meanwhile"})
        else:
            calendar.take(slot)
            booked.append(item)
            rows.append(
                {
                    "worker_id": item.worker_id,
                    "kind": RENEWAL,
                    "status": InterviewStatus.scheduled.value,
                    "location_id": location.id,
                    "room_id": slot.room_id,
                    "officer_id": slot.officer_id,
                    "interpreter_id": slot.interpreter_id,
                    "interpreter_language": slot.interpreter_language,
                    "starts_at": slot.starts_at,
                    "ends_at": slot.ends_at,
                    "blocked_until": slot.blocked_until,
                    "booked_by_user_id": actor.user_id,
                    "plan_id": plan.id,
                }
            )
    _book_all(session, plan, booked, rows, dropped, actor)
    return plan


def _book_all(
    session: Session,
    plan: InterviewPlan,
    booked: list[InterviewPlanItem],
    rows: list[dict[str, Any]],
    dropped: list[dict[str, Any]],
    actor: Actor,
) -> None:
    now = utcnow()
    try:
        with session.begin_nested():
            interviews = (
                list(
                    session.scalars(
                        insert(Interview).returning(Interview, sort_by_parameter_order=True),
                        [{**r, "created_at": now, "updated_at": now, "version": 1} for r in rows],
                    )
                )
                if rows
                else []
            )
    except IntegrityError:
        raise Conflict(
            _("Some of these times were booked while the plan was being confirmed.")
            + " "
            + _("Propose the plan again.")
        ) from None
    updates = [{"id": i.id, "interview_id": n.id} for i, n in zip(booked, interviews, strict=True)]
    if updates or dropped:
        session.execute(update(InterviewPlanItem), updates + dropped)
    for interview in interviews:
        record(
            session,
            actor=actor,
            action="book",
            entity="interview",
            entity_id=interview.id,
            worker_id=interview.worker_id,
            changes={**booking_summary(interview), "plan_id": plan.id},
        )
    plan.status = PlanStatus.confirmed.value
    plan.confirmed_at = now
    plan.confirmed_by_user_id = actor.user_id
    session.flush()
    record(
        session,
        actor=actor,
        action="confirm",
        entity="interview_plan",
        entity_id=plan.id,
        changes={"booked": len(interviews), "dropped": len(dropped)},
    )


def plan_out(session: Session, plan: InterviewPlan) -> PlanOut:
    """A plan with its items, the reasons said in the reader's language."""
    items = plan_items(session, plan.id)
    return PlanOut(
        id=plan.id,
        location_id=plan.location_id,
        period_starts_on=plan.period_starts_on,
        period_ends_on=plan.period_ends_on,
        status=PlanStatus(plan.status),
        placed=sum(1 for i in items if i.unplaced_reason is None),
        unplaced=sum(1 for i in items if i.unplaced_reason is not None),
        items=[
            PlanItemOut.model_validate(i).model_copy(
                update={"reason": _(UNPLACED[i.unplaced_reason]) if i.unplaced_reason else None}
            )
            for i in items
        ],
        version=plan.version,
    )
