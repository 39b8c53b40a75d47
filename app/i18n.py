"""Catalogs, locale negotiation and gettext through a context variable.

The active locale lives in a context variable set once per request (or job), so the shared
Jinja environment and the services never re-install translations per response. Catalogs are
read from the .po files under locales/ and compiled in memory once per process, so a checkout
needs no build step for them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel import Locale, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from app.config import PROJECT_ROOT

LOCALES_DIR = PROJECT_ROOT / "locales"
DEFAULT_LOCALE = "en"
# The staff UI and API: English and the demo host country's official languages.
STAFF_LOCALES = ("en", "fr", "de", "it")

_current: ContextVar[str] = ContextVar("hestia_locale", default=DEFAULT_LOCALE)


def _po_path(locale: str, domain: str) -> Path:
    return LOCALES_DIR / locale / "LC_MESSAGES" / f"{domain}.po"


@lru_cache(maxsize=256)
def translations(locale: str, domain: str = "messages") -> NullTranslations:
    """The compiled catalog for a locale (English, the source language, is the identity)."""
    path = _po_path(locale, domain)
    if locale == DEFAULT_LOCALE or not path.exists():
        return NullTranslations()
    with path.open("rb") as f:
        catalog = read_po(f, locale=locale.replace("-", "_"), domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


def get_locale() -> str:
    return _current.get()


@contextmanager
def use_locale(locale: str) -> Iterator[None]:
    """Run a block (a job, a PDF, an email) in a given locale."""
    token = _current.set(locale)
    try:
        yield
    finally:
        _current.reset(token)


def set_locale(locale: str) -> None:
    _current.set(locale)


def gettext(message: str) -> str:
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def negotiate(accept_language: str | None, available: tuple[str, ...]) -> str:
    """The best of `available` for an Accept-Language header (Babel's negotiation)."""
    if not accept_language:
        return available[0]
    preferred: list[tuple[float, str]] = []
    for part in accept_language.split(","):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and tag != "*" and quality > 0:
            preferred.append((quality, tag.strip()))
    preferred.sort(key=lambda item: -item[0])
    found = negotiate_locale([t for _q, t in preferred], list(available), sep="-")
    if found is None:
        found = negotiate_locale([t.split("-")[0] for _q, t in preferred], list(available), sep="-")
    return found or available[0]


def text_direction(locale: str) -> str:
    return Locale.parse(locale.replace("-", "_")).text_direction


_REVIEW = re.compile(r'^"X-Review-Status:\s*([a-z]+)\\n"$', re.MULTILINE)


def review_status(locale: str, domain: str = "messages") -> str:
    """'reviewed' once a qualified translator has checked the catalog, else 'draft'.

    English is the source text, so it counts as reviewed. Babel does not keep unknown PO
    headers, so the header line is read from the file itself.
    """
    if locale == DEFAULT_LOCALE:
        return "reviewed"
    path = _po_path(locale, domain)
    if not path.exists():
        return "draft"
    match = _REVIEW.search(path.read_text(encoding="utf-8")[:4000])
    return match.group(1) if match and match.group(1) == "reviewed" else "draft"
