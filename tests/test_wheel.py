"""The wheel carries questionnaires/ and scoring/: installed in a fresh environment it validates and runs the demo."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command, failing the test with its output when it fails."""
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the project's wheel once."""
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)], cwd=out)
    wheels = list(out.glob("slicewise-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_contains_the_content(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "slicewise/_content/questionnaires/commerce-integration/questionnaire.toml" in names
    assert "slicewise/_content/scoring/commerce-integration/scoring.toml" in names
    assert "slicewise/_content/questionnaires/quick-check/questionnaire.toml" in names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_wheel_validates_and_runs_the_demo_from_an_empty_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    run([str(python), "-m", "pip", "install", "-q", str(wheel)], cwd=tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    slicewise = str(venv / "bin" / "slicewise")
    validated = run([slicewise, "validate"], cwd=empty)
    assert "_content/questionnaires/commerce-integration" in validated.stdout
    run([slicewise, "demo", "-o", "out"], cwd=empty)
    written = sorted(p.name for p in (empty / "out").iterdir())
    assert any(name.endswith(".xlsx") for name in written), written
    assessment = next(
        p
        for p in (empty / "out").glob("*.toml")
        if tomllib.loads(p.read_text())["format"].startswith("slicewise-assessment")
    )
    scored = run([slicewise, "score", str(assessment), "--json"], cwd=empty)
    assert '"overall"' in scored.stdout
    opened = run(
        [
            str(python),
            "-c",
            "import sys, tomllib, openpyxl\n"
            "report = tomllib.load(open(sys.argv[1], 'rb'))\n"
            "book = openpyxl.load_workbook(sys.argv[2])\n"
            "print(report['format'], len(report['risks']), book.sheetnames[0], book['Risk register'].max_row)\n",
            str(next((empty / "out").glob("*-report.toml"))),
            str(next((empty / "out").glob("*-report.xlsx"))),
        ],
        cwd=empty,
    )
    report_format, risks, first_sheet, register_rows = opened.stdout.split()
    assert report_format == "slicewise-report/1" and first_sheet == "Summary"
    assert int(risks) > 0 and int(register_rows) > int(risks)
