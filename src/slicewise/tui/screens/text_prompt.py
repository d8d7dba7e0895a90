"""Asks for one line of text (a correction owner, a system's name)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from slicewise.tui.drafts import Values, forget_draft, leave_keeping_draft, resume_draft
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.nav_keys import dialog_keys


class TextPromptScreen(ModalScreen[str | None]):
    """Returns the text entered (possibly empty, to clear), or None when cancelled."""

    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="prompt-cancel"), *dialog_keys()]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        """Ask `title`, starting from `value`."""
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.draft_key = f"prompt:{title}"
        self._opened: Values = {}

    def compose(self) -> ComposeResult:
        """One field."""
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label("⏎ saves (empty clears) · escape closes and keeps a draft", classes="dialog-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show what was typed last time the prompt was closed without saving."""
        self._opened = resume_draft(self, self.draft_key)

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        """Return the text."""
        forget_draft(self, self.draft_key)
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Return nothing, keeping what was typed as a draft."""
        leave_keeping_draft(self, self.draft_key, self._opened, "Text")
        self.dismiss(None)
