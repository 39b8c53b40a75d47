"""Interviews: locations, rooms, officers, interpreters, slots, bookings and renewal plans."""

from app.interviews import panels  # noqa: F401  (registers the dashboard panel)
