"""A faster writer for the cell rows of a worksheet, emitting exactly the XML openpyxl's own writer emits.

openpyxl serialises every cell through a general element writer, which costs more than building the whole
workbook. Plain text, number and empty cells (nearly all of ours) are written here as strings instead;
anything else (rich text, comments, links, dates) goes through openpyxl's own cell writer. A test checks
that both writers give byte-identical sheets.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell._writer import write_cell
from openpyxl.compat.strings import safe_string
from openpyxl.worksheet._writer import WorksheetWriter

_FAST_TYPES = ("s", "n")


def _escape_text(text: str) -> str:
    """Escape element text the way ElementTree does."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attribute(text: str) -> str:
    """Escape an attribute value the way ElementTree does."""
    text = _escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    for raw, escaped in (("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;")):
        if raw in text:
            text = text.replace(raw, escaped)
    return text


class FastRowsWriter(WorksheetWriter):
    """openpyxl's worksheet writer with rows of plain cells serialised as strings."""

    def write_rows(self) -> None:
        """Write `sheetData`, row by row."""
        xf = self.xf.send(True)
        with xf.element("sheetData"):
            raw = xf._file
            dims = self.ws.row_dimensions
            for row_idx, row in self.rows():
                attrs = "".join(f' {key}="{_escape_attribute(value)}"' for key, value in dims.get(row_idx, {}))
                raw(f'<row r="{row_idx}"{attrs}>')
                for cell in row:
                    if not self._write_plain(raw, cell):
                        self._write_other(xf, cell)
                raw("</row>")
        self.xf.send(None)

    def _write_plain(self, raw: Any, cell: Any) -> bool:
        """Write a text, number or empty cell as a string; return False for any other cell."""
        value = cell._value
        kind = cell.data_type
        if kind not in _FAST_TYPES or cell._comment is not None or cell.hyperlink is not None:
            return False
        style = f' s="{cell.style_id}"' if cell.has_style else ""
        if kind == "s":
            if not isinstance(value, str):
                return False
            head = f'<c r="{cell.coordinate}"{style} t="inlineStr"'
            if value == "":
                raw(head + " />")
                return True
            stripped = value.strip()
            space = ' xml:space="preserve"' if stripped and stripped != value else ""
            raw(f"{head}><is><t{space}>{_escape_text(value)}</t></is></c>")
            return True
        head = f'<c r="{cell.coordinate}"{style} t="n"'
        if value is None or value == "":
            raw(head + " />")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            raw(f"{head}><v>{safe_string(value)}</v></c>")
        else:
            return False
        return True

    def _write_other(self, xf: Any, cell: Any) -> None:
        """Write any other cell with openpyxl's own writer (as its `write_row` does)."""
        if cell._comment is not None:
            from openpyxl.comments.comment_sheet import CommentRecord

            self.ws._comments.append(CommentRecord.from_cell(cell))
        write_cell(xf, self.ws, cell, cell.has_style)
