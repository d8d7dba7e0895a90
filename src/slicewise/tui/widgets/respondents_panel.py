"""What each respondent of a merged assessment answered to the question on screen, with their notes."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from slicewise.core.labels import na_reason_label
from slicewise.core.models.assessment import Answer, Disagreement, RespondentAnswer


def said(given: RespondentAnswer, labels: dict[str, str]) -> str:
    """Say in words what one respondent answered."""
    if given.na:
        return f"N/A ({na_reason_label(given.na)})"
    if given.unknown:
        return "don't know"
    if given.choice is not None:
        return labels.get(given.choice, given.choice)
    if given.choices is not None:
        return ", ".join(labels.get(c, c) for c in given.choices) or "none ticked"
    if given.text is not None:
        return given.text
    return "filled in" if given.level is not None else "no answer"


def respondents_content(answer: Answer, labels: dict[str, str], disagreements: list[Disagreement]) -> Content:
    """Render a heading (marked when they disagree) and one line per respondent: level, answer, note."""
    answers = [d for d in disagreements if d.kind in ("level_spread", "choice")]
    inside = [d for d in disagreements if d.kind not in ("level_spread", "choice")]
    if disagreements:
        spread = max((d.spread for d in answers), default=0)
        why = f"levels {spread} apart" if spread else ("different answers" if answers else "inside the editor")
        heading = Content.assemble((" ≠ DISAGREE ", "bold $text on $error 60%"), (f"  {why}", "$text-error"))
    else:
        heading = Content.styled(f"What the {len(answer.respondents)} respondents said", "bold $text-secondary")
    lines = [heading]
    lines.extend(Content.styled(f"  ≠ {d.detail}", "$text-error") for d in inside)
    width = max((len(r.respondent) for r in answer.respondents), default=0)
    for given in answer.respondents:
        level = f"L{given.level}" if given.level is not None else "  "
        parts: list[str | tuple[str, str]] = [
            ("  ", ""),
            (f"{given.respondent:<{width}}  ", "bold"),
            (f"{level}  ", "bold $text-accent"),
            (said(given, labels), "$text-muted" if given.unknown or given.na else ""),
        ]
        lines.append(Content.assemble(*parts))
        if given.note:
            lines.append(Content.styled(f"{'':<{width + 8}}“{given.note}”", "italic $text-secondary"))
    return Content("\n").join(lines)


class RespondentsPanel(Static):
    """The respondents' answers under (or beside) the question; hidden for a single-person assessment."""

    def show(self, answer: Answer, labels: dict[str, str], disagreements: list[Disagreement]) -> None:
        """Redraw for the question on screen (with the disagreements about it, or inside its matrix or
        inventory), or hide when nobody else answered it."""
        self.set_class(not answer.respondents, "-empty")
        self.set_class(bool(disagreements), "-disagree")
        if answer.respondents:
            self.update(respondents_content(answer, labels, disagreements))
