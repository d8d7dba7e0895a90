"""The Summary sheet: the engagement, overall and per-area maturity against target with a chart, top risks
and the open follow-ups."""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.worksheet.pagebreak import Break

from slicewise.core import counts as tally
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
    NOTE,
    NUMBER,
    PERCENT,
    SECTION,
    VALUE,
    WARN,
    Style,
    level_fill,
)

SHEET = "Summary"
AREA_HEADERS = ["Area", "Score", "Level", "Target", "Gap", "Coverage", "N/A", "Don't know"]
TOP_RISKS = 8
"""How many risks the summary lists (the register holds them all)."""
LAST = len(AREA_HEADERS)
WIDTHS = {1: 30, 2: 9, 3: 13, 4: 9, 5: 9, 6: 11, 7: 8, 8: 12}


def write(ctx: SheetContext) -> None:
    """Add the Summary sheet."""
    writer = ctx.new_sheet(SHEET, "Integration architecture assessment")
    row = _engagement(ctx, writer, 4)
    row = _areas(ctx, writer, row + 1)
    row = _risks(ctx, writer, row + 1)
    _follow_ups(ctx, writer, row + 1)
    set_widths(writer.sheet, WIDTHS)
    print_setup(writer.sheet, None, ctx.footer)
    writer.sheet.page_setup.orientation = "portrait"


def _engagement(ctx: SheetContext, writer: SheetWriter, row: int) -> int:
    """Write the key facts as label/value lines and return the next free row."""
    engagement = ctx.assessment.engagement
    overall = ctx.results.overall
    risks = ctx.results.risks
    actions = sum(len(piece.actions) for piece in ctx.results.roadmap)
    score = "not scored yet" if overall.score is None else f"{overall.score:.1f} of 4 — {overall.level_name}"
    bands: dict[str, int] = {}
    for risk in risks:
        bands[risk.rating] = bands.get(risk.rating, 0) + 1
    band_text = ", ".join(f"{count} {name.lower()}" for name, count in bands.items())
    facts: list[tuple[str, str]] = [
        ("Client", ctx.client),
        ("Engagement", engagement.title),
        ("Date", engagement.date or "undated"),
        ("Consultant", engagement.consultant),
        ("Respondent", engagement.respondent),
        ("Participants", ", ".join(engagement.participants)),
        ("Notes", engagement.notes),
        ("Questionnaire", f"{ctx.bundle.questionnaire.title} (version {ctx.results.questionnaire_version})"),
        ("Overall maturity", score),
        ("Coverage", tally.coverage_sentence(overall.counts)),
        ("Provisional areas", ", ".join(a.title for a in ctx.results.areas if a.provisional)),
        ("Risks raised", f"{len(risks)}" + (f" ({band_text})" if band_text else "")),
        ("Roadmap", f"{plural(actions, 'action')} in {plural(len(ctx.results.roadmap), 'slice')}"),
        ("Open follow-ups", plural(len(ctx.results.follow_ups), "don't-know answer") + " to find out"),
    ]
    if ctx.assessment.merge is not None:
        merged = ctx.assessment.merge
        facts.append(("Merged from", f"{len(merged.respondents)} respondents: {', '.join(merged.respondents)}"))
    for label, value in facts:
        if not value.strip():
            continue
        writer.put(row, 1, label, LABEL, measure=False)
        writer.merge(row, 2, LAST, value, VALUE)
        row += 1
    for warning in ctx.results.warnings:
        writer.merge(row, 1, LAST, f"Note: {warning}", NOTE)
        row += 1
    return row


def _areas(ctx: SheetContext, writer: SheetWriter, row: int) -> int:
    """Write maturity per area against target with a bar chart under it; return the next free row."""
    writer.put(row, 1, "Maturity by area (levels 0–4)", SECTION, measure=False)
    writer.sheet.row_dimensions[row].height = 22
    header_row(writer, AREA_HEADERS, row + 1)
    first = row + 2
    areas = [area for area in ctx.results.areas if area.scored]
    for index, area in enumerate(areas):
        line = first + index
        fill = level_fill(area.level)
        writer.put(line, 1, area.title, BODY)
        writer.put(line, 2, None if area.score is None else round(area.score, 2), NUMBER.with_fill(fill))
        level_name = (area.level_name or "—") + (" (provisional)" if area.provisional else "")
        writer.put(line, 3, level_name, BODY_CENTRE.with_fill(fill))
        writer.put(line, 4, area.target, INTEGER)
        gap_style = NUMBER.with_fill(GOOD if area.gap == 0 else None)
        writer.put(line, 5, None if area.gap is None else round(area.gap, 2), gap_style)
        writer.put(line, 6, round(area.coverage, 4), PERCENT)
        writer.put(line, 7, area.na, INTEGER)
        writer.put(line, 8, area.unknown, INTEGER.with_fill(WARN if area.unknown else None))
    last = first + len(areas) - 1
    levels = " · ".join(f"{d.level} {d.name}" for d in sorted(ctx.bundle.scoring.model.levels, key=lambda d: d.level))
    threshold = ctx.bundle.scoring.model.coverage_threshold
    writer.merge(
        last + 1,
        1,
        LAST,
        f"Levels: {levels}. Gap = target − score. Provisional: under {threshold:.0%} of applicable questions "
        "answered, so the level may move once the don't-knows are found out.",
        NOTE,
    )
    row = last + 3
    if areas:
        height = _chart(writer, first, last, row, len(areas))
        row += int(height / 0.53) + 2
    writer.sheet.row_breaks.append(Break(id=row - 1))
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
    data = Reference(sheet, min_col=2, min_row=first - 1, max_row=last)
    targets = Reference(sheet, min_col=4, min_row=first - 1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.add_data(targets, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
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
    chart.gapWidth = 50
    chart.legend.position = "b"
    chart.height = 3.0 + 0.95 * count
    chart.width = 18.5
    sheet.add_chart(chart, f"A{anchor_row}")
    return float(chart.height)


def _risks(ctx: SheetContext, writer: SheetWriter, row: int) -> int:
    """Write the highest-rated risks; return the next free row."""
    risks = ctx.results.risks[:TOP_RISKS]
    total = len(ctx.results.risks)
    title = f"Top risks ({len(risks)} of {total}; all in the Risk register)" if total else "Top risks"
    writer.put(row, 1, title, SECTION, measure=False)
    writer.sheet.row_dimensions[row].height = 22
    if not risks:
        writer.merge(row + 1, 1, LAST, "No risks raised by the answers given.", NOTE)
        return row + 3
    header_row(writer, ["Risk", "", "", "Score", "Rating", "Owner", "", ""], row + 1)
    writer.merge_range(row + 1, 1, 3)
    writer.merge_range(row + 1, 6, LAST)
    line = row + 2
    for risk in risks:
        writer.merge(line, 1, 3, risk.title, BODY)
        writer.put(line, 4, risk.score, INTEGER)
        writer.put(line, 5, risk.rating, Style(horizontal="center", bold=True).with_fill(risk.colour))
        writer.merge(line, 6, LAST, risk.owner, BODY)
        line += 1
    return line + 1


def _follow_ups(ctx: SheetContext, writer: SheetWriter, row: int) -> None:
    """Write the don't-know answers that someone must find out."""
    follow_ups = ctx.results.follow_ups
    writer.put(row, 1, f"Open follow-ups ({len(follow_ups)})", SECTION, measure=False)
    writer.sheet.row_dimensions[row].height = 22
    if not follow_ups:
        writer.merge(row + 1, 1, LAST, "None: every applicable question has an answer or a reason.", NOTE)
        return
    header_row(writer, ["Question", "", "", "", "Note", "", "", ""], row + 1)
    writer.merge_range(row + 1, 1, 4)
    writer.merge_range(row + 1, 5, LAST)
    line = row + 2
    for item in follow_ups:
        writer.merge(line, 1, 4, item.prompt, BODY)
        writer.merge(line, 5, LAST, item.note or "—", BODY)
        line += 1
