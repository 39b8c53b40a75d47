"""Field checks shared by every domain: ISO codes, phone numbers, names, search keys."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

import phonenumbers
import pycountry
from pydantic import AfterValidator, BeforeValidator, StringConstraints

from app.i18n import _

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
# Control and format characters other than the joiners and marks that real scripts need.
_ALLOWED_FORMAT = {"\u200c", "\u200d", "\u200e", "\u200f"}


def country_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 code, upper case."""
    code = value.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(_("Unknown country code: use the two-letter ISO 3166 code, e.g. ET."))
    return code


def language_code(value: str) -> str:
    """An ISO 639 language (two or three letters), optionally with an ISO 15924 script."""
    parts = value.strip().replace("_", "-").split("-")
    base = parts[0].lower()
    language = None
    if len(base) == 2:
        language = pycountry.languages.get(alpha_2=base)
    elif len(base) == 3:
        language = pycountry.languages.get(alpha_3=base)
        if language is not None and getattr(language, "alpha_2", None):
            base = language.alpha_2
    if language is None:
        raise ValueError(_("Unknown language code: use the ISO 639 code, e.g. am or ti."))
    if len(parts) == 1:
        return base
    if len(parts) == 2 and len(parts[1]) == 4:
        script = parts[1].title()
        if pycountry.scripts.get(alpha_4=script) is not None:
            return f"{base}-{script}"
    raise ValueError(_("Unknown language code: use the ISO 639 code, e.g. am or ti."))


def phone_number(value: str, default_region: str) -> str:
    """A valid phone number in E.164 form; local numbers are read in the host country."""
    try:
        parsed = phonenumbers.parse(value, default_region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(_("This is not a phone number.")) from exc
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError(_("This phone number does not exist: check the digits and the country."))
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def email_address(value: str) -> str:
    email = value.strip()
    if not _EMAIL.match(email):
        raise ValueError(_("This is not an email address."))
    return email


def clean_text(value: str) -> str:
    """Text stored exactly as given, but for surrounding spaces and Unicode normalisation.

    Names keep their apostrophes, hyphens and any script; control characters are refused.
    """
    text = unicodedata.normalize("NFC", value.strip())
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cc" or (category == "Cf" and ch not in _ALLOWED_FORMAT):
            raise ValueError(_("Control characters are not allowed here."))
    return text


def search_key(*parts: str | None) -> str:
    """What name search compares: case-folded, Latin accents removed, spaces collapsed.

    Only the combining accents of the Latin, Greek and Cyrillic block are removed: the vowel
    signs of Devanagari, Ethiopic or Arabic belong to the letters and are kept.
    """
    text = " ".join(p for p in parts if p)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not ("\u0300" <= ch <= "\u036f"))
    folded = unicodedata.normalize("NFC", stripped).casefold()
    return " ".join(re.split(r"[\s,]+", folded)).strip()


def _nonblank(value: str) -> str:
    if not value:
        raise ValueError(_("This field is required."))
    return value


Name = Annotated[
    str,
    BeforeValidator(lambda v: clean_text(v) if isinstance(v, str) else v),
    StringConstraints(max_length=200),
    AfterValidator(_nonblank),
]
ShortText = Annotated[
    str,
    BeforeValidator(lambda v: clean_text(v) if isinstance(v, str) else v),
    StringConstraints(max_length=500),
]
CountryCode = Annotated[str, StringConstraints(max_length=3), AfterValidator(country_code)]
LanguageCode = Annotated[str, StringConstraints(max_length=20), AfterValidator(language_code)]
Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(email_address)]


def _host_phone(value: str) -> str:
    from app.config import get_policy

    return phone_number(value, get_policy().host.country)


PhoneNumber = Annotated[str, StringConstraints(max_length=40), AfterValidator(_host_phone)]
