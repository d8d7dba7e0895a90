"""The counts (asked, answered, don't-know, N/A, applicable) read the same in every output, on the demo and the
profiles: the terminal scorecard, `explain`, the TOML report, the workbook, the TUI scorecard and review."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.console import Console

from slicewise.cli.render import scorecard
from slicewise.core import counts as tally
from slicewise.core.demo import demo_source
from slicewise.core.engine import evaluate
from slicewise.core.explain import explain_lines
from slicewise.core.store import open_assessment
from slicewise.export.report import build_report
from slicewise.export.workbook import build_workbook
from slicewise.tui.screens.scorecard import scorecard_content
from slicewise.tui.session import Session

PROFILES = Path(__file__).parent.parent / "data" / "profiles"
FILES = [demo_source(), *sorted(p for p in PROFILES.glob("*.toml") if not p.name.endswith(".expected.toml"))]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_counts_agree_across_outputs(path: Path) -> None:
    assessment, bundle = open_assessment(path)
    results = evaluate(bundle, assessment)
    overall = results.overall.counts
    assert overall.applicable == overall.asked - overall.na
    assert overall.answered + overall.unknown + overall.unanswered == overall.applicable
    assert overall == tally.total(a.counts for a in results.areas if a.scored)
    phrase = f"{overall.answered} of {overall.applicable} applicable scored questions answered"

    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(scorecard(bundle, assessment, results))
    terminal = console.file.getvalue()  # type: ignore[attr-defined]
    assert phrase in terminal
    for area in results.areas:
        if area.scored:
            assert tally.short(area.counts) in terminal

    explained = "\n".join(explain_lines(bundle, results))
    assert phrase in explained
    for area in results.areas:
        if area.scored and area.score is not None:
            assert f"{area.counts.answered} of {area.counts.applicable} applicable question" in explained

    report = build_report(bundle, assessment, results)
    assert (report["overall"]["answered"], report["overall"]["applicable"]) == (overall.answered, overall.applicable)
    for entry, area in zip(report["areas"], results.areas, strict=True):
        assert (entry["answered"], entry["applicable"], entry["unknown"], entry["na"]) == (
            area.counts.answered,
            area.counts.applicable,
            area.counts.unknown,
            area.counts.na,
        )
        assert entry.get("provisional", False) == area.provisional

    workbook = load_workbook(io.BytesIO(build_workbook(bundle, assessment, results)))
    cells = [str(c.value) for row in workbook.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert tally.coverage_sentence(overall) in cells

    session = Session.open(bundle, assessment, path)
    tui = str(scorecard_content(session, 120))
    assert phrase in tui
    assert tally.progress_phrase(tally.count(results.questions)).startswith(
        f"{tally.count(results.questions).dealt_with} of "
    )


def test_provisional_areas_are_marked_in_every_output() -> None:
    path = PROFILES / "dont-know-heavy.toml"
    assessment, bundle = open_assessment(path)
    results = evaluate(bundle, assessment)
    provisional = [a for a in results.areas if a.provisional]
    assert provisional
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(scorecard(bundle, assessment, results))
    terminal = console.file.getvalue()  # type: ignore[attr-defined]
    assert terminal.count("(provisional)") >= len(provisional)
    explained = "\n".join(explain_lines(bundle, results))
    assert explained.count("PROVISIONAL") == len(provisional)
    json_areas = {a["id"]: a for a in results.model_dump(mode="json")["areas"]}
    assert all(json_areas[a.id]["provisional"] for a in provisional)
    report = build_report(bundle, assessment, results)
    assert set(report["overall"]["provisional_areas"]) == {a.id for a in provisional}
    workbook = load_workbook(io.BytesIO(build_workbook(bundle, assessment, results)))
    cells = [str(c.value) for row in workbook.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert sum(cell == "prov." for cell in cells) == len(provisional)
    tui = str(scorecard_content(Session.open(bundle, assessment, path), 120)).splitlines()
    for area in results.areas:
        if area.scored:
            line = next(line for line in tui if line.startswith(area.title))
            assert ("~ provisional" in line) == area.provisional, line


def test_score_json_marks_provisional_areas(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from slicewise.cli import main

    assert main(["score", "--json", str(PROFILES / "dont-know-heavy.toml")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {a["id"] for a in data["areas"] if a.get("provisional")} == {"failure", "operations"}
    assert set(data["overall"]["provisional_areas"]) == {"failure", "operations"}
    assessment, bundle = open_assessment(PROFILES / "dont-know-heavy.toml")
    counts = evaluate(bundle, assessment).overall.counts
    assert (data["overall"]["applicable"], data["overall"]["answered"]) == (counts.applicable, counts.answered)
