"""The app a respondent sees in the browser: the question screens, restricted to answering their own file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from slicewise.tui import app as tui_app
from slicewise.tui.app import SlicewiseApp

ANSWERING_ACTIONS: frozenset[str] = frozenset(
    {
        "quit",
        "help_quit",
        "help",
        "ownership",  # the ownership matrix and the flow inventory are answers too
        "flows",
        "undo",
        "redo",
        "pop_screen",
        "focus_next",
        "focus_previous",
        "bell",
    }
)
"""The app actions a respondent may run: answering, moving, help, undo and quit. Every other app action
(review and export, engagement details, scorecard, register, plan, palette, theme, screenshot, and any added
later) is refused and its key hidden: scores shown while answering would steer the answers, and the rest
reach past the respondent's own answers."""

SERVER_CHECK_SECONDS = 1.0
"""How often the app checks that the server that started it is still there."""


class RespondentApp(SlicewiseApp):
    """The slicewise app on one respondent's file, without exports, file dialogs, scores or the palette."""

    CSS_PATH = str(Path(tui_app.__file__).with_name("app.tcss"))
    ENABLE_COMMAND_PALETTE: ClassVar[bool] = False

    def on_mount(self) -> None:
        """Remember which server started this session, to leave (after saving) if it goes away."""
        self._server_pid = os.getppid()
        self.set_interval(SERVER_CHECK_SECONDS, self.leave_if_orphaned)

    def leave_if_orphaned(self) -> None:
        """Quit, saving, when the server process is gone (it was killed without ending its sessions)."""
        if os.getppid() != self._server_pid:
            self.exit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Refuse (and hide the keys of) every app action that is not answering."""
        if action not in ANSWERING_ACTIONS:
            return False
        return super().check_action(action, parameters)

    def action_review(self) -> None:
        """Not offered to respondents (the consultant reviews and exports after the merge)."""

    def action_export(self) -> None:
        """Not offered to respondents."""

    def action_engagement(self) -> None:
        """Not offered to respondents."""

    def action_scorecard(self) -> None:
        """Not offered to respondents."""

    def action_register(self) -> None:
        """Not offered to respondents."""

    def action_plan(self) -> None:
        """Not offered to respondents."""
