"""One line under a question showing don't-know, N/A with its reason, and confidence."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from slicewise.core.models.assessment import Answer
from slicewise.tui.session import NA_REASONS


def marks_content(
    answer: Answer, status: str, level: str | None = None, labels: dict[str, str] | None = None
) -> Content:
    """Render the marks of an answer as chips, or a hint when there are none."""
    parts: list[str | tuple[str, str]] = []
    if answer.unknown:
        parts.append((" DON'T KNOW ", "bold $text on $warning 60%"))
        parts.append(("  follow-up item  ", "$text-warning"))
    if answer.na:
        reason = NA_REASONS.get(answer.na, answer.na)
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
    content = Content.assemble(*parts)
    if answer.respondents:
        content = Content("\n").join([content, respondents_content(answer, labels or {})])
    return content


def respondents_content(answer: Answer, labels: dict[str, str]) -> Content:
    """Say what each respondent of a merged assessment answered, so the room can settle disagreements."""
    lines: list[Content] = [Content.styled("Respondents:", "bold $text-secondary")]
    for given in answer.respondents:
        if given.na:
            said = f"N/A ({NA_REASONS.get(given.na, given.na)})"
        elif given.unknown:
            said = "don't know"
        elif given.choice is not None:
            said = labels.get(given.choice, given.choice)
        elif given.choices is not None:
            said = ", ".join(labels.get(c, c) for c in given.choices) or "none ticked"
        else:
            said = given.text or "no answer"
        level = f" (level {given.level})" if given.level is not None else ""
        lines.append(Content.assemble(("  • ", "$text-muted"), (given.respondent, "bold"), f": {said}{level}"))
    return Content("\n").join(lines)


class AnswerMarks(Static):
    """The marks line of the question on screen."""

    def show(self, answer: Answer, status: str, level: str | None = None, labels: dict[str, str] | None = None) -> None:
        """Redraw for an answer (`labels` names choices and items for merged answers)."""
        self.update(marks_content(answer, status, level, labels))
