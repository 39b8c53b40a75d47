"""The worker's slip and the officer's guide: every script renders, in the right language, with
the time in the location's zone; phone numbers stay whole in right-to-left text."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from pypdf import PdfReader

from app.config import get_policy
from app.leaflets.catalog import url_code
from app.notices import formats
from app.notices.facts import Appointment
from app.notices.service import GUIDE_TEMPLATE, NOTE_TEMPLATE, SLIP_TEMPLATE, STYLESHEETS
from app.notices.texts import notes
from app.notices.texts.guide import guide_text
from app.notices.texts.slip import slip_text
from app.pdf import render as pdf
from app.pdf.scripts import ZWSP
from tests.notices.conftest import pdf_language, pdf_text

SUMMER = dt.datetime(2027, 7, 7, 8, 0, tzinfo=dt.UTC)  # 10:00 in Geneva, summer time
# Scripts whose text comes back exactly from the PDF; Khmer loses some reordered vowel signs
# (docs/leaflets.md, pitfall 7) and is compared by character recall.
EXACT = ("am", "ar", "zh_Hans", "en", "fr")


def appointment(**changes: object) -> Appointment:
    values: dict[str, object] = {
        "interview_id": 31,
        "interview_version": 1,
        "status": "scheduled",
        "kind": "renewal",
        "starts_at": SUMMER,
        "ends_at": SUMMER + dt.timedelta(minutes=45),
        "zone": "Europe/Zurich",
        "location_name": "Protocol office Geneva",
        "location_address": "Rue de l'Exemple 4, 1202 Genève",
        "location_country": "CH",
        "room_name": "Salle 3",
        "interpreter_language": "am",
        "worker_id": 4711,
        "worker_name": "ተስፋዬ, ሰላም",
        "worker_languages": ("am", "en"),
        "mission_id": 5,
        "mission_name": "Embassy of Testland",
        "mission_address": "Testweg 9, 3006 Bern",
        "mission_email": "protocol@testland.example",
        **changes,
    }
    return Appointment(**values)  # type: ignore[arg-type]


def _squeeze(text: str) -> str:
    """The characters only: no spaces, no zero-width spaces, no bidi marks pdftotext adds."""
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+", "", text.replace(ZWSP, ""))


def _recall(expected: str, found: str) -> float:
    want, have = Counter(_squeeze(expected)), Counter(_squeeze(found))
    return sum(min(n, have[ch]) for ch, n in want.items()) / max(1, sum(want.values()))


@pytest.mark.parametrize("locale", ["am", "ar", "zh_Hans", "km", "fa", "my", "ti"])
def test_the_slip_renders_every_glyph_with_its_language_and_the_text_comes_back(locale):
    text = slip_text(appointment(), get_policy(), locale)
    rendered = pdf.render_here(SLIP_TEMPLATE, {"slip": text}, locale, "a5", STYLESHEETS)
    assert rendered.glyph_problems == ()
    assert pdf_language(rendered.pdf) == url_code(locale)
    extracted = pdf_text(rendered.pdf)
    day = formats.day(SUMMER.date(), locale)
    if locale in EXACT:
        # Word by word: pdftotext may move neutral punctuation around in right-to-left text.
        for expected in (day, text.title.striptags()):
            for word in expected.split():
                assert _squeeze(word.strip("،,.:")) in _squeeze(extracted), word
    else:
        assert _recall(text.plain_text(), extracted) > 0.85
    assert "10:00" in extracted
    assert _recall(formats.zone_name(text_local(), locale), extracted) > 0.85


def text_local() -> dt.datetime:
    return appointment().local_start


def test_the_amharic_and_arabic_slips_are_translated_and_say_come_alone():
    policy = get_policy()
    amharic = pdf_text(
        pdf.render_here(
            SLIP_TEMPLATE, {"slip": slip_text(appointment(), policy, "am")}, "am", "a5", STYLESHEETS
        ).pdf
    )
    assert "ለቃለ መጠይቅዎ የቀረበ ጥሪ" in amharic
    assert "ብቻዎን ይምጡ" in amharic
    arabic = slip_text(appointment(), policy, "ar")
    assert arabic.dir == "rtl"
    assert "تعال وحدك" in arabic.plain_text()


def test_phone_numbers_are_isolated_from_right_to_left_text():
    text = slip_text(appointment(), get_policy(), "ar")
    phones = [c.phone for c in [*text.office_contacts, *text.urgent]]
    assert phones and all(str(p).startswith('<bdi dir="ltr">') for p in phones)
    assert '<bdi dir="ltr">+41 31 555 20 20</bdi>' in [str(p) for p in phones]
    extracted = pdf_text(
        pdf.render_here(SLIP_TEMPLATE, {"slip": text}, "ar", "a5", STYLESHEETS).pdf
    )
    assert "+41 31 555 20 20" in extracted


def test_the_slip_says_when_where_come_alone_what_to_bring_and_whom_to_call_in_english():
    text = slip_text(appointment(worker_languages=("xx",)), get_policy(), "en").plain_text()
    for words in (
        "Invitation to your interview",
        "Wednesday, July 7, 2027 at 10:00",
        "This is the local time in Switzerland: Central European Summer Time.",
        "Rue de l'Exemple 4, 1202 Genève",
        "Come alone. Your employer does not come with you.",
        "An interpreter for Amharic will be there.",
        "Your passport",
        "Your work contract",
        "Your bank statements",
        "If you cannot come, or if someone stops you from coming, call us:",
        "+41 31 555 20 20",
        "117",
    ):
        assert words in text, words


def test_a_winter_slip_says_winter_time_at_the_same_wall_time():
    winter = dt.datetime(2028, 1, 12, 9, 0, tzinfo=dt.UTC)  # 10:00 in Geneva, winter time
    text = slip_text(appointment(starts_at=winter), get_policy(), "en").plain_text()
    assert "at 10:00" in text and "Central European Standard Time" in text


def test_the_guide_has_the_officer_s_language_beside_the_worker_s():
    text = guide_text(appointment(), get_policy(), officer_locale="de", worker_locale="am")
    rendered = pdf.render_here(GUIDE_TEMPLATE, {"guide": text}, "de", "a4", STYLESHEETS)
    assert rendered.glyph_problems == ()
    assert pdf_language(rendered.pdf) == "de"
    extracted = " ".join(pdf_text(rendered.pdf).split())
    assert "Gesprächsleitfaden" in extracted
    assert "Bitte zeigen Sie mir Ihren Pass." in extracted
    assert "እባክዎ ፓስፖርትዎን ያሳዩኝ።" in extracted
    # Where each answer goes, in the officer's words from the staff catalogs.
    questions = [row for row in text.rows if row.kind == "question"]
    assert len(questions) >= 25 and all(row.officer and row.worker for row in questions)
    assert sum(1 for row in questions if row.record) >= 20
    # Every check of the record and every ILO indicator is asked about.
    from app.interviews.display import CHECK_LABELS, ILO
    from app.notices.texts.guide import TOPICS

    asked = {part for topic in TOPICS for _q, part in topic.questions}
    assert set(CHECK_LABELS) | set(ILO) <= asked
    assert {"present", "words", "leaflet"} <= asked


def test_the_guide_marks_the_worker_s_column_with_its_language_and_direction():
    text = guide_text(appointment(), get_policy(), officer_locale="fr", worker_locale="ar")
    assert (text.officer_lang, text.officer_dir, text.worker_lang, text.worker_dir) == (
        "fr",
        "ltr",
        "ar",
        "rtl",
    )
    html = pdf_template_html(text)
    assert 'class="worker" lang="ar" dir="rtl"' in html


def pdf_template_html(text: object) -> str:
    from app.web.templating import environment

    return environment().get_template(GUIDE_TEMPLATE).render(guide=text, variant="a4")


@pytest.mark.parametrize("locale", ["de", "fr", "it", "en"])
def test_every_note_renders_in_each_note_language(locale):
    policy = get_policy()
    card = notes.Card("CH-00000042", dt.date(2027, 7, 31), 4711, "ተስፋዬ, ሰላም", "Embassy", None)
    other = notes.Card(
        "CH-00000043", dt.date(2027, 7, 30), 4712, "Dela Cruz, Maria", "Embassy", None
    )
    texts = [
        notes.interview_note(kind, appointment(), policy, locale=locale, today=dt.date(2027, 6, 1))
        for kind in notes.INTERVIEW_NOTES
    ] + [
        notes.card_note(kind, cards, policy, locale=locale, today=dt.date(2027, 6, 1))
        for kind in notes.CARD_NOTES
        for cards in ([card], [card, other])
    ]
    for text in texts:
        rendered = pdf.render_here(NOTE_TEMPLATE, {"note": text}, locale, "a4", STYLESHEETS)
        assert rendered.glyph_problems == ()
        assert pdf_language(rendered.pdf) == locale
        assert len(PdfReader(__import__("io").BytesIO(rendered.pdf)).pages) == 1
        assert "4711" in pdf_text(rendered.pdf)
