"""Formal notes to missions (domain "notes"): notes verbales in the policy's note language,
and the emails that carry them.

The formulas are the usual ones of diplomatic correspondence; every fact (names, numbers,
dates, times, places, the office's name and phone) is a placeholder filled from the data and
the policy, never written into a translation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from app.config import HelpKind, Policy
from app.i18n import N_, text_direction
from app.interviews.models import InterviewKind
from app.leaflets.catalog import Text, url_code
from app.leaflets.content import phone_display
from app.notices import formats
from app.notices.catalogs import NOTES
from app.notices.catalogs import isolated as _isolated
from app.notices.facts import HAS_CARD, Appointment

# What a note is about.
INVITATION = "invitation"
RESCHEDULED = "rescheduled"
AFTER_MISSED = "after_missed"  # a new appointment after the worker did not come
CANCELLED = "cancelled"
REMINDER = "reminder"  # the identity card expires soon
OVERDUE = "overdue"  # the identity card expired
INTERVIEW_NOTES = (INVITATION, RESCHEDULED, AFTER_MISSED, CANCELLED)
CARD_NOTES = (REMINDER, OVERDUE)


def isolated(value: str, *, ltr: bool = False) -> Markup:
    """Notes are written in left-to-right languages: only right-to-left values need isolating."""
    return _isolated(value, ltr=ltr, in_ltr_text=True)


KIND_NAMES = {
    InterviewKind.pre_departure.value: N_("interview before departure, at the consulate"),
    InterviewKind.arrival.value: N_("registration interview after arrival"),
    InterviewKind.renewal.value: N_("interview for the renewal of the identity card"),
    InterviewKind.welfare.value: N_("welfare interview"),
    InterviewKind.departure.value: N_("departure interview"),
}


@dataclass(frozen=True)
class Fact:
    label: Markup
    value: Markup


@dataclass(frozen=True)
class NoteText:
    """A note verbale in one language, ready for the template (picklable)."""

    locale: str
    lang: str
    dir: str
    office: Markup
    office_lines: list[Markup]
    addressee: list[Markup]
    dated: Markup
    reference: Markup
    title: Markup
    opening: Markup
    closing: Markup
    facts: list[Fact] = field(default_factory=list)
    table_head: list[Markup] = field(default_factory=list)
    table: list[list[Markup]] = field(default_factory=list)
    paragraphs: list[Markup] = field(default_factory=list)
    bring_intro: Markup | None = None
    bring: list[Markup] = field(default_factory=list)
    requests: list[Markup] = field(default_factory=list)

    def plain_text(self) -> str:
        parts: list[Markup] = [self.office, *self.office_lines, *self.addressee, self.dated]
        parts += [self.reference, self.title, self.opening]
        for fact in self.facts:
            parts += [fact.label, fact.value]
        parts += self.table_head
        for row in self.table:
            parts += row
        parts += [*self.paragraphs, *([self.bring_intro] if self.bring_intro else [])]
        parts += [*self.bring, *self.requests, self.closing]
        return "\n".join(p.striptags() for p in parts)


@dataclass(frozen=True)
class Card:
    """The identity card a reminder or an overdue note is about."""

    number: str
    expires_on: dt.date
    worker_id: int
    worker_name: str
    mission_name: str
    mission_address: str | None


@dataclass(frozen=True)
class Email:
    subject: str
    body: str


def _office(policy: Policy) -> tuple[str, str | None, str | None]:
    """The protocol office's name, phone and address, from the help directory."""
    for contact in policy.help:
        if contact.kind is HelpKind.ministry:
            phone = phone_display(contact.phone, policy.host.country)[0]
            return contact.name, phone, contact.address
    return "", None, None


def _header(
    text: Text, policy: Policy, *, mission_name: str, mission_address: str | None, today: dt.date
) -> dict[str, object]:
    _ = text._
    name, phone, address = _office(policy)
    # Translators: the sender when the policy names no protocol office.
    office = isolated(name) if name else _("The Protocol Department")
    lines = [isolated(address)] if address else []
    if phone:
        # Translators: a label before a phone number.
        lines.append(_("Telephone: %(phone)s", phone=isolated(phone, ltr=True)))
    addressee = [isolated(mission_name)]
    if mission_address:
        addressee.append(isolated(mission_address))
    return {
        "locale": text.locale,
        "lang": url_code(text.locale),
        "dir": text_direction(text.locale),
        "office": office,
        "office_lines": lines,
        "addressee": addressee,
        # Translators: the date of the note, e.g. "29 November 2026".
        "dated": _("Dated %(date)s", date=isolated(formats.short_day(today, text.locale))),
        # Translators: the title of a formal diplomatic note.
        "title": _("Note verbale"),
        "closing": _(
            "%(office)s avails itself of this opportunity to renew to %(mission)s the "
            "assurances of its highest consideration.",
            office=office,
            mission=isolated(mission_name),
        ),
    }


def _values(text: Text, policy: Policy, mission_name: str) -> dict[str, Markup]:
    name, phone, _address = _office(policy)
    return {
        "office": isolated(name) if name else text._("The Protocol Department"),
        "mission": isolated(mission_name),
        "phone": isolated(phone or "", ltr=True),
    }


def _time(local: dt.datetime, zone: str, text: Text) -> Markup:
    # Translators: %(time)s is a time on a 24-hour clock, e.g. "10:00"; %(zone)s the name of
    # the time zone on that day, e.g. "Central European Summer Time"; %(zone_id)s its
    # identifier, e.g. "Europe/Zurich".
    return text._(
        "%(time)s local time (%(zone)s, %(zone_id)s)",
        time=isolated(formats.clock(local, text.locale), ltr=True),
        zone=isolated(formats.zone_name(local, text.locale)),
        zone_id=isolated(zone, ltr=True),
    )


def _facts(appointment: Appointment, text: Text) -> list[Fact]:
    _ = text._
    local = appointment.local_start
    place = appointment.location_name
    if appointment.location_address:
        place = f"{place}, {appointment.location_address}"
    facts = [
        # Translators: a label in the table of an appointment.
        Fact(_("Interview"), _(KIND_NAMES[appointment.kind])),
        Fact(_("Date"), isolated(formats.day(local.date(), text.locale))),
        Fact(_("Time"), _time(local, appointment.zone, text)),
        Fact(_("Place"), isolated(place)),
        Fact(_("Room"), isolated(appointment.room_name)),
    ]
    if appointment.interpreter_language:
        language = formats.language_name(appointment.interpreter_language, text.locale)
        facts.append(
            Fact(
                _("Interpreter"),
                # Translators: %(language)s is a language, e.g. "Amharic".
                _(
                    "provided by the protocol office (%(language)s)",
                    language=isolated(language),
                ),
            )
        )
    return facts


def _worker(appointment: Appointment | Card) -> dict[str, Markup]:
    return {
        "name": isolated(appointment.worker_name),
        "number": isolated(str(appointment.worker_id), ltr=True),
    }


def _bring(kind: str, text: Text) -> list[Markup]:
    _ = text._
    items = [
        _("the passport;"),
        _("the employment contract;"),
        _("the payslips and the bank statements of the salary account of the last months."),
    ]
    if kind in HAS_CARD:
        items.insert(1, _("the identity card;"))
    return items


def _opening(note: str, appointment: Appointment, text: Text, values: dict[str, Markup]) -> Markup:
    _ = text._
    worker = _worker(appointment)
    previous = appointment.local_previous_start
    if note == INVITATION or previous is None:
        return _(
            "%(office)s presents its compliments to %(mission)s and has the honour to invite "
            "%(name)s, private household employee of a member of the mission (file no. "
            "%(number)s), to the following interview:",
            **values,
            **worker,
        )
    before = {
        "old_date": isolated(formats.day(previous.date(), text.locale)),
        "old_time": _time(previous, appointment.zone, text),
    }
    if note == AFTER_MISSED:
        return _(
            "%(office)s presents its compliments to %(mission)s and has the honour to inform "
            "it that %(name)s, private household employee of a member of the mission (file "
            "no. %(number)s), did not attend the interview of %(old_date)s at %(old_time)s. "
            "A new interview has been arranged as follows:",
            **values,
            **worker,
            **before,
        )
    return _(
        "%(office)s presents its compliments to %(mission)s and has the honour to inform it "
        "that the interview of %(name)s, private household employee of a member of the "
        "mission (file no. %(number)s), planned for %(old_date)s at %(old_time)s, has been "
        "moved. The new appointment is as follows:",
        **values,
        **worker,
        **before,
    )


def interview_note(
    note: str, appointment: Appointment, policy: Policy, *, locale: str, today: dt.date
) -> NoteText:
    """The note about an interview: invited, moved, arranged again after a miss, cancelled."""
    text = Text(locale, NOTES)
    _ = text._
    header = _header(
        text,
        policy,
        mission_name=appointment.mission_name,
        mission_address=appointment.mission_address,
        today=today,
    )
    values = _values(text, policy, appointment.mission_name)
    reference = _reference(text, appointment.worker_id, appointment.interview_id)
    if note == CANCELLED:
        local = appointment.local_start
        return NoteText(
            **header,  # type: ignore[arg-type]
            reference=reference,
            opening=_(
                "%(office)s presents its compliments to %(mission)s and has the honour to "
                "inform it that the interview of %(name)s, private household employee of a "
                "member of the mission (file no. %(number)s), planned for %(date)s at "
                "%(time)s, is cancelled.",
                **values,
                **_worker(appointment),
                date=isolated(formats.day(local.date(), text.locale)),
                time=_time(local, appointment.zone, text),
            ),
            paragraphs=[_("%(office)s will inform %(mission)s of any new appointment.", **values)],
            requests=[],
        )
    paragraphs = [
        _(
            "The worker attends the interview alone. Neither the employer nor any member or "
            "representative of the mission may accompany the worker to the interview."
        ),
    ]
    requests = [
        _(
            "%(office)s would be grateful if %(mission)s would inform the employer and "
            "ensure that the worker is free to attend.",
            **values,
        ),
    ]
    if note == AFTER_MISSED:
        requests.append(
            _(
                "%(office)s asks %(mission)s to make sure that nothing prevents the worker "
                "from attending.",
                **values,
            )
        )
    requests.append(
        _(
            "Should the worker be unable to attend, %(mission)s is requested to inform "
            "%(office)s without delay (telephone %(phone)s).",
            **values,
        )
    )
    return NoteText(
        **header,  # type: ignore[arg-type]
        reference=reference,
        opening=_opening(note, appointment, text, values),
        facts=_facts(appointment, text),
        paragraphs=paragraphs,
        bring_intro=_("The worker brings:"),
        bring=_bring(appointment.kind, text),
        requests=requests,
    )


def _reference(text: Text, worker_id: int, interview_id: int | None = None) -> Markup:
    if interview_id is None:
        # Translators: the reference of a note: the worker's file number.
        return text._("Ref.: file no. %(number)s", number=isolated(str(worker_id), ltr=True))
    # Translators: the reference of a note: the worker's file and the interview's number.
    return text._(
        "Ref.: file no. %(number)s, interview no. %(interview)s",
        number=isolated(str(worker_id), ltr=True),
        interview=isolated(str(interview_id), ltr=True),
    )


def card_note(
    note: str, cards: Sequence[Card], policy: Policy, *, locale: str, today: dt.date
) -> NoteText:
    """The note reminding a mission that cards expire, or telling it that they expired: one
    card in the text, several in a table (one note per mission and run)."""
    if len(cards) > 1:
        return _cards_note(note, cards, policy, locale=locale, today=today)
    card = cards[0]
    text = Text(locale, NOTES)
    _ = text._
    header = _header(
        text,
        policy,
        mission_name=card.mission_name,
        mission_address=card.mission_address,
        today=today,
    )
    values = _values(text, policy, card.mission_name)
    facts = {
        **_worker(card),
        "card": isolated(card.number, ltr=True),
        "date": isolated(formats.day(card.expires_on, text.locale)),
    }
    if note == OVERDUE:
        opening = _(
            "%(office)s presents its compliments to %(mission)s and has the honour to inform "
            "it that the identity card no. %(card)s of %(name)s, private household employee "
            "of a member of the mission (file no. %(number)s), expired on %(date)s and has "
            "not been renewed.",
            **values,
            **facts,
        )
        requests = [
            _(
                "%(office)s requests %(mission)s to contact it without delay (telephone "
                "%(phone)s) to arrange the renewal interview, which the worker attends alone.",
                **values,
            )
        ]
    else:
        opening = _(
            "%(office)s presents its compliments to %(mission)s and has the honour to inform "
            "it that the identity card no. %(card)s of %(name)s, private household employee "
            "of a member of the mission (file no. %(number)s), expires on %(date)s.",
            **values,
            **facts,
        )
        requests = [
            _(
                "%(office)s requests %(mission)s to contact it (telephone %(phone)s) to "
                "arrange the interview before %(date)s.",
                **values,
                date=facts["date"],
            )
        ]
    return NoteText(
        **header,  # type: ignore[arg-type]
        reference=_reference(text, card.worker_id),
        opening=opening,
        paragraphs=[_renewal_needs(text)],
        requests=requests,
    )


def _renewal_needs(text: Text) -> Markup:
    return text._(
        "The renewal of the card requires an interview with the worker, who attends "
        "it alone, without the employer or any member or representative of the "
        "mission, and recent proof of the salary payments into the worker's own "
        "account."
    )


def _cards_note(
    note: str, cards: Sequence[Card], policy: Policy, *, locale: str, today: dt.date
) -> NoteText:
    text = Text(locale, NOTES)
    _ = text._
    first = cards[0]
    header = _header(
        text,
        policy,
        mission_name=first.mission_name,
        mission_address=first.mission_address,
        today=today,
    )
    values = _values(text, policy, first.mission_name)
    ordered = sorted(cards, key=lambda c: (c.expires_on, c.worker_id))
    numbers = ", ".join(str(c.worker_id) for c in ordered)
    if note == OVERDUE:
        opening = _(
            "%(office)s presents its compliments to %(mission)s and has the honour to inform "
            "it that the identity cards of the following private household employees of "
            "members of the mission have expired and have not been renewed:",
            **values,
        )
        # Translators: a column heading: the day an identity card expired.
        until = _("Expired on")
        requests = [
            _(
                "%(office)s requests %(mission)s to contact it without delay (telephone "
                "%(phone)s) to arrange the renewal interviews, which each worker attends alone.",
                **values,
            )
        ]
    else:
        opening = _(
            "%(office)s presents its compliments to %(mission)s and has the honour to inform "
            "it that the identity cards of the following private household employees of "
            "members of the mission expire soon:",
            **values,
        )
        # Translators: a column heading: the day an identity card expires.
        until = _("Expires on")
        requests = [
            _(
                "%(office)s requests %(mission)s to contact it (telephone %(phone)s) to "
                "arrange the interviews before the cards expire.",
                **values,
            )
        ]
    return NoteText(
        **header,  # type: ignore[arg-type]
        # Translators: the reference of a note about several workers: their file numbers.
        reference=_("Ref.: files no. %(numbers)s", numbers=isolated(numbers, ltr=True)),
        opening=opening,
        # Translators: column headings of the table of identity cards.
        table_head=[_("Name"), _("File no."), _("Identity card no."), until],
        table=[
            [
                isolated(c.worker_name),
                isolated(str(c.worker_id), ltr=True),
                isolated(c.number, ltr=True),
                isolated(formats.short_day(c.expires_on, text.locale)),
            ]
            for c in ordered
        ],
        paragraphs=[_renewal_needs(text)],
        requests=requests,
    )


# The emails that carry the notes -----------------------------------------------------------


def interview_email(note: str, appointment: Appointment, policy: Policy, *, locale: str) -> Email:
    """Subject and plain-text body of the email that carries an interview note."""
    text = Text(locale, NOTES)
    local = appointment.local_start
    office = _office(policy)[0] or text.plain("The Protocol Department")
    when = {
        "date": formats.day(local.date(), locale),
        "time": text.plain(
            "%(time)s local time (%(zone)s, %(zone_id)s)",
            time=formats.clock(local, locale),
            zone=formats.zone_name(local, locale),
            zone_id=appointment.zone,
        ),
    }
    name = appointment.worker_name
    if note == CANCELLED:
        subject = text.plain(
            "Note verbale: interview of %(name)s on %(date)s cancelled",
            name=name,
            date=when["date"],
        )
        summary = text.plain("The interview of %(date)s at %(time)s is cancelled.", **when)
    else:
        if note == INVITATION:
            subject = text.plain(
                "Note verbale: interview of %(name)s on %(date)s", name=name, date=when["date"]
            )
        else:
            subject = text.plain(
                "Note verbale: interview of %(name)s moved to %(date)s",
                name=name,
                date=when["date"],
            )
        place = appointment.location_name
        if appointment.location_address:
            place = f"{place}, {appointment.location_address}"
        summary = "\n".join(
            [
                text.plain("Interview: %(date)s at %(time)s.", **when),
                text.plain("Place: %(place)s.", place=place),
                text.plain("The worker attends the interview alone."),
            ]
        )
    return Email(subject=subject, body=_body(text, office, summary))


def card_email(
    note: str, card: Card, policy: Policy, *, locale: str, listed_with: int = 0
) -> Email:
    """Subject and plain-text body of the email that carries a card reminder or overdue note
    (`listed_with`: how many other cards of the mission the attached note lists too)."""
    text = Text(locale, NOTES)
    office = _office(policy)[0] or text.plain("The Protocol Department")
    values = {
        "name": card.worker_name,
        "card": card.number,
        "date": formats.day(card.expires_on, locale),
    }
    if note == OVERDUE:
        subject = text.plain(
            "Note verbale: identity card of %(name)s expired on %(date)s", **values
        )
        summary = text.plain("The identity card no. %(card)s expired on %(date)s.", **values)
    else:
        subject = text.plain(
            "Note verbale: identity card of %(name)s expires on %(date)s", **values
        )
        summary = text.plain("The identity card no. %(card)s expires on %(date)s.", **values)
    if listed_with:
        summary += "\n" + text.plain(
            "The attached note also lists the other identity cards of the mission's employees "
            "that are due."
        )
    return Email(subject=subject, body=_body(text, office, summary))


def _body(text: Text, office: str, summary: str) -> str:
    return "\n\n".join(
        [
            text.plain("Please find attached a note verbale from %(office)s.", office=office),
            summary,
            text.plain("The note is attached as a PDF file."),
        ]
    )
