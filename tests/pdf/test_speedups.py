"""What app/pdf/speedups.py changes inside WeasyPrint makes the same PDFs, only sooner."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.config import get_policy
from app.leaflets import service
from app.leaflets.service import LeafletKey
from app.pdf import render as pdf
from app.pdf import speedups


@pytest.mark.parametrize(
    "key",
    # Right to left (laid out twice without the speedups), beside a left-to-right language, a
    # float beside the first lines, and a script that needs no fix (its PDF must not change).
    [LeafletKey("ur"), LeafletKey("ar", "a4", "fr"), LeafletKey("fa", "a5"), LeafletKey("am")],
    ids=lambda key: key.file_name,
)
def test_a_leaflet_is_the_same_to_the_byte_with_and_without_the_speedups(key):
    # No reuse key: each render lays the text out afresh.
    parts = [replace(part, reuse_key=None) for part in service.leaflet_parts(key, get_policy())]
    variant = service.RENDER_VARIANTS[key.size]
    faster = pdf.render_parts_here(parts, variant, service.STYLESHEETS)  # installs them
    speedups.uninstall()
    try:
        plain = pdf.render_parts_here(parts, variant, service.STYLESHEETS)
    finally:
        speedups.install()
    assert not faster.warnings and not plain.warnings
    assert faster.pdf == plain.pdf


def test_installing_twice_changes_nothing():
    from weasyprint.layout import inline

    speedups.install()
    wrapped = inline.get_next_linebox
    speedups.install()
    assert inline.get_next_linebox is wrapped
