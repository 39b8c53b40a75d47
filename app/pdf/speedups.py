"""Two places where WeasyPrint does the same work twice, and what we do instead.

Both change nothing in the PDFs (tests/pdf/test_speedups.py renders with and without them and
compares the bytes); each replaces a name or two inside WeasyPrint, so recheck them when WeasyPrint
is upgraded (measured with WeasyPrint 70). `install()` puts them in place, once per process.

1. Font subsetting asks cffi for `hb_codepoint_t[N]` with a new N for nearly every font of
   every PDF, and cffi parses each new type string with pycparser: 4 ms each, two per font.
   `T[]` filled with the same N items is the same array, and its type is parsed once.

2. Right-to-left lines are laid out twice. After laying out a line, WeasyPrint checks whether
   the line still clears the floats beside it; for a right-to-left line the check compares the
   line's width with the width it had before it was laid out (none), so it always fails and
   the line is laid out again, to the same result. In Arabic, Persian and Urdu, half of the
   text shaped was shaped twice (and Urdu's Nastaliq is the costliest script to shape). The
   second time, the line's text is split where it was the first time: `_remembering_lines`
   keeps what `split_first_line` answered while one line is being made, and gives the same
   answer to the same question (same text, same style object, same width), once.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

_SIZED_ARRAY = re.compile(r"(\w+)\[(\d+)\]")


class _OpenSizedArrays:
    """cffi's `new`, with `T[N]` asked as `T[]` of N items (see the module's docstring)."""

    def __init__(self, ffi: Any) -> None:
        self._ffi = ffi

    def new(self, cdecl: str, init: Any = None) -> Any:
        match = _SIZED_ARRAY.fullmatch(cdecl)
        size = int(match[2]) if match else None
        if match and (init is None or (hasattr(init, "__len__") and len(init) == size)):
            return self._ffi.new(f"{match[1]}[]", size if init is None else init)
        return self._ffi.new(cdecl, init)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ffi, name)


# What split_first_line answered while the current line is made, per thread (None outside a
# line); a line may hold another (an inline block), hence one dictionary per line being made.
_state = threading.local()


def _remembering_lines(
    get_next_linebox: Callable[..., Any], split_first_line: Callable[..., Any]
) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """`get_next_linebox` and `split_first_line`, the second giving each answer it made while
    a line is made once more to the same question (the second layout of a right-to-left line).
    A style is compared by identity and kept with the answer, so that a new style at a reused
    address is never taken for the old one; an answer is given again once only, so that one
    layout object never ends up in two boxes that are both kept."""

    def next_linebox(*args: Any, **kwargs: Any) -> Any:
        outer = getattr(_state, "answers", None)
        _state.answers = {}
        try:
            return get_next_linebox(*args, **kwargs)
        finally:
            _state.answers = outer

    def split(
        text: str,
        style: Any,
        context: Any,
        max_width: float | None,
        justification_spacing: float,
        is_line_start: bool = True,
        minimum: bool = False,
    ) -> Any:
        answers = getattr(_state, "answers", None)
        if answers is None:
            return split_first_line(
                text, style, context, max_width, justification_spacing, is_line_start, minimum
            )
        question = (text, id(style), max_width, justification_spacing, is_line_start, minimum)
        known = answers.pop(question, None)
        if known is not None and known[0] is style:
            return known[1]
        answer = split_first_line(
            text, style, context, max_width, justification_spacing, is_line_start, minimum
        )
        answers[question] = (style, answer)
        return answer

    next_linebox.__wrapped__ = get_next_linebox  # type: ignore[attr-defined]
    split.__wrapped__ = split_first_line  # type: ignore[attr-defined]
    return next_linebox, split


def install() -> None:
    """Put both in place in this process (once; a second call changes nothing)."""
    from weasyprint.layout import inline
    from weasyprint.pdf import fonts

    if not isinstance(fonts.ffi, _OpenSizedArrays):
        fonts.ffi = _OpenSizedArrays(fonts.ffi)
    if not hasattr(inline.get_next_linebox, "__wrapped__"):
        inline.get_next_linebox, inline.split_first_line = _remembering_lines(
            inline.get_next_linebox, inline.split_first_line
        )


def uninstall() -> None:
    """Take both out again (for tests that compare the PDFs made with and without them)."""
    from weasyprint.layout import inline
    from weasyprint.pdf import fonts

    if isinstance(fonts.ffi, _OpenSizedArrays):
        fonts.ffi = fonts.ffi._ffi
    if hasattr(inline.get_next_linebox, "__wrapped__"):
        inline.get_next_linebox = inline.get_next_linebox.__wrapped__
        inline.split_first_line = inline.split_first_line.__wrapped__
