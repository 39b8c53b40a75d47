"""The one Jinja environment: i18n through the locale context variable, Babel formatting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.core import UnknownLocaleError
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from app.config import PROJECT_ROOT, get_policy
from app.i18n import get_locale, gettext, ngettext, text_direction

TEMPLATES_DIR = PROJECT_ROOT / "templates"


def _locale() -> str:
    return get_locale().replace("-", "_")


def date_filter(value: dt.date | None, fmt: str = "medium") -> str:
    return "" if value is None else format_date(value, format=fmt, locale=_locale())


def datetime_filter(value: dt.datetime | None, fmt: str = "medium") -> str:
    """A moment in the host country's time zone, said in the reader's locale."""
    if value is None:
        return ""
    return format_datetime(value, format=fmt, tzinfo=get_policy().zone, locale=_locale())


def money_filter(amount: Decimal | str | None, currency: str) -> str:
    return "" if amount is None else format_currency(Decimal(amount), currency, locale=_locale())


def number_filter(value: Decimal | int | str | None) -> str:
    return "" if value is None else format_decimal(Decimal(value), locale=_locale())


@lru_cache(maxsize=4096)
def _language_name(code: str, locale: str) -> str:
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(locale)
    except (ValueError, UnknownLocaleError):
        return code
    return name or code


def language_filter(code: str | None) -> str:
    return "" if not code else _language_name(code, _locale())


def country_filter(code: str | None) -> str:
    if not code:
        return ""
    return Locale.parse(_locale()).territories.get(code.upper(), code)


@lru_cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # The callables read the locale from the context variable at render time, so the
    # environment is shared and never re-installed per response.
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        date=date_filter,
        datetime=datetime_filter,
        money=money_filter,
        number=number_filter,
        language=language_filter,
        country=country_filter,
    )
    env.filters.update(without=_without, with_cursor=_with_cursor, zip_self=_zip_self)
    from app.audit.service import describe
    from app.registry.rules import flag_message

    env.globals.update(describe=describe, flag_message=flag_message, wage=_wage)
    env.globals.update(policy=get_policy, locale=get_locale, direction=_direction)
    return env


def _zip_self(values: Any) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


def _wage(contract: Any) -> str:
    from app.registry.rules import wage_text

    return wage_text(
        contract.wage_amount, contract.wage_currency, contract.wage_period, contract.wage_basis
    )


def _direction() -> str:
    return text_direction(get_locale())


def _without(query: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in query.items() if k != key and v not in (None, "")}


def _with_cursor(query: dict[str, Any], cursor: str) -> dict[str, Any]:
    return {**_without(query, "cursor"), "cursor": cursor}


def render(template: str, context: dict[str, Any]) -> str:
    return environment().get_template(template).render(**context)


def safe_join(*parts: str) -> Markup:
    return Markup("").join(parts)
