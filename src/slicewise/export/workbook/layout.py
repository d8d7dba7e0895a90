"""Sheet layout: titles, fitted column widths, frozen headers and print setup shared by every sheet."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import lru_cache

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from slicewise.export.workbook.cells import SheetWriter
from slicewise.export.workbook.styles import HEADER, SUBTITLE, TITLE

HEADER_ROW = 4
"""The row holding column headers on table-like sheets (title, subtitle and a gap above it)."""

MIN_WIDTH = 6
"""The narrowest column, in characters."""


def heading(writer: SheetWriter, title: str, subtitle: str) -> None:
    """Write a sheet's title and subtitle lines."""
    writer.put(1, 1, title, TITLE, measure=False)
    writer.put(2, 1, subtitle, SUBTITLE, measure=False)
    writer.sheet.row_dimensions[1].height = 24


def header_row(writer: SheetWriter, headers: list[str], row: int = HEADER_ROW) -> None:
    """Write the column headers of a table."""
    for column, text in enumerate(headers, start=1):
        writer.put(row, column, text, HEADER)


def fit_widths(writer: SheetWriter, limits: dict[int, int], default_limit: int = 40) -> None:
    """Size each column to its longest line, between `MIN_WIDTH` and its limit (wrapped text goes beyond)."""
    sheet = writer.sheet
    for column, longest in writer.widths.items():
        limit = limits.get(column, default_limit)
        width = min(max(longest + 2, MIN_WIDTH), limit)
        sheet.column_dimensions[writer.column_letter(column)].width = width


def set_widths(sheet: Worksheet, widths: Mapping[int, float]) -> None:
    """Set fixed column widths, for sheets laid out as a grid rather than a table."""
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def freeze_below(sheet: Worksheet, row: int, columns: int = 0) -> None:
    """Freeze the rows down to `row` (and `columns` columns) so headers stay in view while scrolling."""
    sheet.freeze_panes = f"{get_column_letter(columns + 1)}{row + 1}"


PAPER_SIZES = {"a4": Worksheet.PAPERSIZE_A4, "letter": Worksheet.PAPERSIZE_LETTER}
"""openpyxl's paper codes of the sizes we lay out for (never A3: people print on what their printer holds)."""


def print_setup(
    sheet: Worksheet,
    header_rows: str | None,
    footer_left: str,
    paper: str = "a4",
    *,
    portrait: bool = False,
    one_page: bool = False,
) -> None:
    """Fit to one page wide (and one tall when `one_page`), repeat header rows, print `Page n of m` footers.

    The margins leave room for the header and footer lines (0.3 inch from the edge, the body 0.8 inch), so
    neither is printed over the body or clipped by a printer's unprintable edge.
    """
    setup = sheet.page_setup
    setup.orientation = "portrait" if portrait else "landscape"
    setup.paperSize = PAPER_SIZES.get(paper, Worksheet.PAPERSIZE_A4)
    setup.fitToWidth = 1
    setup.fitToHeight = 1 if one_page else 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if header_rows:
        sheet.print_title_rows = header_rows
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.5
    margins.top = margins.bottom = 0.8
    margins.header = margins.footer = 0.3
    sheet.oddFooter.left.text = footer_left.replace("&", "&&")
    sheet.oddFooter.left.size = 8
    sheet.oddFooter.right.text = "Page &P of &N"
    sheet.oddFooter.right.size = 8
    sheet.oddHeader.right.text = "&A"
    sheet.oddHeader.right.size = 8
    sheet.print_area = f"A1:{get_column_letter(max(sheet.max_column, 1))}{max(sheet.max_row, 1)}"


ESTIMATE_CHARS = 1500
"""Only the start of a very long text is measured: its row reaches the tallest height long before."""

MAX_ROW_HEIGHT = 409
"""Excel's tallest row, in points."""

LINE_HEIGHT = 1.25
"""Line height as a multiple of the font size, above both Calibri's (1.22) and DejaVu Sans's (1.16)."""

CELL_PADDING = 1.0
"""Column width units a cell loses to its left and right padding."""

WIDTH_MARGIN = 1.1
"""Text is counted a tenth wider than the letter widths say: the margin that keeps a line from wrapping
once more than measured in any font (Calibri's text runs up to 7% wider than the table says)."""

_NARROW = frozenset("ijlI.,:;'!|`")
_SLIM = frozenset("frt()[]{}/\\- ")
_WIDE = frozenset("mwMW@%")


@lru_cache(maxsize=1024)
def char_width(char: str) -> float:
    """Return a character's width in digit widths, taken from the wider of Calibri and DejaVu Sans.

    Column widths count digit widths of the sheet's font, and each font's letters keep roughly the same
    ratio to its digits, so this measure holds in whatever font the application substitutes.
    """
    if char in _NARROW:
        return 0.45
    if char in _SLIM:
        return 0.6
    if char in _WIDE:
        return 1.4
    if char.isupper():
        return 1.15
    if char.isascii():
        return 0.92
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2.0
    return 1.0


@lru_cache(maxsize=16384)
def word_width(word: str) -> float:
    """Return a word's width in digit widths (words repeat across a workbook, so each is summed once)."""
    return sum(char_width(char) for char in word)


def text_lines(text: str, width: float) -> int:
    """Count the lines a text wraps to in a column `width` digit widths wide, breaking at spaces as sheets do."""
    usable = max(width - CELL_PADDING, 1.0) / WIDTH_MARGIN
    lines = 0
    for paragraph in text[:ESTIMATE_CHARS].split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            size = word_width(word)
            gap = char_width(" ") if used else 0.0
            if used and used + gap + size > usable:
                lines += 1
                used = 0.0
                gap = 0.0
            while size > usable:
                lines += 1
                size -= usable
            used += gap + size
    return lines


def fit_row_heights(writer: SheetWriter) -> None:
    """Give every row with wrapped text the height that shows all of it, in Calibri or any other font.

    Spreadsheets do not size rows to wrapped text when they open a file (LibreOffice keeps the default
    height, and neither sizes merged cells), so rows are measured here: word by word, with letter widths
    taken from the wider of Calibri and DejaVu Sans and a line height above both. The render check
    (`scripts/render_check.py`) proves the text appears whole in both font situations.
    """
    sheet = writer.sheet
    widths: dict[int, float] = {}
    needed: dict[int, float] = {}
    for (row, first), (last, text, size) in writer.wrapped.items():
        width = 0.0
        for column in range(first, last + 1):
            if column not in widths:
                widths[column] = sheet.column_dimensions[get_column_letter(column)].width or 8.43
            width += widths[column]
        lines = text_lines(text, width * 11 / size)
        height = lines * size * LINE_HEIGHT + 3
        if lines > 1 or height > 15:
            needed[row] = max(needed.get(row, 0), height)
    for row, height in needed.items():
        current = sheet.row_dimensions[row].height or 0
        sheet.row_dimensions[row].height = round(min(max(current, height), MAX_ROW_HEIGHT), 1)
