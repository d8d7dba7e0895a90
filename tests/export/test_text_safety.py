"""Text reads back as typed (`_xHHHH_` sequences, value-like text), no cell is ever a formula, client names in
any script give their own files, and an export never silently replaces a file."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from export_helpers import DATA, Scored, export, scored
from openpyxl import load_workbook

from slicewise.cli import main
from slicewise.core.errors import SlicewiseError
from slicewise.export.names import base_name

CODE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def ooxml_text(stored: str) -> str:
    """Decode text the way Excel and LibreOffice read a cell: every `_xHHHH_` becomes its character."""
    return CODE.sub(lambda match: chr(int(match.group(1), 16)), stored)


def _strings(path: Path) -> list[tuple[str, bool]]:
    """Every text cell of a workbook as a spreadsheet shows it, with its quote-prefix flag."""
    book = load_workbook(path)
    return [
        (ooxml_text(cell.value), bool(cell.quotePrefix))
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


def test_xhhhh_sequences_read_back_as_typed(tmp_path: Path) -> None:
    item = scored("export_text_codes.toml")
    xlsx = export(item, tmp_path, ("xlsx",))[0]
    shown = {text for text, _quoted in _strings(xlsx)}
    typed = item.assessment.answers["context.platform"].text
    assert typed == "Order_x0020_Id from SharePoint; also _x0041_ and _X00e9_ and _x005F_"
    assert typed in shown
    assert "Key field: Customer_x0020_Number_x0020_" in shown
    assert any("Sync of Order_x0020_Id" in text for text in shown)
    assert not any("Order Id" in text for text in shown)


@pytest.mark.parametrize("text", ["2027-03-01", "50%", "TRUE", "1,000", "12:30", "3/4", "Mar 2027"])
def test_value_like_text_keeps_the_quote_prefix(text: str, tmp_path: Path) -> None:
    xlsx = export(scored("export_text_value_like.toml"), tmp_path, ("xlsx",))[0]
    flags = {flag for shown, flag in _strings(xlsx) if shown == text}
    assert flags == {True}


@pytest.mark.parametrize(
    "name",
    [
        "export_sample.toml",
        "export_hostile.toml",
        "export_merged.toml",
        "export_text_codes.toml",
        "export_text_value_like.toml",
    ],
)
def test_no_cell_of_any_export_is_a_formula(name: str, tmp_path: Path) -> None:
    xlsx = export(scored(name), tmp_path, ("xlsx",))[0]
    with zipfile.ZipFile(xlsx) as archive:
        for entry in archive.namelist():
            if entry.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(entry) and b"<f " not in archive.read(entry), entry
    book = load_workbook(xlsx)
    assert not [c.coordinate for s in book.worksheets for r in s.iter_rows() for c in r if c.data_type == "f"]


def test_japanese_and_hebrew_clients_land_side_by_side(tmp_path: Path) -> None:
    japanese, hebrew = scored("export_client_japanese.toml"), scored("export_client_hebrew.toml")
    first = export(japanese, tmp_path)
    second = export(hebrew, tmp_path)
    assert [p.name for p in first] == [
        "株式会社ハーバー-2026-11-20-report.toml",
        "株式会社ハーバー-2026-11-20-report.xlsx",
    ]
    assert [p.name for p in second] == ["הרבור-בע-מ-2026-11-20-report.toml", "הרבור-בע-מ-2026-11-20-report.xlsx"]
    assert len({p.name for p in tmp_path.iterdir()}) == 4
    assert "株式会社ハーバー" in first[0].read_text(encoding="utf-8")
    assert "הרבור" in second[0].read_text(encoding="utf-8")


def test_exporting_the_same_assessment_again_is_a_no_op(sample: Scored, tmp_path: Path) -> None:
    paths = export(sample, tmp_path)
    before = [p.stat().st_mtime_ns for p in paths]
    assert export(sample, tmp_path) == paths
    assert [p.stat().st_mtime_ns for p in paths] == before


def _changed(sample: Scored) -> Scored:
    """The same assessment after an edit that changes its exports."""
    edited = sample.assessment.model_copy(deep=True)
    edited.engagement.notes = "Edited after the first export."
    return scored_from(sample, edited)


def scored_from(sample: Scored, assessment: object) -> Scored:
    from slicewise.core.engine import evaluate

    return Scored(sample.bundle, assessment, evaluate(sample.bundle, assessment))  # type: ignore[arg-type]


def test_an_earlier_export_of_the_same_assessment_is_replaced_only_with_force(sample: Scored, tmp_path: Path) -> None:
    paths = export(sample, tmp_path)
    earlier = [p.read_bytes() for p in paths]
    edited = _changed(sample)
    with pytest.raises(SlicewiseError, match="pass --force to replace it") as caught:
        export(edited, tmp_path)
    assert caught.value.exit_code == 2
    assert [p.read_bytes() for p in paths] == earlier
    assert export(edited, tmp_path, force=True) == paths
    assert [p.read_bytes() for p in paths] != earlier


def test_an_export_of_another_assessment_is_never_replaced(sample: Scored, tmp_path: Path) -> None:
    other = scored("export_same_name_other.toml")
    assert base_name(other.assessment) == base_name(sample.assessment)
    paths = export(sample, tmp_path)
    earlier = [p.read_bytes() for p in paths]
    for force in (False, True):
        with pytest.raises(SlicewiseError, match="different assessment"):
            export(other, tmp_path, force=force)
    assert [p.read_bytes() for p in paths] == earlier


def test_a_file_that_is_not_an_export_is_never_replaced(sample: Scored, tmp_path: Path) -> None:
    target = tmp_path / f"{base_name(sample.assessment)}.xlsx"
    target.write_bytes(b"someone's own workbook")
    with pytest.raises(SlicewiseError, match="not a slicewise export"):
        export(sample, tmp_path, force=True)
    assert target.read_bytes() == b"someone's own workbook"
    assert not (tmp_path / f"{base_name(sample.assessment)}.toml").exists()


def test_the_export_command_refuses_with_exit_2_and_replaces_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "assessment.toml"
    source.write_text((DATA / "export_sample.toml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["export", str(DATA / "export_sample.toml"), "-o", str(out)]) == 0
    edited = source.read_text(encoding="utf-8").replace('notes = "Workshop in Oslo."', 'notes = "Changed."')
    source.write_text(edited.replace('path = "mini"', f'path = "{DATA / "mini"}"'), encoding="utf-8")
    capsys.readouterr()
    assert main(["export", str(source), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["export", str(source), "-o", str(out), "--force"]) == 0


@pytest.mark.parametrize(
    ("environ", "paper"),
    [
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "en_GB.UTF-8"}, "a4"),
        ({"LC_PAPER": "fr_CA.UTF-8", "LANG": "de_DE.UTF-8"}, "letter"),
        ({"LC_ALL": "de_DE.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "a4"),
        ({"LANG": "C.UTF-8"}, "a4"),
        ({}, "a4"),
    ],
)
def test_the_default_paper_follows_the_locale(environ: dict[str, str], paper: str) -> None:
    from slicewise.export.paper import default_paper

    assert default_paper(environ) == paper


def test_paper_letter_lays_out_every_sheet_on_letter_and_nothing_on_a3(tmp_path: Path) -> None:
    assert main(["export", str(DATA / "export_sample.toml"), "-o", str(tmp_path), "--paper", "letter"]) == 0
    book = load_workbook(next(tmp_path.glob("*.xlsx")))
    for sheet in book.worksheets:
        assert str(sheet.page_setup.paperSize) == "1", sheet.title
        assert sheet.print_area, sheet.title
        assert sheet.page_margins.top - sheet.page_margins.header >= 0.5, sheet.title
    assert main(["export", str(DATA / "export_sample.toml"), "-o", str(tmp_path / "a4"), "--paper", "a4"]) == 0
    book = load_workbook(next((tmp_path / "a4").glob("*.xlsx")))
    assert {str(sheet.page_setup.paperSize) for sheet in book.worksheets} == {"9"}
