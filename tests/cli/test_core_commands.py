"""The command line as a user meets it: exit codes 0 / 1 / 2, one clear message, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from slicewise import __version__
from slicewise.cli import main

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The mini questionnaire with the valid and bad assessment fixtures beside it."""
    shutil.copytree(DATA / "mini", tmp_path / "mini")
    for fixture in DATA.glob("assessment_*.toml"):
        shutil.copyfile(fixture, tmp_path / fixture.name)
    return tmp_path


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"slicewise {__version__}"
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("validate", "score", "explain", "schema", "demo"):
        assert command in out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice" in err and "Traceback" not in err


def test_validate_built_in_content_and_a_folder(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    assert main(["validate", str(workspace / "mini")]) == 0
    assert "ok" in capsys.readouterr().out


def test_validate_reports_problems_with_exit_1(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    shutil.copyfile(DATA / "loader_cycle.toml", workspace / "mini" / "scoring" / "roadmap.toml")
    assert main(["validate", str(workspace / "mini")]) == 1
    err = capsys.readouterr().err
    assert "roadmap.toml:7: dependency cycle" in err
    assert "1 problem found." in err


def test_score_json_gives_areas_overall_risks_and_roadmap(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    assert main(["score", str(workspace / "assessment_valid.toml"), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["format"] == "slicewise-report/1"
    assert {"areas", "overall", "risks", "roadmap", "answers"} <= set(payload)
    failure = next(a for a in payload["areas"] if a["id"] == "failure")
    assert failure["answered"] == 3 and failure["target"] == 3  # idempotency, retry and the flow inventory
    risk_ids = {r["id"] for r in payload["risks"]}
    assert "duplicate-orders" in risk_ids
    assert any(r.startswith("flows.latency") for r in risk_ids)
    assert any("retired.question" in w for w in payload["warnings"])


def test_score_prints_a_scorecard(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    assert main(["score", str(workspace / "assessment_valid.toml")]) == 0
    captured = capsys.readouterr()
    assert "Failure" in captured.out and "Top risks" in captured.out and "Plan" in captured.out
    assert "retired.question" in captured.err


def test_explain_all_and_one_item(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    path = str(workspace / "assessment_valid.toml")
    assert main(["explain", path]) == 0
    everything = capsys.readouterr().out
    assert "duplicate-orders" in everything and "Weighted mean" in everything
    assert main(["explain", path, "duplicate-orders"]) == 0
    one = capsys.readouterr().out
    assert "failure.idempotency" in one and len(one) < len(everything)


def test_explain_unknown_id_is_bad_input(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    assert main(["explain", str(workspace / "assessment_valid.toml"), "duplicate-order"]) == 2
    assert "duplicate-orders" in capsys.readouterr().err


@pytest.mark.parametrize(
    "fixture",
    sorted(p.name for p in DATA.glob("assessment_*.toml") if p.name != "assessment_valid.toml"),
)
def test_every_bad_assessment_exits_2_with_a_located_message(
    fixture: str, capsys: pytest.CaptureFixture[str], workspace: Path
) -> None:
    path = workspace / fixture
    before = path.read_bytes()
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("slicewise: ")
    assert fixture in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_missing_file_is_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["score", str(tmp_path / "nope.toml")]) == 2
    assert "file not found" in capsys.readouterr().err


def test_schema_lists_prints_and_writes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["schema"]) == 0
    assert "assessment" in capsys.readouterr().out
    assert main(["schema", "questionnaire"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["additionalProperties"] is False and "areas" in schema["properties"]
    assert main(["schema", "-o", str(tmp_path / "schemas")]) == 0
    assert len(list((tmp_path / "schemas").glob("*.schema.json"))) == 7
    assert main(["schema", "nonsense"]) == 2


def test_demo_writes_an_assessment_that_scores_and_explains(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "-o", str(out)]) == 0
    capsys.readouterr()
    assessments = [
        p for p in out.glob("*.toml") if tomllib.loads(p.read_text())["format"].startswith("slicewise-assessment")
    ]
    assert len(assessments) == 1
    stem = assessments[0].stem
    assert {p.name for p in out.iterdir()} == {f"{stem}.toml", f"{stem}-report.toml", f"{stem}-report.xlsx"}
    assert main(["score", str(assessments[0]), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["overall"]["score"] is not None
    assert payload["risks"] and all(s["actions"] for s in payload["roadmap"])
    assert main(["explain", str(assessments[0])]) == 0


def test_no_traceback_even_from_a_subprocess(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\x00\x01 not toml")
    result = subprocess.run(
        [sys.executable, "-m", "slicewise", "score", str(bad)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "binary file" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_output_cut_short_by_head_is_quiet(tmp_path: Path) -> None:
    assert main(["demo", "-o", str(tmp_path)]) == 0
    assessment = next(
        p for p in tmp_path.glob("*.toml") if tomllib.loads(p.read_text())["format"].startswith("slicewise-assessment")
    )
    explain = subprocess.Popen(
        [sys.executable, "-m", "slicewise", "explain", str(assessment)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert explain.stdout is not None and explain.stderr is not None
    explain.stdout.readline()
    explain.stdout.close()
    stderr = explain.stderr.read().decode()
    explain.wait(timeout=60)
    assert "BrokenPipe" not in stderr and "Traceback" not in stderr
