"""The interview guide (domain "interview"): the questions of the interview record, worded for
the worker, in the officer's language beside the worker's.

With an interpreter, the interpreter reads the worker's column; without one, the officer
points to it. Each question names the part of the record its answer goes to (in the officer's
language, from the staff catalogs).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from app.config import Policy
from app.i18n import N_, text_direction, use_locale
from app.i18n import _ as staff_gettext
from app.interviews.display import CHECK_LABELS, ILO, KINDS
from app.leaflets.catalog import Text, url_code
from app.notices import formats
from app.notices.catalogs import INTERVIEW, isolated
from app.notices.facts import Appointment
from app.notices.texts.slip import when_line, zone_line


@dataclass(frozen=True)
class Topic:
    """A heading and its questions; each question with the record field it informs."""

    heading: str
    questions: tuple[tuple[str, str | None], ...]


OPENING = (
    N_("Hello. Thank you for coming."),
    N_("We talk about your work and your rights."),
    N_("We do not tell your employer what you tell us, unless you agree."),
    N_("You can stop or ask a question at any time."),
)
TOPICS = (
    Topic(
        N_("Who is here"),
        (
            (N_("Who came with you today?"), "present"),
            (
                N_("Is your employer, or someone from the embassy, waiting for you outside?"),
                "present",
            ),
        ),
    ),
    Topic(
        N_("Your passport"),
        (
            (N_("Please show me your passport."), "identity_checked"),
            (
                N_("Who keeps your passport at home? Can you take it when you want?"),
                "holds_own_passport",
            ),
            (
                N_("Has anyone taken your passport or your identity card from you?"),
                "retention_of_identity_documents",
            ),
        ),
    ),
    Topic(
        N_("Your contract"),
        (
            (
                N_("Do you have a copy of your contract? Please show it to me."),
                "has_contract_copy_understood",
            ),
            (
                N_("Is your contract in a language you understand? Did someone explain it to you?"),
                "has_contract_copy_understood",
            ),
            (N_("Is your work what you were promised before you came?"), "deception"),
            (N_("Did you sign another contract after you arrived?"), "deception"),
        ),
    ),
    Topic(
        N_("Your pay"),
        (
            (N_("How much are you paid each month?"), "paid_as_agreed"),
            (
                N_(
                    "Is your pay paid into a bank account in your own name? "
                    "Who keeps the bank card?"
                ),
                "paid_as_agreed",
            ),
            (
                N_("Were you paid every month, on time, as your contract says?"),
                "paid_as_agreed",
            ),
            (N_("Please show me your bank statements and your payslips."), "paid_as_agreed"),
            (N_("Does anyone keep part of your pay?"), "withholding_of_wages"),
        ),
    ),
    Topic(
        N_("Your working time and your rest"),
        (
            (
                N_("When do you start work in the morning, and when do you stop in the evening?"),
                "works_agreed_hours",
            ),
            (
                N_("Do you also work at night or when there are guests? Are you paid for it?"),
                "excessive_overtime",
            ),
            (N_("Which day of the week do you have free?"), "gets_weekly_rest"),
            (N_("Did you have paid holidays this year?"), "gets_leave"),
        ),
    ),
    Topic(
        N_("Where you live"),
        (
            (N_("Do you have your own room? Can you lock its door?"), "has_private_room"),
            (
                N_("Do you get enough food and enough sleep?"),
                "abusive_working_and_living_conditions",
            ),
        ),
    ),
    Topic(
        N_("Your freedom"),
        (
            (
                N_("Do you have your own phone? Can you call your family when you want?"),
                "has_own_phone",
            ),
            (N_("Can you go out in your free time? Can you meet friends?"), "free_to_go_out"),
            (
                N_("Has anyone locked you in, or told you that you may not leave the house?"),
                "restriction_of_movement",
            ),
            (N_("Does anyone keep you away from other people?"), "isolation"),
        ),
    ),
    Topic(
        N_("Money you owe"),
        (
            (N_("Did you pay money to anyone to get this job?"), "owes_recruitment_debt"),
            (
                N_("Do you owe money to anyone? Do you have to work to pay it back?"),
                "debt_bondage",
            ),
        ),
    ),
    Topic(
        N_("How you are treated"),
        (
            (
                N_(
                    "Has anyone shouted at you, threatened you, or said that the police "
                    "will arrest you?"
                ),
                "intimidation_and_threats",
            ),
            (
                N_("Has anyone hit you, hurt you, or touched you against your will?"),
                "physical_and_sexual_violence",
            ),
            (
                N_(
                    "Does anyone take advantage of you because you are far from home, "
                    "have no money, or do not speak the language?"
                ),
                "abuse_of_vulnerability",
            ),
        ),
    ),
    Topic(
        N_("In your own words"),
        (
            (N_("Is there anything else you want to tell us? You can speak freely."), "words"),
            (N_("Do you have any questions for us?"), "words"),
        ),
    ),
    Topic(
        N_("Your rights and where to get help"),
        (
            (
                N_(
                    "This leaflet tells you your rights and where to get help, day and night. "
                    "It is in your language. Keep it in a safe place."
                ),
                "leaflet",
            ),
            (N_("Thank you for talking with us."), None),
        ),
    ),
)
# The part of the record each answer goes to, in the staff catalogs' words (the last three
# are the record form's own headings, already in the staff catalogs: not marked here).
RECORD_PARTS: dict[str, str] = {
    **CHECK_LABELS,
    **ILO,
    "present": "Who else was present",
    "words": "The worker's own words",
    "leaflet": "The leaflet given",
}


@dataclass(frozen=True)
class GuideRow:
    kind: str  # "heading", "say" (the officer says it) or "question"
    officer: Markup
    worker: Markup
    record: str = ""  # where the answer goes in the record (officer's language)


@dataclass(frozen=True)
class GuideText:
    officer_lang: str
    officer_dir: str
    worker_lang: str
    worker_dir: str
    title: Markup
    facts: list[Markup]
    instructions: list[Markup]
    officer_column: str
    worker_column: str
    record_column: Markup
    rows: list[GuideRow]

    def plain_text(self) -> str:
        parts = [self.title, *self.facts, *self.instructions]
        for row in self.rows:
            parts += [row.officer, row.worker]
        return "\n".join(p.striptags() for p in parts)


def _record_part(key: str | None, officer_locale: str) -> str:
    if key is None or key not in RECORD_PARTS:
        return ""
    with use_locale(officer_locale):
        return staff_gettext(RECORD_PARTS[key])


def _column_name(locale: str, officer_locale: str) -> str:
    own = formats.native_language_name(locale)
    theirs = formats.language_name(locale, officer_locale)
    return own if own == theirs else f"{theirs} · {own}"


def _length(text: Text, minutes: int) -> Markup:
    ngettext = text.ngettext
    return ngettext(
        "It takes about %(num)s minute.",
        "It takes about %(num)s minutes.",
        minutes,
        num=isolated(str(minutes), ltr=True),
    )


def guide_text(
    appointment: Appointment, policy: Policy, *, officer_locale: str, worker_locale: str
) -> GuideText:
    """The guide for one interview: the officer's language beside the worker's."""
    officer = Text(officer_locale, INTERVIEW)
    worker = Text(worker_locale, INTERVIEW)
    _ = officer._
    minutes = getattr(policy.interviews.durations_minutes, appointment.kind)
    with use_locale(officer_locale):
        kind = staff_gettext(KINDS[appointment.kind])
    rows: list[GuideRow] = [GuideRow("say", officer._(m), worker._(m)) for m in OPENING]
    rows.append(GuideRow("say", _length(officer, minutes), _length(worker, minutes)))
    for topic in TOPICS:
        rows.append(GuideRow("heading", officer._(topic.heading), worker._(topic.heading)))
        for question, part in topic.questions:
            rows.append(
                GuideRow(
                    "question",
                    officer._(question),
                    worker._(question),
                    _record_part(part, officer_locale),
                )
            )
    return GuideText(
        officer_lang=url_code(officer_locale),
        officer_dir=text_direction(officer_locale),
        worker_lang=url_code(worker_locale),
        worker_dir=text_direction(worker_locale),
        # Translators: the title of the officer's guide to the interview.
        title=_("Interview guide"),
        facts=[
            # Translators: %(kind)s is a kind of interview, e.g. "Annual renewal".
            _(
                "%(kind)s: %(name)s, file no. %(number)s",
                kind=escape(kind),
                name=isolated(appointment.worker_name),
                number=isolated(str(appointment.worker_id), ltr=True),
            ),
            when_line(appointment, officer),
            zone_line(appointment, officer),
        ],
        instructions=[
            _("For the officer: make sure that nobody from the employer's side is in the room."),
            _(
                "With an interpreter: the interpreter reads the worker's column aloud and "
                "translates the answers. Without one: show the worker their column and point "
                "to each question, or read it aloud."
            ),
            _("Let the worker answer in their own words. Write the answers in the record."),
        ],
        officer_column=_column_name(officer_locale, officer_locale),
        worker_column=_column_name(worker_locale, officer_locale),
        # Translators: a column heading: the part of the interview record an answer goes to.
        record_column=_("In the record"),
        rows=rows,
    )
