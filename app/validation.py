"""Field checks shared by every domain: ISO codes, phone numbers, names, search keys."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

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


def pydantic_message(error: Any) -> str:
    """A pydantic error said plainly, in the reader's language."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "missing" or (error.get("input") is None and kind.endswith("_type")):
        return _("This field is required.")
    if kind == "value_error":
        return str(error.get("msg", "")).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return _("This field is not known.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("decimal_parsing", "decimal_type", "float_parsing"):
        return _("Enter a number.")
    if kind in ("decimal_max_places",):
        return _("Use at most {n} decimals.").format(n=ctx.get("decimal_places", 2))
    if kind in ("decimal_max_digits",):
        return _("This number is too large.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Enter a date as year-month-day, e.g. 2026-03-31.")
    if kind == "enum" or kind == "literal_error":
        return _("Choose one of the options.")
    if kind == "bool_parsing":
        return _("Choose yes or no.")
    if kind == "string_too_long":
        return _("At most {n} characters.").format(n=ctx.get("max_length"))
    if kind == "string_too_short":
        return _("At least {n} characters.").format(n=ctx.get("min_length"))
    if kind == "string_pattern_mismatch":
        return _("This is not in the expected form.")
    if kind in ("greater_than", "greater_than_equal"):
        limit = ctx.get("gt", ctx.get("ge"))
        return (
            _("Must be at least {n}.").format(n=limit)
            if "ge" in ctx
            else _("Must be more than {n}.").format(n=limit)
        )
    if kind in ("less_than", "less_than_equal"):
        return _("Must be at most {n}.").format(n=ctx.get("le", ctx.get("lt")))
    if kind in ("too_short", "too_long"):
        return _("Give between {min} and {max} entries.").format(
            min=ctx.get("min_length", 1), max=ctx.get("max_length", "…")
        )
    if kind in ("json_invalid",):
        return _("The request body is not valid JSON.")
    return str(error.get("msg", _("This value is not valid.")))
