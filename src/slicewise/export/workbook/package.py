"""Save a workbook to bytes that depend only on its content: fixed zip times and document dates.

openpyxl's public `Workbook.save` stamps the archive entries and the document's modified date with the
current time; the archive is then rewritten entry by entry with one fixed time, and the core properties
part is written again from the workbook's own properties with the fixed date.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl.workbook.workbook import Workbook
from openpyxl.xml.functions import tostring

UNDATED = datetime(2000, 1, 1)
"""The document date used when the assessment has no date (never today's clock, so bytes stay stable)."""

CORE_PART = "docProps/core.xml"
"""The archive entry holding the document's title, author and dates."""


def document_time(assessment_date: str) -> datetime:
    """Return the assessment date at midnight, or `UNDATED` when it is missing or not an ISO date."""
    try:
        day = date.fromisoformat(assessment_date.strip()[:10])
    except ValueError:
        return UNDATED
    if day.year < 1980:
        return UNDATED
    return datetime(day.year, day.month, day.day)


def workbook_bytes(workbook: Workbook, stamp: datetime) -> bytes:
    """Serialise the workbook with `stamp` as its created and modified dates and every zip entry's time."""
    saved = io.BytesIO()
    workbook.save(saved)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    core = tostring(workbook.properties.to_tree())
    out = io.BytesIO()
    moment = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
    with ZipFile(saved) as source, ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True) as target:
        for entry in source.infolist():
            data = core if entry.filename == CORE_PART else source.read(entry)
            info = ZipInfo(entry.filename, date_time=moment)
            info.compress_type = ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, data, compresslevel=6)
    return out.getvalue()
