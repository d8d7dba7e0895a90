"""`score --json` and the TOML report share one shape, and `slicewise schema report` publishes it."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from export_helpers import DATA, export, scored

from slicewise.cli import main
from slicewise.core.models.report import Report
from slicewise.export.report import build_report


@pytest.mark.parametrize("name", ["export_sample.toml", "export_hostile.toml", "export_merged.toml"])
def test_score_json_is_the_toml_report_as_json(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (toml_path,) = export(scored(name), tmp_path, ("toml",))
    from_toml = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    capsys.readouterr()
    assert main(["score", str(DATA / name), "--json"]) == 0
    from_json = json.loads(capsys.readouterr().out)
    assert from_json == from_toml
    assert from_json["format"] == "slicewise-report/1"


@pytest.mark.parametrize("name", ["export_sample.toml", "export_hostile.toml", "export_merged.toml"])
def test_every_report_matches_the_published_model(name: str) -> None:
    item = scored(name)
    report = build_report(item.bundle, item.assessment, item.results)
    Report.model_validate(report)
    documented = set(Report.model_fields)
    assert set(report) <= documented, set(report) - documented


def test_schema_report_publishes_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "report"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"].startswith("slicewise report")
    assert schema["required"] == ["format"]
    assert schema["properties"]["format"]["pattern"] == "^slicewise-report/1$"
    assert {"areas", "risks", "roadmap", "answers"} <= set(schema["properties"])
    assert schema["properties"]["risks"]["description"]
