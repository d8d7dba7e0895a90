"""Comparing a before/after pair: deltas, level crossings, risks and actions, and the method-change warning."""

from __future__ import annotations

import errno
import json
import os
import tomllib
from pathlib import Path

import pytest

from slicewise.cli import main
from slicewise.cli.team_commands import compare_files
from slicewise.core.compare import Comparison, compare_snapshots, dumps_comparison
from slicewise.core.engine import evaluate
from slicewise.core.loader import Bundle
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import Results
from slicewise.core.store import load_assessment
from slicewise.core.tracking import snapshot

from .helpers import DATA

BEFORE = DATA / "team_before.toml"
AFTER = DATA / "team_after.toml"
AFTER_NEW_VERSION = DATA / "team_after_new_version.toml"


def compare(base: Assessment, base_results: Results, new: Assessment, new_results: Results) -> Comparison:
    """Compare two scored assessments the way `slicewise compare` does: through their snapshots."""
    return compare_snapshots(snapshot(base, base_results), snapshot(new, new_results))


def test_area_deltas_and_level_crossings() -> None:
    comparison = compare_files(BEFORE, AFTER)
    areas = {area.id: area for area in comparison.areas}
    assert list(areas) == ["ownership", "failure"]  # the unscored context area is left out
    ownership = areas["ownership"]
    assert (ownership.base_level, ownership.new_level, ownership.delta) == (1, 3, 2.0)
    assert (ownership.crossing, ownership.target_crossing) == ("up", "reached")
    assert (ownership.base_level_name, ownership.new_level_name) == ("Ad hoc", "Defined")
    failure = areas["failure"]
    assert (failure.base_level, failure.new_level, failure.delta, failure.crossing) == (1, 2, 1.0, "up")
    assert failure.target_crossing == ""
    assert comparison.overall_delta == 1.5


def test_closed_and_new_risks_and_roadmap_changes() -> None:
    comparison = compare_files(BEFORE, AFTER)
    assert [r.id for r in comparison.risks_closed] == [
        "ownership.several-creators:price",  # ties with no-source-of-truth at 16; price is a critical object
        "no-source-of-truth",
        "manual-recovery",
    ]
    assert [r.id for r in comparison.risks_new] == [
        "flows.missing-safeguards:commerce-to-erp-order",
        "flows.no-failure-owner:commerce-to-erp-order",
    ]
    closed = comparison.risks_closed[1]
    assert (closed.base_score, closed.new_score, closed.base_rating) == (16, None, "High")
    assert [a.id for a in comparison.actions_no_longer_needed] == ["agree-owners"]
    assert comparison.actions_newly_needed == []
    assert not comparison.method_changed and comparison.warnings == []


def test_rerated_risks_and_newly_needed_actions(team_bundle: Bundle) -> None:
    before, after = load_assessment(BEFORE), load_assessment(AFTER)
    base_results = evaluate(team_bundle, after)
    new_results = base_results.model_copy(deep=True)
    risk = new_results.risks[0]
    new_results.risks[0] = risk.model_copy(update={"score": risk.score + 4, "rating": "High"})
    comparison = compare(before, base_results, after, new_results)
    assert [(r.id, r.base_score, r.new_score) for r in comparison.risks_rerated] == [
        (risk.id, risk.score, risk.score + 4)
    ]
    reverse = compare(after, evaluate(team_bundle, after), before, evaluate(team_bundle, before))
    assert [a.id for a in reverse.actions_newly_needed] == ["agree-owners"]
    assert {area.crossing for area in reverse.areas} == {"down"}
    assert next(a for a in reverse.areas if a.id == "ownership").target_crossing == "lost"


def test_a_new_questionnaire_version_is_flagged_as_a_method_change() -> None:
    comparison = compare_files(BEFORE, AFTER_NEW_VERSION)
    assert comparison.method_changed
    assert "from version 1.0.0 to 1.1.0" in comparison.warnings[0]
    assert "not from progress" in comparison.warnings[0]


def test_a_changed_digest_or_questionnaire_is_a_method_change(team_bundle: Bundle) -> None:
    before, after = load_assessment(BEFORE), load_assessment(AFTER)
    results_before, results_after = evaluate(team_bundle, before), evaluate(team_bundle, after)
    before.questionnaire.digest, after.questionnaire.digest = "aaaa", "bbbb"
    edited = compare(before, results_before, after, results_after)
    assert edited.method_changed and "digest aaaa → bbbb" in edited.warnings[0]
    after.questionnaire.id = "commerce-integration"
    other = compare(before, results_before, after, results_after)
    assert "from 'team-check' to 'commerce-integration'" in other.warnings[0]


def test_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(BEFORE), str(AFTER_NEW_VERSION), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["format"] == "slicewise-comparison/1"
    assert payload["method_changed"] is True
    assert [a["delta"] for a in payload["areas"]] == [2.0, 1.0]


def test_command_prints_tables_and_the_warning(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(BEFORE), str(AFTER_NEW_VERSION)]) == 0
    captured = capsys.readouterr()
    assert "Data ownership" in captured.out and "closed" in captured.out
    assert "Warning" in captured.err and "1.1.0" in captured.err


def test_command_writes_toml_and_a_progress_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "progress"
    assert main(["compare", str(BEFORE), str(AFTER_NEW_VERSION), "-o", str(out)]) == 0
    toml_path = out / "northwind-progress-2026-08-03-to-2026-11-02.toml"
    xlsx_path = toml_path.with_suffix(".xlsx")
    data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    assert data["format"] == "slicewise-comparison/1" and data["method_changed"] is True
    assert data["risks_closed"][1]["id"] == "no-source-of-truth"
    workbook = load_workbook(xlsx_path)
    assert workbook.sheetnames == ["Progress"]
    cells = [str(c.value) for row in workbook["Progress"].iter_rows() for c in row if c.value is not None]
    assert any(text.startswith("Warning: The questionnaire 'team-check' changed") for text in cells)
    assert "Data ownership" in cells and "1 Ad hoc" in cells and "3 Defined" in cells
    assert "closed" in cells and "new" in cells and "no longer needed" in cells
    first = xlsx_path.read_bytes()
    assert main(["compare", str(BEFORE), str(AFTER_NEW_VERSION), "-o", str(out)]) == 0
    assert xlsx_path.read_bytes() == first  # same input, same bytes


def test_user_text_in_the_workbook_stays_text(team_bundle: Bundle) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    from slicewise.export.progress import progress_workbook_bytes

    before, after = load_assessment(BEFORE), load_assessment(AFTER)
    after.engagement.client = '=HYPERLINK("http://x")\x07'
    comparison = compare(before, evaluate(team_bundle, before), after, evaluate(team_bundle, after))
    sheet = load_workbook(BytesIO(progress_workbook_bytes(comparison)))["Progress"]
    title = sheet.cell(row=1, column=1)
    assert title.data_type == "s" and "\x07" not in str(title.value)


def test_bad_input_is_exit_2_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(BEFORE), str(DATA / "team_bad_not_toml.toml")]) == 2
    assert "team_bad_not_toml.toml" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["compare", str(BEFORE), str(AFTER), "-o", str(blocker)]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_the_toml_reads_back_text_with_windows_line_ends(team_bundle: Bundle) -> None:
    before, after = load_assessment(BEFORE), load_assessment(AFTER)
    after.engagement.client = "Northwind\r\nOutfitters"
    comparison = compare(before, evaluate(team_bundle, before), after, evaluate(team_bundle, after))
    assert tomllib.loads(dumps_comparison(comparison))["new"]["client"] == "Northwind\r\nOutfitters"


def test_a_failed_workbook_write_leaves_no_half_comparison(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "progress"
    real_replace = os.replace

    def refuse_the_workbook(src: str, dst: str) -> None:
        if str(dst).endswith(".xlsx"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_the_workbook)
    assert main(["compare", str(BEFORE), str(AFTER), "-o", str(out)]) == 2
    assert "Cannot write the comparison" in capsys.readouterr().err
    assert list(out.iterdir()) == []  # the TOML written first was taken back


def test_different_clients_are_warned_about_without_a_method_change(team_bundle: Bundle) -> None:
    before, after = load_assessment(BEFORE), load_assessment(AFTER)
    after.engagement.client = "Contoso"
    comparison = compare(before, evaluate(team_bundle, before), after, evaluate(team_bundle, after))
    assert not comparison.method_changed
    assert comparison.warnings == [
        "The two assessments name different clients ('Northwind' and 'Contoso'): check that the right files "
        "are compared."
    ]
