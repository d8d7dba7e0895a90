"""Save a workbook to bytes that depend only on its content: fixed zip times and document dates."""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from slicewise.export.workbook.sheetxml import FastRowsWriter

UNDATED = datetime(2000, 1, 1)
"""The document date used when the assessment has no date (never today's clock, so bytes stay stable)."""


def document_time(assessment_date: str) -> datetime:
    """Return the assessment date at midnight, or `UNDATED` when it is missing or not an ISO date."""
    try:
        day = date.fromisoformat(assessment_date.strip()[:10])
    except ValueError:
        return UNDATED
    if day.year < 1980:
        return UNDATED
    return datetime(day.year, day.month, day.day)


class _StableZip(ZipFile):
    """A zip archive whose entries all carry one fixed time, mode and origin system."""

    def __init__(self, file: io.BytesIO, stamp: datetime) -> None:
        """Open `file` for writing with deflate compression."""
        super().__init__(file, "w", ZIP_DEFLATED, allowZip64=True)
        self._stamp = (stamp.year, stamp.month, stamp.day, 0, 0, 0)

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None, compresslevel: Any = None) -> None:
        """Write an entry with the fixed time whatever name or info it was given."""
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, ZipInfo) else str(zinfo_or_arcname)
        info = ZipInfo(name, date_time=self._stamp)
        info.compress_type = ZIP_DEFLATED
        info.create_system = 3
        info.external_attr = 0o644 << 16
        super().writestr(info, data, compresslevel=6)

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None) -> None:
        """Copy a file into the archive as a fixed-time entry."""
        with open(filename, "rb") as handle:
            data = handle.read()
        self.writestr(arcname or os.path.basename(str(filename)), data)


class _MemoryExcelWriter(ExcelWriter):
    """openpyxl's writer with each worksheet serialised in memory rather than through a temporary file."""

    fast_rows = True
    """Write plain cells with `FastRowsWriter` (False: openpyxl's own writer, for comparison)."""

    def write_worksheet(self, ws: Any) -> None:
        """Write one worksheet's XML straight into the archive."""
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        out = io.BytesIO()
        writer = (FastRowsWriter if self.fast_rows else WorksheetWriter)(ws, out=out)
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], out.getvalue())
        self.manifest.append(ws)


def workbook_bytes(workbook: Workbook, stamp: datetime, *, fast_rows: bool = True) -> bytes:
    """Serialise the workbook with `stamp` as its created and modified dates and every zip entry's time."""
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    archive = _StableZip(buffer, stamp)
    writer = _MemoryExcelWriter(workbook, archive)
    writer.fast_rows = fast_rows
    writer.save()
    return buffer.getvalue()
