"""Scale: big inputs cost in proportion to their size (a quadratic step would show as a ratio near 10).

Each row runs the operation on the big input and, as its baseline, the same operation on a tenth of it
ten times: a ratio near 1 is linear, n·log n stays below 2, quadratic work would come out near 10.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from generate import generate
from harness import Case
from slicewise.cli.team_commands import merge_files
from slicewise.core.engine import evaluate
from slicewise.core.store import dumps_assessment, open_assessment
from slicewise.export import write_exports

FLOWS = 20_000
RESPONDENT_BYTES = 10 * 2**20


def _export(path: Path, out: Path) -> None:
    """Load, score and export an assessment (TOML report and workbook) into a fresh folder."""
    assessment, bundle = open_assessment(path)
    results = evaluate(bundle, assessment)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    write_exports(bundle, assessment, results, out)


def _respondent(folder: Path, flows: int, note_chars: int) -> Path:
    """A respondent's file with many flows and long notes, beside its synthetic questionnaire."""
    _questionnaire, source = generate(folder, questions=200, flows=flows)
    assessment, _bundle = open_assessment(source)
    for flow in assessment.flows:
        flow.note = "n" * note_chars
    assessment.engagement.respondent = "Respondent " + "r" * 50_000  # a long name, within the bound
    path = folder / "respondent.toml"
    path.write_text(dumps_assessment(assessment), encoding="utf-8")
    shutil.copyfile(path, folder / "copy.toml")  # a second respondent with the same answers
    return path


def cases(quick: bool) -> list[Case]:
    """Two rows: 20,000 flows through load + score + export, and merging a 10 MB respondent file."""
    work = Path(tempfile.mkdtemp(prefix="slicewise-bench-scale-"))
    _q, big = generate(work / "big", questions=200, flows=FLOWS)
    _q, small = generate(work / "small", questions=200, flows=FLOWS // 10)
    note = max(1, RESPONDENT_BYTES // FLOWS - 200)
    big_respondent = _respondent(work / "r-big", FLOWS, note)
    small_respondent = _respondent(work / "r-small", FLOWS // 10, note)
    size = big_respondent.stat().st_size / 2**20

    def tenfold(operation: object) -> object:
        def run() -> None:
            for _ in range(10):
                operation()  # type: ignore[operator]

        return run

    return [
        Case(
            name=f"{FLOWS:,} flows: load + score + export (vs 10 × {FLOWS // 10:,} flows)",
            ours=lambda: _export(big, work / "out-big"),
            baseline=tenfold(lambda: _export(small, work / "out-small")),
            goal=2.0,
            goal_text="linear: < 2× ten tenths",
            repeats=1,
            quick_repeats=1,
        ),
        Case(
            name=f"merge a {size:.0f} MB respondent file with itself (vs 10 × a tenth)",
            ours=lambda: merge_files([big_respondent, big_respondent.with_name("copy.toml")]),
            baseline=tenfold(lambda: merge_files([small_respondent, small_respondent.with_name("copy.toml")])),
            goal=2.0,
            goal_text="linear: < 2× ten tenths",
            repeats=1,
            quick_repeats=1,
        ),
    ]
