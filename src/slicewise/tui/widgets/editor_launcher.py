"""Stands in the question flow for the ownership matrix and flow inventory: a summary and enter to edit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from slicewise.tui.widgets.nav_keys import LIST_NAV_KEYS


class EditorLauncher(Static, can_focus=True):
    """A focusable summary of the matrix or the flows; enter opens the full editor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Edit", key_display="⏎", tooltip="Open the editor", id="open-editor"),
        *LIST_NAV_KEYS[1:],
    ]

    @dataclass
    class Open(Message):
        """The consultant asked for the editor of this question."""

        question_id: str
        """The ownership matrix or flow inventory question."""
        kind: str
        """`ownership_matrix` or `flow_inventory`."""

    def __init__(self, question_id: str, kind: str, summary: Content) -> None:
        """Build the launcher with a summary of what is filled in."""
        self.question_id = question_id
        self.kind = kind
        super().__init__(summary, classes="answer-widget")

    def action_open(self) -> None:
        """Ask for the editor."""
        self.post_message(self.Open(self.question_id, self.kind))

    def on_click(self) -> None:
        """Open the editor on a click too."""
        self.action_open()
