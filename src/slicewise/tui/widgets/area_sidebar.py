"""The list of areas beside the questions: answered / asked per area and where the consultant is."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from slicewise.core.models.questionnaire import area_of
from slicewise.tui.session import Session


def sidebar_content(session: Session, current_question: str) -> Content:
    """Render one line per area with a progress count, marking the current area."""
    current_area = area_of(current_question)
    lines: list[Content] = []
    for area in session.bundle.questionnaire.areas:
        done, asked = session.area_progress(area.id)
        here = area.id == current_area
        complete = asked > 0 and done == asked
        marker = "▶" if here else ("✓" if complete else " ")
        count = f"{done}/{asked}"
        style = "bold $accent" if here else ("$text-success" if complete else "")
        lines.append(
            Content.assemble(
                (f"{marker} ", style or "$text-muted"),
                (area.title, style),
                ("  ", ""),
                (count, "$text-muted" if not here else "bold"),
            )
        )
    return Content("\n").join(lines)


class AreaSidebar(Static):
    """Areas with their progress; redrawn after every change."""

    def show(self, session: Session, current_question: str) -> None:
        """Redraw for the question on screen."""
        self.update(sidebar_content(session, current_question))
