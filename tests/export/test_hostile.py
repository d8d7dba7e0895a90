"""User text is data: formula-like, error-like, control-character, very long, right-to-left and emoji text
exports, reloads as text, and stays text when edited."""

from __future__ import annotations

import zipfile
from pathlib import Path

from export_helpers import Scored, data_rows, export, export_both

from slicewise.export.workbook.cells import MAX_CELL_CHARS

RISKY = ("=1+1", "-2+3", "@A1 needs checking", "#REF!", "+1-555-0100")


def _cells(book: object) -> list:
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]  # type: ignore[attr-defined]


def test_no_cell_becomes_a_formula_or_an_error(hostile: Scored, tmp_path: Path) -> None:
    _report, book = export_both(hostile, tmp_path)
    cells = _cells(book)
    assert not [c.coordinate for c in cells if c.data_type in ("f", "e")]
    values = {c.value for c in cells if isinstance(c.value, str)}
    for text in RISKY:
        assert text in values


def test_risky_text_keeps_the_quote_prefix_so_editing_keeps_it_text(hostile: Scored, tmp_path: Path) -> None:
    _report, book = export_both(hostile, tmp_path)
    by_value = {c.value: c for c in _cells(book) if isinstance(c.value, str)}
    for text in (*RISKY, "#NAME?", "#DIV/0!", "=cmd|' /C calc'!A0", "\nstarts with a carriage return"):
        assert by_value[text].quotePrefix, text
    assert not by_value["Answered"].quotePrefix


def test_formula_text_in_names_and_flows_is_stored_as_plain_strings(hostile: Scored, tmp_path: Path) -> None:
    _report, book = export_both(hostile, tmp_path)
    flows = data_rows(book["Flows"])
    assert flows[0][1] == "=cmd|' /C calc'!A0"
    assert flows[0][8] == "#DIV/0!"
    facts = {row[0]: row[1] for row in book["Engagement"].iter_rows(min_row=4, max_row=20, max_col=2, values_only=True)}
    assert facts["Client"].startswith('=HYPERLINK("http://example.invalid"')
    xlsx = next(tmp_path.glob("*.xlsx"))
    with zipfile.ZipFile(xlsx) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)


def test_characters_xml_cannot_carry_are_removed_and_the_rest_kept(hostile: Scored, tmp_path: Path) -> None:
    _report, book = export_both(hostile, tmp_path)
    values = [c.value for c in _cells(book) if isinstance(c.value, str)]
    assert "Null byte and  non-character" in values
    assert "Verticaltab" in values
    joined = "".join(values)
    assert not any(ch in joined for ch in ("\x00", "\x07", "\x0b", "\x0c", "\x1b", "\ufffe"))
    assert "\tstarts with a tab" in " ".join(values)


def test_right_to_left_text_and_emoji_survive(hostile: Scored, tmp_path: Path) -> None:
    _report, book = export_both(hostile, tmp_path)
    values = " ".join(c.value for c in _cells(book) if isinstance(c.value, str))
    assert "مريم الحسن (مديرة التقنية)" in values
    assert "דנה לוי" in values
    assert "Chloé 🚀👩🏽‍💻" in values
    assert "العربية من اليمين إلى اليسار 🙂" in values


def test_text_over_the_cell_limit_is_cut_with_a_visible_marker(hostile: Scored, tmp_path: Path) -> None:
    _report, book = export_both(hostile, tmp_path)
    full = hostile.assessment.answers["ownership.matrix"].note
    row = next(r for r in data_rows(book["Answers"]) if r[1] == "ownership.matrix")
    note = row[7]
    assert len(note) <= MAX_CELL_CHARS
    assert "more characters are in the TOML report]" in note
    kept = note[: note.index("… [cut here")]
    assert full.startswith(kept) and len(kept) > 32_000


def test_hostile_client_name_stays_inside_the_export_folder(hostile: Scored, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    paths = export(hostile, folder)
    assert [p.parent for p in paths] == [folder, folder]
    assert paths[0].name == "hyperlink-http-example-invalid-open-etc-passwd-2026-11-21-report.toml"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(p.name for p in paths)


def test_markup_in_user_text_is_escaped_and_read_back_unchanged(hostile: Scored, tmp_path: Path) -> None:
    _report, book = export_both(hostile, tmp_path)
    headers = [c.value for c in book["Ownership"][4]]
    assert 'PIM (<PIM> & "Catalog" ]]>)' in headers
    facts = {row[0]: row[1] for row in book["Engagement"].iter_rows(min_row=4, max_row=20, max_col=2, values_only=True)}
    assert facts["Notes"] == "Bell form-feed escape end"
