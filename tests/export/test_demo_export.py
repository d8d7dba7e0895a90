"""The built-in demo exports completely and stably: the workbook agrees with the report it ships with."""

from __future__ import annotations

import tomllib
from pathlib import Path

from export_helpers import data_rows
from openpyxl import load_workbook

from slicewise.core.demo import load_demo
from slicewise.core.engine import evaluate
from slicewise.export import write_exports


def test_demo_exports_agree_and_repeat_byte_for_byte(tmp_path: Path) -> None:
    bundle, assessment = load_demo()
    results = evaluate(bundle, assessment)
    first = write_exports(bundle, assessment, results, tmp_path / "one")
    second = write_exports(bundle, assessment, results, tmp_path / "two")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    report = tomllib.loads(first[0].read_text(encoding="utf-8"))
    book = load_workbook(first[1])
    assert [row[-1] for row in data_rows(book["Risk register"])] == [r["id"] for r in report["risks"]]
    answers = [row[1] for row in data_rows(book["Answers"])]
    assert answers == [a["id"] for a in report["answers"]] + [o["id"] for o in report.get("orphan_answers", [])]
    assert len(data_rows(book["Flows"])) == len(report["flows"])
    assert len(data_rows(book["Ownership"])) == len(report["ownership"])
    actions = sum(len(s.get("actions", [])) for s in report["roadmap"])
    plan = book["Roadmap"]
    top = next(cell.row for cell in plan["A"] if cell.value == "ID")
    assert len(data_rows(plan, top)) == actions
