"""A worker's departure: the end of employment, the card given back, the departure interview,
and closing the file.

The steps can be recorded in any order once the end of employment is on file, and corrected
until the file is closed. The file is closed only when employment has ended, the card is back
(or a supervisor confirms why not), the departure interview was held (or a supervisor closes
without it, saying why) and no interview is still booked. The file and its history stay.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import Actor, capture, changes_between, record
from app.departures.models import Departure
from app.errors import Conflict, DomainError, FieldError, Forbidden, Invalid, invalid
from app.i18n import N_, _, get_locale
from app.interviews.display import STATUSES
from app.interviews.models import IdentityCard, Interview, InterviewKind, InterviewStatus
from app.interviews.record import record_of
from app.registry.models import Worker, WorkerStatus
from app.registry.service import check_version
from app.registry.workers import get_worker
from app.renewals.service import latest_card

MIN_REASON_LENGTH = 3
FIELDS = [
    "reason",
    "employment_ended_on",
    "card_returned_on",
    "card_not_returned_reason",
    "interview_id",
    "interview_waived_reason",
    "closed_on",
    "notes",
]

MESSAGES = {
    "not_started": N_("The end of employment is not recorded yet."),
    "employment_not_ended": N_("The employment ends on {date}: the file can be closed from then."),
    "card_not_returned": N_(
        "The identity card has not been given back, and no reason why not is recorded."
    ),
    "card_unconfirmed": N_(
        "The identity card was not given back: a supervisor confirms this by closing the file."
    ),
    "no_interview": N_(
        "No departure interview held is linked: book and hold it, or a supervisor closes the "
        "file without it, saying why."
    ),
    "interviews_booked": N_("An interview is still booked: hold it or cancel it first."),
}
# The steps each missing item belongs to, named as the API's fields.
FIELD_OF = {
    "not_started": "employment_ended_on",
    "employment_not_ended": "employment_ended_on",
    "card_not_returned": "card_returned_on",
    "card_unconfirmed": "card_not_returned_reason",
    "no_interview": "interview_id",
    "interviews_booked": "interview_id",
}
# What a supervisor may close the file without, taking responsibility for it.
SUPERVISOR_MAY_WAIVE = frozenset({"card_unconfirmed", "no_interview"})


@dataclass(frozen=True)
class Missing:
    code: str
    message: str
    supervisor_may_waive: bool = False


def day_text(day: dt.date) -> str:
    return format_date(day, format="medium", locale=get_locale().replace("-", "_"))


def _missing(code: str, **values: str) -> Missing:
    return Missing(code, _(MESSAGES[code]).format(**values), code in SUPERVISOR_MAY_WAIVE)


def get_departure(session: Session, worker_id: int) -> Departure | None:
    """The worker's departure, if one is recorded (no audit: for the services and the file)."""
    return session.scalar(select(Departure).where(Departure.worker_id == worker_id))


def read_departure(
    session: Session, *, worker_id: int, actor: Actor
) -> tuple[Worker, Departure | None]:
    """The worker and their departure, as part of the worker's file: the read is audited."""
    worker = get_worker(session, worker_id)
    departure = get_departure(session, worker_id)
    record(
        session,
        actor=actor,
        action="read",
        entity="departure",
        entity_id=departure.id if departure else None,
        worker_id=worker_id,
    )
    return worker, departure


def departure_interviews(session: Session, worker_id: int) -> list[Interview]:
    """The worker's departure interviews, latest first."""
    return list(
        session.scalars(
            select(Interview)
            .where(
                Interview.worker_id == worker_id,
                Interview.kind == InterviewKind.departure.value,
            )
            .order_by(Interview.starts_at.desc(), Interview.id.desc())
        )
    )


def _booked(session: Session, worker_id: int) -> bool:
    return (
        session.scalar(
            select(Interview.id)
            .where(
                Interview.worker_id == worker_id,
                Interview.status == InterviewStatus.scheduled.value,
            )
            .limit(1)
        )
        is not None
    )


def departure_missing(
    session: Session, *, worker: Worker, departure: Departure | None, today: dt.date
) -> list[Missing]:
    """Everything that stands between the worker's file and its closing (empty: ready, or
    closed already)."""
    if departure is None:
        return [_missing("not_started")]
    if departure.closed_on is not None:
        return []
    missing = []
    if departure.employment_ended_on > today:
        missing.append(
            _missing("employment_not_ended", date=day_text(departure.employment_ended_on))
        )
    if latest_card(session, worker.id) is not None and departure.card_returned_on is None:
        code = "card_unconfirmed" if departure.card_not_returned_reason else "card_not_returned"
        missing.append(_missing(code))
    if departure.interview_id is None:
        missing.append(_missing("no_interview"))
    if _booked(session, worker.id):
        missing.append(_missing("interviews_booked"))
    return missing


def _open_departure(session: Session, worker_id: int, version: int | None) -> Departure:
    """The departure to change: recorded, still open, and as the user last read it."""
    departure = get_departure(session, worker_id)
    if departure is None:
        raise Conflict(
            _("Record the end of employment first."),
            errors=[FieldError("employment_ended_on", _("Record the end of employment first."))],
        )
    check_open(departure)
    check_version(departure, version)
    return departure


def check_open(departure: Departure) -> None:
    if departure.closed_on is not None:
        raise Conflict(
            _("The file was closed on {date}: the departure can no longer be changed.").format(
                date=day_text(departure.closed_on)
            )
        )


def audit_change(
    session: Session, departure: Departure, before: dict[str, object], actor: Actor, action: str
) -> None:
    changes = changes_between(before, capture(departure, FIELDS))
    if changes or action == "create":
        session.flush()
        record(
            session,
            actor=actor,
            action=action,
            entity="departure",
            entity_id=departure.id,
            worker_id=departure.worker_id,
            changes=changes,
        )


def _reason_text(value: str | None, field: str, message: str) -> str:
    text = (value or "").strip()
    if len(text) < MIN_REASON_LENGTH:
        raise invalid(field, message)
    return text[:500]


# The identity card ------------------------------------------------------------------------


def _card_to_record(session: Session, worker_id: int) -> IdentityCard:
    card = latest_card(session, worker_id)
    if card is None:
        raise Conflict(
            _("The worker has no identity card: there is nothing to give back."),
            errors=[FieldError("card_returned_on", _("The worker has no identity card."))],
        )
    return card


def record_card(
    session: Session,
    *,
    worker_id: int,
    returned_on: dt.date | None,
    not_returned_reason: str | None,
    version: int | None,
    actor: Actor,
    today: dt.date | None = None,
) -> Departure:
    """Record the day the card was given back, or why it was not (lost, kept by the
    employer): from then on the card counts as withdrawn."""
    today = today or dt.date.today()
    departure = _open_departure(session, worker_id, version)
    card = _card_to_record(session, worker_id)
    if returned_on is not None and not_returned_reason:
        raise invalid(
            "card_not_returned_reason",
            _("Give the day the card was given back, or why it was not: not both."),
        )
    if returned_on is None:
        not_returned_reason = _reason_text(
            not_returned_reason,
            "card_not_returned_reason" if not_returned_reason else "card_returned_on",
            _("Give the day the card was given back, or why it was not (at least 3 characters)."),
        )
    elif returned_on > today:
        raise invalid("card_returned_on", _("The card cannot be given back in the future."))
    elif returned_on < card.issued_on:
        raise invalid(
            "card_returned_on",
            _("The card was issued on {date}: it cannot have been given back before.").format(
                date=day_text(card.issued_on)
            ),
        )
    before = capture(departure, FIELDS)
    departure.card_returned_on = returned_on
    departure.card_not_returned_reason = None if returned_on else not_returned_reason
    departure.card_recorded_by_user_id = actor.user_id
    audit_change(session, departure, before, actor, "update")
    return departure


# The departure interview ------------------------------------------------------------------


def _check_interview(session: Session, worker_id: int, interview_id: int) -> Interview:
    interview = session.get(Interview, interview_id)
    if interview is None or interview.worker_id != worker_id:
        raise invalid("interview_id", _("This is not one of the worker's interviews."))
    if interview.kind != InterviewKind.departure.value:
        raise invalid("interview_id", _("This is not a departure interview."))
    if interview.status != InterviewStatus.held.value:
        raise invalid(
            "interview_id",
            _("This interview has not been held: its status is “{status}”.").format(
                status=_(STATUSES[interview.status])
            ),
        )
    rec = record_of(session, interview.id)
    if rec is not None and rec.must_repeat:
        raise invalid(
            "interview_id",
            _(
                "Someone from the employer's side was present at this interview: "
                "it must be held again, without them."
            ),
        )
    return interview


def link_interview(
    session: Session, *, worker_id: int, interview_id: int, version: int | None, actor: Actor
) -> Departure:
    """Link the held departure interview to the departure."""
    departure = _open_departure(session, worker_id, version)
    interview = _check_interview(session, worker_id, interview_id)
    before = capture(departure, FIELDS)
    departure.interview_id = interview.id
    audit_change(session, departure, before, actor, "update")
    return departure


# Closing the file -------------------------------------------------------------------------


def _refusal(missing: list[Missing], cls: type[Invalid] | type[Forbidden]) -> DomainError:
    return cls(
        "; ".join(m.message for m in missing),
        errors=[FieldError(FIELD_OF[m.code], m.message) for m in missing],
    )


def close_file(
    session: Session,
    *,
    worker_id: int,
    interview_waived_reason: str | None,
    version: int | None,
    supervisor: bool,
    actor: Actor,
    today: dt.date | None = None,
) -> Departure:
    """Close the worker's file: the worker has departed. Refused with everything still
    missing; what only a supervisor may waive needs a supervisor (and, for the interview,
    the reason)."""
    today = today or dt.date.today()
    worker = get_worker(session, worker_id)
    departure = get_departure(session, worker.id)
    if departure is not None:
        check_open(departure)
        check_version(departure, version)
    missing = departure_missing(session, worker=worker, departure=departure, today=today)
    if any(not m.supervisor_may_waive for m in missing):
        raise _refusal(missing, Invalid)
    if missing and not supervisor:
        raise _refusal(missing, Forbidden)
    assert departure is not None  # departure_missing asks for it first
    before = capture(departure, FIELDS)
    if any(m.code == "no_interview" for m in missing):
        departure.interview_waived_reason = _reason_text(
            interview_waived_reason,
            "interview_waived_reason",
            _("Say why the file is closed without a departure interview (at least 3 characters)."),
        )
    departure.closed_on = today
    departure.closed_by_user_id = actor.user_id
    audit_change(session, departure, before, actor, "update")
    status_before, worker.status = worker.status, WorkerStatus.departed.value
    session.flush()
    record(
        session,
        actor=actor,
        action="update",
        entity="worker",
        entity_id=worker.id,
        worker_id=worker.id,
        changes={"status": {"before": status_before, "after": worker.status}},
    )
    return departure
