"""The plan's new fields reach the workbook: Later on its own sheet, projected levels per slice, provisional
areas marked on page one, answering actions found through the plan."""

from __future__ import annotations

from pathlib import Path

from export_helpers import Scored, data_rows, export_both, scored

from slicewise.core.demo import load_demo
from slicewise.core.engine import evaluate


def _header(sheet: object) -> int:
    return next(cell.row for cell in sheet["A"] if cell.value == "ID")  # type: ignore[index]


def test_later_has_its_own_sheet_with_ids_after_the_slices(tmp_path: Path) -> None:
    item = scored("profiles/dont-know-heavy.toml")
    _report, book = export_both(item, tmp_path)
    assert book.sheetnames[:3] == ["Summary", "Roadmap", "Later"]
    planned = sum(len(piece.actions) for piece in item.results.roadmap)
    later = item.results.plan.later
    rows = data_rows(book["Later"])
    assert [row[0] for row in rows] == [f"A{n:02d}" for n in range(planned + 1, planned + len(later) + 1)]
    assert [row[1] for row in rows] == [action.title for action in later]
    assert all(row[6] and row[6] != "—" for row in rows)


def test_each_slice_shows_the_levels_it_is_expected_to_reach(tmp_path: Path) -> None:
    bundle, assessment = load_demo()
    item = Scored(bundle, assessment, evaluate(bundle, assessment))
    _report, book = export_both(item, tmp_path)
    sheet = book["Roadmap"]
    overview = [row for row in sheet.iter_rows(min_row=6, max_row=_header(sheet) - 1, values_only=True)]
    projected = [str(row[7]) for row in overview if isinstance(row[0], int)]
    assert any("→" in text for text in projected)
    first = item.results.plan.projections[0]
    moved = [p for p in item.results.plan.projections if p.steps and p.steps[-1].level != p.level]
    assert moved, "the profile's plan moves some area"
    step = moved[0].steps[-1]
    assert f"{moved[0].title} {moved[0].level} → {step.level}" in projected[-1], first.title


def test_provisional_areas_are_marked_on_page_one(tmp_path: Path) -> None:
    item: Scored = scored("profiles/dont-know-heavy.toml")
    _report, book = export_both(item, tmp_path)
    sheet = book["Summary"]
    provisional = {area.title for area in item.results.areas if area.provisional}
    assert provisional
    marked = {row[1] for row in sheet.iter_rows(values_only=True) if row[0] == "prov."}
    assert marked == provisional
    assert any("prov. = provisional" in str(row[0]) for row in sheet.iter_rows(values_only=True))


def test_top_risks_name_their_first_answering_action_by_short_id(tmp_path: Path) -> None:
    item = scored("profiles/dont-know-heavy.toml")
    _report, book = export_both(item, tmp_path)
    sheet = book["Summary"]
    ids = {a.id: f"A{n:02d}" for n, a in enumerate((a for p in item.results.roadmap for a in p.actions), start=1)}
    titles = {a.id: a.title for p in item.results.roadmap for a in p.actions}
    rows = [row for row in sheet.iter_rows(values_only=True) if str(row[0]).startswith("R0")]
    for row, risk in zip(rows, item.results.risks, strict=False):
        answering = [a.id for p in item.results.roadmap for a in p.actions if risk.id in a.risks]
        if answering:
            assert row[4] == f"{ids[answering[0]]} {titles[answering[0]]}"


def test_a_crowded_heat_map_cell_points_to_a_list_beside_the_grid(sample: Scored) -> None:
    from slicewise.export.workbook import assemble_workbook

    base = sample.results.risks[0]
    many = [
        base.model_copy(update={"id": f"crowd-{n:02d}", "likelihood": 4, "impact": 4, "score": 16}) for n in range(12)
    ]
    results = sample.results.model_copy(update={"risks": many})
    sheet = assemble_workbook(sample.bundle, sample.assessment, results)["Heat map"]
    cell = str(sheet.cell(row=5 + (6 - 4), column=2 + 4).value)
    assert cell.startswith("12 risks") and "see list 1" in cell
    listed = [str(c.value) for c in sheet["I"] if c.value and str(c.value).startswith("List 1")]
    assert listed == ["List 1: likelihood 4 × impact 4: " + ", ".join(f"R{n:02d}" for n in range(1, 13))]
