"""The Respondents sheet of a merged assessment: each person's level per question, coloured, with the
disagreements the merge found marked."""

from __future__ import annotations

from dataclasses import replace

from slicewise.core.models.assessment import RespondentAnswer
from slicewise.export.workbook.cells import bulleted
from slicewise.export.workbook.context import SheetContext
from slicewise.export.workbook.layout import HEADER_ROW, fit_widths, freeze_below, header_row, print_setup
from slicewise.export.workbook.styles import ALERT, BODY, INTEGER, NOTE, QUIET, WARN, Style, level_fill

SHEET = "Respondents"


def wanted(ctx: SheetContext) -> bool:
    """Tell whether the assessment holds respondents' own answers (it was merged)."""
    return any(answer.respondents for answer in ctx.assessment.answers.values())


def write(ctx: SheetContext) -> None:
    """Add the Respondents sheet."""
    writer = ctx.new_sheet(SHEET, "Answers by respondent")
    people = _people(ctx)
    headers = ["Area", "Question", *people, "Spread", "Disagreement"]
    header_row(writer, headers)
    disagreements = ctx.assessment.merge.disagreements if ctx.assessment.merge else []
    by_subject: dict[str, list[str]] = {}
    involved: dict[str, set[str]] = {}
    for disagreement in disagreements:
        by_subject.setdefault(disagreement.subject, []).append(disagreement.detail)
        involved.setdefault(disagreement.subject, set()).update(disagreement.respondents)
    row = HEADER_ROW + 1
    for question in ctx.results.questions:
        answer = ctx.assessment.answers.get(question.id)
        if answer is None or not answer.respondents:
            continue
        own = {item.respondent: item for item in answer.respondents}
        details = by_subject.get(question.id, [])
        writer.put(row, 1, ctx.labels.area(question.area), BODY)
        writer.put(row, 2, ctx.labels.prompt(question.id), BODY.with_fill(ALERT if details else None))
        levels = []
        for column, person in enumerate(people, start=3):
            item = own.get(person)
            value, style = _cell(item)
            if item is not None and item.level is not None:
                levels.append(item.level)
            if details and person in involved.get(question.id, set()):
                style = replace(style, bold=True, flagged=True)
            writer.put(row, column, value, style)
        spread = max(levels) - min(levels) if levels else None
        writer.put(row, len(people) + 3, spread, INTEGER.with_fill(ALERT if details else None))
        writer.put(row, len(people) + 4, bulleted(details), BODY.with_fill(ALERT) if details else QUIET)
        row += 1
    shown = {q.id for q in ctx.results.questions}
    for disagreement in disagreements:
        if disagreement.subject in shown:
            continue
        where, subject = _subject(ctx, disagreement.subject, disagreement.kind)
        writer.put(row, 1, where, BODY)
        writer.put(row, 2, subject, BODY.with_fill(ALERT))
        for column, person in enumerate(people, start=3):
            mark = "✗" if person in disagreement.respondents else ""
            writer.put(row, column, mark, INTEGER)
        writer.put(row, len(people) + 3, None, INTEGER)
        writer.put(row, len(people) + 4, disagreement.detail, BODY.with_fill(ALERT))
        row += 1
    writer.merge(
        row + 1,
        1,
        len(headers),
        "Cells show each respondent's level (0–4); ? = did not know; N/A = not applicable. "
        "Red frames mark the respondents whose answers disagree; ✗ marks those involved in an ownership or "
        "flow disagreement.",
        NOTE,
    )
    limits = {1: 18, 2: 50, **{column: 14 for column in range(3, len(people) + 3)}}
    limits.update({len(people) + 3: 8, len(people) + 4: 60})
    fit_widths(writer, limits)
    freeze_below(writer.sheet, HEADER_ROW, 2)
    print_setup(writer.sheet, f"{HEADER_ROW}:{HEADER_ROW}", ctx.footer, ctx.paper)


def _people(ctx: SheetContext) -> list[str]:
    """Return the respondents in merge order, then any others found in the answers."""
    order = list(ctx.assessment.merge.respondents) if ctx.assessment.merge else []
    for answer in ctx.assessment.answers.values():
        for item in answer.respondents:
            if item.respondent not in order:
                order.append(item.respondent)
    return order


def _cell(item: RespondentAnswer | None) -> tuple[str | int | None, Style]:
    """Return what one respondent's cell shows and how it is coloured."""
    if item is None:
        return "", INTEGER
    if item.unknown:
        return "?", INTEGER.with_fill(WARN)
    if item.na:
        return "N/A", INTEGER
    if item.level is not None:
        return item.level, INTEGER.with_fill(level_fill(item.level))
    return item.text or item.choice or ", ".join(item.choices or []), BODY


def _subject(ctx: SheetContext, subject: str, kind: str) -> tuple[str, str]:
    """Name the object or flow a disagreement is about, with the sheet that shows it."""
    flow = next((flow for flow in ctx.assessment.flows if flow.id == subject), None)
    if kind == "flow" or flow is not None:
        return "Flows", flow.name if flow is not None else subject
    return "Ownership", ctx.labels.object(subject)
