"""The consultant's adjustments in the workbook: a cell text beside each adjusted row, and an Adjustments sheet
listing every adjustment (stale ones marked), the risks dismissed and the actions dropped."""

from __future__ import annotations

from datetime import date

from slicewise.core.models.results import AdjustmentNote
from slicewise.export.workbook.cells import bulleted
from slicewise.export.workbook.context import SheetContext
from slicewise.export.workbook.layout import fit_widths, freeze_below, header_row, print_setup
from slicewise.export.workbook.styles import BODY, BODY_CENTRE, NOTE

SHEET = "Adjustments"
HEADERS = ["On", "Engine id", "What changed", "Why", "By", "When", "State"]


def iso_date(text: str) -> date | None:
    """Return an ISO date text as a date (a real date cell), or None when empty or not a date."""
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def adjusted_text(engine: dict[str, str | int], notes: list[AdjustmentNote]) -> str:
    """Say what the engine said and each adjustment applied (what, by whom, when, why); empty when none."""
    lines = []
    if engine:
        said = ", ".join(f"{name} {value}" for name, value in engine.items())
        lines.append(f"Engine said: {said}")
    for note in notes:
        who = f" by {note.by}" if note.by else ""
        when = f" on {note.at[:10]}" if note.at else ""
        lines.append(f"{note.summary}{who}{when}: {note.reason}")
    return bulleted(lines) if lines else ""


def wanted(ctx: SheetContext) -> bool:
    """Tell whether the assessment has adjustments or custom items to list."""
    judgement = ctx.results.judgement
    return bool(judgement.adjustments or judgement.dismissed or judgement.dropped)


def write(ctx: SheetContext) -> None:
    """Add the Adjustments sheet."""
    judgement = ctx.results.judgement
    writer = ctx.new_sheet(SHEET, "The consultant's adjustments to the engine's proposal")
    header_row(writer, HEADERS)
    row = 5
    for note in judgement.adjustments:
        values = [note.on, note.id, note.summary, note.reason, note.by, note.at, "stale" if note.stale else "applied"]
        for column, value in enumerate(values, start=1):
            writer.put(row, column, value, BODY_CENTRE if column in (1, 7) else BODY)
        row += 1
    row += 1
    if judgement.dismissed:
        lines = [f"{risk.id}: {risk.title} (engine: {risk.rating} {risk.score})" for risk in judgement.dismissed]
        writer.merge(row, 1, len(HEADERS), "Dismissed as not applicable:\n" + bulleted(lines), NOTE)
        row += 1
    if judgement.dropped:
        lines = [f"{action.id}: {action.title}" for action in judgement.dropped]
        writer.merge(row, 1, len(HEADERS), "Dropped from the plan:\n" + bulleted(lines), NOTE)
        row += 1
    for warning in judgement.warnings:
        writer.merge(row, 1, len(HEADERS), warning, NOTE)
        row += 1
    fit_widths(writer, {1: 8, 2: 30, 3: 30, 4: 40, 5: 16, 6: 20, 7: 9})
    freeze_below(writer.sheet, 4, 2)
    print_setup(writer.sheet, "4:4", ctx.footer, ctx.paper)
