"""TOML report and Excel workbook exports; openpyxl loads only when a workbook is written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slicewise.core.models.assessment import Assessment
    from slicewise.core.models.results import Results
    from slicewise.export.labels import BundleLike

FORMATS: tuple[str, ...] = ("toml", "xlsx")
"""The export formats, in the order they are written."""


def write_exports(
    bundle: BundleLike,
    assessment: Assessment,
    results: Results,
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    *,
    force: bool = False,
    paper: str | None = None,
) -> list[Path]:
    """Write the chosen exports into `out_dir` and return their paths; raise `SlicewiseError` on any failure.

    An existing file is left alone when it holds the same bytes, replaced only when it is an earlier export
    of the same assessment and `force` is given, and otherwise refused. `paper` (a4, letter) defaults to the
    locale's paper.
    """
    from slicewise.export.writer import write_exports as _write

    return _write(bundle, assessment, results, Path(out_dir), tuple(formats), force=force, paper=paper)
