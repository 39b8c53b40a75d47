"""The worker's invitation slip (domain "interview"): when, where, come alone, what to bring,
whom to call. Written for a reader with little schooling: short sentences, one idea each.

Facts (names, dates, times, addresses, phone numbers) are placeholders, isolated from the
sentence around them so right-to-left text keeps them whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from app.config import HelpContact, HelpKind, Policy
from app.i18n import N_, text_direction
from app.interviews.models import InterviewKind
from app.leaflets.catalog import Text, url_code
from app.leaflets.content import kind_label, phone_display
from app.notices import formats
from app.notices.catalogs import INTERVIEW, isolated
from app.notices.facts import HAS_CARD, Appointment

KIND_LINES = {
    InterviewKind.pre_departure.value: N_(
        "This interview is before you travel to start your work."
    ),
    InterviewKind.arrival.value: N_(
        "This interview is to register you after you arrived. You get your identity card."
    ),
    InterviewKind.renewal.value: N_("This interview is to renew your identity card."),
    InterviewKind.welfare.value: N_(
        "This interview is to check that you are well and that your work is as agreed."
    ),
    InterviewKind.departure.value: N_("This interview is because your work is ending."),
}


@dataclass(frozen=True)
class ContactLine:
    """A place to call, with its phone number kept left to right."""

    label: Markup
    name: Markup
    phone: Markup
    phone_uri: str


@dataclass(frozen=True)
class SlipText:
    locale: str
    lang: str
    dir: str
    title: Markup
    for_line: Markup
    file_line: Markup
    intro: list[Markup]
    when_heading: Markup
    when: Markup
    zone_line: Markup
    where_heading: Markup
    where: list[Markup]
    alone_heading: Markup
    alone: list[Markup]
    bring_heading: Markup
    bring: list[Markup]
    call_heading: Markup
    call_intro: list[Markup]
    office_contacts: list[ContactLine]
    urgent_heading: Markup
    urgent: list[ContactLine]
    closing: list[Markup] = field(default_factory=list)

    def plain_text(self) -> str:
        """The words a reader sees, without markup (for tests and search)."""
        parts: list[Markup] = [self.title, self.for_line, self.file_line, *self.intro]
        parts += [self.when_heading, self.when, self.zone_line, self.where_heading, *self.where]
        parts += [self.alone_heading, *self.alone, self.bring_heading, *self.bring]
        parts += [self.call_heading, *self.call_intro]
        for line in [*self.office_contacts, *self.urgent]:
            parts += [line.label, line.name, line.phone]
        parts += [self.urgent_heading, *self.closing]
        return "\n".join(p.striptags() for p in parts)


def _contact(contact: HelpContact, policy: Policy, public: Text) -> ContactLine:
    shown, uri = phone_display(contact.phone, policy.host.country)
    return ContactLine(
        label=kind_label(contact.kind, public),
        name=isolated(contact.name),
        phone=isolated(shown, ltr=True),
        phone_uri=uri,
    )


def when_line(appointment: Appointment, text: Text) -> Markup:
    local = appointment.local_start
    # Translators: %(date)s is a day, e.g. "Thursday, 1 July 2027"; %(time)s is a time of
    # day on the international 24-hour clock, e.g. "10:00". Where another way of counting
    # the hours is common (the Ethiopian clock), say which clock this is.
    return text._(
        "%(date)s at %(time)s",
        date=isolated(formats.day(local.date(), text.locale)),
        time=isolated(formats.clock(local, text.locale), ltr=True),
    )


def zone_line(appointment: Appointment, text: Text) -> Markup:
    local = appointment.local_start
    # Translators: %(country)s is a country, e.g. "Switzerland"; %(zone)s is the name of its
    # time zone on that day, e.g. "Central European Summer Time".
    return text._(
        "This is the local time in %(country)s: %(zone)s.",
        country=isolated(formats.country_name(appointment.location_country, text.locale)),
        zone=isolated(formats.zone_name(local, text.locale)),
    )


def _where(appointment: Appointment, text: Text) -> list[Markup]:
    _ = text._
    lines = [isolated(appointment.location_name)]
    if appointment.location_address:
        # Translators: a label before a street address.
        lines.append(_("Address: %(address)s", address=isolated(appointment.location_address)))
    # Translators: a label before the name or number of a room.
    lines.append(_("Room: %(room)s", room=isolated(appointment.room_name)))
    return lines


def _alone(appointment: Appointment, text: Text) -> list[Markup]:
    _ = text._
    points = [
        _("Come alone. Your employer does not come with you."),
        _("Nobody from the embassy or from your employer's family comes with you."),
        _("If someone brings you, they wait outside. We talk with you alone."),
        _("Your employer must let you come."),
    ]
    if appointment.interpreter_language:
        language = formats.language_name(appointment.interpreter_language, text.locale)
        # Translators: %(language)s is the name of a language, e.g. "Amharic".
        points.append(
            _(
                "An interpreter for %(language)s will be there. "
                "The interpreter does not work for your employer.",
                language=isolated(language),
            )
        )
    else:
        points.append(
            _(
                "If you need an interpreter, tell us. "
                "The interpreter does not work for your employer."
            )
        )
    return points


def _bring(appointment: Appointment, text: Text) -> list[Markup]:
    _ = text._
    points = [
        _("Your passport"),
        _("Your work contract"),
        _("Your bank statements: the papers from your bank that show your pay"),
        _("Your payslips, if you have them"),
    ]
    if appointment.kind in HAS_CARD:
        points.insert(1, _("Your identity card"))
    return points


def slip_text(appointment: Appointment, policy: Policy, locale: str) -> SlipText:
    """The slip in one language, with the interview's facts filled in."""
    text = Text(locale, INTERVIEW)
    public = Text(locale)
    _ = text._
    office = [c for c in policy.help if c.kind is HelpKind.ministry]
    urgent = [c for c in policy.help if c.urgent and c.kind is not HelpKind.ministry]
    return SlipText(
        locale=locale,
        lang=url_code(locale),
        dir=text_direction(locale),
        # Translators: the main title of the slip given to the worker.
        title=_("Invitation to your interview"),
        # Translators: followed by the worker's name.
        for_line=_("For: %(name)s", name=isolated(appointment.worker_name)),
        # Translators: %(number)s is the number of the worker's file at the protocol office.
        file_line=_("File no. %(number)s", number=isolated(str(appointment.worker_id), ltr=True)),
        intro=[
            # Translators: %(office)s is the name of the place, e.g. "Protocol office, Geneva".
            _(
                "You are invited to an interview at %(office)s.",
                office=isolated(appointment.location_name),
            ),
            _(KIND_LINES[appointment.kind]),
            _("The interview is free of charge."),
        ],
        # Translators: a heading; the day and time of the interview follow.
        when_heading=_("When"),
        when=when_line(appointment, text),
        zone_line=zone_line(appointment, text),
        # Translators: a heading; the address of the interview follows.
        where_heading=_("Where"),
        where=_where(appointment, text),
        # Translators: a heading. The worker must come without the employer.
        alone_heading=_("Come alone"),
        alone=_alone(appointment, text),
        # Translators: a heading; a list of documents follows.
        bring_heading=_("Bring these papers"),
        bring=_bring(appointment, text),
        # Translators: a heading.
        call_heading=_("If you cannot come"),
        call_intro=[
            _("If you cannot come, or if someone stops you from coming, call us:"),
            _("You will not get into trouble for calling us."),
        ],
        office_contacts=[_contact(c, policy, public) for c in office],
        # Translators: a heading above the emergency phone numbers.
        urgent_heading=_("Help, day and night"),
        urgent=[_contact(c, policy, public) for c in urgent],
        closing=[_("Keep this paper in a safe place. Show it at the entrance.")],
    )
