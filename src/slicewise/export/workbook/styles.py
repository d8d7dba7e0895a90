"""The workbook's look as plain data: one hashable `Style` per kind of cell, and the colours they use."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

NAVY = "1F3864"
"""Titles and header rows."""
INK = "1F1F1F"
"""Body text."""
MUTED = "595959"
"""Secondary text such as subtitles and legends."""
BAND = "D9E1F2"
"""Slice bands on the roadmap and section headings."""
GRID = "BFBFBF"
"""Thin cell borders."""
ALERT = "F8CBAD"
"""Findings, conflicts and gaps that need attention."""
WARN = "FFE699"
"""Don't-know answers and other open points."""
GOOD = "E2EFDA"
"""Nothing to report."""
EMPTY = "F2F2F2"
"""Cells with nothing in them, e.g. an empty heat-map cell."""

LEVEL_FILLS: dict[int, str] = {0: "F4B183", 1: "F8CBAD", 2: "FFE699", 3: "C6E0B4", 4: "A9D08E"}
"""Maturity levels 0–4, from warm (absent) to green (managed)."""


@dataclass(frozen=True)
class Style:
    """Everything about how one cell looks; equal styles share one entry in the workbook's style table."""

    bold: bool = False
    italic: bool = False
    size: float = 10
    colour: str = INK
    fill: str | None = None
    wrap: bool = True
    horizontal: str = "left"
    vertical: str = "top"
    border: bool = True
    number_format: str = "General"
    indent: int = 0
    flagged: bool = False

    def with_fill(self, fill: str | None) -> Style:
        """Return this style on another background, with text that stays readable on it (one object per pair)."""
        return _with_fill(self, fill)


BODY = Style()
"""Ordinary table text."""
BODY_CENTRE = Style(horizontal="center")
"""Short codes and small numbers."""
NUMBER = Style(horizontal="right", number_format="0.0")
"""Scores with one decimal."""
INTEGER = Style(horizontal="center", number_format="0")
"""Counts, levels and ratings."""
PERCENT = Style(horizontal="right", number_format="0%")
"""Coverage."""
HEADER = Style(bold=True, colour="FFFFFF", fill=NAVY, vertical="center")
"""Column headers."""
TITLE = Style(bold=True, size=16, colour=NAVY, wrap=False, border=False, vertical="center")
"""The title line of each sheet."""
SUBTITLE = Style(size=10, colour=MUTED, wrap=False, border=False)
"""The line under the title."""
SECTION = Style(bold=True, size=12, colour=NAVY, wrap=False, border=False, vertical="bottom")
"""A heading over a block of the summary."""
LABEL = Style(bold=True, colour=MUTED, border=False)
"""The left cell of a key/value line."""
VALUE = Style(border=False)
"""The right cell of a key/value line."""
NOTE = Style(italic=True, colour=MUTED, border=False)
"""A legend or explanatory line."""
QUIET = Style(colour=MUTED)
"""Table text that says there is nothing to report."""
BAND_ROW = Style(bold=True, size=11, colour=NAVY, fill=BAND, vertical="center")
"""A slice band on the roadmap."""


@lru_cache(maxsize=512)
def _with_fill(style: Style, fill: str | None) -> Style:
    """Build (once) a style on another background."""
    return replace(style, fill=fill, colour=text_colour_on(fill) if fill else style.colour)


def text_colour_on(fill: str) -> str:
    """Return white on dark fills and ink on light ones, so coloured cells stay legible."""
    red, green, blue = (int(fill[i : i + 2], 16) for i in (0, 2, 4))
    luminance = 0.299 * red + 0.587 * green + 0.114 * blue
    return "FFFFFF" if luminance < 140 else INK


def level_fill(level: int | None) -> str | None:
    """Return the fill of a maturity level, or none when there is no level."""
    return None if level is None else LEVEL_FILLS.get(level)
