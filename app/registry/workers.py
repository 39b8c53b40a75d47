"""Workers: their file, identity as in the passport, and languages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.audit.service import Actor, capture, changes_between, record
from app.crypto import lookup_hash
from app.db import utcnow
from app.errors import Conflict, FieldError, NotFound
from app.i18n import _
from app.pagination import Cursor, keyset_page
from app.registry.models import Worker, WorkerLanguage
from app.registry.service import check_version, like_terms, require_mission
from app.validation import search_key

WORKER_FIELDS = [
    "mission_id",
    "family_name",
    "given_names",
    "latin_name",
    "date_of_birth",
    "nationality",
    "passport_number",
    "passport_country",
    "passport_expires_on",
    "preferred_language",
    "phone",
    "address",
    "status",
    "languages",
]
SECRET_FIELDS = frozenset({"passport_number", "phone", "address"})


def _languages_text(worker: Worker) -> list[str]:
    return [f"{lang.language}:{lang.proficiency}" for lang in worker.languages]


def _capture(worker: Worker) -> dict[str, Any]:
    fields = [f for f in WORKER_FIELDS if f != "languages"]
    return {**capture(worker, fields), "languages": _languages_text(worker)}


def _check_passport(session: Session, worker: Worker) -> None:
    if worker.passport_expires_on <= worker.date_of_birth:
        raise Conflict(
            _("The passport cannot expire before the date of birth."),
            errors=[
                FieldError(
                    "passport_expires_on", _("The passport cannot expire before the date of birth.")
                )
            ],
        )
    worker.passport_hash = lookup_hash(worker.passport_country, worker.passport_number)
    clash = session.scalar(
        select(Worker.id).where(
            Worker.passport_hash == worker.passport_hash, Worker.id != worker.id
        )
        if worker.id is not None
        else select(Worker.id).where(Worker.passport_hash == worker.passport_hash)
    )
    if clash is not None:
        message = _("This passport is already on the file of worker no. {id}.").format(id=clash)
        raise Conflict(message, errors=[FieldError("passport_number", message)])


def get_worker(session: Session, worker_id: int) -> Worker:
    """A worker with languages loaded (no audit: for internal use by other services)."""
    worker = session.scalar(
        select(Worker).where(Worker.id == worker_id).options(selectinload(Worker.languages))
    )
    if worker is None:
        raise NotFound(_("There is no such worker."))
    return worker


def read_worker_file(session: Session, *, worker_id: int, actor: Actor) -> Worker:
    """Open a worker's file; the read is recorded in the audit log."""
    worker = get_worker(session, worker_id)
    record(
        session,
        actor=actor,
        action="read",
        entity="worker",
        entity_id=worker.id,
        worker_id=worker.id,
    )
    return worker


def create_worker(session: Session, *, data: dict[str, Any], actor: Actor) -> Worker:
    """Open a file for a worker, with identity as in the passport and the languages spoken."""
    data = dict(data)
    languages = data.pop("languages")
    require_mission(session, data["mission_id"])
    worker = Worker(
        **data,
        search_name=search_key(data["family_name"], data["given_names"], data.get("latin_name")),
        languages=[
            WorkerLanguage(language=s["language"], proficiency=s["proficiency"]) for s in languages
        ],
    )
    _check_passport(session, worker)
    session.add(worker)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        entity="worker",
        entity_id=worker.id,
        worker_id=worker.id,
        changes=changes_between({}, _capture(worker), secret=SECRET_FIELDS),
    )
    return worker


def update_worker(
    session: Session, *, worker_id: int, data: dict[str, Any], version: int | None, actor: Actor
) -> Worker:
    """Correct a worker's file; before and after are audited, identifiers only as changed."""
    worker = get_worker(session, worker_id)
    check_version(worker, version)
    data = dict(data)
    if "mission_id" in data:
        require_mission(session, data["mission_id"])
    before = _capture(worker)
    languages = data.pop("languages", None)
    for name, value in data.items():
        setattr(worker, name, value)
    if {"passport_number", "passport_country", "passport_expires_on", "date_of_birth"} & set(data):
        _check_passport(session, worker)
    worker.search_name = search_key(worker.family_name, worker.given_names, worker.latin_name)
    if languages is not None:
        _set_languages(worker, {s["language"]: s["proficiency"] for s in languages})
    changes = changes_between(before, _capture(worker), secret=SECRET_FIELDS)
    if changes:
        if "languages" in changes:
            worker.updated_at = utcnow()  # bumps the version: the file changed
        session.flush()
        record(
            session,
            actor=actor,
            action="update",
            entity="worker",
            entity_id=worker.id,
            worker_id=worker.id,
            changes=changes,
        )
    return worker


def _set_languages(worker: Worker, wanted: dict[str, str]) -> None:
    current = {lang.language: lang for lang in worker.languages}
    for code, lang in current.items():
        if code not in wanted:
            worker.languages.remove(lang)
    for code, level in wanted.items():
        if code in current:
            current[code].proficiency = level
        else:
            worker.languages.append(WorkerLanguage(language=code, proficiency=level))


def list_workers(
    session: Session,
    *,
    actor: Actor,
    q: str | None = None,
    status: str | None = None,
    nationality: str | None = None,
    mission_id: int | None = None,
    preferred_language: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Worker], str | None]:
    """Workers by name, filtered; the search itself is audited (who looked for whom)."""
    stmt = select(Worker).where(*like_terms(Worker.search_name, q))
    if status:
        stmt = stmt.where(Worker.status == status)
    if nationality:
        stmt = stmt.where(Worker.nationality == nationality.upper())
    if mission_id is not None:
        stmt = stmt.where(Worker.mission_id == mission_id)
    if preferred_language:
        stmt = stmt.where(Worker.preferred_language == preferred_language)
    filters = {
        k: v
        for k, v in {
            "q": q,
            "status": status,
            "nationality": nationality,
            "mission_id": mission_id,
            "preferred_language": preferred_language,
        }.items()
        if v
    }
    record(session, actor=actor, action="list", entity="worker", changes={"filters": filters})
    return keyset_page(
        session,
        stmt,
        [Cursor(Worker.search_name, str), Cursor(Worker.id, int)],
        cursor=cursor,
        limit=limit,
    )
