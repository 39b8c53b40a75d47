"""The catalogs of the notices: "notes" (formal notes to missions) and "interview" (the
worker's invitation slip and the interview guide).

English is the source language. As in the worker-facing catalogs, a message that cannot be
used (untranslated, fuzzy, a lost placeholder, Burmese in Zawgyi) is shown in English and
counted; values are escaped and isolated by the caller, placeholders are `%(name)s`.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

from app import i18n
from app.i18n import LOCALES_DIR
from app.leaflets.catalog import PUBLIC_LOCALES, refusal

NOTES = "notes"
INTERVIEW = "interview"
DOMAINS = (NOTES, INTERVIEW)
SOURCE_LOCALE = "en"
# Notes go to missions in one of the host country's languages (or English).
NOTE_LOCALES: tuple[str, ...] = ("en", "fr", "de", "it")
# The slip is for the worker: every language of the public page and the leaflets, and the
# staff languages (the guide's officer column is in the same domain).
INTERVIEW_LOCALES: tuple[str, ...] = (*PUBLIC_LOCALES, "de", "it")
# Language codes a worker's file may hold that our catalogs name differently.
_ALIASES = {
    "tl": "fil",
    "zh": "zh_Hans",
    "zh-Hans": "zh_Hans",
    "zh-CN": "zh_Hans",
    "prs": "fa",
    "fa-AF": "fa",
    "fa_AF": "fa",
    "pt-BR": "pt",
    "pt_BR": "pt",
}


def po_path(locale: str, domain: str) -> Path:
    return LOCALES_DIR / locale / "LC_MESSAGES" / f"{domain}.po"


def template_path(domain: str) -> Path:
    return LOCALES_DIR / f"{domain}.pot"


def catalog_locale(code: str | None, available: tuple[str, ...] = INTERVIEW_LOCALES) -> str | None:
    """The catalog for a language code of a worker's file (tl -> fil), or None."""
    if not code:
        return None
    code = _ALIASES.get(code, code)
    if code in available:
        return code
    base = code.replace("-", "_").split("_")[0]
    base = _ALIASES.get(base, base)
    return base if base in available else None


def read_catalog(locale: str, domain: str) -> Catalog | None:
    path = po_path(locale, domain)
    if not path.exists():
        return None
    with path.open("rb") as f:
        return read_po(f, locale=locale, domain=domain)


@lru_cache(maxsize=128)
def translations(locale: str, domain: str) -> NullTranslations:
    """The usable messages of a catalog, compiled in memory; the rest fall back to English."""
    catalog = read_catalog(locale, domain) if locale != SOURCE_LOCALE else None
    if catalog is None:
        return NullTranslations()
    for message in list(catalog):
        if message.id and refusal(locale, message):
            del catalog[message.id]
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


class Text:
    """The text of one domain in one language; values are escaped and fill `%(name)s`."""

    def __init__(self, locale: str, domain: str) -> None:
        self.locale = locale
        self.domain = domain
        self._translations = translations(locale, domain)

    def _(self, message: str, **values: Markup | str) -> Markup:
        return self._format(self._translations.gettext(message), message, values)

    def ngettext(self, singular: str, plural: str, n: int, **values: Markup | str) -> Markup:
        english = singular if n == 1 else plural
        return self._format(self._translations.ngettext(singular, plural, n), english, values)

    def plain(self, message: str, **values: str) -> str:
        """The same for plain text (an email's subject and body): nothing is escaped."""
        translated = self._translations.gettext(message)
        try:
            return translated % values if values else translated
        except (KeyError, ValueError, TypeError):
            return message % values

    @staticmethod
    def _format(translated: str, english: str, values: dict[str, Markup | str]) -> Markup:
        if not values:
            return escape(translated)
        try:
            return escape(translated) % values
        except (KeyError, ValueError, TypeError):  # a broken translation: English rather than none
            return escape(english) % values


@dataclass(frozen=True)
class CatalogStatus:
    locale: str
    domain: str
    review_status: str
    translated: int
    total: int
    refused: dict[str, int]

    @property
    def complete(self) -> bool:
        return self.translated == self.total


def template_ids(domain: str) -> list[str]:
    with template_path(domain).open("rb") as f:
        template = read_po(f, domain=domain)
    return [m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id]


def status_of(locale: str, domain: str) -> CatalogStatus:
    """How much of a domain is translated in a language, and why the rest falls back."""
    ids = template_ids(domain)
    refused: dict[str, int] = {}
    translated = len(ids)
    if locale != SOURCE_LOCALE:
        catalog = read_catalog(locale, domain)
        translated = 0
        for msgid in ids:
            message = catalog.get(msgid) if catalog is not None else None
            reason = "untranslated" if message is None else refusal(locale, message)
            if reason:
                refused[reason] = refused.get(reason, 0) + 1
            else:
                translated += 1
    return CatalogStatus(
        locale=locale,
        domain=domain,
        review_status=i18n.review_status(locale, domain),
        translated=translated,
        total=len(ids),
        refused=refused,
    )


def has_rtl(value: str) -> bool:
    """Whether a value holds right-to-left letters (Arabic, Hebrew, Syriac, Thaana…)."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in value)


def isolated(value: str, *, ltr: bool = False, in_ltr_text: bool = False) -> Markup:
    """A fact inside a sentence (a name, a number), kept whole in right-to-left text.

    In left-to-right text (`in_ltr_text`), only a value with right-to-left letters needs
    isolating; the others are left bare, which also keeps a note quick to lay out.
    """
    if in_ltr_text and not has_rtl(value):
        return Markup("{}").format(value)
    if ltr:
        return Markup('<bdi dir="ltr">{}</bdi>').format(value)
    return Markup("<bdi>{}</bdi>").format(value)
