"""The one question other domains ask of departures: whose card no longer counts?

Kept apart from the service so that renewals, reminders and planning can use it without
importing the departure's workflow (and without an import cycle).
"""

from __future__ import annotations

from sqlalchemy import Select, select

from app.departures.models import Departure


def card_withdrawn() -> Select[int]:
    """Ids of workers whose identity card was given back, or recorded as not given back: the
    card no longer counts as valid, so it gets no renewal, reminder or overdue notice."""
    return select(Departure.worker_id).where(
        Departure.card_returned_on.is_not(None) | Departure.card_not_returned_reason.is_not(None)
    )
