"""Recording and reading the audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.i18n import N_, _
from app.pagination import Cursor, keyset_page

REDACTED = "(changed)"


@dataclass(frozen=True)
class Actor:
    """Who is acting: a staff user through a channel (api, web), or the system (cli, job)."""

    user_id: int | None
    label: str
    channel: str


SYSTEM = Actor(user_id=None, label="system", channel="cli")


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | None = None,
    worker_id: int | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the audit log."""
    entry = AuditEntry(
        actor_user_id=actor.user_id,
        actor=actor.label,
        channel=actor.channel,
        action=action,
        entity=entity,
        entity_id=entity_id,
        worker_id=worker_id,
        changes=changes,
    )
    session.add(entry)
    return entry


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | dict | str | int | float | bool) or value is None:
        return value
    return str(value)


def capture(obj: Any, fields: list[str]) -> dict[str, Any]:
    """A record's fields as they are now, to compare after a change."""
    return {name: getattr(obj, name) for name in fields}


def changes_between(
    before: dict[str, Any], after: dict[str, Any], *, secret: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The fields that changed, before and after; secret fields say only that they changed.

    Identifiers are encrypted at rest, so the audit log must not keep them in clear.
    """
    changes: dict[str, Any] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if name in secret:
            changes[name] = {
                "before": None if old is None else REDACTED,
                "after": None if new is None else REDACTED,
            }
        else:
            changes[name] = {"before": _plain(old), "after": _plain(new)}
    return changes


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def list_entries(
    session: Session,
    *,
    worker_id: int | None = None,
    actor_user_id: int | None = None,
    entity: str | None = None,
    action: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[AuditEntry], str | None]:
    """The audit log, newest first, filtered."""
    stmt = select(AuditEntry)
    if worker_id is not None:
        stmt = stmt.where(AuditEntry.worker_id == worker_id)
    if actor_user_id is not None:
        stmt = stmt.where(AuditEntry.actor_user_id == actor_user_id)
    if entity:
        stmt = stmt.where(AuditEntry.entity == entity)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    if since:
        stmt = stmt.where(AuditEntry.at >= _aware(since))
    if until:
        stmt = stmt.where(AuditEntry.at < _aware(until))
    return keyset_page(
        session, stmt, [Cursor(AuditEntry.id, int, descending=True)], cursor=cursor, limit=limit
    )


_DESCRIPTIONS = {
    ("worker", "read"): N_("{actor} opened the worker's file."),
    ("worker", "create"): N_("{actor} opened a file for the worker."),
    ("worker", "update"): N_("{actor} corrected the worker's file."),
    ("worker", "list"): N_("{actor} searched the workers."),
    ("contract", "read"): N_("{actor} read a contract."),
    ("contract", "create"): N_("{actor} added a contract."),
    ("contract", "update"): N_("{actor} amended a contract."),
    ("contract", "list"): N_("{actor} listed contracts."),
    ("mission", "create"): N_("{actor} added a mission."),
    ("mission", "update"): N_("{actor} corrected a mission."),
    ("employer", "create"): N_("{actor} added an employer."),
    ("employer", "update"): N_("{actor} corrected an employer."),
}


# What the other entries are about, and what happened, for entries without a sentence above.
_RECORDS = {
    "worker": N_("Worker's file"),
    "contract": N_("Contract"),
    "mission": N_("Mission"),
    "employer": N_("Employer"),
    "identity_card": N_("Identity card"),
    "salary_account": N_("Salary account"),
    "salary_deposit": N_("Salary deposit"),
    "interview": N_("Interview"),
    "interview_record": N_("Interview record"),
    "interview_note": N_("Note to the mission"),
    "interview_slip": N_("Invitation slip"),
    "interview_guide": N_("Interview guide"),
    "interview_plan": N_("Renewal plan"),
    "interview_location": N_("Interview location"),
    "interview_room": N_("Room"),
    "interview_officer": N_("Interviewing officer"),
    "interpreter": N_("Interpreter"),
    "absence": N_("Absence"),
    "calendar_feed": N_("Calendar feed"),
    "concern": N_("Concern"),
    "referral": N_("Referral"),
    "consent": N_("Consent to share details"),
    "organisation": N_("Organisation"),
    "departure": N_("Departure"),
}
_EVENTS = {
    "create": N_("created"),
    "update": N_("changed"),
    "read": N_("read"),
    "list": N_("listed"),
    "book": N_("booked"),
    "cancel": N_("cancelled"),
    "reschedule": N_("moved to another time"),
    "no_show": N_("no-show recorded"),
    "held": N_("marked as held"),
    "record": N_("recorded"),
    "queue": N_("queued to be emailed"),
    "propose": N_("proposed"),
    "confirm": N_("confirmed"),
    "opened": N_("opened"),
    "close": N_("closed"),
    "closed": N_("closed"),
    "assigned": N_("assigned"),
    "severity": N_("severity changed"),
    "note": N_("note added"),
    "referred": N_("referred"),
    "concluded": N_("concluded"),
    "escalate": N_("escalated"),
    "escalated": N_("escalated"),
    "override": N_("overridden by a supervisor"),
    "withdraw": N_("withdrawn"),
    "revoke": N_("revoked"),
    "pay": N_("pay checked"),
    "find_slots": N_("free slots searched"),
}


def describe(entry: AuditEntry) -> str:
    """An audit entry as a sentence in the reader's language."""
    message = _DESCRIPTIONS.get((entry.entity, entry.action))
    if message is not None:
        return _(message).format(actor=entry.actor)
    what = _RECORDS.get(entry.entity)
    event = _EVENTS.get(entry.action)
    if what is None or event is None:
        return f"{entry.actor}: {entry.action} {entry.entity} {entry.entity_id or ''}".strip()
    return _("{actor}: {record} {event}").format(actor=entry.actor, record=_(what), event=_(event))
