"""The Roadmap sheet, the plan as a plan: a first printed page of slices with their goal, effort totals and
projected levels, then one filterable table of actions (short ids, dependencies by id) in which each slice
starts a printed page; the actions kept for later on a sheet of their own."""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.table import Table, TableStyleInfo

from slicewise.core.models.results import PlannedAction
from slicewise.core.models.tracking import ACTION_STATUSES, label
from slicewise.core.words import plural
from slicewise.export.workbook.cells import SheetWriter, bulleted
from slicewise.export.workbook.context import SheetContext, later_actions, plan_part
from slicewise.export.workbook.judgement import adjusted_text, iso_date
from slicewise.export.workbook.layout import HEADER_ROW, fit_widths, freeze_below, header_row, print_setup
from slicewise.export.workbook.risks import DATE
from slicewise.export.workbook.styles import BODY, BODY_CENTRE, HEADER, INTEGER, NOTE, SECTION

SHEET = "Roadmap"
LATER_SHEET = "Later"
TABLE_NAME = "Plan"
LATER_TABLE_NAME = "LaterActions"
TRACKING = ["Status", "Named owner", "Target date", "Adjusted (engine said, by whom, why)", "Engine id"]
"""The columns both plan sheets end with: what stakeholders track (read back by `slicewise sync`) and the id."""
READ_BACK = (
    "Status, Named owner and Target date are read back into the assessment by `slicewise sync`. Moving or "
    "dropping an action needs a reason, so do it in slicewise (`slicewise adjust` or the Plan screen)."
)
"""The note above each plan sheet saying what comes back."""
HEADERS = [
    "ID",
    "Slice",
    "Action",
    "Area",
    "Owner role",
    "Effort",
    "Depends on",
    "Why (risks and gaps)",
    "Evidence of done",
    *TRACKING,
]
LATER_HEADERS = [
    "ID",
    "Action",
    "Area",
    "Owner role",
    "Effort",
    "Depends on",
    "Why it waits",
    "Why (risks and gaps)",
    *TRACKING,
]
STATUSES = tuple(label(value) for value in ACTION_STATUSES)
"""The values of the status drop-down: the delivery statuses `slicewise sync` reads back."""
LIMITS = {1: 6, 2: 7, 3: 32, 4: 14, 5: 15, 6: 7, 7: 11, 8: 40, 9: 30, 10: 12, 11: 15, 12: 11, 13: 40, 14: 26}
LATER_LIMITS = {1: 6, 2: 32, 3: 14, 4: 15, 5: 7, 6: 11, 7: 30, 8: 40, 9: 11, 10: 15, 11: 12, 12: 40, 13: 26}
STATUS_COLUMN = HEADERS.index("Status") + 1
LATER_STATUS_COLUMN = LATER_HEADERS.index("Status") + 1
PRINTED = STATUS_COLUMN
"""The columns printed on paper (ID to status); the tracking columns after it stay in the sheet."""
EFFORT_WORDS = {"S": "small", "M": "medium", "L": "large", "XL": "very large"}
"""How each effort size reads in the legend when the scale gives no days."""


def write(ctx: SheetContext) -> None:
    """Add the Roadmap sheet (and the Later sheet when the plan keeps actions for later)."""
    writer = ctx.new_sheet(SHEET, "Roadmap of delivery slices")
    writer.merge(3, 1, PRINTED, READ_BACK, NOTE)
    pieces = [piece for piece in ctx.results.roadmap if piece.actions]
    row = _slices(ctx, writer, 4, pieces)
    row += 1
    header = row
    header_row(writer, HEADERS, header)
    row += 1
    if not pieces:
        empty = (
            "No actions yet: nothing has been answered."
            if ctx.results.overall.answered == 0
            else "No actions: every area meets its target and no risk fired."
        )
        writer.merge(row, 1, PRINTED, empty, NOTE)
        row += 1
    for number, piece in enumerate(pieces, start=1):
        writer.sheet.row_breaks.append(Break(id=(header if number == 1 else row) - 1))
        for action in piece.actions:
            _action_row(ctx, writer, row, action, number)
            row += 1
    last = row - 1
    sheet = writer.sheet
    if pieces:
        table = Table(displayName=TABLE_NAME, ref=f"A{header}:{writer.column_letter(len(HEADERS))}{last}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight15", showRowStripes=True)
        sheet.add_table(table)
        _status_drop_down(writer, STATUS_COLUMN, header + 1, last)
    fit_widths(writer, LIMITS)
    freeze_below(sheet, header, 1)
    print_setup(sheet, f"{header}:{header}", ctx.footer, ctx.paper)
    sheet.print_area = f"A1:{writer.column_letter(PRINTED)}{max(last, header + 1)}"
    later = later_actions(ctx.results)
    if later:
        _later(ctx, later)


def _slices(ctx: SheetContext, writer: SheetWriter, row: int, pieces: list[Any]) -> int:
    """Write one line per slice (goal, projected levels, actions and effort) and the effort legend."""
    writer.put(row, 1, "Slices", SECTION, measure=False)
    row += 1
    last = PRINTED
    spans = ((1, 1, "#"), (2, 3, "Slice"), (4, 7, "Goal"), (8, 8, "Projected levels after it"))
    for first, end, text in (*spans, (9, last, "Actions and effort")):
        writer.merge(row, first, end, text, HEADER)
    row += 1
    projections = plan_part(ctx.results, "projections") or []
    for number, piece in enumerate(pieces, start=1):
        sizes: dict[str, int] = {}
        for action in piece.actions:
            sizes[action.effort] = sizes.get(action.effort, 0) + 1
        ordered = sorted(sizes.items(), key=lambda kv: _size_order(kv[0]))
        effort = f"{plural(len(piece.actions), 'action')}: " + ", ".join(f"{count} {size}" for size, count in ordered)
        days = getattr(piece, "effort_days", 0) or 0
        if days:
            effort += f" (about {days:g} days)"
        writer.put(row, 1, number, INTEGER, measure=False)
        writer.merge(row, 2, 3, piece.title, BODY)
        writer.merge(row, 4, 7, piece.goal, BODY)
        writer.put(row, 8, _projected(projections, piece.id) or "—", BODY, measure=False)
        writer.merge(row, 9, last, effort, BODY)
        row += 1
    writer.merge(row, 1, last, _legend(ctx), NOTE)
    return row + 1


def _size_order(size: str) -> int:
    """Sort effort sizes from small to large."""
    order = list(EFFORT_WORDS)
    return order.index(size) if size in order else len(order)


def _legend(ctx: SheetContext) -> str:
    """Say what each effort size means, in days when the plan's effort scale gives them."""
    days = plan_part(ctx.results, "effort_days") or {}
    parts = []
    for size, word in EFFORT_WORDS.items():
        if size in days:
            parts.append(f"{size} = {word}, about {days[size]:g} days")
        else:
            parts.append(f"{size} = {word}")
    return "Effort: " + "; ".join(parts) + ". Each slice prints on a page of its own; filter the table by Slice."


def _projected(projections: list[Any], slice_id: str) -> str:
    """Return the levels areas are expected to reach once a slice is done, e.g. `Failure design 2 → 3`."""
    lines = []
    for projection in projections:
        step = next((s for s in getattr(projection, "steps", []) if getattr(s, "slice", None) == slice_id), None)
        before = getattr(projection, "level", None)
        after = getattr(step, "level", None) if step is not None else None
        if after is not None and after != before:
            lines.append(f"{projection.title} {before if before is not None else '—'} → {after}")
    return "; ".join(lines)


def _action_row(ctx: SheetContext, writer: SheetWriter, row: int, action: PlannedAction, piece: int) -> None:
    """Write one action of the plan (its slice as a number, to filter on)."""
    values: list[str | int | None] = [
        ctx.ids.action(action.id),
        piece,
        action.title,
        ctx.labels.area(action.area),
        action.owner,
        action.effort,
        ", ".join(ctx.ids.action(dep) for dep in action.depends_on) or "—",
        _why(ctx, action),
        action.evidence,
        *_tracking(action),
    ]
    for column, value in enumerate(values, start=1):
        centred = column in (1, 6, 7, STATUS_COLUMN)
        writer.put(row, column, value, INTEGER if column == 2 else BODY_CENTRE if centred else BODY)
    _target_date(writer, row, HEADERS, action)


def _tracking(action: PlannedAction) -> list[str | int | None]:
    """The tracking cells both plan sheets end with: status, named owner, target date (put apart), adjusted, id."""
    return [label(action.status), action.named_owner, None, adjusted_text(action.engine, action.adjustments), action.id]


def _target_date(writer: SheetWriter, row: int, headers: list[str], action: PlannedAction) -> None:
    """Write an action's target date as a real date cell, when it has one."""
    due = iso_date(action.due)
    if due is not None:
        writer.put(row, headers.index(TRACKING[2]) + 1, due, DATE)


def _status_drop_down(writer: SheetWriter, column: int, first: int, last: int) -> None:
    """Offer the delivery statuses in a status column (anything else is refused by the spreadsheet)."""
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
    letter = writer.column_letter(column)
    validation.add(f"{letter}{first}:{letter}{last}")
    writer.sheet.add_data_validation(validation)


def _why(ctx: SheetContext, action: PlannedAction) -> str:
    """Say why an action is on the plan: the risks it answers by short id and rating, and the gaps it closes."""
    ratings = {risk.id: risk.rating for risk in ctx.results.risks}
    lines = []
    if action.risks:
        listed = ", ".join(f"{ctx.ids.risk(r)} {ratings.get(r, '')}".strip() for r in action.risks)
        lines.append(f"Risks: {listed}")
    levels = []
    for question_id in action.gaps:
        result = ctx.results.question(question_id)
        levels.append("?" if result is None or result.level is None else str(result.level))
    if levels:
        lines.append(f"Gaps: {plural(len(levels), 'answer')} below target (level {', '.join(levels)})")
    if action.slice != action.planned_slice:
        lines.append("Moved here to follow the actions it depends on.")
    if not lines:
        lines = [reason.text for reason in action.reasons]
    return bulleted(lines)


def _later(ctx: SheetContext, later: list[PlannedAction]) -> None:
    """Add the Later sheet: selected actions that wait, with why, and the same tracking columns as the Roadmap."""
    writer = ctx.new_sheet(LATER_SHEET, f"Later: {plural(len(later), 'action')} that wait")
    writer.merge(HEADER_ROW - 1, 1, LATER_STATUS_COLUMN, READ_BACK, NOTE)
    header_row(writer, LATER_HEADERS)
    row = HEADER_ROW + 1
    for action in later:
        values: list[str | int | None] = [
            ctx.ids.action(action.id),
            action.title,
            ctx.labels.area(action.area),
            action.owner,
            action.effort,
            ", ".join(ctx.ids.action(dep) for dep in action.depends_on) or "—",
            str(getattr(action, "waits", "") or "—"),
            _why(ctx, action),
            *_tracking(action),
        ]
        for column, value in enumerate(values, start=1):
            writer.put(row, column, value, BODY_CENTRE if column in (1, 5, 6, LATER_STATUS_COLUMN) else BODY)
        _target_date(writer, row, LATER_HEADERS, action)
        row += 1
    last = row - 1
    table = Table(displayName=LATER_TABLE_NAME, ref=f"A{HEADER_ROW}:{writer.column_letter(len(LATER_HEADERS))}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight15", showRowStripes=True)
    writer.sheet.add_table(table)
    _status_drop_down(writer, LATER_STATUS_COLUMN, HEADER_ROW + 1, last)
    fit_widths(writer, LATER_LIMITS)
    freeze_below(writer.sheet, HEADER_ROW, 1)
    print_setup(writer.sheet, f"{HEADER_ROW}:{HEADER_ROW}", ctx.footer, ctx.paper)
    writer.sheet.print_area = f"A1:{writer.column_letter(LATER_STATUS_COLUMN)}{last}"
