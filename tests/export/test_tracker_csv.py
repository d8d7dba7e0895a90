"""The plan CSV for issue trackers reads back with the csv module: one row per action instance, every column."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
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
    assert [row["Slicewise ID"] for row in rows] == [action.id for action in actions]
    assert [row["Row"] for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
    number = {row["Slicewise ID"]: row["Row"] for row in rows}
    slices = {piece.id: piece.title for piece in results.roadmap}
    for row, action in zip(rows, actions, strict=True):
        assert row["Title"] == action.title and row["Effort"] == action.effort
        assert row["Slice"] == slices.get(action.slice, "Later")
        assert f"Evidence of done: {action.evidence}" in row["Description"]
        assert all(reason.text in row["Description"] for reason in action.reasons)
        assert row["Depends on"] == ", ".join(action.depends_on)
        assert row["Depends on rows"].split() == [number[dep] for dep in action.depends_on if dep in number]
        assert row["Owner role"] == action.owner
    top = rows[0]
    assert top["Status"] == "In progress" and top["Owner"] == "'=Priya"
    assert any(row["Depends on rows"] for row in rows)
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


def test_columns_fit_each_trackers_documented_importer(tmp_path: Path) -> None:
    """Jira: a Summary-able title, no punctuation in headers; Azure DevOps: Work Item Type and Title by name, no ID."""
    _bundle, _assessment, path = write_demo(tmp_path)
    first = evaluate(*reversed(open_assessment(path))).roadmap[0].actions[0]
    assert main(["adjust", str(path), first.id, "--due", "2027-03-15", "--reason", "r"]) == 0
    assert main(["export", str(path), "--format", "csv", "-o", str(tmp_path / "out")]) == 0
    data = next((tmp_path / "out").glob("*.csv")).read_bytes()
    header = data.decode("utf-8-sig").split("\r\n", 1)[0].split(",")
    assert all(re.fullmatch(r"[A-Za-z ]+", name) for name in header)  # Jira: no punctuation in the header row
    assert {"Work Item Type", "Title", "Description", "Tags"} <= set(header)  # Azure DevOps field names
    assert "ID" not in header  # Azure DevOps would read it as the id of an existing work item
    assert header[0] == "Slicewise ID"  # an importer that keeps the BOM in the first name loses no needed column
    rows = _rows(next((tmp_path / "out").glob("*.csv")))
    assert len(rows) <= 1000  # Azure DevOps imports at most 1,000 work items at a time
    assert all(row["Title"] and "\n" not in row["Title"] and len(row["Title"]) <= 255 for row in rows)
    assert all(" " not in row["Tags"] and ";" not in row["Tags"] for row in rows)  # one label, valid everywhere
    assert rows[0]["Target date"] == "2027-03-15"
    assert all(dt.date.fromisoformat(row["Target date"]) for row in rows if row["Target date"])
    assert all(float(row["Effort days"]) >= 0 for row in rows)
    assert any("\n" in row["Description"] for row in rows)  # multi-line descriptions survive, quoted


def test_a_csv_exported_with_the_earlier_columns_is_still_recognised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _bundle, _assessment, path = write_demo(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", str(path), "--format", "csv", "-o", str(tmp_path / "probe")]) == 0
    name = next((tmp_path / "probe").glob("*.csv")).name
    shutil.copyfile(Path(__file__).parent.parent / "data" / "tracker_csv_earlier_columns.csv", out / name)
    capsys.readouterr()
    assert main(["export", str(path), "--format", "csv", "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err  # ours, from this assessment: replaced only when asked
    assert main(["export", str(path), "--format", "csv", "-o", str(out), "--force"]) == 0
    assert _rows(out / name)[0]["Slicewise ID"]
