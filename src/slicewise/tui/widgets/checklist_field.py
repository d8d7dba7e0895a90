"""The items of a `checklist` question: 1–9 or space tick an item, enter confirms and moves on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import SelectionList

from slicewise.core.models.questionnaire import ChecklistQuestion
from slicewise.tui.widgets.nav_keys import LIST_NAV_KEYS
from slicewise.tui.widgets.tick_list import TickList


class ChecklistField(TickList):
    """The ticked items of one checklist question."""

    BINDINGS: ClassVar[list[BindingType]] = LIST_NAV_KEYS

    @dataclass
    class Ticked(Message):
        """The ticked items changed."""

        question_id: str
        """The question answered."""
        items: list[str]
        """The ticked item ids, in questionnaire order."""

    def __init__(self, question: ChecklistQuestion, ticked: list[str] | None) -> None:
        """Build the list with the current ticks."""
        self.question = question
        chosen = set(ticked or [])
        selections: list[tuple[str | Content, str, bool]] = [
            (
                Content.assemble((f"{n}" if n <= 9 else " ", "bold $text-accent"), "  ", item.label),
                item.id,
                item.id in chosen,
            )
            for n, item in enumerate(question.items, start=1)
        ]
        super().__init__(*selections, classes="answer-widget")

    def on_mount(self) -> None:
        """Start on the first item."""
        self.highlighted = 0

    def show_ticked(self, ticked: list[str] | None) -> None:
        """Bring the ticks in line with the answer without announcing a change."""
        wanted = set(ticked or [])
        if wanted == set(self.selected):
            return
        with self.prevent(SelectionList.SelectedChanged):
            self.deselect_all()
            for item_id in wanted:
                self.select(item_id)
        self.show_glyphs()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        """Report the ticks in questionnaire order."""
        event.stop()
        self.show_glyphs()
        chosen = set(self.selected)
        items = [item.id for item in self.question.items if item.id in chosen]
        self.post_message(self.Ticked(self.question.id, items))
