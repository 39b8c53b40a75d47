"""The directory of organisations a concern can be referred to (staff data, kept by
supervisors and administrators; the public help directory is the policy's [[help]])."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from app.audit.service import Actor, record
from app.concerns.models import Organisation
from app.errors import NotFound, invalid
from app.i18n import _
from app.pagination import Cursor, keyset_page
from app.registry.service import apply_changes, check_version

ORGANISATION_FIELDS = [
    "kind",
    "name",
    "languages",
    "phone",
    "email",
    "address",
    "country",
    "outside_ministry",
    "active",
]

REQUIRED = ("kind", "name", "languages", "outside_ministry", "active")


def get_organisation(session: Session, organisation_id: int) -> Organisation:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(_("There is no such organisation in the directory."))
    return organisation


def referable(session: Session, organisation_id: int | None) -> Organisation:
    """An organisation a concern can be referred to now (in the directory, and active)."""
    organisation = session.get(Organisation, organisation_id) if organisation_id else None
    if organisation is None or not organisation.active:
        raise invalid(
            "organisation_id", _("Choose an organisation from the directory (an active one).")
        )
    return organisation


def create_organisation(session: Session, *, data: dict[str, Any], actor: Actor) -> Organisation:
    """Add an organisation to the directory; audited."""
    organisation = Organisation(**{k: data.get(k) for k in ORGANISATION_FIELDS if k in data})
    organisation.languages = list(data.get("languages") or [])
    session.add(organisation)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        entity="organisation",
        entity_id=organisation.id,
        changes={
            "name": {"before": None, "after": organisation.name},
            "kind": {"before": None, "after": organisation.kind},
        },
    )
    return organisation


def update_organisation(
    session: Session,
    *,
    organisation_id: int,
    data: dict[str, Any],
    version: int | None,
    actor: Actor,
) -> Organisation:
    """Correct an organisation's entry (or retire it: active false); audited."""
    organisation = get_organisation(session, organisation_id)
    check_version(organisation, version)
    values = {k: v for k, v in data.items() if k in ORGANISATION_FIELDS}
    for name in REQUIRED:
        if name in values and values[name] is None:
            raise invalid(name, _("This field is required."))
    if "languages" in values:
        values["languages"] = list(values["languages"] or [])
    apply_changes(
        session,
        organisation,
        values,
        fields=ORGANISATION_FIELDS,
        actor=actor,
        entity="organisation",
    )
    return organisation


def list_organisations(
    session: Session,
    *,
    q: str | None = None,
    kind: str | None = None,
    language: str | None = None,
    active: bool | None = True,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Organisation], str | None]:
    """The directory by name, filtered by kind and by a language served."""
    stmt = select(Organisation)
    for word in (q or "").split()[:5]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Organisation.name.ilike(f"%{escaped}%", escape="\\"))
    if kind:
        stmt = stmt.where(Organisation.kind == kind)
    if language:
        # Language codes are checked on the way in, so the quoted code matches one whole item.
        stmt = stmt.where(cast(Organisation.languages, String).like(f'%"{language}"%'))
    if active is not None:
        stmt = stmt.where(Organisation.active.is_(active))
    keys = [Cursor(Organisation.name, str), Cursor(Organisation.id, int)]
    return keyset_page(session, stmt, keys, cursor=cursor, limit=limit)


def directory(session: Session) -> list[Organisation]:
    """Every active organisation, by kind and name (for choosing where to refer)."""
    return list(
        session.scalars(
            select(Organisation)
            .where(Organisation.active.is_(True))
            .order_by(Organisation.kind, Organisation.name, Organisation.id)
        )
    )
