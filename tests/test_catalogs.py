"""The staff catalogs: complete, placeholders intact, and honest about their review."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from app.i18n import LOCALES_DIR, STAFF_LOCALES, review_status

PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)[sd]")


def _catalog(locale: str, name: str = "messages.po"):  # type: ignore[no-untyped-def]
    path = LOCALES_DIR / locale / "LC_MESSAGES" / name
    with path.open("rb") as f:
        return read_po(f, locale=locale)


@pytest.mark.parametrize("locale", [lc for lc in STAFF_LOCALES if lc != "en"])
def test_every_staff_message_is_translated_with_its_placeholders(locale):
    with (LOCALES_DIR / "messages.pot").open("rb") as f:
        template = read_po(f)
    catalog = _catalog(locale)
    for message in template:
        if not message.id:
            continue
        translated = catalog.get(message.id)
        assert translated is not None and not translated.fuzzy, f"{locale}: {message.id!r}"
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = (
            translated.string if isinstance(translated.string, tuple) else (translated.string,)
        )
        for target in targets:
            assert target, f"{locale}: {message.id!r} is empty"
            assert set(PLACEHOLDER.findall(target)) == set(PLACEHOLDER.findall(sources[-1])), (
                f"{locale}: placeholders differ in {message.id!r}"
            )


@pytest.mark.parametrize("locale", [lc for lc in STAFF_LOCALES if lc != "en"])
def test_every_catalog_says_whether_a_qualified_translator_reviewed_it(locale):
    text = (LOCALES_DIR / locale / "LC_MESSAGES" / "messages.po").read_text()
    assert re.search(r'^"X-Review-Status: (draft|reviewed)\\n"$', text, re.MULTILINE)
    # Ours were written by the developers: they must not claim a review they did not have.
    assert review_status(locale) == "draft"


def test_the_template_holds_every_message_of_the_code():
    """A string added to the code without re-extracting would silently stay in English."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (LOCALES_DIR / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    keywords = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
    # Compared by the singular: an extractor may give a plural as its singular alone.
    in_code = {
        message if isinstance(message, str) else message[0]
        for _f, _l, message, _c, _x in extract_from_dir(
            str(LOCALES_DIR.parent), method_map, options_map, keywords=keywords
        )
    }
    with (LOCALES_DIR / "messages.pot").open("rb") as f:
        in_template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    missing = sorted(map(str, in_code - in_template))
    assert not missing, f"run pybabel extract (see README), then translate: {missing[:5]}"
