"""Stands in the question flow for the ownership matrix and flow inventory: a summary and enter to edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from slicewise.tui.widgets.answer_slot import Confirmed
from slicewise.tui.widgets.nav_keys import LIST_NAV_KEYS

if TYPE_CHECKING:
    from textual.widget import Widget

    from slicewise.tui.session import Session


class EditorLauncher(Static, can_focus=True):
    """A focusable summary of the matrix or the flows; enter opens the full editor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Edit", key_display="⏎", tooltip="Open the editor", id="open-editor"),
        *LIST_NAV_KEYS[1:],
    ]

    takes_numbers = False
    types_text = False

    def __init__(self, summarise: Callable[[], Content], open_editor: Callable[[], None]) -> None:
        """Build the launcher from what summarises the matrix or flows and what opens their editor."""
        self.summarise = summarise
        self.open_editor = open_editor
        super().__init__(summarise(), classes="answer-widget")

    def action_open(self) -> None:
        """Open the editor."""
        self.open_editor()

    def on_click(self) -> None:
        """Open the editor on a click too."""
        self.action_open()

    # ----- the answer slot (see answer_slot.AnswerSlot) ----------------------------------------------

    def parts(self) -> list[Widget]:
        """The summary alone."""
        return [self]

    def show_answer(self, session: Session) -> None:
        """Summarise what is filled in now."""
        self.update(self.summarise())

    def pick(self, session: Session, number: int) -> bool:
        """Nothing to pick here: the editor answers."""
        return False

    def confirm(self, session: Session) -> Confirmed:
        """⏎ opens the editor and stays on the question."""
        self.open_editor()
        return "stays"

    def arrive(self) -> None:
        """Take the focus: ⏎ opens the editor."""
        self.focus()

    def start_typing(self) -> None:
        """Nothing to type into."""
