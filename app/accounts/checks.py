"""Is this an account, in the host country, in the worker's name alone?

IBANs are checked with schwifty (check digits, each country's length and format, and the bank
and BIC where its registry knows them). Host countries without IBAN use their national
format; the United States is built in: a 9-digit ABA routing number with its check digit
(3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) divisible by 10) and an account number of 4 to
17 digits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from app.config import Policy
from app.errors import FieldError, Invalid
from app.i18n import _

NATIONAL_FORMATS = {"US"}
# Words that join two holders' names on an account ("A and B", "A & B", "A / B"…).
_JOINT = re.compile(r"(&|\+|/|;|\b(and|und|et|e|y|or|oder|ou|o)\b)", re.IGNORECASE)
_SIMILAR = 0.8


@dataclass(frozen=True)
class CheckedAccount:
    number: str  # IBAN in electronic form, or the national account number
    is_iban: bool
    country: str
    bank_code: str | None
    bank_name: str | None
    bic: str | None


def _refuse(field: str, message: str) -> Invalid:
    return Invalid(message, errors=[FieldError(field, message)])


def check_iban(value: str, policy: Policy) -> CheckedAccount:
    """A valid IBAN, in the host country where the policy requires it."""
    try:
        iban = IBAN(value)
    except SchwiftyException as exc:
        name = type(exc).__name__
        if "Checksum" in name:
            raise _refuse(
                "iban", _("The IBAN's check digits are wrong: a digit is mistyped.")
            ) from exc
        if "Length" in name:
            raise _refuse(
                "iban", _("The IBAN has too few or too many characters for its country.")
            ) from exc
        raise _refuse("iban", _("This is not a valid IBAN.")) from exc
    host = policy.host.country
    if policy.wage.account_in_host_country and iban.country_code != host:
        raise _refuse(
            "iban",
            _("The account must be with a bank in the host country ({country}).").format(
                country=host
            ),
        )
    bank: dict[str, str] | object = iban.bank or {}
    bic = iban.bic
    return CheckedAccount(
        number=iban.compact,
        is_iban=True,
        country=iban.country_code,
        bank_code=iban.bank_code or None,
        bank_name=bank.get("name") if isinstance(bank, dict) else None,
        bic=str(bic) if bic else None,
    )


def aba_routing_ok(routing: str) -> bool:
    if not re.fullmatch(r"\d{9}", routing):
        return False
    d = [int(c) for c in routing]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


def check_national(number: str, bank_code: str, policy: Policy) -> CheckedAccount:
    """A national account number and bank code, for a host country without IBAN."""
    country = policy.host.country
    number = re.sub(r"[\s-]", "", number)
    bank_code = re.sub(r"[\s-]", "", bank_code)
    if country == "US":
        if not aba_routing_ok(bank_code):
            raise _refuse("bank_code", _("This is not a valid 9-digit routing number."))
        if not re.fullmatch(r"\d{4,17}", number):
            raise _refuse("account_number", _("An account number has 4 to 17 digits."))
    elif not re.fullmatch(r"[0-9A-Za-z]{4,34}", number):
        raise _refuse("account_number", _("This is not a valid account number."))
    return CheckedAccount(
        number=number, is_iban=False, country=country, bank_code=bank_code, bank_name=None, bic=None
    )


def uses_iban(policy: Policy) -> bool:
    return policy.host.country not in NATIONAL_FORMATS


def _tokens(*names: str | None) -> list[str]:
    text = " ".join(n for n in names if n)
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return [t for t in re.split(r"[^\w]+", plain.replace("'", "")) if t]


def _matches(token: str, candidates: list[str]) -> bool:
    return any(
        token == c or SequenceMatcher(None, token, c).ratio() >= _SIMILAR for c in candidates
    )


def check_holder(holder: str, *, worker_names: list[str | None], employers: list[str]) -> None:
    """The holder is the worker alone: any order, case, accents, missing middle names and
    small differences of transliteration; never two holders, never the employer.

    `worker_names` are the names as in the passport, in its script and in its Latin line.
    """
    if _JOINT.search(holder) or holder.count(",") > 1:
        raise _refuse(
            "holder_name", _("The account must be in the worker's name alone, not held jointly.")
        )
    words = _tokens(holder)
    if not words:
        raise _refuse("holder_name", _("This field is required."))
    known = _tokens(*worker_names)
    employer_words = _tokens(*employers)
    if any(_matches(w, employer_words) and not _matches(w, known) for w in words):
        raise _refuse(
            "holder_name",
            _("The holder's name includes the employer's: the account must be the worker's own."),
        )
    if not all(_matches(w, known) for w in words):
        raise _refuse(
            "holder_name", _("The holder's name is not the worker's name as in the passport.")
        )
    matched = {next(k for k in known if _matches(w, [k])) for w in words}
    if len(matched) < min(2, len(set(known))):
        raise _refuse(
            "holder_name",
            _("The holder's name must include the worker's family name and a given name."),
        )
