"""The Engagement sheet: who, when and with what questionnaire, the method warnings and the open follow-ups
(the details page one leaves out so it stays one page)."""

from __future__ import annotations

from slicewise.core import counts as tally
from slicewise.export.workbook.context import SheetContext
from slicewise.export.workbook.layout import header_row, print_setup, set_widths
from slicewise.export.workbook.styles import BODY, LABEL, NOTE, SECTION, VALUE

SHEET = "Engagement"
LAST = 3


def write(ctx: SheetContext) -> None:
    """Add the Engagement sheet."""
    writer = ctx.new_sheet(SHEET, "Engagement details")
    engagement = ctx.assessment.engagement
    facts: list[tuple[str, str]] = [
        ("Client", ctx.client),
        ("Engagement", engagement.title),
        ("Date", engagement.date or "undated"),
        ("Consultant", engagement.consultant),
        ("Respondent", engagement.respondent),
        ("Participants", ", ".join(engagement.participants)),
        ("Notes", engagement.notes),
        ("Questionnaire", f"{ctx.bundle.questionnaire.title} (version {ctx.results.questionnaire_version})"),
    ]
    if ctx.assessment.merge is not None:
        merged = ctx.assessment.merge
        facts.append(("Merged from", f"{len(merged.respondents)} respondents: {', '.join(merged.respondents)}"))
    row = 4
    for label, value in facts:
        if not value.strip():
            continue
        writer.put(row, 1, label, LABEL, measure=False)
        writer.merge(row, 2, LAST, value, VALUE)
        row += 1
    for warning in ctx.results.warnings:
        writer.merge(row, 1, LAST, f"Note: {warning}", NOTE)
        row += 1
    follow_ups = ctx.results.follow_ups
    row += 1
    writer.put(row, 1, f"Open follow-ups ({tally.follow_up_phrase(follow_ups)} to find out)", SECTION, measure=False)
    if not follow_ups:
        writer.merge(row + 1, 1, LAST, "None: every applicable question has an answer or a reason.", NOTE)
        row += 2
    else:
        header_row(writer, ["ID", "Question", "Note"], row + 1)
        row += 2
        for item in follow_ups:
            ask = f"Ask: {', '.join(item.ask)}." if item.ask else ""
            writer.put(row, 1, item.subject or item.question, BODY)
            writer.put(row, 2, item.prompt, BODY)
            writer.put(row, 3, "\n".join(t for t in (item.note, ask) if t) or "—", BODY)
            row += 1
    set_widths(writer.sheet, {1: 22, 2: 60, 3: 40})
    print_setup(writer.sheet, None, ctx.footer, ctx.paper, portrait=True)
