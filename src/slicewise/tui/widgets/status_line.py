"""Short messages in a line of their own above the footer, instead of pop-ups that could cover the respondents'
notes: the screen's content gives up the line while a message shows, so nothing is ever drawn over it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from slicewise.tui.base import sw_app

if TYPE_CHECKING:
    from textual.screen import Screen

SEVERITY_STYLE = {"information": "$text-accent", "warning": "bold $text-warning", "error": "bold $text-error"}
"""How each severity's title is drawn."""


@dataclass(frozen=True)
class Said:
    """One message given through `notify`, and until when it shows."""

    message: str
    """What was said."""
    title: str
    """Its title, shown before it (may be empty)."""
    severity: str
    """information, warning or error."""
    until: float
    """`time.monotonic()` after which it is gone."""


class StatusLine(Static):
    """The latest message, shown for its timeout on the screen it belongs to; hidden when there is none."""

    DEFAULT_CSS = """
    StatusLine {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $panel;
        display: none;
    }
    """

    def __init__(self) -> None:
        """Start empty."""
        super().__init__(id="status-line")
        self._timer: Timer | None = None

    def on_mount(self) -> None:
        """Take the messages of this screen from now on (its pop-ups are hidden), and show one still current."""
        app = sw_app(self)
        app.said.subscribe(self, self.say)
        if app.last_said is not None:
            self.say(app.last_said)

    def say(self, said: Said) -> None:
        """Show a message until its time is up."""
        left = said.until - time.monotonic()
        if left <= 0:
            return
        label = f"{said.title}: " if said.title else ""
        self.update(
            Content.assemble((label, SEVERITY_STYLE.get(said.severity, "bold")), said.message.replace("\n", " "))
        )
        self.set_class(said.severity == "error", "-error")
        self.display = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(left, self.clear)

    def clear(self) -> None:
        """Give the line back to the screen."""
        self._timer = None
        self.display = False
        self.update("")


def status_line(screen: Screen[Any]) -> StatusLine:
    """Return the status line for `screen` to compose: from then on the screen shows its messages there, never
    as pop-ups (marked while composing, before the screen has any widget its new class would restyle)."""
    screen.add_class("-own-status")
    return StatusLine()
