"""The render check: the demo workbook printed through LibreOffice, with and without a Calibri-width font,
on A4 and Letter. Page one holds Start here and the top risks, every printed cell's text appears whole,
and the page counts stay within budget. Skipped only when LibreOffice is absent outside CI."""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from slicewise.core.demo import load_demo
from slicewise.core.engine import evaluate
from slicewise.export import write_exports

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from render_check import Rendered, render, tools_missing, words

MISSING = tools_missing()
if MISSING and os.environ.get("CI") != "true":
    pytest.skip(f"LibreOffice render check needs {', '.join(MISSING)}", allow_module_level=True)

ACTIONS_PER_PAGE = 8
"""The plan's page budget: the overview page, then one page per slice while slices stay within this many
actions (the plan's slice limit is 7)."""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo exported on A4 and on Letter, with its results."""
    assert not MISSING, f"CI must render the workbook: install {', '.join(MISSING)}"
    bundle, assessment = load_demo()
    results = evaluate(bundle, assessment)
    folder = tmp_path_factory.mktemp("render")
    files = {}
    for paper in ("a4", "letter"):
        (xlsx,) = write_exports(bundle, assessment, results, folder / paper, ("xlsx",), paper=paper)
        files[paper] = xlsx
    return {"results": results, "files": files, "folder": folder}


@pytest.fixture(scope="module", params=[("a4", "calibri"), ("a4", "fallback"), ("letter", "fallback")], ids=str)
def rendered(request: pytest.FixtureRequest, demo: dict[str, Any]) -> Rendered:
    """One render of the demo workbook."""
    paper, fonts = request.param
    return render(demo["files"][paper], demo["folder"] / f"{paper}-{fonts}", fonts)


def test_summary_is_one_page_holding_start_here_and_the_top_risks(rendered: Rendered, demo: dict[str, Any]) -> None:
    assert rendered.page_counts()["Summary"] == 1
    page = rendered.first_page("Summary")
    printed = words(page)
    results = demo["results"]
    assert "Start here" in page
    first = next(piece for piece in results.roadmap if piece.actions)
    for action in first.actions[:5]:
        assert words(action.title) <= printed
    for number, risk in enumerate(results.risks[:5], start=1):
        assert f"R{number:02d}" in printed
        assert words(risk.title) <= printed


def test_every_printed_cell_appears_whole(rendered: Rendered) -> None:
    assert rendered.missing == []
    assert rendered.overprinted == []


def test_page_counts_stay_within_budget(rendered: Rendered, demo: dict[str, Any]) -> None:
    counts = rendered.page_counts()
    pieces = [piece for piece in demo["results"].roadmap if piece.actions]
    budget = 1 + sum(math.ceil(len(piece.actions) / ACTIONS_PER_PAGE) for piece in pieces)
    assert counts["Roadmap"] <= budget
    assert counts["Heat map"] == 1
    assert "?" not in counts


def test_the_check_finds_text_cut_by_a_short_row(demo: dict[str, Any], tmp_path: Path) -> None:
    book = load_workbook(demo["files"]["a4"])
    sheet = book["Risk register"]
    sheet.row_dimensions[5].height = 12
    broken = tmp_path / "cut.xlsx"
    book.save(broken)
    found = render(broken, tmp_path / "out", "calibri")
    assert found.overprinted
    assert {sheet for sheet, _word, _other in found.overprinted} == {"Risk register"}


def test_the_register_follows_an_edited_likelihood_without_formulas(demo: dict[str, Any], tmp_path: Path) -> None:
    book = load_workbook(demo["files"]["a4"])
    sheet = book["Risk register"]
    before = words(render(demo["files"]["a4"], tmp_path / "before", "calibri").first_page("Risk register"))
    assert "Low" not in before and "Medium" not in before
    sheet["E5"], sheet["F5"] = 1, 2  # likelihood × impact 2: Low
    sheet["M5"], sheet["N5"] = 2, 3  # residual 6: Medium
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    after = words(render(edited, tmp_path / "after", "calibri").first_page("Risk register"))
    assert {"Low", "Medium", "2"} <= after
