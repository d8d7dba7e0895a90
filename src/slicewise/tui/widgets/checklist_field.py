"""The items of a `checklist` question: 1–9 or space tick an item, enter confirms and moves on."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.widgets import SelectionList

from slicewise.core.models.questionnaire import ChecklistQuestion
from slicewise.tui.base import session_of
from slicewise.tui.widgets.answer_slot import AnswerEdited, Confirmed
from slicewise.tui.widgets.nav_keys import LIST_NAV_KEYS
from slicewise.tui.widgets.tick_list import TickList

if TYPE_CHECKING:
    from textual.widget import Widget

    from slicewise.tui.session import Session


class ChecklistField(TickList):
    """The ticked items of one checklist question."""

    BINDINGS: ClassVar[list[BindingType]] = LIST_NAV_KEYS
    takes_numbers = True
    types_text = False

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
        """Store ticks made with space or the mouse, in questionnaire order."""
        event.stop()
        self.show_glyphs()
        chosen = set(self.selected)
        items = [item.id for item in self.question.items if item.id in chosen]
        session = session_of(self)
        if session.answer(self.question.id).choices != items:
            session.set_items(self.question.id, items)
            self.post_message(AnswerEdited())

    # ----- the answer slot (see answer_slot.AnswerSlot) ----------------------------------------------

    def parts(self) -> list[Widget]:
        """The tick list alone."""
        return [self]

    def show_answer(self, session: Session) -> None:
        """Tick what the answer holds."""
        self.show_ticked(session.answer(self.question.id).choices)

    def pick(self, session: Session, number: int) -> bool:
        """Tick or untick the n-th item."""
        if number > len(self.question.items):
            return False
        session.toggle_item(self.question.id, self.question.items[number - 1].id)
        self.highlighted = number - 1
        return True

    def confirm(self, session: Session) -> Confirmed:
        """Take the ticks as the whole answer (none ticked is an answer too)."""
        session.confirm_checklist(self.question.id)
        return "changed"

    def arrive(self) -> None:
        """Take the focus: arrows, space and numbers tick at once."""
        self.focus()

    def start_typing(self) -> None:
        """Nothing to type into."""
