"""Safe cell writing: user text stays text, never breaks the file, and equal styles are shared.

Every value goes through `SheetWriter.put`: strings lose the characters XML cannot carry (and carriage
returns become the line feeds cells use for line breaks), are cut at
Excel's 32,767-character limit with a visible marker, are stored with the string data type (so `=...`
is never a formula and `#N/A` never an error value), and text that Excel would reinterpret when the
cell is edited gets the `quotePrefix` style so it stays text after editing too.
"""

from __future__ import annotations

import re
from copy import copy
from datetime import date
from functools import lru_cache

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from slicewise.export.workbook.styles import BODY, GRID, Style

MAX_CELL_CHARS = 32_767
"""Excel's limit on the characters of one cell, counted in UTF-16 units (an emoji counts twice)."""

CUT_MARKER = "… [cut here: {rest:,} more characters are in the TOML report]"
"""Appended to text cut at the cell limit, so a reader knows the cell is not the whole note."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_RISKY_START = frozenset("=+-@\t\r\n#'")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")

CellValue = str | int | float | date | None

MIN_WRAPPING = 5
"""Texts this short never wrap in any column, so they are not measured for row heights."""


def clean_text(text: str) -> str:
    """Remove characters XML cannot carry, end lines with LF as cells do, and cut text over the cell limit."""
    text = _NOT_XML.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) <= MAX_CELL_CHARS // 2:
        return text
    encoded = text.encode("utf-16-le")
    if len(encoded) // 2 <= MAX_CELL_CHARS:
        return text
    room = MAX_CELL_CHARS - len(CUT_MARKER.format(rest=0)) - 8
    kept = encoded[: room * 2].decode("utf-16-le", errors="ignore")
    return kept + CUT_MARKER.format(rest=len(text) - len(kept))


def bulleted(lines: list[str], empty: str = "—") -> str:
    """Join list items one per line, with bullets when there are several, so items stay apart when wrapped."""
    if not lines:
        return empty
    if len(lines) == 1:
        return lines[0]
    return "\n".join(f"• {line}" for line in lines)


def is_risky(text: str) -> bool:
    """Tell whether Excel would read this text as a formula, an error value or a number when edited."""
    if not text:
        return False
    first = text[0]
    if first in _RISKY_START:
        return True
    if not (first.isdigit() or first in ".,"):
        return False
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def safe_sheet_title(title: str, taken: set[str] | None = None) -> str:
    """Return a valid, unique sheet name: no `[]:*?/\\`, no leading or trailing quote, at most 31 characters."""
    name = _SHEET_BAD.sub("-", _NOT_XML.sub("", title)).strip().strip("'").strip() or "Sheet"
    name = name[:31]
    taken = taken or set()
    candidate, number = name, 2
    while candidate.lower() in {t.lower() for t in taken} or candidate.lower() == "history":
        suffix = f" ({number})"
        candidate = name[: 31 - len(suffix)] + suffix
        number += 1
    return candidate


def _text_size(style: Style) -> float:
    """Return the font size to measure wrapped text by (bold text runs about a tenth wider)."""
    return style.size * 1.1 if style.bold else style.size


@lru_cache(maxsize=256)
def _parts(style: Style) -> tuple[Font, PatternFill | None, Alignment, Border | None]:
    """Build (once per process) the openpyxl font, fill, alignment and border of a style."""
    font = Font(name="Calibri", size=style.size, bold=style.bold, italic=style.italic, color=style.colour)
    fill = PatternFill(fill_type="solid", start_color=style.fill, end_color=style.fill) if style.fill else None
    alignment = Alignment(
        horizontal=style.horizontal, vertical=style.vertical, wrap_text=style.wrap, indent=style.indent
    )
    border = None
    if style.flagged or style.border:
        side = Side(style="medium", color="C00000") if style.flagged else Side(style="thin", color=GRID)
        border = Border(left=side, right=side, top=side, bottom=side)
    return font, fill, alignment, border


class StyleBook:
    """Turn `Style` values into the workbook's shared style entries once, then copy them onto cells."""

    def __init__(self, sheet: Worksheet) -> None:
        """Use a detached scratch cell of `sheet` to register styles with its workbook."""
        self._scratch = Cell(sheet)
        self._cache: dict[tuple[Style, bool], StyleArray] = {}
        self._by_id: dict[tuple[int, bool], tuple[Style, StyleArray]] = {}

    def array(self, style: Style, quote: bool = False) -> StyleArray:
        """Return the shared style entry for `style` (with the quote prefix when asked)."""
        fast = self._by_id.get((id(style), quote))
        if fast is not None and fast[0] is style:
            return fast[1]
        key = (style, quote)
        found = self._cache.get(key)
        if found is None:
            font, fill, alignment, border = _parts(style)
            cell = self._scratch
            cell._style = StyleArray()
            cell.font = font
            if fill is not None:
                cell.fill = fill
            cell.alignment = alignment
            if border is not None:
                cell.border = border
            cell.number_format = style.number_format
            cell.quotePrefix = quote
            found = copy(cell._style)
            self._cache[key] = found
        self._by_id[(id(style), quote)] = (style, found)
        return found


class SheetWriter:
    """Write values and styles onto one sheet and remember the widest text of each column for fitting."""

    def __init__(self, sheet: Worksheet, book: StyleBook) -> None:
        """Wrap `sheet`, sharing `book` with the workbook's other sheets."""
        self.sheet = sheet
        self.book = book
        self.widths: dict[int, int] = {}
        self.wrapped: dict[tuple[int, int], tuple[int, str, float]] = {}
        """(row, first column) → (last column, text, font size) of every wrapped text, for row heights."""

    def put(self, row: int, column: int, value: CellValue, style: Style = BODY, *, measure: bool = True) -> Cell:
        """Write one value with its style; strings always stay plain text.

        Cells are built directly (not through `Worksheet.cell` and the value setter) because the text is
        already cleaned and typed here; this keeps a styled export close to the cost of writing bare values.
        """
        if isinstance(value, bool):
            value = "Yes" if value else "No"
        elif isinstance(value, str):
            value = clean_text(value) or None
        quote = False
        if isinstance(value, str):
            text = value
            quote = is_risky(text)
            cell = Cell(self.sheet, row=row, column=column, style_array=self.book.array(style, quote))
            cell._value = text
            cell.data_type = "s"
            if measure:
                self._measure(column, text)
            if style.wrap and len(text) > MIN_WRAPPING:
                self.wrapped[(row, column)] = (column, text, _text_size(style))
        else:
            cell = Cell(self.sheet, row=row, column=column, value=value, style_array=self.book.array(style))
            if measure and value is not None:
                self._measure(column, str(value))
        self.sheet._cells[(row, column)] = cell
        return cell

    def row(self, row: int, values: list[CellValue], style: Style = BODY, first_column: int = 1) -> None:
        """Write a row of values with one style."""
        for offset, value in enumerate(values):
            self.put(row, first_column + offset, value, style)

    def merge(self, row: int, first: int, last: int, value: CellValue, style: Style = BODY) -> Cell:
        """Write a value into merged cells `first`..`last` of a row (covered cells are styled only for borders)."""
        cell = self.put(row, first, value, style, measure=False)
        if last > first:
            if style.border or style.flagged:
                for column in range(first + 1, last + 1):
                    self.put(row, column, None, style, measure=False)
            self.merge_range(row, first, last)
            if isinstance(cell.value, str) and style.wrap:
                self.wrapped[(row, first)] = (last, cell.value, _text_size(style))
        return cell

    def merge_range(self, row: int, first: int, last: int) -> None:
        """Record a merged range as it is written, without openpyxl re-styling every covered cell."""
        self.sheet.merged_cells.add(CellRange(min_col=first, min_row=row, max_col=last, max_row=row))

    def _measure(self, column: int, text: str) -> None:
        """Record the longest line of a text for its column's width."""
        longest = max(len(line) for line in text[:2000].split("\n")) if "\n" in text else len(text)
        if longest > self.widths.get(column, 0):
            self.widths[column] = longest

    def column_letter(self, column: int) -> str:
        """Return a column's letter."""
        return get_column_letter(column)
