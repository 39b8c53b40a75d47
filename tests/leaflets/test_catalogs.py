"""The worker-facing catalogs: one per language, honest about review, Zawgyi kept out."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from babel import Locale
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from app.config import PROJECT_ROOT
from app.leaflets.catalog import (
    HOST_LOCALES,
    PUBLIC_LOCALES,
    TEMPLATE_PATH,
    Text,
    is_zawgyi,
    po_path,
    read_catalog,
    refusal,
    review_status,
)
from app.leaflets.catalog import status_of as catalog_status_of
from app.leaflets.service import catalog_status

# "Thank you": the same Burmese words in Unicode and in the legacy Zawgyi encoding.
UNICODE_BURMESE = "ကျေးဇူးတင်ပါတယ်"
ZAWGYI_BURMESE = "ေက်းဇူးတင္ပါတယ္"


def test_every_language_is_one_babel_knows_with_its_direction():
    assert len(PUBLIC_LOCALES) == 30
    assert "tl" not in PUBLIC_LOCALES and "fil" in PUBLIC_LOCALES
    for locale in PUBLIC_LOCALES:
        parsed = Locale.parse(locale)
        assert parsed.display_name
    assert {lc for lc in PUBLIC_LOCALES if Locale.parse(lc).text_direction == "rtl"} == {
        "ar",
        "fa",
        "ur",
    }


@pytest.mark.parametrize("locale", [lc for lc in (*PUBLIC_LOCALES, *HOST_LOCALES) if lc != "en"])
def test_every_catalog_exists_and_says_whether_a_qualified_translator_reviewed_it(locale):
    path = po_path(locale)
    assert path.exists(), f"{path} is missing"
    text = path.read_text(encoding="utf-8")
    assert re.search(r'^"X-Review-Status: (draft|reviewed)\\n"$', text, re.MULTILINE), locale
    # Ours were written without a qualified translator: none may claim a review.
    assert review_status(locale) == "draft"


@pytest.mark.parametrize("locale", [lc for lc in (*PUBLIC_LOCALES, *HOST_LOCALES) if lc != "en"])
def test_no_translation_breaks_its_placeholders_or_is_zawgyi(locale):
    catalog = read_catalog(locale)
    assert catalog is not None
    broken = [
        message.id
        for message in catalog
        if message.id and message.string and refusal(locale, message) in ("placeholders", "zawgyi")
    ]
    assert not broken, f"{locale}: {broken[:3]}"


def test_zawgyi_is_told_apart_from_unicode_burmese():
    assert is_zawgyi(ZAWGYI_BURMESE)
    assert not is_zawgyi(UNICODE_BURMESE)
    assert not is_zawgyi("Phone: +41 31 555 12 12")


def test_a_zawgyi_translation_is_refused_and_english_shown_instead():
    message = Message("Police", ZAWGYI_BURMESE)
    assert refusal("my", message) == "zawgyi"
    assert refusal("my", Message("Police", UNICODE_BURMESE)) is None


def test_a_translation_with_a_lost_placeholder_falls_back_to_english():
    assert refusal("fr", Message("Version %(version)s", "Version")) == "placeholders"
    # And when a caller's value does not fit the translated string, English is shown whole.
    assert Text._format("%(nope)s", "Version %(version)s", {"version": "1"}) == "Version 1"


def test_status_counts_every_language_and_english_is_complete():
    statuses = {s.locale: s for s in catalog_status()}
    assert list(statuses) == list(PUBLIC_LOCALES)
    english = statuses["en"]
    assert english.complete and english.review_status == "reviewed" and english.total > 80
    for status in statuses.values():
        assert 0 <= status.translated <= status.total == english.total
        assert status.direction in ("ltr", "rtl")
        assert status.translated + sum(status.refused.values()) == status.total
    assert statuses["am"].native_name == "አማርኛ"
    assert statuses["ar"].direction == "rtl"


def test_the_template_holds_every_message_of_the_code(tmp_path):
    """Nobody can add a worker-facing string without giving it to the translators."""
    fresh = tmp_path / "public.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "app/leaflets/babel-public.cfg",
            "-c",
            "Translators:",
            "-o",
            str(fresh),
            "app/public",
            "app/leaflets",
            "templates/public",
            "templates/pdf",
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    with fresh.open("rb") as f:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    with TEMPLATE_PATH.open("rb") as f:
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert wanted <= have, f"run the extraction again: {sorted(wanted - have)[:3]}"


def test_a_plural_form_may_leave_out_its_number_but_a_sentence_may_not_lose_a_fact():
    plural = ("You work at most %(num)s hour a week.", "You work at most %(num)s hours a week.")
    one_without_number = Message(plural, ("Ты работаешь не больше часа в неделю.", "%(num)s"))
    assert refusal("ru", one_without_number) is None
    assert Text("en")._format("не больше часа", "", {"num": "1"}) == "не больше часа"
    lost_amount = Message("Your pay is at least %(amount)s a month.", "Votre salaire minimum.")
    assert refusal("fr", lost_amount) == "placeholders"


@pytest.mark.parametrize("locale", HOST_LOCALES)
def test_the_host_languages_printed_beside_the_others_are_complete(locale):
    status = catalog_status_of(locale)
    assert status.complete, status.refused
    assert status.review_status == "draft"
