"""A PDF written smaller from its A4 drawing (app/pdf/sizes.py) is the PDF WeasyPrint draws at
that size itself: every character, line, picture, link and bookmark in the same place."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import pdfplumber
import pydyf
import pytest
from pypdf import PdfReader
from weasyprint import HTML

from app.config import get_policy
from app.leaflets import service
from app.pdf import render
from app.pdf.render import PDF_VARIANT, SCALED
from app.pdf.sizes import POINTS_PER_MM, CannotRescale, Sizes, write_pdfs

A5 = SCALED["a5-from-a4"]
QR = (
    "data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 viewBox=%270 0 4 4%27%3E"
    "%3Cpath d=%27M0 0h2v2H0zM2 2h2v2H2z%27/%3E%3C/svg%3E"
)
PARAGRAPH = (
    "<p>يحق لك الاحتفاظ بجواز سفرك وهاتفك. اتصل على <bdi dir='ltr'>+41 31 555 12 12</bdi>"
    " في أي وقت، ليلًا ونهارًا. <b>لا يمكن معاقبتك لأنك طلبت المساعدة.</b></p>"
)
# Right to left, a float with a picture, borders, bold, links inside the PDF and out of it,
# bookmarks (h1, h2) and page numbers, over several pages.
DOCUMENT = f"""<!doctype html><html lang="ar" dir="rtl"><head><style>
@page {{ size: A4; margin: 15mm; @bottom-center {{ content: counter(page) " / " counter(pages) }} }}
body {{ font-family: "Noto Naskh Arabic", "Noto Sans", sans-serif; font-size: 12pt }}
.qr {{ float: inline-end; width: 30mm; margin-inline-start: 4mm }} .qr img {{ width: 28mm }}
h2 {{ border-bottom: 1.5pt solid #000 }} .box {{ border: 2pt solid #000; padding: 2mm 3mm }}
</style></head><body>
<div class="qr"><img alt="رمز" src="{QR}"></div>
<h1 id="top">حقوقك</h1>
{PARAGRAPH * 6}
<h2 id="help">أين تجد المساعدة</h2>
<p class="box"><a href="#top">إلى البداية</a> · <a href="https://help.example/">help.example</a></p>
{(PARAGRAPH * 8 + "<h2>المزيد</h2>") * 3}
<p><a href="#help">المساعدة</a></p>
</body></html>"""


def _document(html: str = DOCUMENT) -> Any:
    return HTML(string=html).render(pdf_variant=PDF_VARIANT)


def _drawn_by_weasyprint_at_a5(html: str = DOCUMENT) -> bytes:
    """The reference: WeasyPrint drawing the pages again at the smaller size, trimmed to A5."""
    width, height = (mm * POINTS_PER_MM for mm in A5.page_mm)

    def trim(document: Any, pdf: Any) -> None:
        for page in pdf.objects:
            if isinstance(page, dict) and page.get("Type") == "/Page":
                left, top, right, bottom = page["MediaBox"]
                dx, dy = (right - left - width) / 2, (bottom - top - height) / 2
                for name in ("MediaBox", "TrimBox", "BleedBox"):
                    page[name] = pydyf.Array([left + dx, top + dy, right - dx, bottom - dy])

    return bytes(_document(html).write_pdf(zoom=A5.zoom, finisher=trim, pdf_variant=PDF_VARIANT))


def _a4_then_a5(html: str = DOCUMENT) -> tuple[bytes, bytes]:
    sizes = Sizes("1.7")
    a4 = _document(html).write_pdf(pdf_variant=PDF_VARIANT, finisher=sizes)
    return bytes(a4), sizes.write_scaled(A5)


def _a5_alone(html: str = DOCUMENT) -> bytes:
    finisher = Sizes("1.7", first=A5)
    return bytes(_document(html).write_pdf(pdf_variant=PDF_VARIANT, finisher=finisher))


def _placed(pdf: bytes) -> list[dict[str, list[tuple[Any, ...]]]]:
    """Per page: its size, and where each character, line, box and picture is."""
    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            pages.append(
                {
                    "size": [(page.width, page.height)],
                    "chars": [(c["text"], c["x0"], c["top"], c["size"]) for c in page.chars],
                    "lines": [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in page.lines],
                    "rects": [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in page.rects],
                    "images": [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in page.images],
                }
            )
    return pages


def _links_and_bookmarks(pdf: bytes) -> list[tuple[Any, ...]]:
    """The page boxes, where each link is, and where each bookmark and anchor leads."""
    reader = PdfReader(io.BytesIO(pdf))
    found: list[tuple[Any, ...]] = []
    for number, page in enumerate(reader.pages):
        for name in ("mediabox", "trimbox", "bleedbox"):
            found.append((name, number, *map(float, getattr(page, name))))
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            target = annotation.get("/A", {}).get("/URI") or str(annotation.get("/Dest"))
            found.append(("link", number, target, *map(float, annotation["/Rect"])))
    bookmarks = list(reader.outline)
    while bookmarks:
        bookmark = bookmarks.pop(0)
        if isinstance(bookmark, list):  # the headings under the one before
            bookmarks[:0] = bookmark
            continue
        found.append(("bookmark", bookmark.title, float(bookmark.left), float(bookmark.top)))
    for name, anchor in sorted(reader.named_destinations.items()):
        found.append(("anchor", name, float(anchor.left), float(anchor.top)))
    return found


def _same(found: Any, expected: Any, path: str = "") -> None:
    """Equal, numbers within 0.01 pt (the two are computed in a different order)."""
    if isinstance(expected, float | int) and not isinstance(expected, bool):
        assert found == pytest.approx(expected, abs=0.01), path
    elif isinstance(expected, dict):
        assert found.keys() == expected.keys(), path
        for key in expected:
            _same(found[key], expected[key], f"{path}.{key}")
    elif isinstance(expected, list | tuple):
        assert len(found) == len(expected), f"{path}: {len(found)} != {len(expected)}"
        for index, (one, other) in enumerate(zip(found, expected, strict=True)):
            _same(one, other, f"{path}[{index}]")
    else:
        assert found == expected, path


def test_a5_written_from_the_a4_drawing_is_what_weasyprint_draws_at_a5():
    expected = _drawn_by_weasyprint_at_a5()
    a4, a5 = _a4_then_a5()
    placed = _placed(a5)
    assert len(placed) >= 2
    _same(placed, _placed(expected))
    _same(_links_and_bookmarks(a5), _links_and_bookmarks(expected))
    kinds = [found[0] for found in _links_and_bookmarks(a5)]
    assert kinds.count("link") == 3 and kinds.count("bookmark") == 5
    assert kinds.count("anchor") == 2 and kinds.count("trimbox") == len(placed)
    # ISO A5, and the A4 written first is WeasyPrint's own (compressed otherwise).
    assert placed[0]["size"][0] == pytest.approx((148 * POINTS_PER_MM, 210 * POINTS_PER_MM))
    plain_a4 = bytes(_document().write_pdf(pdf_variant=PDF_VARIANT))
    _same(_placed(a4), _placed(plain_a4))
    _same(_links_and_bookmarks(a4), _links_and_bookmarks(plain_a4))


def test_a5_alone_is_the_a5_written_after_the_a4():
    assert _a5_alone() == _a4_then_a5()[1]


def test_the_smaller_pdf_keeps_its_tags_and_language():
    reader = PdfReader(io.BytesIO(_a4_then_a5()[1]))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "ar"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert "حقوقك" in reader.pages[0].extract_text()


def test_a_pdf_with_a_gradient_is_drawn_again_by_weasyprint_rather_than_written_wrong():
    # A gradient is placed in the page's own space: scaled drawings would leave it behind.
    html = (
        '<html><body><p style="background: linear-gradient(#000, #fff); height: 40mm">x</p>'
        '<p style="background: url(data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg'
        '%27 width=%274%27 height=%274%27/%3E) repeat">y</p></body></html>'
    )
    with pytest.raises(CannotRescale):
        _a5_alone(html)
    sizes = Sizes("1.7")
    _document(html).write_pdf(pdf_variant=PDF_VARIANT, finisher=sizes)
    with pytest.raises(CannotRescale):
        sizes.write_scaled(A5)
    a4, a5 = write_pdfs(_document(html), [None, A5], PDF_VARIANT)
    _same(_placed(a5), _placed(_drawn_by_weasyprint_at_a5(html)))
    _same(_links_and_bookmarks(a5), _links_and_bookmarks(_drawn_by_weasyprint_at_a5(html)))
    plain_a4 = bytes(_document(html).write_pdf(pdf_variant=PDF_VARIANT))
    _same(_placed(a4), _placed(plain_a4))
    _same(_links_and_bookmarks(a4), _links_and_bookmarks(plain_a4))


def test_two_sizes_as_laid_out_are_refused():
    with pytest.raises(ValueError, match="at most"):
        write_pdfs(_document(), [None, None], PDF_VARIANT)


def test_many_leaflets_at_once_come_back_in_the_order_and_sizes_asked():
    key = service.LeafletKey("am")
    kept = service.leaflet_parts(key, get_policy())
    unkept = [replace(part, reuse_key=None) for part in kept]  # not known to be the same
    jobs = [kept, unkept, kept, unkept, kept]
    variants = ["a5-from-a4", "a4", "a4", "a5-from-a4", "a5-from-a4"]
    made = render.render_many_here(jobs, stylesheets=service.STYLESHEETS, variants=variants)
    widths = [round(float(PdfReader(io.BytesIO(r.pdf)).pages[0].mediabox.width)) for r in made]
    assert widths == [420, 595, 595, 420, 420]
    assert made[0].pdf == made[3].pdf == made[4].pdf and made[1].pdf == made[2].pdf
