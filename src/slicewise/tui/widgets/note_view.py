"""The note under a question as it reads while nobody writes in it; the text area it turns into (on `n` or a
click) is built only then, so a screen that is read costs no editor."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

NOTE_HINT = "press n to write a note (saved as you type); escape to go back"
"""What the empty note says, read-only or being written."""


@dataclass
class NoteEdited(Message):
    """The note of a question changed."""

    question_id: str
    """The question the note belongs to."""
    text: str
    """The note as it now stands."""


@dataclass
class NoteLeft(Message):
    """The consultant finished the note."""


class NoteWanted(Message):
    """The read-only note was clicked: the screen turns it into the field, as on `n`."""


class NoteView(Static):
    """The note of the question on screen, read-only, drawn like the field that replaces it for writing."""

    DEFAULT_CSS = """
    NoteView {
        width: 1fr;
        padding: 0 1;
        color: $foreground;
        background: $surface;
    }
    NoteView.-empty {
        color: $text 40%;
    }
    """

    def __init__(self) -> None:
        """An empty note until `show_note` says whose it is."""
        super().__init__(id="note")
        self.question_id = ""
        self.text = ""
        self.border_title = "Note"

    def show_note(self, question_id: str, text: str) -> None:
        """Show the note of a question (user text is shown as it is, never read as markup)."""
        self.question_id = question_id
        self.text = text
        self.set_class(not text, "-empty")
        self.update(Content(text) if text else Content(NOTE_HINT))

    def on_click(self, event: events.Click) -> None:
        """Start writing, like `n` (the screen replaces this widget, so it is asked by message)."""
        event.stop()
        self.post_message(NoteWanted())
