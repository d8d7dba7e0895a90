"""The Roadmap sheet: one band per slice in delivery order, its actions with owners, dependencies, reasons,
evidence of done and a status drop-down."""

from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation

from slicewise.core.models.results import PlannedAction
from slicewise.export.workbook.cells import bulleted
from slicewise.export.workbook.context import SheetContext
from slicewise.export.workbook.layout import (
    HEADER_ROW,
    fit_widths,
    freeze_below,
    header_row,
    print_setup,
)
from slicewise.export.workbook.styles import BAND_ROW, BODY, BODY_CENTRE, NOTE

SHEET = "Roadmap"
HEADERS = [
    "#",
    "Action",
    "Area",
    "Owner role",
    "Effort",
    "Depends on",
    "Why (risks and gaps)",
    "Evidence of done",
    "Status",
]
STATUSES = ("Not started", "In progress", "Blocked", "Done")
"""The values of the status drop-down."""
LIMITS = {1: 6, 2: 30, 3: 14, 4: 15, 5: 7, 6: 24, 7: 40, 8: 30, 9: 12}
STATUS_COLUMN = len(HEADERS)


def write(ctx: SheetContext) -> None:
    """Add the Roadmap sheet."""
    writer = ctx.new_sheet(SHEET, "Roadmap of delivery slices")
    header_row(writer, HEADERS)
    titles = {action.id: action.title for piece in ctx.results.roadmap for action in piece.actions}
    row = HEADER_ROW + 1
    status_cells: list[str] = []
    if not any(piece.actions for piece in ctx.results.roadmap):
        empty = (
            "No actions yet: nothing has been answered."
            if ctx.results.overall.answered == 0
            else "No actions: every area meets its target and no risk fired."
        )
        writer.merge(row, 1, len(HEADERS), empty, NOTE)
    for number, piece in enumerate(ctx.results.roadmap, start=1):
        if not piece.actions:
            continue
        band = f"Slice {number}: {piece.title} — {piece.goal}"
        writer.merge(row, 1, len(HEADERS), band, BAND_ROW)
        writer.sheet.row_dimensions[row].height = 20
        row += 1
        for index, action in enumerate(piece.actions, start=1):
            values: list[str | None] = [
                f"{number}.{index}",
                action.title,
                ctx.labels.area(action.area),
                action.owner,
                action.effort,
                bulleted([titles.get(dep, ctx.labels.action(dep)) for dep in action.depends_on]),
                _why(ctx, action),
                action.evidence,
                STATUSES[0],
            ]
            for column, value in enumerate(values, start=1):
                centred = column in (1, 5, STATUS_COLUMN)
                writer.put(row, column, value, BODY_CENTRE if centred else BODY)
            status_cells.append(f"{writer.column_letter(STATUS_COLUMN)}{row}")
            row += 1
    if status_cells:
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(STATUSES) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Status",
            error="Choose one of: " + ", ".join(STATUSES),
            promptTitle="Status",
            prompt="Track delivery here",
        )
        validation.add(f"{status_cells[0]}:{status_cells[-1]}")
        writer.sheet.add_data_validation(validation)
    fit_widths(writer, LIMITS)
    freeze_below(writer.sheet, HEADER_ROW, 2)
    print_setup(writer.sheet, f"{HEADER_ROW}:{HEADER_ROW}", ctx.footer, paper_a3=False)


def _why(ctx: SheetContext, action: PlannedAction) -> str:
    """Say why an action is on the roadmap: the risks it mitigates and the gaps it closes."""
    risks = {risk.id: risk for risk in ctx.results.risks}
    lines = []
    for risk_id in action.risks:
        risk = risks.get(risk_id)
        lines.append(f"Risk: {risk.title} ({risk.rating}, {risk.score})" if risk else f"Risk: {risk_id}")
    for question_id in action.gaps:
        result = ctx.results.question(question_id)
        level = "" if result is None or result.level is None else f" (level {result.level})"
        lines.append(f"Gap: {ctx.labels.prompt(question_id)}{level}")
    if action.slice != action.planned_slice:
        lines.append("Moved to this slice to follow the actions it depends on.")
    if not lines:
        lines = [reason.text for reason in action.reasons]
    return bulleted(lines)
