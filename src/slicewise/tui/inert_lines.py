"""Control characters on screen drawn as visible symbols, never obeyed: a note, an answer or a client name read
from a file can hold ESC sequences or bidirectional overrides, and the app draws every line through this one
filter rather than trusting each widget to clean its text."""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from slicewise.core.inert import CONTROL


def _symbol(match: re.Match[str]) -> str:
    """One cell standing for a control character: its Unicode control picture (␛ for ESC), else �."""
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


class InertLines(LineFilter):
    """Replaces control characters in each drawn line, keeping the line as wide as it was laid out."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """Return the line with every control character as a symbol (the same line when it has none)."""
        if not any(CONTROL.search(segment.text) for segment in segments):
            return segments
        width = Segment.get_line_length(segments)  # controls were laid out as taking no cell
        shown = [Segment(CONTROL.sub(_symbol, text), style, control) for text, style, control in segments]
        return Segment.adjust_line_length(_narrowed(shown, Segment.get_line_length(shown) - width), width)


def _narrowed(segments: list[Segment], extra: int) -> list[Segment]:
    """Take the cells the symbols added out of runs of blank space, right to left (keeping one blank of each
    run), so a border at the end of the line stays; what cannot be found there is cut from the end."""
    narrowed = list(segments)
    for index in range(len(narrowed) - 1, -1, -1):
        if extra <= 0:
            break
        text, style, control = narrowed[index]
        blank = len(text) - len(text.rstrip(" "))
        taken = min(extra, blank - 1)
        if taken > 0:
            narrowed[index] = Segment(text[: len(text) - taken], style, control)
            extra -= taken
    return narrowed


INERT_LINES = InertLines()
"""The app's one instance (Textual caches filtered lines per filter)."""
