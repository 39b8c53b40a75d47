"""The notices' catalogs: one per language, honest about review, placeholders kept, and the
templates hold every message of the code."""

from __future__ import annotations

import re

import pytest

from app.i18n import review_status
from app.leaflets.catalog import Text, po_path, read_catalog, refusal, template_ids
from app.notices import extract
from app.notices.catalogs import INTERVIEW, INTERVIEW_LOCALES, NOTE_LOCALES, NOTES, status_of

CATALOGS = [(NOTES, lc) for lc in NOTE_LOCALES] + [(INTERVIEW, lc) for lc in INTERVIEW_LOCALES]
# The drafts written with the code; the other languages fall back to English until translated.
DRAFTED = {NOTES: ("fr", "de", "it"), INTERVIEW: ("fr", "de", "it", "es", "pt", "ar", "am")}


@pytest.mark.parametrize(("domain", "locale"), CATALOGS)
def test_every_catalog_exists_and_says_it_is_a_draft(domain, locale):
    path = po_path(locale, domain)
    assert path.exists(), path
    if locale != "en":
        text = path.read_text(encoding="utf-8")
        assert re.search(r'^"X-Review-Status: (draft|reviewed)\\n"$', text, re.MULTILINE)
        assert review_status(locale, domain) == "draft"


@pytest.mark.parametrize(("domain", "locale"), CATALOGS)
def test_no_translation_loses_a_placeholder(domain, locale):
    catalog = read_catalog(locale, domain)
    assert catalog is not None
    broken = [
        m.id
        for m in catalog
        if m.id and m.string and refusal(locale, m) in ("placeholders", "zawgyi")
    ]
    assert not broken, broken[:3]


@pytest.mark.parametrize("domain", [NOTES, INTERVIEW])
def test_the_drafts_are_complete_and_the_rest_falls_back_to_english_counted(domain):
    total = len(template_ids(domain))
    assert total > 40
    for locale in DRAFTED[domain]:
        status = status_of(locale, domain)
        assert status.complete, (locale, status.refused)
        assert status.review_status == "draft"
    for locale in NOTE_LOCALES if domain == NOTES else INTERVIEW_LOCALES:
        status = status_of(locale, domain)
        assert status.translated + sum(status.refused.values()) == status.total == total


def test_an_untranslated_message_is_shown_in_english():
    assert Text("xx", INTERVIEW)._("Come alone") == "Come alone"
    assert Text("de", INTERVIEW)._("Come alone") == "Kommen Sie allein"


@pytest.mark.parametrize("domain", [NOTES, INTERVIEW])
def test_the_template_holds_every_message_of_the_code(domain):
    """Nobody can add a sentence to a note or the slip without giving it to the translators."""
    in_code = {m.id if isinstance(m.id, str) else m.id[0] for m in extract.template(domain) if m.id}
    assert in_code and in_code <= set(template_ids(domain)), sorted(
        in_code - set(template_ids(domain))
    )[:3]
