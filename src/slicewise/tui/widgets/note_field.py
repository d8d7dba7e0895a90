"""The note under a question while it is being written: a small text area saved as it is typed, escape returns
to the answer."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import TextArea

from slicewise.tui.widgets.note_view import NOTE_HINT, NoteEdited, NoteLeft


class NoteField(TextArea):
    """The consultant's note on the question on screen, being written (`note_view.NoteView` shows it otherwise)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back to answer", id="note-leave"),
    ]

    def __init__(self, text: str) -> None:
        """Build the field with the current note."""
        super().__init__(
            text,
            id="note",
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            highlight_cursor_line=False,
            placeholder=NOTE_HINT,
        )
        self.question_id = ""
        self._reported = text
        self.border_title = "Note"

    def show_note(self, question_id: str, text: str) -> None:
        """Show the note of another question; typing not yet announced goes to the question it was for."""
        if self.question_id and self.text != self._reported:
            self.post_message(NoteEdited(self.question_id, self.text))
        self.question_id = question_id
        self._reported = text
        if text != self.text:
            with self.prevent(TextArea.Changed):
                self.load_text(text)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        """Announce the edit together with the question it belongs to."""
        event.stop()
        if self.question_id and self.text != self._reported:
            self._reported = self.text
            self.post_message(NoteEdited(self.question_id, self.text))

    def action_leave(self) -> None:
        """Give the focus back to the answer."""
        self.post_message(NoteLeft())
