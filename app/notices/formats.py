"""Days, times and time zones as a reader of a given language says them.

A time is always the wall time of the interview's location, and says which zone it is in
(the zone's name in the reader's language, e.g. "Central European Summer Time", which also
tells summer from winter), never UTC.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.core import UnknownLocaleError
from babel.dates import format_date, format_time, get_timezone_name


def babel_locale(locale: str) -> str:
    return locale.replace("-", "_")


def day(value: dt.date, locale: str) -> str:
    """ "Thursday, 1 July 2027" in the reader's language."""
    return format_date(value, format="full", locale=babel_locale(locale))


def short_day(value: dt.date, locale: str) -> str:
    return format_date(value, format="long", locale=babel_locale(locale))


def clock(local: dt.datetime, locale: str) -> str:
    """A 24-hour wall time, "10:00", the same digits in every language."""
    return format_time(local, format="HH:mm", locale=babel_locale(locale))


def zone_name(local: dt.datetime, locale: str) -> str:
    """The zone's name on that day: summer or winter time, in the reader's language."""
    return get_timezone_name(local, width="long", locale=babel_locale(locale))


@lru_cache(maxsize=512)
def country_name(code: str, locale: str) -> str:
    try:
        names = Locale.parse(babel_locale(locale)).territories
    except (ValueError, UnknownLocaleError):
        return code
    return names.get(code.upper(), code)


@lru_cache(maxsize=512)
def language_name(code: str, locale: str) -> str:
    """A language's name in the reader's language (codes such as "tl" or "prs" too)."""
    for candidate in (code, {"tl": "fil", "prs": "fa_AF"}.get(code, code)):
        try:
            name = Locale.parse(babel_locale(candidate)).get_display_name(babel_locale(locale))
        except (ValueError, UnknownLocaleError):
            continue
        if name:
            return name
    return code


@lru_cache(maxsize=64)
def native_language_name(locale: str) -> str:
    """The language's own name in its own script (አማርኛ, العربية)."""
    name = Locale.parse(babel_locale(locale)).display_name or locale
    return name[:1].upper() + name[1:] if name[:1].isascii() else name
