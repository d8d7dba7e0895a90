"""The one-line bar at the top of the question flow: where we are, and the saved indicator."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from slicewise.tui.base import update_if_changed
from slicewise.tui.widgets.saved_indicator import SavedIndicator


class TopBar(Horizontal):
    """Title on the left, the saved indicator on the right."""

    def compose(self) -> ComposeResult:
        """Lay out the title and the indicator."""
        yield Static(id="top-title")
        yield SavedIndicator(id="saved")

    def set_title(self, text: str) -> None:
        """Show a new title."""
        update_if_changed(self.query_one("#top-title", Static), Content(text))
