"""What the audit API gives."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.schemas import Output


class AuditEntryOut(Output):
    id: int
    at: dt.datetime
    actor_user_id: int | None
    actor: str
    channel: str
    action: str
    entity: str
    entity_id: int | None
    worker_id: int | None
    changes: dict[str, Any] | None
