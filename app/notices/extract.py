"""Extract the notices' messages into locales/notes.pot and locales/interview.pot, and bring
every catalog of those domains up to date (a missing one is created, untranslated).

    .venv/bin/python -m app.notices.extract

Babel drops the PO headers it does not know, so the review status line is written back.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from app.config import PROJECT_ROOT
from app.leaflets.catalog import po_path, template_path
from app.notices.catalogs import INTERVIEW, INTERVIEW_LOCALES, NOTE_LOCALES, NOTES

TEXTS = PROJECT_ROOT / "app" / "notices" / "texts"
SOURCES = {
    NOTES: (TEXTS / "notes.py",),
    INTERVIEW: (TEXTS / "slip.py", TEXTS / "guide.py"),
}
LOCALES = {NOTES: NOTE_LOCALES, INTERVIEW: INTERVIEW_LOCALES}
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "plain": None}
_STATUS = re.compile(r'^"X-Review-Status:\s*([a-z]+)\\n"$', re.MULTILINE)
_HEADER_END = '"Content-Transfer-Encoding: 8bit\\n"\n'
DRAFT_NOTE = "DRAFT translation, not yet reviewed by a qualified translator."


def template(domain: str) -> Catalog:
    catalog = Catalog(
        project="Hestia",
        version="1",
        msgid_bugs_address="protocol@hestia.example",
        copyright_holder="Hestia",
        charset="utf-8",
        fuzzy=True,
    )
    for path in SOURCES[domain]:
        found = extract_from_file(
            "python",
            str(path),
            keywords=KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=False,
        )
        for lineno, message, comments, context in found:
            catalog.add(
                message,
                None,
                [(str(path.relative_to(PROJECT_ROOT)), lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def _write(path: Path, catalog: Catalog, *, status: str | None) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, ignore_obsolete=True)
    text = buffer.getvalue().decode("utf-8")
    if status is not None:
        text = text.replace(_HEADER_END, f'{_HEADER_END}"X-Review-Status: {status}\\n"\n', 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def update(domain: str) -> None:
    """Write the domain's template, then update (or create) each language's catalog."""
    pot = template(domain)
    _write(template_path(domain), pot, status=None)
    for locale in LOCALES[domain]:
        path = po_path(locale, domain)
        status = "draft"
        if path.exists():
            text = path.read_text(encoding="utf-8")
            match = _STATUS.search(text)
            status = match.group(1) if match else "draft"
            with path.open("rb") as f:
                catalog = read_po(f, locale=locale, domain=domain)
            catalog.update(pot, update_header_comment=False)
        else:
            catalog = Catalog(
                locale=locale,
                domain=domain,
                project="Hestia",
                version="1",
                msgid_bugs_address="protocol@hestia.example",
                copyright_holder="Hestia",
                header_comment=f"# {DRAFT_NOTE}\n# {domain}: {locale}",
                charset="utf-8",
                fuzzy=False,
            )
            catalog.language_team = "Hestia drafts"
            catalog.update(pot, update_header_comment=False)
        _write(path, catalog, status=status)


def main() -> None:
    for domain in (NOTES, INTERVIEW):
        if all(path.exists() for path in SOURCES[domain]):
            update(domain)


if __name__ == "__main__":
    main()
