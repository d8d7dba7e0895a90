"""Sheet layout: titles, fitted column widths, frozen headers and print setup shared by every sheet."""

from __future__ import annotations

import math
from collections.abc import Mapping

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
    writer.sheet.row_dimensions[row].height = 30


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


def print_setup(sheet: Worksheet, header_rows: str | None, footer_left: str, paper_a3: bool = False) -> None:
    """Landscape, fit to one page wide, repeated header rows and `Page n of m` footers."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    if paper_a3:
        setup.paperSize = sheet.PAPERSIZE_A3
    else:
        setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if header_rows:
        sheet.print_title_rows = header_rows
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.left.text = footer_left.replace("&", "&&")
    sheet.oddFooter.left.size = 8
    sheet.oddFooter.right.text = "Page &P of &N"
    sheet.oddFooter.right.size = 8
    sheet.oddHeader.right.text = "&A"
    sheet.oddHeader.right.size = 8


ESTIMATE_CHARS = 1500
"""Only the start of a very long text is measured: its row reaches the tallest height long before."""

CHARS_PER_UNIT = 1.3
"""Characters of 10-point Calibri that fit in one unit of column width (a unit is one 11-point digit)."""

WRAP_FILL = 0.9
"""The share of a line that wrapped text fills on average, since words do not break mid-word."""

MAX_ROW_HEIGHT = 409
"""Excel's tallest row, in points."""


def text_lines(text: str, width: float) -> int:
    """Count the lines a text wraps to in a column `width` characters wide, breaking at spaces like a sheet does."""
    usable = max(int(width) - 1, 1)
    if len(text) <= usable and "\n" not in text:
        return 1
    per_line = usable * WRAP_FILL
    return sum(max(1, math.ceil(len(paragraph) / per_line)) for paragraph in text[:ESTIMATE_CHARS].split("\n"))


def fit_row_heights(writer: SheetWriter) -> None:
    """Give rows with wrapped text the height that shows all of it (spreadsheets rarely fit rows on opening)."""
    sheet = writer.sheet
    widths: dict[int, float] = {}
    needed: dict[int, float] = {}
    for (row, first), (last, text, size) in writer.wrapped.items():
        if first not in widths:
            widths[first] = sheet.column_dimensions[get_column_letter(first)].width or 8.43
        width = widths[first]
        if len(text) * size < width * CHARS_PER_UNIT * 9 and "\n" not in text:
            continue
        for column in range(first + 1, last + 1):
            if column not in widths:
                widths[column] = sheet.column_dimensions[get_column_letter(column)].width or 8.43
            width += widths[column]
        lines = text_lines(text, width * CHARS_PER_UNIT * 10 / size)
        if lines > 1:
            height = lines * size * 1.22 + 4
            needed[row] = max(needed.get(row, 0), height)
    for row, height in needed.items():
        current = sheet.row_dimensions[row].height or 0
        sheet.row_dimensions[row].height = round(min(max(current, height), MAX_ROW_HEIGHT), 1)
