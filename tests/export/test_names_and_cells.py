"""File names that never leave the folder, and the cell-safety rules applied to every string."""

from __future__ import annotations

import pytest

from slicewise.core.models.assessment import Assessment, Engagement, QuestionnaireRef
from slicewise.core.slug import slugify
from slicewise.export.names import base_name, date_part
from slicewise.export.workbook.cells import CUT_MARKER, MAX_CELL_CHARS, clean_text, is_risky, safe_sheet_title


def _named(client: str, date: str = "2026-11-20") -> Assessment:
    return Assessment(questionnaire=QuestionnaireRef(id="mini"), engagement=Engagement(client=client, date=date))


@pytest.mark.parametrize(
    ("client", "stem"),
    [
        ("Northwind Outfitters", "northwind-outfitters-2026-11-20-report"),
        ("../../etc/passwd", "etc-passwd-2026-11-20-report"),
        ("C:\\Windows\\System32", "c-windows-system32-2026-11-20-report"),
        ("Café Zürich AG", "cafe-zurich-ag-2026-11-20-report"),
        ("🚀🚀", "client-6708b2-2026-11-20-report"),
        ("株式会社ハーバー", "株式会社ハーバー-2026-11-20-report"),
        ("הרבור בע״מ", "הרבור-בע-מ-2026-11-20-report"),
        ("Ελληνική ΑΕ", "ελληνική-αε-2026-11-20-report"),
        ("𠀀" * 60, "𠀀" * 37 + "-2026-11-20-report"),
        ("CON", "con-2026-11-20-report"),
        ("", "assessment-2026-11-20-report"),
        ("x" * 300, "x" * 60 + "-2026-11-20-report"),
    ],
)
def test_base_name_is_a_safe_slug_of_client_and_date(client: str, stem: str) -> None:
    assert base_name(_named(client)) == stem


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-11-20", "2026-11-20"), ("", "undated"), ("  ", "undated"), ("next week/../x", "next-week-x")],
)
def test_date_part_never_uses_the_clock(text: str, expected: str) -> None:
    assert date_part(text) == expected


def test_slugify_falls_back_when_nothing_is_left() -> None:
    assert slugify("///", "fallback") == "fallback"


def test_clean_text_removes_what_xml_cannot_carry_and_keeps_the_rest() -> None:
    assert clean_text("a\x00b\x07c\x1bd\ufffee") == "abcde"
    assert clean_text("tab\tstays, line\r\nbreaks too\r") == "tab\tstays, line\nbreaks too\n"
    assert clean_text("مرحبا 👋") == "مرحبا 👋"


def test_clean_text_cuts_long_text_with_a_marker_within_the_limit() -> None:
    text = "x" * (MAX_CELL_CHARS + 10_000)
    cut = clean_text(text)
    assert len(cut) <= MAX_CELL_CHARS
    assert cut.endswith("more characters are in the TOML report]")
    assert CUT_MARKER.split("{")[0] in cut
    assert clean_text("y" * MAX_CELL_CHARS) == "y" * MAX_CELL_CHARS


def test_clean_text_counts_the_limit_in_utf16_units_like_excel() -> None:
    cut = clean_text("🚀" * 20_000)
    assert len(cut.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS
    assert cut.startswith("🚀" * 100) and "more characters are in the TOML report]" in cut
    assert clean_text("🚀" * 16_000) == "🚀" * 16_000


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "#N/A", "#REF!", "'quoted", "12.5"])
def test_text_excel_would_reinterpret_is_risky(text: str) -> None:
    assert is_risky(text)


@pytest.mark.parametrize("text", ["Order export only", "A = B", "SAP S/4HANA", "e-mail", ""])
def test_plain_text_is_not_risky(text: str) -> None:
    assert not is_risky(text)


def test_sheet_titles_are_made_valid_and_unique() -> None:
    assert safe_sheet_title("Risks: Q1/Q2 [draft]?") == "Risks- Q1-Q2 -draft--"
    assert len(safe_sheet_title("A" * 50)) == 31
    assert safe_sheet_title("'quoted'") == "quoted"
    assert safe_sheet_title("", set()) == "Sheet"
    assert safe_sheet_title("History") == "History (2)"
    assert safe_sheet_title("Summary", {"summary"}) == "Summary (2)"
    assert safe_sheet_title("S" * 31, {"S" * 31}) == "S" * 27 + " (2)"
