"""Small helpers shared by the export tests."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from slicewise.core.engine import evaluate
from slicewise.core.loader import Bundle
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import Results
from slicewise.core.store import open_assessment
from slicewise.export import write_exports

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass
class Scored:
    """An assessment with its bundle and results, ready to export."""

    bundle: Bundle
    assessment: Assessment
    results: Results


def scored(name: str) -> Scored:
    """Load `tests/data/<name>` with its questionnaire and score it."""
    assessment, bundle = open_assessment(DATA / name)
    return Scored(bundle, assessment, evaluate(bundle, assessment))


def export(
    item: Scored, folder: Path, formats: tuple[str, ...] = ("toml", "xlsx"), *, force: bool = False
) -> list[Path]:
    """Export a scored assessment into `folder` (`force`: replace an earlier, different export of it)."""
    return write_exports(item.bundle, item.assessment, item.results, folder, formats, force=force)


def export_both(item: Scored, folder: Path) -> tuple[dict[str, Any], Workbook]:
    """Export both formats and return the parsed report and the reloaded workbook."""
    toml_path, xlsx_path = export(item, folder)
    report = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    return report, load_workbook(xlsx_path)


def data_rows(sheet: Any, header_row: int = 4) -> list[tuple[Any, ...]]:
    """Return the rows under a table header until the first row whose first cell is empty."""
    rows = []
    for values in sheet.iter_rows(min_row=header_row + 1, values_only=True):
        if values[0] in (None, ""):
            break
        rows.append(values)
    return rows
