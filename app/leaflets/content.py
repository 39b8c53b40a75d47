"""The rights text: one source for the public page and the leaflets.

Written for a reader with little schooling: short sentences, one idea each. Facts of the host
country (amounts, hours, numbers, names, addresses) are never inside a message: they are
placeholders filled from the policy and the help directory, formatted for the reader's locale
and isolated from the surrounding text (`<bdi>`), so right-to-left text keeps them intact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import phonenumbers
from babel.dates import format_time, get_day_names
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal
from markupsafe import Markup, escape

from app.config import HelpContact, HelpKind, Policy, WageBasis, WagePeriod
from app.leaflets.catalog import Text, direction, locale_info, url_code

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Contact:
    """One place to get help, with its labels in the reader's language."""

    kind: str
    kind_label: Markup
    name: Markup
    phone: Markup
    phone_uri: str
    hours: Markup | None
    languages: Markup | None
    address: Markup | None
    url: str | None
    urgent: bool


@dataclass(frozen=True)
class Section:
    key: str
    heading: Markup
    paragraphs: list[Markup] = field(default_factory=list)
    points: list[Markup] = field(default_factory=list)
    closing: list[Markup] = field(default_factory=list)


@dataclass(frozen=True)
class Block:
    """One paragraph, point, heading or place to get help."""

    kind: str  # title, intro, heading, para, point, closing, urgent, contact
    html: str = ""
    contact: Contact | None = None


@dataclass(frozen=True)
class RightsText:
    """Everything the page and the leaflet say, in one language."""

    locale: str
    lang: str  # the `lang` attribute: zh-Hans
    dir: str
    title: Markup
    intro: list[Markup]
    urgent_heading: Markup
    urgent: list[Contact]
    sections: list[Section]
    contacts_heading: Markup
    contacts: list[Contact]
    labels: dict[str, Markup]

    def blocks(self) -> list[Block]:
        """The text as a flat run of blocks, the same run in every language (for the PDFs)."""
        out: list[Block] = [Block("title", self.title)]
        out += [Block("intro", p) for p in self.intro]
        out.append(Block("heading", self.urgent_heading))
        out += [Block("urgent", contact=c) for c in self.urgent]
        for section in self.sections:
            out.append(Block("heading", section.heading))
            out += [Block("para", p) for p in section.paragraphs]
            out += [Block("point", p) for p in section.points]
            out += [Block("closing", p) for p in section.closing]
        out.append(Block("heading", self.contacts_heading))
        out += [Block("contact", contact=c) for c in self.contacts]
        return out

    def plain_text(self) -> str:
        """The words a reader sees (for tests and search): the text without its markup."""
        parts: list[Markup] = [self.title, *self.intro, self.urgent_heading]
        for contact in self.urgent:
            parts += [contact.kind_label, contact.name, contact.phone]
        for section in self.sections:
            parts += [section.heading, *section.paragraphs, *section.points, *section.closing]
        parts.append(self.contacts_heading)
        for contact in self.contacts:
            parts += [contact.kind_label, contact.name, contact.phone]
        return "\n".join(p.striptags() for p in parts)


def isolated(value: str, *, ltr: bool = True) -> Markup:
    """A fact inside a sentence, kept whole in right-to-left text."""
    if ltr:
        return Markup('<bdi dir="ltr">{}</bdi>').format(value)
    return Markup("<bdi>{}</bdi>").format(value)


def _babel(locale: str) -> str:
    return str(locale_info(locale))


def _number(value: Decimal | int, locale: str) -> Markup:
    return isolated(format_decimal(value, locale=_babel(locale)))


def money(amount: Decimal, currency: str, locale: str) -> Markup:
    return isolated(format_currency(amount, currency, locale=_babel(locale)))


def phone_display(phone: str, country: str) -> tuple[str, str]:
    """A phone number as it is dialled in the host country and its tel: address."""
    digits = phone.replace(" ", "")
    if len(digits.lstrip("+")) <= 4:  # a short emergency number
        return digits, f"tel:{digits}"
    parsed = phonenumbers.parse(digits, country)
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    shown = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return shown, f"tel:{e164}"


def language_names(codes: list[str], locale: str, *, style: str = "standard") -> str:
    """Language names in the reader's language, joined as the reader's language joins lists."""
    names = []
    for code in codes:
        name = locale_info(code.replace("-", "_")).get_display_name(_babel(locale))
        names.append(name or code)
    return format_list(names, style=style, locale=_babel(locale))  # type: ignore[arg-type]


def _hours(contact: HelpContact, text: Text) -> Markup | None:
    if contact.always_open:
        # Translators: said of a hotline or a police station that answers at any time.
        return text._("Open day and night, every day.")
    if not contact.hours:
        return None
    locale = _babel(text.locale)
    day_names = get_day_names("abbreviated", locale=locale)
    # Runs of consecutive days open at the same times: "Mon–Thu: 08:30–12:00, 13:30–17:00".
    runs: list[tuple[int, int, tuple[str, ...]]] = []
    for index, day in enumerate(_WEEKDAYS):
        spans = tuple(contact.hours.get(day, ()))
        if not spans:
            continue
        if runs and runs[-1][1] == index - 1 and runs[-1][2] == spans:
            runs[-1] = (runs[-1][0], index, spans)
        else:
            runs.append((index, index, spans))
    rows = []
    for first, last, spans in runs:
        days = day_names[first] if first == last else f"{day_names[first]}–{day_names[last]}"
        times = ", ".join(
            f"{_time(span.split('-')[0], locale)}–{_time(span.split('-')[1], locale)}"
            for span in spans
        )
        rows.append(Markup("{}: {}").format(days, isolated(times)))
    return Markup("; ").join(rows)


def _time(value: str, locale: str) -> str:
    import datetime as dt

    return format_time(dt.time.fromisoformat(value), format="short", locale=locale)


def kind_label(kind: HelpKind, text: Text) -> Markup:
    """What a place in the help directory is, in the reader's words."""
    _ = text._
    labels = {
        HelpKind.hotline: _("Hotline against trafficking"),
        HelpKind.police: _("Police"),
        # Translators: an office that helps a worker and an employer settle a dispute.
        HelpKind.mediation: _("Mediation office"),
        # Translators: a non-governmental organisation that helps workers, free of charge.
        HelpKind.ngo: _("Help organisation"),
        # Translators: the state office that checks working conditions.
        HelpKind.labour_inspectorate: _("Labour inspectorate"),
        HelpKind.shelter: _("Shelter: a safe place to stay"),
        # Translators: the office of the foreign ministry that registers domestic workers.
        HelpKind.ministry: _("Protocol office of the foreign ministry"),
    }
    return labels[kind]


def contact_view(contact: HelpContact, text: Text, policy: Policy) -> Contact:
    shown, uri = phone_display(contact.phone, policy.host.country)
    languages = None
    if contact.languages:
        languages = escape(language_names(contact.languages, text.locale))
    return Contact(
        kind=contact.kind.value,
        kind_label=kind_label(contact.kind, text),
        name=isolated(contact.name, ltr=False),
        phone=isolated(shown),
        phone_uri=uri,
        hours=_hours(contact, text),
        languages=languages,
        address=isolated(contact.address, ltr=False) if contact.address else None,
        url=contact.url,
        urgent=contact.urgent,
    )


def office_name(policy: Policy) -> Markup:
    for contact in policy.help:
        if contact.kind is HelpKind.ministry:
            return isolated(contact.name, ltr=False)
    return Markup("")


def _wage(policy: Policy, text: Text) -> list[Markup]:
    _ = text._
    amount = money(policy.wage.minimum, policy.host.currency, text.locale)
    if policy.wage.period is WagePeriod.month:
        # Translators: %(amount)s is an amount of money with its currency, e.g. "CHF 1,200.00".
        pay = _("Your pay is at least %(amount)s a month.", amount=amount)
    else:
        # Translators: %(amount)s is an amount of money with its currency, e.g. "USD 7.25".
        pay = _("Your pay is at least %(amount)s for each hour of work.", amount=amount)
    if policy.wage.basis is WageBasis.net:
        basis = _("This is the money you receive. Nothing may be taken off it.")
    else:
        basis = _("This is the amount before tax and insurance are taken off.")
    return [pay, basis]


def _rest(policy: Policy, text: Text) -> Markup:
    days = policy.working_time.min_weekly_rest_days
    whole = int(days)
    half = days - whole >= Decimal("0.5")
    num = _number(whole, text.locale)
    if half:
        return text.ngettext(
            "You have at least %(num)s full day and one half-day off each week.",
            "You have at least %(num)s full days and one half-day off each week.",
            whole,
            num=num,
        )
    return text.ngettext(
        "You have at least %(num)s full day off each week.",
        "You have at least %(num)s full days off each week.",
        whole,
        num=num,
    )


def _rights(policy: Policy, text: Text) -> Section:
    _, ngettext = text._, text.ngettext
    wt = policy.working_time
    hours = int(wt.max_weekly_hours)
    points = [
        _("You have a written contract."),
        _("Your contract is in a language you understand."),
        _("You get a copy of your contract. Keep it in a safe place."),
        *_wage(policy, text),
        _("Your employer also gives you food and a place to live."),
        _("Your pay goes into a bank account in your own name."),
        _("Only you may use this account. Keep your bank card and your PIN code yourself."),
        _("You get a payslip every month. It shows what you were paid."),
        ngettext(
            "You work at most %(num)s hour a week.",
            "You work at most %(num)s hours a week.",
            hours,
            num=_number(wt.max_weekly_hours, text.locale),
        ),
        _rest(policy, text),
    ]
    weeks = int(wt.min_paid_leave_weeks)
    if weeks:
        points.append(
            ngettext(
                "You have at least %(num)s week of paid holiday each year.",
                "You have at least %(num)s weeks of paid holiday each year.",
                weeks,
                num=_number(weeks, text.locale),
            )
        )
    if wt.min_public_holidays:
        points.append(
            ngettext(
                "You also have at least %(num)s paid public holiday each year.",
                "You also have at least %(num)s paid public holidays each year.",
                wt.min_public_holidays,
                num=_number(wt.min_public_holidays, text.locale),
            )
        )
    points += [
        _("You have your own room. You can lock its door."),
        _("You keep your own passport. Nobody may take it from you."),
        _("You keep your own phone. You may call your family and friends."),
        _("In your free time, you may go out freely."),
        _("If you are ill, you may see a doctor."),
    ]
    # Translators: a heading.
    return Section("rights", _("Your rights"), points=points)


def _interview(policy: Policy, text: Text) -> Section:
    _, ngettext = text._, text.ngettext
    card = policy.card
    office = office_name(policy)
    paragraphs = [
        # Translators: %(office)s is the name of the office, e.g. "Protocol, Federal
        # Department of Foreign Affairs".
        _(
            "Before you get your identity card, you come to an interview at %(office)s.",
            office=office,
        ),
        _("You come alone. Your employer does not come with you."),
        _("Nobody from the embassy comes with you."),
        _(
            "If you need one, we find you an interpreter. "
            "The interpreter does not work for your employer."
        ),
        _("We explain your rights. You can ask us anything."),
        _("We look at your contract, your payslips and your bank account."),
        _("We do not tell your employer what you tell us, unless you agree."),
        _("Bring your passport, your contract, your payslips and your bank papers."),
        ngettext(
            "Your first card is valid for %(num)s month.",
            "Your first card is valid for %(num)s months.",
            card.first_validity_months,
            num=_number(card.first_validity_months, text.locale),
        ),
        ngettext(
            "After that, you come again every %(num)s month to renew your card.",
            "After that, you come again every %(num)s months to renew your card.",
            card.renewal_validity_months,
            num=_number(card.renewal_validity_months, text.locale),
        ),
        _("Each time, you come alone again."),
    ]
    # Translators: a heading.
    return Section("interview", _("The interview"), paragraphs=paragraphs)


def _warning_signs(text: Text) -> Section:
    _ = text._
    return Section(
        "warning-signs",
        # Translators: a heading.
        _("Warning signs of trafficking and forced labour"),
        paragraphs=[
            _("Trafficking and forced labour are crimes."),
            _("Watch for these signs:"),
        ],
        points=[
            _("Someone keeps your passport or your identity card."),
            _("You are not paid, or you get less than your contract says."),
            _("Someone else keeps your bank card or takes your pay."),
            _("You must work very long hours, with no day off."),
            _("You may not leave the house, or you are locked in."),
            _("You may not call or meet your family or friends."),
            _("Someone hits you, threatens you or touches you against your will."),
            _("You have no room of your own. You sleep in the kitchen or on the floor."),
            _("Someone says you owe them money, and the debt never ends."),
            _("You had to sign a new contract with worse conditions after you arrived."),
            _("Someone says the police will arrest you if you ask for help."),
        ],
        closing=[_("If this happens to you, ask for help. It is not your fault.")],
    )


def _safe_to_ask(text: Text) -> Section:
    _ = text._
    return Section(
        "safe-to-ask",
        # Translators: a heading.
        _("You will not be punished for asking for help"),
        paragraphs=[
            _("Asking for help is your right."),
            _("You cannot be punished for asking for help."),
            _(
                "Victims of trafficking are protected. "
                "They are not punished for what they were forced to do."
            ),
            _("Help organisations keep what you tell them private."),
        ],
    )


def _language(policy: Policy, text: Text) -> Section:
    _ = text._
    names = language_names(policy.host.official_languages, text.locale, style="or")
    return Section(
        "language",
        # Translators: a heading. The section is about learning the host country's language.
        _("Learn the language"),
        paragraphs=[
            # Translators: %(languages)s is a list of languages, e.g. "German, French or Italian".
            _(
                "Learning %(languages)s helps you in daily life.",
                languages=isolated(names, ltr=False),
            ),
            _("It also helps you to know your rights and to ask for help."),
            _("Ask us or a help organisation about language courses."),
        ],
    )


def _help_section(text: Text) -> Section:
    _ = text._
    return Section(
        "help",
        # Translators: a heading; the list of places to call follows.
        _("Where to get help"),
        paragraphs=[
            _("You can call or visit these places."),
            _("You can ask for an interpreter."),
            _("Your own country's embassy or consulate can also help you."),
        ],
    )


def labels(text: Text) -> dict[str, Markup]:
    """Short labels around the facts of a place to get help."""
    _ = text._
    return {
        # Translators: a label before a phone number.
        "phone": _("Phone"),
        # Translators: a label before opening hours.
        "hours": _("Opening hours"),
        # Translators: a label before a list of languages.
        "languages": _("Languages spoken"),
        # Translators: a label before a street address.
        "address": _("Address"),
        # Translators: a label before a web address.
        "website": _("Website"),
    }


def rights_text(policy: Policy, locale: str) -> RightsText:
    """The rights text in one language, with the host country's facts filled in."""
    text = Text(locale)
    _ = text._
    country = locale_info(locale).territories.get(policy.host.country, policy.host.country)
    contacts = [contact_view(c, text, policy) for c in policy.help]
    return RightsText(
        locale=locale,
        lang=url_code(locale),
        dir=direction(locale),
        # Translators: %(country)s is the host country, e.g. "Switzerland". Main title.
        title=_(
            "Your rights as a domestic worker in %(country)s", country=isolated(country, ltr=False)
        ),
        intro=[
            _("You work in the home of a diplomat."),
            _("Here you can read your rights."),
            _("You can also read where to get help, day and night."),
        ],
        # Translators: a heading above the emergency phone numbers.
        urgent_heading=_("Help, day and night"),
        urgent=[c for c in contacts if c.urgent],
        sections=[
            _rights(policy, text),
            _interview(policy, text),
            _warning_signs(text),
            _safe_to_ask(text),
            _help_section(text),
            _language(policy, text),
        ],
        # Translators: a heading above the full list of places to get help.
        contacts_heading=_("Places that help"),
        contacts=contacts,
        labels=labels(text),
    )
