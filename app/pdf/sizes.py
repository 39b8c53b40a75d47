"""One drawing, several paper sizes: a PDF written at A4, then again smaller as A5.

The A series keeps its ratio, so the A5 leaflet is the A4 one at 1/√2: the same layout and the
same drawing, only written with a smaller page and a scale at the top of each page. WeasyPrint
could draw the pages again with `zoom`: drawing is half the cost of a leaflet, and a build
draws every leaflet in both sizes. Everything lands where WeasyPrint's own A5 puts it
(tests/pdf/test_sizes.py compares the two). Streams are compressed here, once for both sizes
and at zlib's level 6 rather than pydyf's 9 (`_Written`).

What carries coordinates in a WeasyPrint PDF, and what is done with it here:
- the page boxes (MediaBox, TrimBox, BleedBox): scaled, then trimmed to the size asked for;
- each page's content stream: a scale (`cm`) put before it; everything drawn inside, images and
  their XObjects included, follows;
- link rectangles (`Rect`) and the destinations of bookmarks and anchors (`/XYZ left top`):
  scaled;
- patterns and shadings (gradients, repeated backgrounds) are placed in the page's own space,
  not the drawing's; form fields and attached files carry pictures of their own: a PDF with
  any of them is drawn again by WeasyPrint at the smaller size (`write_pdfs`). The leaflets
  have none.

This relies on how pydyf 0.13 writes a PDF (object numbers, what `write` adds, `_to_bytes`)
and on what WeasyPrint 70 puts in one: recheck on upgrades (the tests compare every size with
WeasyPrint's own).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pydyf

POINTS_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Scaled:
    """A page size made from another's layout, written smaller: no second layout or drawing."""

    laid_out_as: str
    zoom: float
    page_mm: tuple[float, float]  # the page box it is trimmed to


class CannotRescale(Exception):
    """The PDF holds something placed in the page's own space (a pattern, a form field)."""


def write_pdfs(document: Any, sizes: Sequence[Scaled | None], pdf_variant: str) -> list[bytes]:
    """A laid-out WeasyPrint document written in each of `sizes` (None: as laid out; at most one
    of each), drawn once for all of them when nothing in it stops that."""
    if len(sizes) != len(set(sizes)) or len([size for size in sizes if size]) > 1:
        raise ValueError("one size as laid out and one smaller, at most")
    # The full size first: the smaller one is the same drawing, written again.
    ordered = sorted(sizes, key=lambda size: size is not None)
    from weasyprint.pdf import VARIANTS

    rescaled = Sizes(str(VARIANTS[pdf_variant][1]["pdf_version"]), first=ordered[0])
    written: dict[Scaled | None, bytes] = {}
    try:
        first = document.write_pdf(pdf_variant=pdf_variant, finisher=rescaled)
        written[ordered[0]] = bytes(first)
        for size in (smaller for smaller in ordered[1:] if smaller is not None):
            written[size] = rescaled.write_scaled(size)
    except CannotRescale:
        # What was written already (the full size) stays; the rest is drawn again.
        for missing in ordered:
            if missing not in written:
                written[missing] = _drawn_at(document, missing, pdf_variant)
    return [written[size] for size in sizes]


def _drawn_at(document: Any, size: Scaled | None, pdf_variant: str) -> bytes:
    """WeasyPrint drawing the document again at `size` itself, trimmed to its page."""
    if size is None:
        return bytes(document.write_pdf(pdf_variant=pdf_variant))
    width, height = (mm * POINTS_PER_MM for mm in size.page_mm)

    def trim(document: Any, pdf: pydyf.PDF) -> None:
        for page in pdf.objects:
            if _is_page(page):
                page.update(_boxes(page["MediaBox"], width, height))

    return bytes(document.write_pdf(pdf_variant=pdf_variant, zoom=size.zoom, finisher=trim))


# pydyf compresses at zlib's level 9: on drawing operators that takes twice as long as level 6,
# for files 1-2% smaller (the Urdu leaflet beside German: 17 ms against 7 ms).
COMPRESSION_LEVEL = 6


class _Written(pydyf.Object):
    """A stream's bytes, made once for every size it is written in: what pydyf's `Stream.data`
    makes, compressed at COMPRESSION_LEVEL."""

    def __init__(self, stream: pydyf.Stream) -> None:
        super().__init__()
        self.number = stream.number
        self.generation = stream.generation
        if not stream.compress:
            self._data = stream.data
            return
        content = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
        content = zlib.compress(content, COMPRESSION_LEVEL)
        extra = pydyf.Dictionary({**stream.extra, "Filter": "/FlateDecode"})
        extra["Length"] = len(content)
        self._data = b"\n".join((extra.data, b"stream", content, b"endstream"))

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def compressible(self) -> bool:
        return False  # a stream: written as it is, never inside an object stream


class Sizes:
    """A WeasyPrint PDF (a `pydyf.PDF`, as a finisher gets it) written in several sizes.

    Use it as the finisher of `write_pdf` for the first size (smaller already with `first`),
    then call `write_scaled` for the smaller one: the fonts, pictures and structure are
    compressed once for both. Both raise CannotRescale for a PDF that cannot be written
    smaller this way (see `can_rescale`). pydyf writes with no file identifier and with
    object streams, as WeasyPrint asks it to by default.
    """

    def __init__(self, version: str, first: Scaled | None = None) -> None:
        self.version = version
        self.first = first
        self._pdf: Any = None
        self._objects = 0
        self._contents: dict[int, pydyf.Stream] = {}  # each page's drawing, by number
        self._rescalable = False
        self._zoom = 1.0

    def __call__(self, document: Any, pdf: pydyf.PDF) -> None:
        """The finisher: remember the PDF as WeasyPrint made it, before it is written."""
        self._pdf = pdf
        numbers = {_number(page["Contents"]) for page in pdf.objects if _is_page(page)}
        self._contents = {number: pdf.objects[number] for number in numbers}
        self._rescalable = can_rescale(pdf)  # before the streams are frozen
        for index, item in enumerate(pdf.objects):
            if isinstance(item, pydyf.Stream) and item.number not in self._contents:
                pdf.objects[index] = _Written(item)
        self._objects = len(pdf.objects)
        if self.first is not None:
            self._rescale(self.first)
        self._write_contents()

    def write_scaled(self, scaled: Scaled) -> bytes:
        """The same PDF again, at `scaled`'s size (once per PDF, after the full-size one)."""
        pdf = self._pdf
        if pdf is None:
            raise RuntimeError("write the PDF with this as its finisher first")
        if self._zoom != 1.0:
            raise RuntimeError("a PDF is written smaller only once")
        # What pydyf added while writing (the info dictionary, the object and xref streams)
        # is added again by the next write, under the same numbers.
        del pdf.objects[self._objects :]
        pdf.current_position = 0
        self._rescale(scaled)
        self._write_contents()
        output = io.BytesIO()
        pdf.write(output, self.version, None, True)
        return output.getvalue()

    def _write_contents(self) -> None:
        """The pages' drawings as they are now, compressed for the next write."""
        for number, contents in self._contents.items():
            self._pdf.objects[number] = _Written(contents)

    def _rescale(self, scaled: Scaled) -> None:
        if not self._rescalable:
            raise CannotRescale("the PDF has patterns, shadings, form fields or attachments")
        zoom = scaled.zoom
        width, height = (mm * POINTS_PER_MM for mm in scaled.page_mm)
        pdf = self._pdf
        for item in pdf.objects:
            if not isinstance(item, pydyf.Dictionary):
                continue
            if _is_page(item):
                item.update(_boxes([value * zoom for value in item["MediaBox"]], width, height))
                contents = self._contents[_number(item["Contents"])]
                contents.stream.insert(0, f"{zoom!r} 0 0 {zoom!r} 0 0 cm".encode())
            if "Rect" in item:
                item["Rect"] = pydyf.Array(value * zoom for value in item["Rect"])
            if isinstance(item.get("Dest"), list):
                item["Dest"] = _scaled_destination(item["Dest"], zoom)
        names = pdf.catalog.get("Names", {}).get("Dests", {}).get("Names")
        if names:
            for index in range(1, len(names), 2):
                names[index] = _scaled_destination(names[index], zoom)
        self._zoom = zoom


def can_rescale(pdf: pydyf.PDF) -> bool:
    """Whether everything in the PDF follows a scaled drawing: no pattern or shading (placed in
    the page's own space), no form field or attached file (pictures of their own)."""
    if "AcroForm" in pdf.catalog:
        return False
    for item in pdf.objects:
        values = item.extra if isinstance(item, pydyf.Stream) else item
        if not isinstance(values, dict):
            continue
        if "PatternType" in values or "ShadingType" in values:
            return False
        if values.get("Pattern") or values.get("Shading"):  # resources that name some
            return False
        if values.get("Subtype") in ("/Widget", "/FileAttachment"):
            return False
    return True


def _boxes(media_box: Sequence[float], width: float, height: float) -> dict[str, pydyf.Array]:
    """The page boxes of a page `width` × `height` centred on `media_box`."""
    left, top, right, bottom = media_box
    dx, dy = (right - left - width) / 2, (bottom - top - height) / 2
    box = [left + dx, top + dy, right - dx, bottom - dy]
    return {name: pydyf.Array(box) for name in ("MediaBox", "TrimBox", "BleedBox")}


def _scaled_destination(destination: list[Any], zoom: float) -> pydyf.Array:
    # [page /XYZ left top zoom]: a place on a page, in the page's own space.
    if len(destination) >= 4 and destination[1] == "/XYZ":
        page, kind, left, top, *rest = destination
        return pydyf.Array([page, kind, left * zoom, top * zoom, *rest])
    return pydyf.Array(destination)


def _is_page(item: Any) -> bool:
    return isinstance(item, pydyf.Dictionary) and item.get("Type") == "/Page"


def _number(reference: Any) -> int:
    # pydyf writes references as b"12 0 R".
    text = reference.decode() if isinstance(reference, bytes) else str(reference)
    return int(text.split()[0])
