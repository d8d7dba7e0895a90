"""The answer field of a `text` question: saved as it is typed, enter moves on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Input

from slicewise.core.models.questionnaire import TextQuestion
from slicewise.tui.widgets.nav_keys import TEXT_NAV_KEYS


class TextAnswer(Input):
    """A one-line text answer (context, not scored)."""

    BINDINGS: ClassVar[list[BindingType]] = TEXT_NAV_KEYS

    @dataclass
    class Edited(Message):
        """The text changed."""

        question_id: str
        """The question answered."""
        text: str
        """The text as it now stands."""

    def __init__(self, question: TextQuestion, text: str | None) -> None:
        """Build the field with the current answer."""
        self.question = question
        self._reported = text or ""
        super().__init__(
            value=text or "",
            placeholder=question.placeholder or "Press t to type the answer; ⏎ keeps it and moves on",
            classes="answer-widget",
            select_on_focus=False,  # a stray key adds to the answer instead of replacing it
        )

    def show_text(self, text: str | None) -> None:
        """Show the answer as it now stands in the file (after an undo), without reporting it as an edit."""
        if (text or "") != self.value:
            self._reported = text or ""
            self.value = text or ""

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        """Report every edit so it is saved at once."""
        event.stop()
        if event.value != self._reported:
            self._reported = event.value
            self.post_message(self.Edited(self.question.id, event.value))
