"""Asks for the path of an assessment file to open."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from slicewise.tui.drafts import forget_draft, leave_keeping_draft, resume_draft
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.nav_keys import dialog_keys


class OpenFileScreen(ModalScreen[Path | None]):
    """Returns the path typed, or None when cancelled."""

    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="open-cancel"), *dialog_keys()]

    def compose(self) -> ComposeResult:
        """One path field."""
        with Vertical(classes="dialog"):
            yield Label("Open an assessment file", classes="dialog-title")
            yield Input(placeholder="path/to/client-2026-11-27.toml", id="open-path", compact=True)
            yield Label("⏎ opens · escape closes and keeps a draft", classes="dialog-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show the path typed last time the dialog was closed without opening it."""
        self._opened = resume_draft(self, "open-file")

    @on(Input.Submitted, "#open-path")
    def _submitted(self, event: Input.Submitted) -> None:
        """Return the path typed."""
        if event.value.strip():
            forget_draft(self, "open-file")
            self.dismiss(Path(event.value.strip()).expanduser())

    def action_cancel(self) -> None:
        """Return nothing, keeping the path typed as a draft."""
        leave_keeping_draft(self, "open-file", self._opened, "Path")
        self.dismiss(None)
