"""Keyset pagination: stable pages at any depth, with an opaque cursor."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.errors import invalid
from app.i18n import _

MAX_LIMIT = 200


@dataclass(frozen=True)
class Cursor:
    """One sort key: the column, how to read it back from the cursor, and its direction."""

    column: InstrumentedAttribute[Any]
    parse: Callable[[Any], Any]
    descending: bool = False


def _plain(value: Any) -> Any:
    """A sort key as JSON can hold it (a datetime as ISO 8601, read back by its Cursor)."""
    return value.isoformat() if isinstance(value, dt.datetime | dt.date) else value


def _encode(values: Sequence[Any]) -> str:
    raw = json.dumps([_plain(v) for v in values]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def aware_datetime(value: Any) -> dt.datetime:
    """Read back a timestamp sort key; one without its UTC offset is not ours."""
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(value)
    return moment


def _decode(cursor: str, keys: Sequence[Cursor]) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(values, list) or len(values) != len(keys):
            raise ValueError
        return [key.parse(v) for key, v in zip(keys, values, strict=True)]
    except (ValueError, TypeError) as exc:
        raise invalid(
            "cursor", _("This page cursor is not valid: start from the first page.")
        ) from exc


def keyset_page(
    session: Session,
    stmt: Select[Any],
    keys: Sequence[Cursor],
    *,
    cursor: str | None,
    limit: int,
) -> tuple[list[Any], str | None]:
    """One page of `stmt` ordered by `keys`, and the cursor of the next page."""
    limit = max(1, min(limit, MAX_LIMIT))
    columns = [k.column for k in keys]
    descending = keys[0].descending
    if cursor:
        values = _decode(cursor, keys)
        left, right = tuple_(*columns), tuple_(*values)
        stmt = stmt.where(left < right if descending else left > right)
    order = [c.desc() if descending else c.asc() for c in columns]
    rows = list(session.scalars(stmt.order_by(*order).limit(limit + 1)))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = _encode([getattr(last, k.column.key) for k in keys])
    return rows, next_cursor
