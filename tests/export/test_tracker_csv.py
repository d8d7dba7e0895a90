"""The plan CSV for issue trackers reads back with the csv module: one row per action instance, every column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from slicewise.cli import main
from slicewise.core.adjust import all_actions
from slicewise.core.demo import write_demo
from slicewise.core.engine import evaluate
from slicewise.core.store import open_assessment
from slicewise.export.tracker_csv import HEADERS


def _rows(path: Path) -> list[dict[str, str]]:
    """Read the CSV as a tracker's importer would: UTF-8 with BOM, quoted multi-line cells."""
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_every_action_instance_is_one_row_with_why_evidence_slice_owner_and_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _bundle, _assessment, path = write_demo(tmp_path)
    first = evaluate(*reversed(open_assessment(path))).roadmap[0].actions[0]
    assert main(["adjust", str(path), first.id, "--status", "in-progress", "--owner", "=Priya", "--reason", "r"]) == 0
    assessment, bundle = open_assessment(path)
    results = evaluate(bundle, assessment)
    assert main(["export", str(path), "--format", "csv", "-o", str(tmp_path / "out")]) == 0
    written = next((tmp_path / "out").glob("*.csv"))
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _rows(written)
    assert list(rows[0]) == HEADERS
    actions = all_actions(results)
    assert [row["ID"] for row in rows] == [action.id for action in actions]
    slices = {piece.id: piece.title for piece in results.roadmap}
    for row, action in zip(rows, actions, strict=True):
        assert row["Title"] == action.title and row["Effort"] == action.effort
        assert row["Slice"] == slices.get(action.slice, "Later")
        assert f"Evidence of done: {action.evidence}" in row["Description"]
        assert all(reason.text in row["Description"] for reason in action.reasons)
        assert row["Depends on"] == ", ".join(action.depends_on)
        assert row["Owner role"] == action.owner
    top = rows[0]
    assert top["Status"] == "In progress" and top["Owner"] == "'=Priya"
    assert {row["Work Item Type"] for row in rows} == {"Task"}
    assert len({row["Assessment"] for row in rows}) == 1
    again = main(["export", str(path), "--format", "csv", "-o", str(tmp_path / "out")])
    assert again == 0  # same bytes: left alone
    assert main(["adjust", str(path), first.id, "--status", "done", "--reason", "r"]) == 0
    capsys.readouterr()
    assert main(["export", str(path), "--format", "csv", "-o", str(tmp_path / "out")]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["export", str(path), "--format", "csv", "-o", str(tmp_path / "out"), "--force"]) == 0
    assert _rows(written)[0]["Status"] == "Done"
