"""What the public pages show: the language chosen, the page's words, the leaflet links."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from babel import negotiate_locale

from app.config import Policy
from app.leaflets.catalog import (
    PUBLIC_LOCALES,
    SOURCE_LOCALE,
    Text,
    direction,
    from_url_code,
    native_name,
    review_status,
    status_of,
    url_code,
)
from app.leaflets.content import language_names, office_name, rights_text
from app.leaflets.service import beside_languages
from app.public.texts import leaflet_link, page_texts, published_by

# Where "Leave this page quickly" goes: a page nobody would wonder about, on another site.
LEAVE_URL = "https://www.google.com/search?q=weather"
# Browser tags that name one of our languages another way.
_TAG_ALIASES = {"tl": "fil", "prs": "fa", "zh": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans"}


@dataclass(frozen=True)
class LanguageLink:
    lang: str
    dir: str
    name: str


def _preferred(accept_language: str) -> list[str]:
    """The tags of an Accept-Language header, most wanted first (q=0 dropped)."""
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        tag = tag.strip()
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, position, tag))
    tags = []
    for _q, _pos, tag in sorted(weighted):
        lowered = tag.lower()
        tags.append(_TAG_ALIASES.get(lowered) or _TAG_ALIASES.get(lowered.split("-")[0]) or tag)
    return tags


def choose_language(accept_language: str | None) -> str | None:
    """Our language for a browser's Accept-Language (Babel's negotiation), None if none fits."""
    if not accept_language:
        return None
    available = [url_code(locale) for locale in PUBLIC_LOCALES]
    for tag in _preferred(accept_language):
        # One tag at a time, so that a less wanted exact match never beats a wanted language.
        found = negotiate_locale([tag], available, sep="-") or negotiate_locale(
            [tag.split("-")[0]], available, sep="-"
        )
        if found:
            return from_url_code(found)
    return None


@lru_cache(maxsize=1)
def language_links() -> tuple[LanguageLink, ...]:
    """Every language by its own name, in its own script."""
    return tuple(
        LanguageLink(lang=url_code(code), dir=direction(code), name=native_name(code))
        for code in PUBLIC_LOCALES
    )


def page_view(locale: str, policy: Policy) -> dict[str, Any]:
    """Everything the information page in one language shows."""
    text = Text(locale)
    status = status_of(locale)
    lang = url_code(locale)
    name = language_names([locale], locale)
    links = [
        {
            "href": f"/{lang}/leaflet.pdf",
            "label": leaflet_link(text, language=name, other=None, small=False),
        },
        {
            "href": f"/{lang}/leaflet.pdf?size=a5",
            "label": leaflet_link(text, language=name, other=None, small=True),
        },
    ]
    for beside in beside_languages(policy):
        if beside != locale:
            other = language_names([beside], locale)
            links.append(
                {
                    "href": f"/{lang}/leaflet.pdf?with={url_code(beside)}",
                    "label": leaflet_link(text, language=name, other=other, small=False),
                }
            )
    return {
        "lang": lang,
        "dir": direction(locale),
        "text": rights_text(policy, locale),
        "words": page_texts(text),
        "draft": locale != SOURCE_LOCALE and review_status(locale) != "reviewed",
        "partial": status.translated < status.total,
        "leaflet_links": links,
        "languages": language_links(),
        "leave_url": LEAVE_URL,
        "published": published_by(text, office_name(policy)),
    }


def chooser_view(locale: str = SOURCE_LOCALE) -> dict[str, Any]:
    """The page that offers every language, when the browser asked for none of ours."""
    return {
        "lang": url_code(locale),
        "dir": direction(locale),
        "words": page_texts(Text(locale)),
        "languages": language_links(),
        "leave_url": LEAVE_URL,
    }
