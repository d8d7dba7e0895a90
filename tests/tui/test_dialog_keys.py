"""Every dialog's footer shows its own keys, then Help (F1) and Quit (ctrl+q), whole at 80 columns; quitting from
a form keeps what was typed as its draft, as esc does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Input

from slicewise.tui.app import SlicewiseApp
from slicewise.tui.opening import open_session
from slicewise.tui.screens.adjust_dialog import AdjustDialog
from slicewise.tui.screens.confirm import ConfirmScreen
from slicewise.tui.screens.conflict import ConflictScreen
from slicewise.tui.screens.custom_dialog import CustomItemDialog
from slicewise.tui.screens.engagement import EngagementScreen
from slicewise.tui.screens.flow_form import FlowFormScreen
from slicewise.tui.screens.help import HelpScreen
from slicewise.tui.screens.na_reason import NaReasonScreen
from slicewise.tui.screens.text_prompt import TextPromptScreen
from slicewise.tui.session import Session
from slicewise.tui.widgets.key_footer import KeyFooter

from .helpers import open_by_keys, screen_rows

DIALOGS: dict[str, Callable[[Session], Screen[object]]] = {
    "flow form": lambda session: FlowFormScreen(session, None),
    "n/a reason": lambda session: NaReasonScreen(None, ""),
    "engagement": lambda session: EngagementScreen(session),
    "name prompt": lambda session: TextPromptScreen("Name of the system"),
    "confirm": lambda session: ConfirmScreen("Sure?", "Really?"),
    "conflict": lambda session: ConflictScreen(session.path),
    "new risk": lambda session: CustomItemDialog(session, "risk"),
}
"""Every dialog over an open file, built as the screens open them."""


@pytest.mark.parametrize("name", [*DIALOGS, "help"])
async def test_every_dialog_shows_help_and_quit_whole_at_80_columns(session: Session, name: str) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if name == "help":
            await open_by_keys(pilot, "question_mark", expect=HelpScreen)
        else:
            app.push_screen(DIALOGS[name](session))
        await pilot.pause()
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        keys, _palette = footer.shown()
        shown = {key.tooltip for key in keys}
        assert "Quit (a form keeps what was typed as its draft, as esc does)" in shown, shown
        if name != "help":  # the help screen is Help
            assert "Every key of this dialog" in shown, shown
        for key in keys:
            assert key.end <= footer.size.width
        row = screen_rows(app)[-1]
        assert "Quit" in row and (name == "help" or "Help" in row), row


async def test_quitting_from_the_flow_form_keeps_its_draft(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "f", "a", expect=FlowFormScreen)
        await pilot.press(*"Order export")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0

    again = SlicewiseApp(open_session(Path(session.path)))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "f", "a", expect=FlowFormScreen)
        assert again.screen.query_one("#flow-name", Input).value == "Order export"


async def test_f1_shows_the_keys_of_the_dialog(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "f", "a", expect=FlowFormScreen)
        await open_by_keys(pilot, "f1", expect=HelpScreen)
        assert any("^r" in row and "Put the form back as it opened" in row for row in screen_rows(app))


async def test_the_adjust_dialog_shows_help_and_quit_too(demo_session: Session) -> None:
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_register()
        await pilot.pause()
        await open_by_keys(pilot, "a", expect=AdjustDialog)
        await pilot.pause()
        row = screen_rows(app)[-1]
        assert "F1 Help" in row and "^q Quit" in row, row
