"""The `export` command: prints the files written, exits 2 with one clear message on bad input, and keeps
openpyxl out of every import until a workbook is written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from export_helpers import DATA

from slicewise.cli import main


def test_export_command_writes_both_files_and_prints_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "new" / "exports"
    code = main(["export", str(DATA / "export_sample.toml"), "-o", str(out)])
    printed = capsys.readouterr().out.split()
    assert code == 0
    assert printed == [
        str(out / "northwind-outfitters-2026-11-20-report.toml"),
        str(out / "northwind-outfitters-2026-11-20-report.xlsx"),
    ]
    assert all(Path(p).stat().st_size > 0 for p in printed)


def test_export_command_writes_only_the_formats_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(DATA / "export_sample.toml"), "--format", "xlsx", "-o", str(tmp_path)]) == 0
    assert [p.suffix for p in tmp_path.iterdir()] == [".xlsx"]


def test_export_command_defaults_to_the_exports_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(DATA / "export_sample.toml"), "--format", "toml"]) == 0
    assert capsys.readouterr().out.strip() == str(Path("exports") / "northwind-outfitters-2026-11-20-report.toml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "unknown format 'pdf'"),
        (["--format", ","], "no format chosen"),
    ],
)
def test_export_command_refuses_bad_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code = main(["export", str(DATA / "export_sample.toml"), "-o", str(tmp_path / "out"), *args])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("slicewise: Cannot export") and message in err
    assert "Traceback" not in err


def test_export_command_reports_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", str(tmp_path / "missing.toml"), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert "missing.toml" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_export_command_reports_a_locked_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "~$northwind-outfitters-2026-11-20-report.xlsx").write_bytes(b"owner")
    code = main(["export", str(DATA / "export_sample.toml"), "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and "open in Excel" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["~$northwind-outfitters-2026-11-20-report.xlsx"]


def test_openpyxl_loads_only_when_a_workbook_is_written() -> None:
    script = (
        "import sys\n"
        "import slicewise.export, slicewise.export.report, slicewise.export.writer\n"
        "from slicewise.cli import build_parser\n"
        "build_parser()\n"
        "assert 'openpyxl' not in sys.modules, 'openpyxl imported too early'\n"
        "print('ok')\n"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env={"PYTHONPATH": str(src)}, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
