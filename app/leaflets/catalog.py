"""The worker-facing catalogs (gettext domain "public"): loading, fallback, Zawgyi and status.

English is the source language. A message missing from a catalog (untranslated, fuzzy, with
broken placeholders, or Burmese in the legacy Zawgyi encoding) is shown in English and counted.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

from app import i18n
from app.i18n import LOCALES_DIR

DOMAIN = "public"
SOURCE_LOCALE = "en"
# The languages of the public page and the leaflets, in the order the chooser shows them.
PUBLIC_LOCALES: tuple[str, ...] = (
    "en", "fr", "es", "pt", "ar", "fa", "ur", "hi", "bn", "ne", "si", "ta", "am", "ti", "om",
    "so", "sw", "fil", "id", "vi", "th", "my", "km", "zh_Hans", "ru", "uk", "tr", "ka", "hy",
    "mn",
)  # fmt: skip
_BY_URL_CODE = {locale.replace("_", "-"): locale for locale in PUBLIC_LOCALES}
# Host-country languages the text is written in too, only to print a leaflet beside a worker's
# language (`?with=de`): they have no page of their own. French is a worker language as well.
HOST_LOCALES: tuple[str, ...] = ("de", "it")
# Every language the rights text has a catalog for.
TEXT_LOCALES: tuple[str, ...] = (*PUBLIC_LOCALES, *HOST_LOCALES)
_TEXT_BY_URL_CODE = {locale.replace("_", "-"): locale for locale in TEXT_LOCALES}
TEMPLATE_PATH = LOCALES_DIR / f"{DOMAIN}.pot"  # the worker-facing one
_PLACEHOLDER = re.compile(r"%\(([a-z_]+)\)s")
# A Zawgyi-encoded message is refused when the detector is at least this sure.
ZAWGYI_THRESHOLD = 0.95


def url_code(locale: str) -> str:
    """The form of a locale in URLs and `lang` attributes: zh_Hans -> zh-Hans."""
    return locale.replace("_", "-")


def from_url_code(code: str) -> str | None:
    """The locale for a URL segment, or None when it is not one of ours."""
    return _BY_URL_CODE.get(code)


def text_locale(code: str) -> str | None:
    """The locale of any language the text is written in (a host language too), or None."""
    return _TEXT_BY_URL_CODE.get(code)


@lru_cache(maxsize=64)
def locale_info(locale: str) -> Locale:
    return Locale.parse(locale)


def native_name(locale: str) -> str:
    """The language's own name in its own script (አማርኛ, العربية)."""
    name = locale_info(locale).display_name or locale
    # "español" -> "Español"; scripts without capitals (Georgian's capitals are for titles
    # only) stay as CLDR writes them.
    first = name[:1]
    if first and unicodedata.name(first, "").startswith(("LATIN", "CYRILLIC", "ARMENIAN")):
        return first.upper() + name[1:]
    return name


def direction(locale: str) -> str:
    return str(locale_info(locale).text_direction)


def po_path(locale: str, domain: str = DOMAIN) -> Path:
    return LOCALES_DIR / locale / "LC_MESSAGES" / f"{domain}.po"


def template_path(domain: str = DOMAIN) -> Path:
    return LOCALES_DIR / f"{domain}.pot"


@lru_cache(maxsize=1)
def _zawgyi_detector() -> Any:
    from myanmartools import ZawgyiDetector

    return ZawgyiDetector()


def is_zawgyi(text: str) -> bool:
    """True when Burmese text is (very probably) in the legacy Zawgyi encoding, not Unicode."""
    if not any("\u1000" <= ch <= "\u109f" for ch in text):
        return False
    return float(_zawgyi_detector().get_zawgyi_probability(text)) >= ZAWGYI_THRESHOLD


def _strings(message: Message) -> tuple[str, ...]:
    value = message.string
    return tuple(value) if isinstance(value, (tuple, list)) else (value or "",)


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,)


def refusal(locale: str, message: Message) -> str | None:
    """Why a translated message cannot be used (None when it can)."""
    strings = _strings(message)
    if message.fuzzy or not all(strings):
        return "untranslated"
    wanted = set(_PLACEHOLDER.findall(_ids(message)[-1]))
    found = [set(_PLACEHOLDER.findall(s)) for s in strings]
    # A fact may not go missing; only a plural form may say "one hour" without its number.
    plural = isinstance(message.id, (tuple, list))
    if any(f != wanted and not (plural and f < wanted) for f in found):
        return "placeholders"
    if locale == "my" and any(is_zawgyi(s) for s in strings):
        return "zawgyi"
    return None


def read_catalog(locale: str, domain: str = DOMAIN) -> Catalog | None:
    path = po_path(locale, domain)
    if not path.exists():
        return None
    with path.open("rb") as f:
        return read_po(f, locale=locale, domain=domain)


@lru_cache(maxsize=128)
def translations(locale: str, domain: str = DOMAIN) -> NullTranslations:
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
    """The text of one domain (the worker-facing one unless said) in one language.

    A value (an amount, a phone number, a name) is passed as a keyword and replaces its
    `%(name)s` placeholder; the result is safe HTML (the caller isolates values in
    right-to-left text).
    """

    def __init__(self, locale: str, domain: str = DOMAIN) -> None:
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
    """How far one language's worker-facing catalog is, for the staff UI."""

    locale: str
    native_name: str
    direction: str
    review_status: str  # "reviewed" by a qualified translator, or "draft"
    translated: int
    total: int
    refused: dict[str, int]  # why messages fall back to English: untranslated, zawgyi, …

    @property
    def complete(self) -> bool:
        return self.translated == self.total


def review_status(locale: str) -> str:
    """'reviewed' once a qualified translator has checked the catalog, else 'draft'."""
    return i18n.review_status(locale, DOMAIN)


def template_ids(domain: str = DOMAIN) -> list[str]:
    with template_path(domain).open("rb") as f:
        template = read_po(f, domain=domain)
    return [m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id]


def counted(locale: str, domain: str = DOMAIN) -> tuple[int, int, dict[str, int]]:
    """(translated, total, why the rest falls back to English) for one catalog."""
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
    return translated, len(ids), refused


def status_of(locale: str) -> CatalogStatus:
    """Review status and completeness of one language."""
    translated, total, refused = counted(locale)
    return CatalogStatus(
        locale=locale,
        native_name=native_name(locale),
        direction=direction(locale),
        review_status=review_status(locale),
        translated=translated,
        total=total,
        refused=refused,
    )
