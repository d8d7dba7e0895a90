"""The plan everywhere it appears: `score`, `score --json`, `explain ACTION_ID` and the TOML report."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from slicewise.cli import main

PROFILES = Path(__file__).parent.parent / "data" / "plan"


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Run `slicewise demo` into a temporary folder and return the assessment it saved."""
    assert main(["demo", "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    return next(p for p in tmp_path.glob("*.toml") if not p.name.endswith("-report.toml"))


def test_score_shows_find_out_slices_later_and_projected_levels(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(PROFILES / "many_unknowns.toml")]) == 0
    out = capsys.readouterr().out
    assert "0. Find out first" in out and "1. Decide before building" in out and "Later" in out
    assert "Projected levels" in out and "+Later" in out and "Target" in out


def test_score_json_carries_the_plan_with_projected_levels(capsys: pytest.CaptureFixture[str], demo_file: Path) -> None:
    assert main(["score", str(demo_file), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    plan = payload["plan"]
    assert plan["flow"]["id"] in {"order-export", "stock-file"}
    assert plan["later"] and all(a["waits"] for a in plan["later"])
    ownership = next(p for p in plan["projections"] if p["area"] == "ownership")
    assert len(ownership["steps"]) == 5 and ownership["target"] == 3
    first = payload["roadmap"][0]
    assert first["limit"] == 7 and len(first["actions"]) <= 7
    assert any(a["id"].startswith("agree-ownership-matrix:") for a in first["actions"])


def test_explain_an_instance_says_why_this_action_subject_and_slice(
    capsys: pytest.CaptureFixture[str], demo_file: Path
) -> None:
    assert main(["explain", str(demo_file), "replace-slow-pattern:stock-file"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("replace-slow-pattern:stock-file: Replace Nightly stock file to the storefront")
    assert "Answers risk 'Nightly stock file to the storefront cannot be as fresh" in out  # why this action
    assert "Written for flow Nightly stock file to the storefront (stock-file)" in out  # why this subject
    assert "Ranked " in out and "for a place in slice 2" in out  # why this slice
    assert main(["explain", str(demo_file), "add-duplicate-detection"]) == 0
    later = capsys.readouterr().out
    assert "(Later;" in later and "Waits in Later:" in later


def test_the_report_carries_instances_later_find_out_and_projections(
    capsys: pytest.CaptureFixture[str], demo_file: Path
) -> None:
    report = tomllib.loads(next(demo_file.parent.glob("*-report.toml")).read_text(encoding="utf-8"))
    actions = [a for piece in report["roadmap"] for a in piece["actions"]]
    ids = [a["id"] for a in actions]
    assert len(ids) == len(set(ids))
    by_id = {a["id"]: a for a in actions}
    flow = report["plan"]["flow"]["id"]
    thin = by_id[f"build-thin-slice:{flow}"]
    assert (thin["action"], thin["subject"], thin["slice"], thin["effort"]) == (
        "build-thin-slice",
        flow,
        "thin-slice",
        "L",
    )
    assert all(dep in by_id for a in actions for dep in a.get("depends_on", []))
    plan = report["plan"]
    assert plan["effort_days"] == {"S": 3.0, "M": 8.0, "L": 20.0, "XL": 40.0}
    assert plan["find_out"][0]["questions"][0]["affects"]
    assert {p["area"] for p in plan["projections"]} >= {"ownership", "failure"}
    assert all(c["answered_by"] for c in plan["critical"])
