"""The report and the workbook show what was adjusted, by whom and why, next to what the engine said."""

from __future__ import annotations

import tomllib

from openpyxl import load_workbook

from slicewise.core.demo import load_demo
from slicewise.core.engine import evaluate
from slicewise.core.tracking import adjust
from slicewise.export.report import render_report_toml
from slicewise.export.workbook import assemble_workbook


def test_report_and_workbook_carry_engine_view_adjustments_and_stale_ones(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bundle, assessment = load_demo()
    engine = evaluate(bundle, assessment)
    risk = next(r for r in engine.risks if r.source == "rule")
    action = engine.roadmap[0].actions[0]
    changed = adjust(assessment, engine, risk.id, {"impact": 1}, "Small orders only", "Ana")
    changed = adjust(changed, engine, action.id, {"dropped": True}, "Already in place", "Ana")
    gone = next(
        r
        for r in engine.risks
        if r.id.startswith("flows.missing-safeguards:") and r.id.split(":", 1)[1] not in action.id
    )
    changed = adjust(changed, engine, gone.id, {"response": "closed"}, "Fixed")
    changed.flows = [f for f in changed.flows if f.id != gone.id.split(":", 1)[1]]
    results = evaluate(bundle, changed)

    report = tomllib.loads(render_report_toml(bundle, changed, results))
    shown = next(r for r in report["risks"] if r["id"] == risk.id)
    assert shown["engine"]["impact"] == risk.impact and shown["impact"] == 1
    assert shown["adjustments"][0]["reason"] == "Small orders only" and shown["adjustments"][0]["by"] == "Ana"
    assert [a["id"] for a in report["dropped_actions"]] == [action.id]
    assert [(a["id"], a.get("stale", False)) for a in report["adjustments"]][-1] == (gone.id, True)

    book = assemble_workbook(bundle, changed, results)
    register = book["Risk register"]
    header = [cell.value for cell in register[4]]
    row = next(r for r in register.iter_rows(min_row=5, values_only=True) if r[header.index("Engine id")] == risk.id)
    note = row[header.index("Adjusted (engine said, by whom, why)")]
    assert f"impact {risk.impact}" in note and "by Ana" in note and "Small orders only" in note
    sheet = book["Adjustments"]
    rows = list(sheet.iter_rows(min_row=5, max_row=7, values_only=True))
    assert [(r[1], r[6]) for r in rows] == [(risk.id, "applied"), (action.id, "applied"), (gone.id, "stale")]
    book.save(tmp_path / "x.xlsx")
    assert load_workbook(tmp_path / "x.xlsx")["Adjustments"]["D7"].value == "Fixed"
