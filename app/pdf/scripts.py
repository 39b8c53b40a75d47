"""What each writing system needs before Pango sees it.

Pango breaks Khmer and Burmese lines only at spaces, and these scripts put none between words:
a long sentence runs out of its box. ICU's dictionary-based word segmentation finds the word
boundaries; a zero-width space (U+200B) at each one lets the line break there.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial
from typing import Any

ZWSP = "\u200b"
_RUNS = {
    # Khmer, Khmer symbols
    "km": re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]+"),
    # Myanmar, Myanmar extended A and B
    "my": re.compile(r"[\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff]+"),
}


@lru_cache(maxsize=4)
def _word_breaker(language: str) -> Any:
    import icu

    return icu.BreakIterator.createWordInstance(icu.Locale(language))


def _segment_run(run: str, language: str) -> str:
    breaker = _word_breaker(language)
    breaker.setText(run)
    words = []
    start = 0
    for end in breaker:
        words.append(run[start:end])
        start = end
    return ZWSP.join(words)


def segment_words(text: str) -> str:
    """Khmer and Burmese runs with a zero-width space between words; other text unchanged."""
    for language, pattern in _RUNS.items():
        if pattern.search(text):
            text = pattern.sub(partial(_segment_match, language=language), text)
    return text


def _segment_match(match: re.Match[str], *, language: str) -> str:
    return _segment_run(match.group(0), language)


# The font named first for each language (a `:lang()` rule in static/pdf/fonts.css); tests check
# that this font is the one embedded, and that no wrong fallback is.
PRIMARY_FONT: dict[str, str] = {
    "ar": "NotoNaskhArabic",
    "fa": "NotoNaskhArabic",
    "ur": "NotoNastaliqUrdu",
    "hi": "NotoSansDevanagari",
    "ne": "NotoSansDevanagari",
    "bn": "NotoSansBengali",
    "si": "NotoSansSinhala",
    "ta": "NotoSansTamil",
    "am": "NotoSansEthiopic",
    "ti": "NotoSansEthiopic",
    "th": "NotoSansThai",
    "my": "NotoSansMyanmar",
    "km": "NotoSansKhmer",
    "zh_Hans": "NotoSansCJKsc",
    "ka": "NotoSansGeorgian",
    "hy": "NotoSansArmenian",
}
DEFAULT_FONT = "NotoSans"


def primary_font(locale: str) -> str:
    """The PostScript name prefix of the font a language's text must be set in."""
    return PRIMARY_FONT.get(locale, DEFAULT_FONT)
