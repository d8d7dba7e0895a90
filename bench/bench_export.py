"""Exporting the demo workbook against a bare openpyxl script writing the same cells (goal: ratio ≤ 3)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from harness import Case


def _demo() -> tuple[Any, Any, Any]:
    """Load and score the demo assessment once."""
    from slicewise.core.demo import load_demo
    from slicewise.core.engine import evaluate

    bundle, assessment = load_demo()
    return bundle, assessment, evaluate(bundle, assessment)


def _cells_of(path: Path) -> list[tuple[str, list[tuple[int, int, Any]]]]:
    """Return every cell a workbook holds (valued or only styled), sheet by sheet, as plain values."""
    from openpyxl import load_workbook

    book = load_workbook(path, rich_text=False)
    sheets = []
    for sheet in book.worksheets:
        cells = [
            (cell.row, cell.column, cell.value)
            for line in sheet.iter_rows()
            for cell in line
            if cell.value is not None or cell.has_style
        ]
        sheets.append((sheet.title, cells))
    return sheets


def cases(quick: bool) -> list[Case]:
    """The export case: our styled, validated, charted workbook against plain values in the same cells."""
    from openpyxl import Workbook

    from slicewise.export import write_exports

    bundle, assessment, results = _demo()
    folder = Path(tempfile.mkdtemp(prefix="slicewise-bench-export-"))
    ours_dir = folder / "ours"
    (xlsx,) = write_exports(bundle, assessment, results, ours_dir, ("xlsx",))
    sheets = _cells_of(xlsx)
    count = sum(len(cells) for _title, cells in sheets)
    baseline_path = folder / "baseline.xlsx"

    def ours() -> object:
        return write_exports(bundle, assessment, results, ours_dir, ("xlsx",))

    def baseline() -> object:
        book = Workbook()
        book.remove(book.active)
        for title, cells in sheets:
            sheet = book.create_sheet(title)
            for row, column, value in cells:
                sheet.cell(row=row, column=column, value=value)
        book.save(baseline_path)
        return baseline_path

    return [
        Case(
            name=f"export demo workbook ({count} cells, {len(sheets)} sheets)",
            ours=ours,
            baseline=baseline,
            goal=3.0,
            goal_text="ratio ≤ 3",
            notes=["baseline: bare openpyxl writing the same values into the same cells, without styles"],
        )
    ]
