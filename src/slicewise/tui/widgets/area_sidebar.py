"""The list of areas beside the questions: answered / asked per area and where the consultant is."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.css.scalar import Unit
from textual.message import Message
from textual.widgets import Static

from slicewise.core.models.questionnaire import area_of
from slicewise.tui.session import Session


def sidebar_lines(session: Session, current_question: str, width: int = 28) -> list[tuple[str, Content]]:
    """Render each area as a marker, answered / asked and its title, wrapped under itself (never cut); return
    (area id, line) for every line, so a click on any line of an area picks it."""
    import textwrap

    current_area = area_of(current_question)
    lines: list[tuple[str, Content]] = []
    for area in session.bundle.questionnaire.areas:
        counts = session.area_counts(area.id)
        done, asked = counts.dealt_with, counts.asked  # the review's "dealt with", per area
        here = area.id == current_area
        complete = asked > 0 and done == asked
        marker = "▶" if here else ("✓" if complete else " ")
        count = f"{done}/{asked}"
        style = "bold $text-accent" if here else ("$text-success" if complete else "")
        room = max(6, width - 9)
        parts = textwrap.wrap(area.title, room) or [""]
        lines.append(
            (
                area.id,
                Content.assemble(
                    (f"{marker} ", style or "$text-muted"),
                    (f"{count:>5}  ", "$text-muted" if not here else "bold"),
                    (parts[0], style),
                ),
            )
        )
        lines.extend((area.id, Content.assemble(" " * 9, (part, style))) for part in parts[1:])
    return lines


class AreaSidebar(Static):
    """Areas with their progress, titles wrapped; redrawn after every change, and a click picks an area."""

    @dataclass
    class Picked(Message):
        """An area was clicked."""

        area_id: str
        """The area clicked."""

    def __init__(self, *, id: str | None = None) -> None:
        """Start empty; `show` fills it."""
        super().__init__(id=id)
        self.area_ids: list[str] = []
        self._shown: tuple[Session, str] | None = None

    def show(self, session: Session, current_question: str) -> None:
        """Redraw for the question on screen."""
        self._shown = (session, current_question)
        if self.is_mounted and not self.display:
            return  # hidden at narrow widths: drawn when a resize shows it again
        width = self.content_size.width or self.styled_width()
        lines = sidebar_lines(session, current_question, width)
        self.area_ids = [area_id for area_id, _line in lines]
        self.update(Content("\n").join(line for _area_id, line in lines))

    def styled_width(self) -> int:
        """The text width the styles will give, for the first draw before the layout has run."""
        width = self.styles.width
        if width is not None and width.unit is Unit.CELLS:
            return max(6, int(width.value) - self.styles.gutter.width)
        return 27

    def on_resize(self) -> None:
        """Wrap the titles again to the width the layout gave (unknown at the first draw)."""
        if self._shown is not None:
            self.show(*self._shown)

    def on_click(self, event: events.Click) -> None:
        """Tell the screen which area's line was clicked."""
        offset = event.get_content_offset(self)
        if offset is not None and 0 <= offset.y < len(self.area_ids):
            self.post_message(self.Picked(self.area_ids[offset.y]))
