"""What app/pdf/speedups.py changes inside WeasyPrint makes the same PDFs, only sooner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from weasyprint import HTML
from weasyprint.layout import inline

from app.config import get_policy
from app.leaflets import service
from app.leaflets.service import LeafletKey
from app.pdf import render as pdf
from app.pdf import speedups

WORDS = "يحق لك الاحتفاظ بجواز سفرك وهاتفك، والخروج بحرية، وغرفة خاصة بك. "
# Right to left beside a float (on the first page) and without one (on the next), justified
# (each line's spacing is part of the question asked), indented, with bold and a phone number
# inside: what the speedups must not change.
DOCUMENT = f"""<html lang="ar" dir="rtl"><head><style>
body {{ font-family: "Noto Naskh Arabic", "Noto Sans", sans-serif; font-size: 12pt }}
.side {{ float: inline-end; width: 40mm; height: 30mm; border: 1pt solid }}
p {{ text-align: justify }} .point {{ padding-inline-start: 1em; text-indent: -0.8em }}
</style></head><body><div class="side"></div>
<p>{WORDS * 6}<b>{WORDS}</b> <bdi dir="ltr">+41 31 555 12 12</bdi> {WORDS * 3}</p>
<p class="point">• {WORDS * 4}</p><p style="text-align: start">{WORDS * 5}</p>
{f"<p>{WORDS * 8}</p>" * 12}
</body></html>"""


@pytest.fixture
def counted() -> Iterator[dict[str, int]]:
    """Calls to WeasyPrint's own split_first_line, under the speedups or without them."""
    speedups.uninstall()
    original = inline.split_first_line
    calls = {"count": 0}

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls["count"] += 1
        return original(*args, **kwargs)

    inline.split_first_line = counting
    try:
        yield calls
    finally:
        speedups.uninstall()
        inline.split_first_line = original
        speedups.install()


def _pdf(make: Callable[[], bytes], calls: dict[str, int]) -> tuple[bytes, int]:
    calls["count"] = 0
    return make(), calls["count"]


def test_right_to_left_lines_are_split_once_and_come_out_the_same(counted):
    def make() -> bytes:
        return bytes(HTML(string=DOCUMENT).write_pdf())

    plain, plain_calls = _pdf(make, counted)
    speedups.install()
    faster, faster_calls = _pdf(make, counted)
    assert faster == plain
    # Without them, every right-to-left line away from the float is split twice.
    assert faster_calls < 0.7 * plain_calls


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
    assert hasattr(inline.split_first_line, "__wrapped__")
    speedups.uninstall()
    try:
        plain = pdf.render_parts_here(parts, variant, service.STYLESHEETS)
    finally:
        speedups.install()
    assert not faster.warnings and not plain.warnings
    assert faster.pdf == plain.pdf


def test_installing_twice_changes_nothing():
    speedups.install()
    wrapped = inline.get_next_linebox
    speedups.install()
    assert inline.get_next_linebox is wrapped
