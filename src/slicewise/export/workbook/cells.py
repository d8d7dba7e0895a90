"""Safe cell writing: user text stays text, never breaks the file, and equal styles are shared.

Every value goes through `SheetWriter.put`: strings lose the characters XML cannot carry (and carriage
returns become the line feeds cells use for line breaks), are cut at
Excel's 32,767-character limit with a visible marker, are stored with the string data type (so `=...`
is never a formula and `#N/A` never an error value), and text that Excel would reinterpret when the
cell is edited gets the `quotePrefix` style so it stays text after editing too.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
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


_CODE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
"""An `_xHHHH_` sequence, which spreadsheet readers decode into one character."""

_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_VALUE_LIKE = re.compile(
    "|".join(
        (
            r"(true|false)",
            r"[-+(]?[$€£¥]?\s?[-+]?(\d[\d,  ]*)?\.?\d+([eE][-+]?\d+)?\s?[%)]?\s?[$€£¥]?",
            r"\d{1,4}(?P<sep>[-/.])\d{1,2}((?P=sep)\d{1,4})?([ T]\d{1,2}:\d{2}(:\d{2})?)?",
            r"\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s?[ap]\.?m\.?)?",
            r"\d{1,2}\s?[ap]m",
            r"\d+\s+\d+/\d+",
            rf"\d{{1,2}}[-/ ]?{_MONTH}([-/ ,]+\d{{2,4}})?",
            rf"{_MONTH}[-/ ]?\d{{1,4}}(,?[-/ ]\d{{2,4}})?",
        )
    ),
    re.IGNORECASE,
)
"""Text that a spreadsheet would turn into a number, percentage, currency, date, time or boolean when edited."""


def escape_codes(text: str) -> str:
    """Escape the underscore of every `_xHHHH_` so a spreadsheet shows the sequence as typed, not as a character."""
    return _CODE.sub(r"_x005F_\1", text) if "_x" in text or "_X" in text else text


def is_risky(text: str) -> bool:
    """Tell whether a spreadsheet would read this text as a formula, error, number, date or boolean when edited."""
    if not text:
        return False
    if text[0] in _RISKY_START:
        return True
    stripped = text.strip()
    if len(stripped) > 40 or not stripped:
        return False
    return _VALUE_LIKE.fullmatch(stripped) is not None


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
    """Register each `Style` once as a hidden named style of the workbook, then give cells that style by name.

    Named styles are openpyxl's public way to style many cells alike: one lookup per cell instead of
    hashing a font, fill, alignment and border object for every cell.
    """

    def __init__(self, sheet: Worksheet) -> None:
        """Register styles with the workbook `sheet` belongs to."""
        self._workbook = sheet.parent
        self._names: dict[Style, str] = {}
        self._by_id: dict[int, tuple[Style, str]] = {}

    def name(self, style: Style) -> str:
        """Return the named style of `style`, registered on first use (names follow first use: stable bytes)."""
        fast = self._by_id.get(id(style))
        if fast is not None and fast[0] is style:
            return fast[1]
        found = self._names.get(style)
        if found is None:
            font, fill, alignment, border = _parts(style)
            found = f"slicewise {len(self._names) + 1:02d}"
            named = NamedStyle(name=found, font=font, alignment=alignment, number_format=style.number_format)
            named.hidden = True
            if fill is not None:
                named.fill = fill
            if border is not None:
                named.border = border
            self._workbook.add_named_style(named)
            self._names[style] = found
        self._by_id[id(style)] = (style, found)
        return found

    def apply(self, cell: Cell, style: Style, quote: bool = False) -> None:
        """Give `cell` the look of `style` (and the quote prefix that keeps edited text text, when asked)."""
        cell.style = self.name(style)
        if quote:
            cell.quotePrefix = True


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
        """Write one value with its style; strings always stay plain text, read back exactly as given."""
        if isinstance(value, bool):
            value = "Yes" if value else "No"
        elif isinstance(value, str):
            value = clean_text(value) or None
        cell = self.sheet.cell(row=row, column=column)
        if isinstance(value, str):
            text = value
            cell.value = escape_codes(text)
            cell.data_type = "s"
            self.book.apply(cell, style, is_risky(text))
            if measure:
                self._measure(column, text)
            if style.wrap and len(text) > MIN_WRAPPING:
                self.wrapped[(row, column)] = (column, text, _text_size(style))
        else:
            cell.value = value
            self.book.apply(cell, style)
            if measure and value is not None:
                self._measure(column, str(value))
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
