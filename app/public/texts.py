"""The words around the rights text: the page's buttons and links, the leaflet's margins."""

from __future__ import annotations

from markupsafe import Markup

from app.leaflets.catalog import Text


def page_texts(text: Text) -> dict[str, Markup]:
    """Labels of the information page and the language chooser, in one language."""
    _ = text._
    return {
        # Translators: a button at the top of the page. A worker presses it when someone
        # comes into the room; it opens a neutral website.
        "leave": _("Leave this page quickly"),
        "leave_help": _("If someone comes, press this button. It opens a weather page."),
        "leave_tip": _(
            "The back button of your browser can bring this page back. A private window is safer."
        ),
        "skip": _("Skip to the content"),
        # Translators: shown on pages whose translation is a draft.
        "draft": _(
            "This translation has not yet been checked by a qualified translator. "
            "If something is not clear, ask for an interpreter."
        ),
        # Translators: shown when some sentences of a translation are missing.
        "partial": _("Some sentences are still in English. Their translation is not ready yet."),
        # Translators: a heading above the links to the PDF leaflets.
        "leaflets": _("The leaflet to download and print"),
        # Translators: the heading of the list of all languages.
        "languages": _("Other languages"),
        # Translators: the title of the page that lists every language.
        "choose": _("Choose your language"),
        "chooser_intro": _("Information for domestic workers in the homes of diplomats."),
    }


def leaflet_link(text: Text, *, language: str, other: str | None, small: bool) -> Markup:
    """The label of a link to a leaflet; language names are in the reader's language."""
    if other:
        # Translators: a link to a PDF with the text in two languages side by side.
        return text._("Leaflet in %(language)s and %(other)s (PDF)", language=language, other=other)
    if small:
        # Translators: a link to a PDF in the smaller A5 paper size.
        return text._("Small leaflet in %(language)s, A5 (PDF)", language=language)
    # Translators: a link to a PDF in the usual A4 paper size.
    return text._("Leaflet in %(language)s, A4 (PDF)", language=language)


def published_by(text: Text, office: Markup) -> Markup:
    # Translators: %(office)s is the name of the ministry's office.
    return text._("Published by %(office)s.", office=office)


def leaflet_texts(text: Text) -> dict[str, Markup]:
    """The leaflet's own words, beside the rights text."""
    _ = text._
    return {
        # Translators: beside a QR code printed on the leaflet.
        "scan": _("Scan this code to read this information on your phone."),
        "keep": _("Keep this leaflet in a safe place."),
        # Translators: the description of the QR code image, for people who cannot see it.
        "qr_alt": _("QR code with the address of this information on the internet"),
    }


def leaflet_version(text: Text, version: str) -> Markup:
    # Translators: %(version)s identifies the edition of the leaflet, e.g. "2025.1-3f2a".
    return text._("Version %(version)s", version=version)
