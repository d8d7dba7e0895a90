"""Shows whether every change is on disk: `saved hh:mm:ss`, or a red warning when the save failed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from slicewise.tui.base import sw_app

if TYPE_CHECKING:
    from slicewise.tui.app import SaveState


class SavedIndicator(Static):
    """The saved indicator in the top bar."""

    def on_mount(self) -> None:
        """Follow every save."""
        app = sw_app(self)
        app.saved.subscribe(self, self.show_state)
        if app.last_save is not None:
            self.show_state(app.last_save)
        else:
            self.update(Content.styled("✓ saved", "$text-success"))

    def show_state(self, state: SaveState) -> None:
        """Redraw for the latest save."""
        if state.ok:
            self.remove_class("-failed")
            self.update(Content.styled(f"✓ saved {state.when:%H:%M:%S}", "$text-success"))
        else:
            self.add_class("-failed")
            self.update(Content.styled("✗ NOT SAVED — see message", "bold $text-error"))
        self.tooltip = state.message or f"Saved to disk at {state.when:%H:%M:%S}"
