"""The Answers sheet: every question that applies, with the answer, level, confidence, note and N/A reason."""

from __future__ import annotations

from slicewise.core.labels import na_words
from slicewise.export.report import report_questions
from slicewise.export.workbook.context import SheetContext
from slicewise.export.workbook.layout import HEADER_ROW, fit_widths, freeze_below, header_row, print_setup
from slicewise.export.workbook.styles import BODY, BODY_CENTRE, INTEGER, WARN, Style, level_fill

SHEET = "Answers"
HEADERS = ["Area", "ID", "Question", "Answer", "Level", "Confidence", "Status", "Note", "N/A reason"]
STATUS_WORDS = {
    "answered": "Answered",
    "unknown": "Don't know",
    "na": "N/A",
    "unanswered": "Not answered",
    "hidden": "Not asked",
}
"""How each question status reads."""
ORPHAN = Style(italic=True, colour="595959")
LIMITS = {1: 16, 2: 22, 3: 42, 4: 36, 5: 7, 6: 11, 7: 12, 8: 46, 9: 24}


def write(ctx: SheetContext) -> None:
    """Add the Answers sheet."""
    writer = ctx.new_sheet(SHEET, "Answers")
    header_row(writer, HEADERS)
    row = HEADER_ROW + 1
    for question in report_questions(ctx.results, ctx.assessment):
        answer = ctx.assessment.answers.get(question.id)
        na_reason = na_words(answer) if answer is not None else ""
        status = STATUS_WORDS.get(question.status, question.status)
        values = [
            ctx.labels.area(question.area),
            question.id,
            ctx.labels.prompt(question.id),
            question.answer or ("—" if question.status != "answered" else ""),
        ]
        for column, value in enumerate(values, start=1):
            writer.put(row, column, value, BODY)
        writer.put(row, 5, question.level, INTEGER.with_fill(level_fill(question.level)))
        writer.put(row, 6, _words(answer.confidence or "") if answer else "", BODY_CENTRE)
        writer.put(row, 7, status, BODY_CENTRE.with_fill(WARN if question.status == "unknown" else None))
        writer.put(row, 8, answer.note if answer else "", BODY)
        writer.put(row, 9, na_reason, BODY)
        row += 1
    for orphan in ctx.results.orphan_answers:
        answer = ctx.assessment.answers.get(orphan)
        if answer is None:
            continue
        kept: list[str | None] = [
            "(no longer asked)",
            orphan,
            "Not in the current questionnaire; the answer is kept but not scored.",
            answer.text or answer.choice or ", ".join(answer.choices or []),
            None,
            answer.confidence or "",
            "Not scored",
            answer.note,
            na_words(answer),
        ]
        for column, item in enumerate(kept, start=1):
            writer.put(row, column, item, ORPHAN if column in (1, 3) else BODY)
        row += 1
    fit_widths(writer, LIMITS)
    freeze_below(writer.sheet, HEADER_ROW, 3)
    writer.sheet.auto_filter.ref = f"A{HEADER_ROW}:{writer.column_letter(len(HEADERS))}{max(row - 1, HEADER_ROW)}"
    print_setup(writer.sheet, f"{HEADER_ROW}:{HEADER_ROW}", ctx.footer, ctx.paper)


def _words(identifier: str) -> str:
    """Turn a stored id such as `out-of-scope` or `unsure` into words: `Out of scope`, `Unsure`."""
    text = identifier.replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]
