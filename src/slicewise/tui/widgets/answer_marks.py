"""One line under a question showing don't-know, N/A with its reason, and confidence."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from slicewise.core.labels import na_reason_label
from slicewise.core.models.assessment import Answer


def marks_content(answer: Answer, status: str, level: str | None = None) -> Content:
    """Render the marks of an answer as chips, or a hint when there are none."""
    parts: list[str | tuple[str, str]] = []
    if answer.unknown:
        parts.append((" DON'T KNOW ", "bold $text on $warning 60%"))
        parts.append(("  follow-up item  ", "$text-warning"))
    if answer.na:
        reason = na_reason_label(answer.na)
        parts.append((" N/A ", "bold $text on $secondary 60%"))
        parts.append((f" {reason}", "$text-secondary"))
        if answer.na_note:
            parts.append((f" — {answer.na_note}", "italic"))
        parts.append(("  ", ""))
    if answer.confidence == "sure":
        parts.append((" SURE ", "bold $text on $success 50%"))
    elif answer.confidence == "unsure":
        parts.append((" UNSURE ", "bold $text on $warning 50%"))
    if status == "answered":
        parts.insert(0, (f"✓ answered{': ' + level if level else ''}  ", "$text-success"))
    if not parts:
        parts.append(("not answered yet", "$text-muted"))
    return Content.assemble(*parts)


class AnswerMarks(Static):
    """The marks line of the question on screen."""

    def show(self, answer: Answer, status: str, level: str | None = None) -> None:
        """Redraw for an answer."""
        self.update(marks_content(answer, status, level))
