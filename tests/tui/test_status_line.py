"""Messages never cover the respondents' notes: on the screens that show them, a message takes a line of its own
above the footer (the content gives that line up) instead of a pop-up drawn over the content."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region

from slicewise.tui.app import SlicewiseApp
from slicewise.tui.opening import open_session
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.widgets.respondents_panel import RespondentsPanel
from slicewise.tui.widgets.status_line import StatusLine

from .helpers import screen_rows

NOTES = ["Depends on who you ask", "We wrote it down last year"]
"""What two respondents wrote on `ownership.source-of-truth` in the merged fixture."""


def _drawn(app: SlicewiseApp) -> list[Region]:
    """The screen regions of every pop-up drawn now."""
    return [toast.region for toast in app.screen.query("Toast") if toast.display and toast.region.area]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
async def test_a_message_leaves_the_respondents_notes_visible(merged: Path, size: tuple[int, int]) -> None:
    session = open_session(merged)
    session.assessment.progress.current = "ownership.source-of-truth"
    app = SlicewiseApp(session)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        long = "A long message that would have covered the right side of the screen " * 2
        app.notify(long.strip(), title="Note", severity="warning", timeout=600)
        await pilot.pause()
        await pilot.pause()
        line = app.screen.query_one(StatusLine)
        assert line.display, "the message is shown in the status line"
        shown = "\n".join(screen_rows(app))
        assert "A long message" in shown
        assert not _drawn(app), "no pop-up is drawn over the content"
        for note in NOTES:
            assert note in shown, f"{note!r} is hidden while the message shows"
        panels = [panel for panel in app.screen.query(RespondentsPanel) if panel.display and panel.region.area]
        assert panels
        for panel in panels:
            assert not panel.region.overlaps(line.region)
        footer_row = screen_rows(app)[-1]
        assert "Review" in footer_row and "Help" in footer_row and "Quit" in footer_row

        await pilot.press("g")  # the walk's own message goes to the same line
        await pilot.pause()
        await pilot.pause()
        assert "Disagreement" in str(line.render()) and not _drawn(app)
