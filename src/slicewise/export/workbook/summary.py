"""The Summary sheet, page one of the story: overall level against target, where to start, the top risks,
maturity and risks per area with a chart, all on one printed page."""

from __future__ import annotations

from datetime import date

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList

from slicewise.core import counts as tally
from slicewise.core.models.results import PlannedAction, Results, RiskResult
from slicewise.core.words import plural
from slicewise.export.workbook.cells import SheetWriter
from slicewise.export.workbook.context import SheetContext
from slicewise.export.workbook.layout import header_row, print_setup, set_widths
from slicewise.export.workbook.styles import (
    BODY,
    BODY_CENTRE,
    GOOD,
    INTEGER,
    LABEL,
    MUTED,
    NAVY,
    NOTE,
    NUMBER,
    PERCENT,
    SECTION,
    VALUE,
    Style,
    level_fill,
)

SHEET = "Summary"
WIDTHS = {1: 9, 2: 36, 3: 15, 4: 9, 5: 9, 6: 9, 7: 9, 8: 10}
"""Column widths in characters: about 106, one portrait page wide at the usual scale."""
LAST = len(WIDTHS)
START_HERE = 5
"""How many actions of the first slice page one lists (the plan holds them all)."""
TOP_RISKS = 5
"""How many risks page one lists (the register holds them all)."""
BIG = Style(bold=True, size=26, colour=NAVY, wrap=False, border=False, vertical="center", horizontal="center")
"""The overall level, the largest figure on the page."""
LEAD = Style(size=11, border=False, vertical="center")
"""The sentence beside the overall level."""
DATE = Style(border=False, number_format="d mmmm yyyy", horizontal="left")
"""The assessment date, a real date."""
AREA_HEADERS = ["", "Area", "Score", "Level", "Target", "Gap", "Risks", "Answered"]
PROVISIONAL = Style(italic=True, colour=MUTED)
"""The title of an area scored on too few answers to trust."""


def write(ctx: SheetContext) -> None:
    """Add the Summary sheet."""
    writer = ctx.new_sheet(SHEET, "Integration architecture assessment")
    row = _headline(ctx, writer, 4)
    row = _start_here(ctx, writer, row + 1)
    row = _top_risks(ctx, writer, row + 1)
    row = _areas(ctx, writer, row + 1)
    set_widths(writer.sheet, WIDTHS)
    print_setup(writer.sheet, None, ctx.footer, ctx.paper, portrait=True, one_page=True)
    writer.sheet.print_area = f"A1:{writer.column_letter(LAST)}{row}"


def overall_target(results: Results) -> float | None:
    """Return the weighted mean of the scored areas' targets, the level the overall score is measured against."""
    scored = [area for area in results.areas if area.scored and area.score is not None]
    weight = sum(area.weight for area in scored)
    if not scored or weight <= 0:
        return None
    return sum(area.target * area.weight for area in scored) / weight


def _headline(ctx: SheetContext, writer: SheetWriter, row: int) -> int:
    """Write the overall level as the largest figure with the key facts under it; return the next free row."""
    overall = ctx.results.overall
    target = overall_target(ctx.results)
    sheet = writer.sheet
    if overall.score is None:
        writer.merge(row, 1, 2, "—", BIG)
        lead = "Overall maturity: not scored yet (no scored answers)."
    else:
        writer.merge(row, 1, 2, f"{overall.score:.1f} / 4", BIG)
        lead = f"Overall maturity: level {overall.level} — {overall.level_name}."
        if target is not None:
            gap = max(target - overall.score, 0)
            lead += f" Target {target:.1f}, gap {gap:.1f}."
    writer.merge(row, 3, LAST, lead, LEAD.with_fill(None))
    sheet.row_dimensions[row].height = 40
    row += 1
    engagement = ctx.assessment.engagement
    day = _date(engagement.date)
    writer.put(row, 1, "Date", LABEL, measure=False)
    writer.put(row, 2, day if day is not None else (engagement.date.strip() or "undated"), DATE, measure=False)
    writer.put(row, 3, "Consultant", LABEL, measure=False)
    writer.merge(row, 4, LAST, engagement.consultant or "—", VALUE)
    row += 1
    writer.put(row, 1, "Answers", LABEL, measure=False)
    writer.merge(row, 2, LAST, tally.coverage_sentence(overall.counts), VALUE)
    row += 1
    actions = sum(len(piece.actions) for piece in ctx.results.roadmap)
    writer.put(row, 1, "Plan", LABEL, measure=False)
    writer.put(row, 2, f"{plural(actions, 'action')} in {plural(len(ctx.results.roadmap), 'slice')}", VALUE)
    bands: dict[str, int] = {}
    for risk in ctx.results.risks:
        bands[risk.rating] = bands.get(risk.rating, 0) + 1
    band_text = ", ".join(f"{count} {name.lower()}" for name, count in bands.items())
    writer.put(row, 3, "Risks", LABEL, measure=False)
    writer.merge(row, 4, LAST, f"{len(ctx.results.risks)}" + (f": {band_text}" if band_text else ""), VALUE)
    row += 1
    for warning in ctx.results.warnings:
        writer.merge(row, 1, LAST, f"Note: {warning}", NOTE)
        row += 1
    return row


def _date(text: str) -> date | None:
    """Return an ISO assessment date as a date, so it sorts and formats as one."""
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def _start_here(ctx: SheetContext, writer: SheetWriter, row: int) -> int:
    """Write the first slice's first actions with owner and effort; return the next free row."""
    pieces = [piece for piece in ctx.results.roadmap if piece.actions]
    if not pieces:
        writer.put(row, 1, "Start here", SECTION, measure=False)
        writer.merge(row + 1, 1, LAST, "No actions: nothing to start yet.", NOTE)
        return row + 2
    first = pieces[0]
    writer.put(row, 1, f"Start here: {first.title}", SECTION, measure=False)
    writer.sheet.row_dimensions[row].height = 22
    writer.merge(row + 1, 1, LAST, first.goal, NOTE)
    header_row(writer, ["ID", "Action", "Owner", "Effort", "Answers risks", "", "", ""], row + 2)
    writer.merge_range(row + 2, 5, LAST)
    line = row + 3
    shown: list[PlannedAction] = first.actions[:START_HERE]
    for action in shown:
        writer.put(line, 1, ctx.ids.action(action.id), BODY_CENTRE)
        writer.put(line, 2, action.title, BODY)
        writer.put(line, 3, action.owner, BODY)
        writer.put(line, 4, action.effort, BODY_CENTRE)
        risks = ", ".join(ctx.ids.risk(risk) for risk in action.risks) or "—"
        writer.merge(line, 5, LAST, risks, BODY)
        line += 1
    rest = len(first.actions) - len(shown)
    if rest > 0:
        writer.merge(line, 1, LAST, f"… and {plural(rest, 'more action')} in this slice: see the Roadmap.", NOTE)
        line += 1
    return line


def _top_risks(ctx: SheetContext, writer: SheetWriter, row: int) -> int:
    """Write the highest-rated risks with their rating and first answering action; return the next free row."""
    risks = ctx.results.risks[:TOP_RISKS]
    total = len(ctx.results.risks)
    title = f"Top risks ({len(risks)} of {total}; all in the Risk register)" if total else "Top risks"
    writer.put(row, 1, title, SECTION, measure=False)
    writer.sheet.row_dimensions[row].height = 22
    if not risks:
        writer.merge(row + 1, 1, LAST, "No risks raised by the answers given.", NOTE)
        return row + 2
    header_row(writer, ["ID", "Risk", "Rating", "Score", "First action", "", "", ""], row + 1)
    writer.merge_range(row + 1, 5, LAST)
    line = row + 2
    for risk in risks:
        writer.put(line, 1, ctx.ids.risk(risk.id), BODY_CENTRE)
        writer.put(line, 2, risk.title, BODY)
        writer.put(line, 3, risk.rating, Style(horizontal="center", bold=True).with_fill(risk.colour))
        writer.put(line, 4, risk.score, INTEGER)
        answering = ctx.answering.get(risk.id, [])
        first = answering[0] if answering else None
        answer = f"{ctx.ids.action(first.id)} {first.title}" if first else "— (no action planned)"
        writer.merge(line, 5, LAST, answer, BODY)
        line += 1
    return line


def risk_area(results: Results, risk: RiskResult) -> str | None:
    """Return the area a risk belongs to: that of the first question that raised it, else of its first action."""
    for ref in risk.refs:
        question = results.question(ref)
        if question is not None:
            return question.area
    areas = {action.id: action.area for piece in results.roadmap for action in piece.actions}
    for action in risk.actions:
        if action in areas:
            return areas[action]
    return None


def _areas(ctx: SheetContext, writer: SheetWriter, row: int) -> int:
    """Write maturity and risk counts per area against target, with a bar chart; return the last row used."""
    writer.put(row, 1, "Maturity and risks by area (levels 0–4)", SECTION, measure=False)
    writer.sheet.row_dimensions[row].height = 22
    header_row(writer, AREA_HEADERS, row + 1)
    first = row + 2
    areas = [area for area in ctx.results.areas if area.scored]
    counts: dict[str | None, int] = {}
    for risk in ctx.results.risks:
        key = risk_area(ctx.results, risk)
        counts[key] = counts.get(key, 0) + 1
    provisional = False
    for index, area in enumerate(areas):
        line = first + index
        fill = level_fill(area.level)
        marked = area.provisional
        provisional = provisional or marked
        writer.put(line, 1, "prov." if marked else None, BODY_CENTRE)
        writer.put(line, 2, area.title, PROVISIONAL if marked else BODY)
        writer.put(line, 3, None if area.score is None else round(area.score, 2), NUMBER.with_fill(fill))
        writer.put(line, 4, area.level, INTEGER.with_fill(fill))
        writer.put(line, 5, area.target, INTEGER)
        writer.put(
            line, 6, None if area.gap is None else round(area.gap, 2), NUMBER.with_fill(GOOD if area.gap == 0 else None)
        )
        writer.put(line, 7, counts.get(area.id, 0), INTEGER)
        writer.put(line, 8, round(area.coverage, 4), PERCENT)
    last = first + len(areas) - 1
    levels = " · ".join(f"{d.level} {d.name}" for d in sorted(ctx.bundle.scoring.model.levels, key=lambda d: d.level))
    legend = f"Levels: {levels}. Gap = target − score."
    if provisional:
        threshold = ctx.bundle.scoring.model.coverage_threshold
        legend += (
            f" prov. = provisional: under {threshold:.0%} of applicable questions answered, so the level may"
            " move once the don't-knows are found out."
        )
    writer.merge(last + 1, 1, LAST, legend, NOTE)
    row = last + 2
    if areas:
        height = _chart(writer, first, last, row + 1, len(areas))
        row += int(height / 0.53) + 1
    return row


def _chart(writer: SheetWriter, first: int, last: int, anchor_row: int, count: int) -> float:
    """Add a bar chart of current score against target per area and return its height in centimetres."""
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.y_axis.title = "Maturity level (0–4)"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 4
    chart.y_axis.majorUnit = 1
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.crosses = "max"
    sheet = writer.sheet
    data = Reference(sheet, min_col=3, min_row=first - 1, max_row=last)
    targets = Reference(sheet, min_col=5, min_row=first - 1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.add_data(targets, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, min_row=first, max_row=last))
    current, target = chart.series
    current.graphicalProperties.solidFill = "2F5597"
    current.graphicalProperties.line.solidFill = "2F5597"
    target.graphicalProperties.solidFill = "BFBFBF"
    target.graphicalProperties.line.solidFill = "BFBFBF"
    current.dLbls = DataLabelList()
    current.dLbls.showVal = True
    current.dLbls.showSerName = False
    current.dLbls.showCatName = False
    current.dLbls.showLegendKey = False
    current.dLbls.numFmt = "0.0"
    chart.gapWidth = 40
    chart.legend.position = "b"
    chart.height = 2.6 + 0.6 * count
    chart.width = 19.5
    sheet.add_chart(chart, f"A{anchor_row}")
    return float(chart.height)
