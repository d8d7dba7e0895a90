"""The progress workbook of `slicewise compare -o DIR`: one *Progress* sheet of what moved between two assessments."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slicewise.core.compare import Comparison
    from slicewise.export.workbook.cells import SheetWriter
    from slicewise.export.workbook.styles import Style

UP = "C6E0B4"
"""Fill of a level that rose, a closed risk or an action no longer needed."""
DOWN = "F8CBAD"
"""Fill of a level that fell, a new risk or a newly needed action."""


def progress_workbook_bytes(comparison: Comparison) -> bytes:
    """Render the comparison as an .xlsx file whose bytes depend only on the comparison."""
    from openpyxl import Workbook

    from slicewise.export.workbook.cells import SheetWriter, StyleBook
    from slicewise.export.workbook.layout import fit_widths, freeze_below, heading, print_setup
    from slicewise.export.workbook.package import document_time, workbook_bytes

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Progress"
    writer = SheetWriter(sheet, StyleBook(sheet))
    base, new = comparison.base, comparison.new
    client = new.client or base.client
    heading(
        writer,
        f"Progress{': ' + client if client else ''}",
        f"{_side_name(base.name, base.date)} → {_side_name(new.name, new.date)}",
    )
    row = 4
    row = _warnings(writer, comparison, row)
    header_row = row
    row = _areas(writer, comparison, row)
    row = _risks(writer, comparison, row + 1)
    _actions(writer, comparison, row + 1)
    fit_widths(writer, {1: 40, 2: 60, 9: 40})
    freeze_below(sheet, header_row)
    print_setup(sheet, None, f"slicewise progress {client}".strip())
    return workbook_bytes(workbook, document_time(new.date))


def _side_name(name: str, date: str) -> str:
    """Name one side for the subtitle: its file and date."""
    return " ".join(part for part in (name, f"({date})" if date else "") if part) or "?"


def _warnings(writer: SheetWriter, comparison: Comparison, row: int) -> int:
    """Write the method-change warning (and any other) above the tables; return the next free row."""
    from slicewise.export.workbook.styles import BODY, WARN

    for warning in comparison.warnings:
        writer.merge(row, 1, 9, f"Warning: {warning}", BODY.with_fill(WARN))
        writer.sheet.row_dimensions[row].height = 30
        row += 1
    return row + (1 if comparison.warnings else 0)


def _areas(writer: SheetWriter, comparison: Comparison, row: int) -> int:
    """Write the per-area table: levels then and now, scores, delta, crossings."""
    from slicewise.export.workbook.layout import header_row
    from slicewise.export.workbook.styles import BODY, BODY_CENTRE, INTEGER, NUMBER

    headers = ["Area", "Level then", "Level now", "Score then", "Score now", "Delta", "Crossing", "Target"]
    header_row(writer, [*headers, "Target reached / lost"], row)
    row += 1
    overall_delta = comparison.overall_delta
    for area in comparison.areas:
        writer.put(row, 1, area.title, BODY)
        writer.put(row, 2, _level_text(area.base_level, area.base_level_name), _level_style(area.base_level))
        writer.put(row, 3, _level_text(area.new_level, area.new_level_name), _level_style(area.new_level))
        writer.put(row, 4, area.base_score, NUMBER)
        writer.put(row, 5, area.new_score, NUMBER)
        writer.put(row, 6, area.delta, _delta_style(area.delta))
        crossing = {"up": "level up", "down": "level down", "": ""}[area.crossing]
        writer.put(row, 7, crossing, BODY_CENTRE.with_fill(_fill(area.crossing)))
        writer.put(row, 8, area.target, INTEGER)
        writer.put(row, 9, area.target_crossing, BODY_CENTRE.with_fill(_fill(area.target_crossing)))
        row += 1
    writer.put(row, 1, "Overall", BODY)
    writer.put(row, 4, comparison.base.overall_score, NUMBER)
    writer.put(row, 5, comparison.new.overall_score, NUMBER)
    writer.put(row, 6, overall_delta, _delta_style(overall_delta))
    return row + 1


def _risks(writer: SheetWriter, comparison: Comparison, row: int) -> int:
    """Write the risks that closed, appeared and were re-rated."""
    from slicewise.export.workbook.layout import header_row
    from slicewise.export.workbook.styles import BODY, INTEGER, SECTION

    writer.put(row, 1, "Risks", SECTION, measure=False)
    row += 1
    header_row(writer, ["Change", "Risk", "Score then", "Score now", "Rating then", "Rating now", "Owner", "Id"], row)
    row += 1
    groups = (
        ("closed", comparison.risks_closed, "up"),
        ("new", comparison.risks_new, "down"),
        ("re-rated", comparison.risks_rerated, ""),
    )
    for label, risks, direction in groups:
        for risk in risks:
            if direction == "" and risk.base_score is not None and risk.new_score is not None:
                direction_now = "up" if risk.new_score < risk.base_score else "down"
            else:
                direction_now = direction
            writer.put(row, 1, label, BODY.with_fill(_fill(direction_now)))
            writer.put(row, 2, risk.title, BODY)
            writer.put(row, 3, risk.base_score, INTEGER)
            writer.put(row, 4, risk.new_score, INTEGER)
            writer.put(row, 5, risk.base_rating, BODY)
            writer.put(row, 6, risk.new_rating, BODY)
            writer.put(row, 7, risk.owner, BODY)
            writer.put(row, 8, risk.id, BODY)
            row += 1
    if not (comparison.risks_closed or comparison.risks_new or comparison.risks_rerated):
        writer.put(row, 1, "No risk changed.", BODY)
        row += 1
    return row


def _actions(writer: SheetWriter, comparison: Comparison, row: int) -> int:
    """Write the roadmap actions no longer needed and newly needed."""
    from slicewise.export.workbook.layout import header_row
    from slicewise.export.workbook.styles import BODY, SECTION

    writer.put(row, 1, "Roadmap actions", SECTION, measure=False)
    row += 1
    header_row(writer, ["Change", "Action", "Area", "Slice", "Id"], row)
    row += 1
    groups = (
        ("no longer needed", comparison.actions_no_longer_needed, "up"),
        ("newly needed", comparison.actions_newly_needed, "down"),
    )
    for label, actions, direction in groups:
        for action in actions:
            writer.put(row, 1, label, BODY.with_fill(_fill(direction)))
            writer.put(row, 2, action.title, BODY)
            writer.put(row, 3, action.area, BODY)
            writer.put(row, 4, action.slice, BODY)
            writer.put(row, 5, action.id, BODY)
            row += 1
    if not (comparison.actions_no_longer_needed or comparison.actions_newly_needed):
        writer.put(row, 1, "The roadmap did not change.", BODY)
        row += 1
    return row


def _level_text(level: int | None, name: str) -> str:
    """Show a level as `2 Emerging`, or a dash when there is none."""
    if level is None:
        return "–"
    return f"{level} {name}".strip()


def _level_style(level: int | None) -> Style:
    """Colour a level cell by its level."""
    from slicewise.export.workbook.styles import BODY_CENTRE, level_fill

    return BODY_CENTRE.with_fill(level_fill(level))


def _delta_style(delta: float | None) -> Style:
    """Colour a delta green when it rose and red when it fell."""
    from slicewise.export.workbook.styles import NUMBER

    if delta is None or delta == 0:
        return NUMBER
    return NUMBER.with_fill(UP if delta > 0 else DOWN)


def _fill(direction: str) -> str | None:
    """Map a direction word to its fill."""
    if direction in ("up", "reached"):
        return UP
    if direction in ("down", "lost"):
        return DOWN
    return None
