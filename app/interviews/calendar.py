"""Time arithmetic for scheduling: weekly hours, public holidays, local wall times, busy times.

Times are stored in UTC and computed in the location's zone. A start time is a wall time in
the location's zone turned into UTC once: a time that does not exist (the spring gap) is never
offered, and a time that happens twice (the autumn fold) is offered once, the first time.
"""

from __future__ import annotations

import bisect
import datetime as dt
import zoneinfo
from collections.abc import Hashable
from functools import lru_cache

import holidays

from app.interviews.models import WeeklyHours

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Span = tuple[dt.time, dt.time]


def parse_span(span: str) -> Span:
    """'08:30-12:00' as two times."""
    start, end = (dt.time.fromisoformat(t) for t in span.split("-"))
    return start, end


@lru_cache(maxsize=1024)
def _spans(frozen: tuple[str, ...]) -> tuple[Span, ...]:
    return tuple(sorted(parse_span(s) for s in frozen))


def hours_on(weekly: WeeklyHours, day: dt.date) -> tuple[Span, ...]:
    """The spans of a weekly schedule that apply on a given date."""
    return _spans(tuple(weekly.get(WEEKDAYS[day.weekday()], ())))


def covers(spans: tuple[Span, ...], start: dt.datetime, end: dt.datetime) -> bool:
    """Whether one span holds the whole of [start, end] (local wall times on one day)."""
    if start.date() != end.date():
        return False
    return any(s <= start.time() and end.time() <= e for s, e in spans)


def check_weekly_hours(weekly: WeeklyHours) -> str | None:
    """What is wrong with a weekly schedule, or None."""
    for day, spans in weekly.items():
        if day not in WEEKDAYS:
            return day
        for span in spans:
            try:
                start, end = parse_span(span)
            except ValueError:
                return span
            if start >= end:
                return span
    return None


@lru_cache(maxsize=256)
def _holidays(country: str, subdivision: str | None, year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays(country, subdiv=subdivision, years=year).items())


def holiday_name(country: str, subdivision: str | None, day: dt.date) -> str | None:
    """The public holiday on that day in that country (and region), or None."""
    return _holidays(country, subdivision, day.year).get(day)


def supports_country(country: str, subdivision: str | None) -> bool:
    """Whether the public holidays of that country (and region) are known."""
    supported = holidays.list_supported_countries()
    if country not in supported:
        return False
    return subdivision is None or subdivision in supported[country]


def wall_time_exists(naive: dt.datetime, zone: zoneinfo.ZoneInfo) -> bool:
    """False for a wall time inside a daylight-saving gap (clocks jumped over it)."""
    back = naive.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone)
    return back.replace(tzinfo=None) == naive


def wall_time_is_ambiguous(naive: dt.datetime, zone: zoneinfo.ZoneInfo) -> bool:
    """True for a wall time that happens twice (clocks turned back)."""
    first = naive.replace(tzinfo=zone, fold=0).utcoffset()
    second = naive.replace(tzinfo=zone, fold=1).utcoffset()
    return first != second and wall_time_exists(naive, zone)


def to_utc(day: dt.date, time: dt.time, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
    """A local wall time as UTC: None in a gap, the first occurrence in a fold."""
    naive = dt.datetime.combine(day, time)
    if not wall_time_exists(naive, zone):
        return None
    return naive.replace(tzinfo=zone, fold=0).astimezone(dt.UTC)


def _seconds(moment: dt.datetime) -> float:
    return moment.timestamp()


class BusyIndex:
    """Busy intervals per resource, sorted, for overlap checks in O(log n).

    Each resource's intervals never overlap one another (the database guarantees it for
    interviews; absences are merged), so their ends are sorted too.
    """

    def __init__(self) -> None:
        self._starts: dict[Hashable, list[float]] = {}
        self._ends: dict[Hashable, list[float]] = {}

    def add(self, key: Hashable, start: dt.datetime, end: dt.datetime) -> None:
        starts = self._starts.setdefault(key, [])
        ends = self._ends.setdefault(key, [])
        s, e = _seconds(start), _seconds(end)
        i = bisect.bisect_left(starts, s)
        # Merge with overlapping neighbours so the intervals stay disjoint.
        while i > 0 and ends[i - 1] > s:
            i -= 1
            s, e = min(s, starts[i]), max(e, ends[i])
            del starts[i], ends[i]
        while i < len(starts) and starts[i] < e:
            e = max(e, ends[i])
            del starts[i], ends[i]
        starts.insert(i, s)
        ends.insert(i, e)

    def is_free(self, key: Hashable, start: dt.datetime, end: dt.datetime) -> bool:
        starts = self._starts.get(key)
        if not starts:
            return True
        i = bisect.bisect_left(starts, _seconds(end))
        return i == 0 or self._ends[key][i - 1] <= _seconds(start)
