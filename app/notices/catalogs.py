"""The catalogs of the notices: "notes" (formal notes to missions) and "interview" (the
worker's invitation slip and the interview guide).

English is the source language. They are read, compiled and counted by the code of the
worker-facing catalogs (app.leaflets.catalog, with the domain: `Text(locale, NOTES)`): a message
that cannot be used (untranslated, fuzzy, a lost placeholder, Burmese in Zawgyi) is shown in
English and counted; values are escaped and isolated by the caller, placeholders are
`%(name)s`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from markupsafe import Markup

from app import i18n
from app.leaflets.catalog import PUBLIC_LOCALES, counted

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


def status_of(locale: str, domain: str) -> CatalogStatus:
    """How much of a domain is translated in a language, and why the rest falls back."""
    translated, total, refused = counted(locale, domain)
    return CatalogStatus(
        locale=locale,
        domain=domain,
        review_status=i18n.review_status(locale, domain),
        translated=translated,
        total=total,
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
