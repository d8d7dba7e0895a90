"""The fast row writer emits exactly what openpyxl's own writer emits, for every fixture."""

from __future__ import annotations

import io
import zipfile

import pytest
from export_helpers import Scored, scored
from openpyxl import Workbook

from slicewise.export.workbook import assemble_workbook
from slicewise.export.workbook.package import UNDATED, workbook_bytes


def _workbook(item: Scored) -> Workbook:
    return assemble_workbook(item.bundle, item.assessment, item.results)


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
