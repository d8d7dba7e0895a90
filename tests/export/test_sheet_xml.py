"""The fast row writer emits exactly what openpyxl's own writer emits, for every fixture."""

from __future__ import annotations

import io
import zipfile

import pytest
from export_helpers import Scored, scored
from openpyxl import Workbook

from slicewise.export.labels import Labels
from slicewise.export.workbook import SHEETS, respondents
from slicewise.export.workbook.cells import StyleBook
from slicewise.export.workbook.context import SheetContext
from slicewise.export.workbook.layout import fit_row_heights
from slicewise.export.workbook.package import UNDATED, workbook_bytes


def _workbook(item: Scored) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    scratch = book.create_sheet("scratch")
    ctx = SheetContext(
        bundle=item.bundle,
        assessment=item.assessment,
        results=item.results,
        workbook=book,
        labels=Labels(item.bundle, item.assessment),
        book=StyleBook(scratch),
    )
    for module in SHEETS:
        module.write(ctx)
    if respondents.wanted(ctx):
        respondents.write(ctx)
    for writer in ctx.writers:
        fit_row_heights(writer)
    book.remove(scratch)
    return book


@pytest.mark.parametrize("name", ["export_sample.toml", "export_hostile.toml", "export_merged.toml"])
def test_fast_rows_match_openpyxl_byte_for_byte(name: str) -> None:
    item = scored(name)
    fast = workbook_bytes(_workbook(item), UNDATED, fast_rows=True)
    stock = workbook_bytes(_workbook(item), UNDATED, fast_rows=False)
    with zipfile.ZipFile(io.BytesIO(fast)) as a, zipfile.ZipFile(io.BytesIO(stock)) as b:
        assert a.namelist() == b.namelist()
        for entry in a.namelist():
            assert a.read(entry) == b.read(entry), entry
    assert fast == stock
