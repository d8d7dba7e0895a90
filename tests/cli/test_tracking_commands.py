"""`adjust`, `add-risk`, `add-action`, `milestone` and `compare FILE@NAME` as a script meets them."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from slicewise.cli import main
from slicewise.core.demo import write_demo
from slicewise.core.engine import evaluate
from slicewise.core.store import open_assessment


def test_adjust_saves_and_score_json_shows_engine_and_adjustment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, assessment, path = write_demo(tmp_path)
    risk = evaluate(bundle, assessment).risks[0]
    args = ["adjust", str(path), risk.id, "--likelihood", "1", "--accept", "--owner", "Dana", "--by", "Ana"]
    args += ["--strategy", "transfer"]
    assert main([*args, "--due", "2027-01-15", "--reason", "Handled by the PSP"]) == 0
    capsys.readouterr()
    assert main(["score", str(path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    shown = next(r for r in payload["risks"] if r["id"] == risk.id)
    assert shown["engine"]["likelihood"] == risk.likelihood and shown["likelihood"] == 1
    assert shown["response"] == "accepted" and shown["named_owner"] == "Dana" and shown["due"] == "2027-01-15"
    assert shown["strategy"] == "transfer"
    assert shown["adjustments"][0]["by"] == "Ana" and shown["adjustments"][0]["reason"] == "Handled by the PSP"
    assert payload["adjustments"][0]["stale"] is False
    assert main(["explain", str(path), risk.id]) == 0
    assert "response strategy transfer" in capsys.readouterr().out


@pytest.mark.parametrize(
    "extra",
    [
        ["no-such-id", "--owner", "x", "--reason", "r"],
        ["RISK", "--status", "done", "--reason", "r"],
        ["RISK", "--due", "2027-02-30", "--reason", "r"],
        ["RISK", "--owner", "x", "--reason", " "],
        ["RISK", "--dismiss", "--restore", "--reason", "r"],
    ],
)
def test_adjust_refuses_with_exit_2_and_leaves_the_file(
    extra: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, assessment, path = write_demo(tmp_path)
    risk = evaluate(bundle, assessment).risks[0].id
    before = path.read_bytes()
    assert main(["adjust", str(path), *[risk if part == "RISK" else part for part in extra]]) == 2
    err = capsys.readouterr().err
    assert "Cannot adjust" in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_custom_items_milestones_and_compare_between_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bundle, assessment, path = write_demo(tmp_path)
    results = evaluate(bundle, assessment)
    action = results.roadmap[0].actions[0].id
    assert main(["add-risk", str(path), "--title", "Key person", "--likelihood", "5", "--reason", "One dev"]) == 0
    add = ["add-action", str(path), "--title", "Pair up", "--slice", "thin-slice", "--depends-on", action]
    assert main([*add, "--reason", "Answers the key person risk"]) == 0
    assert main(["milestone", str(path), "workshop"]) == 0
    assert main(["adjust", str(path), action, "--status", "done", "--reason", "Delivered"]) == 0
    assert main(["milestone", str(path), "month one"]) == 0
    assert main(["milestone", str(path), "workshop"]) == 2
    capsys.readouterr()
    assert main(["milestone", str(path)]) == 0
    listed = capsys.readouterr().out
    assert "workshop" in listed and "month one" in listed
    assert main(["compare", f"{path}@workshop", f"{path}@month one", "--json"]) == 0
    comparison = json.loads(capsys.readouterr().out)
    assert comparison["action_statuses"] == [
        {"id": action, "title": results.roadmap[0].actions[0].title, "before": "not-started", "after": "done"}
    ]
    assert comparison["warnings"] == []
    assert main(["compare", f"{path}@nope", str(path)]) == 2
    assert "no milestone 'nope'" in capsys.readouterr().err
    reopened, _ = open_assessment(path)
    assert [m.name for m in reopened.milestones] == ["workshop", "month one"]
    assert reopened.custom_risks[0].id == "custom-key-person"


def test_compare_warns_when_clients_differ(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _bundle, assessment, path = write_demo(tmp_path / "a")
    other = path.read_text(encoding="utf-8").replace(assessment.engagement.client, "Another Client Ltd")
    (tmp_path / "b.toml").write_text(other, encoding="utf-8")
    assert main(["compare", str(path), str(tmp_path / "b.toml"), "--json"]) == 0
    warnings = json.loads(capsys.readouterr().out)["warnings"]
    assert any("different clients" in warning for warning in warnings)


def test_a_moved_action_changes_the_projected_levels_in_score_json_the_report_and_the_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from slicewise.export.report import render_report_toml
    from slicewise.export.workbook import assemble_workbook

    bundle, assessment, path = write_demo(tmp_path)
    engine = evaluate(bundle, assessment)
    first = engine.roadmap[0]
    before = {p.area: p.steps[0].level for p in engine.plan.projections}
    action = next(a for a in first.actions if a.area == "failure" and a.moves)
    assert main(["adjust", str(path), action.id, "--slice", "later", "--reason", "Budget next year"]) == 0
    capsys.readouterr()
    assert main(["score", str(path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    shown = next(p for p in payload["plan"]["projections"] if p["area"] == "failure")
    assert shown["steps"][0]["level"] < before["failure"]
    changed = open_assessment(path)[0]
    results = evaluate(bundle, changed)
    report = tomllib.loads(render_report_toml(bundle, changed, results))
    assert next(p for p in report["plan"]["projections"] if p["area"] == "failure")["steps"][0] == shown["steps"][0]
    roadmap = assemble_workbook(bundle, changed, results)["Roadmap"]
    row = next(r for r in roadmap.iter_rows(values_only=True) if r[0] == 1 and r[1] == first.title)
    engine_row = next(
        r for r in assemble_workbook(bundle, assessment, engine)["Roadmap"].iter_rows(values_only=True) if r[0] == 1
    )
    assert "Failure" in str(engine_row[7]) and "Failure" not in str(row[7])


def test_custom_items_show_as_custom_in_explain_the_report_and_the_workbook(tmp_path: Path) -> None:
    from slicewise.core.explain import explain_lines
    from slicewise.core.tracking import add_custom_action, add_custom_risk
    from slicewise.export.report import render_report_toml
    from slicewise.export.workbook import assemble_workbook

    bundle, assessment, _path = write_demo(tmp_path)
    engine = evaluate(bundle, assessment)
    changed = add_custom_risk(assessment, engine, title="Peak freeze", reason="Named by the CTO", by="Ana")
    changed = add_custom_action(changed, engine, title="Brief support", slice="decide", reason="Calls", by="Ana")
    results = evaluate(bundle, changed)
    assert "Added by Ana: Named by the CTO" in "\n".join(explain_lines(bundle, results, "custom-peak-freeze"))
    report = tomllib.loads(render_report_toml(bundle, changed, results))
    assert next(r for r in report["risks"] if r["id"] == "custom-peak-freeze")["source"] == "custom"
    actions = [a for piece in report["roadmap"] for a in piece["actions"]]
    assert next(a for a in actions if a["id"] == "custom-brief-support")["kind"] == "custom"
    book = assemble_workbook(bundle, changed, results)
    for sheet, key in (("Risk register", "custom-peak-freeze"), ("Roadmap", "custom-brief-support")):
        rows = [row for row in book[sheet].iter_rows(values_only=True) if key in row]
        assert len(rows) == 1, sheet
    register = next(row for row in book["Risk register"].iter_rows(values_only=True) if "custom-peak-freeze" in row)
    assert "custom" in register  # its category
