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
            self.update(Content.styled(f"✓ saved{self._file_time()}", "$text-success"))

    def _file_time(self) -> str:
        """When the open file was last written, as ' hh:mm:ss' (with the day when it was not today)."""
        from datetime import datetime

        session = sw_app(self).session
        try:
            when = datetime.fromtimestamp(session.path.stat().st_mtime) if session is not None else None
        except OSError:
            when = None
        if when is None:
            return ""
        return f" {when:%H:%M:%S}" if when.date() == datetime.now().date() else f" {when:%d %b %H:%M}"

    def show_state(self, state: SaveState) -> None:
        """Redraw for the latest save (a new time fits the same width: no layout pass unless the state flips)."""
        flipped = self.has_class("-failed") == state.ok
        if state.ok:
            self.remove_class("-failed")
            self.update(Content.styled(f"✓ saved {state.when:%H:%M:%S}", "$text-success"), layout=flipped)
        else:
            self.add_class("-failed")
            self.update(Content.styled("✗ NOT SAVED — see message", "bold $text-error"), layout=flipped)
        self.tooltip = state.message or f"Saved to disk at {state.when:%H:%M:%S}"
