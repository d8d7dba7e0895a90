"""Reopening a file draws its real question screen from the real file, and keys typed at once are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from slicewise.core.errors import SlicewiseError
from slicewise.core.store import load_assessment
from slicewise.tui import recent
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.opening import open_session
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.screens.start import StartScreen
from slicewise.tui.session import Session

from .helpers import nth_choice, on_choices

SIZE = (100, 30)


async def test_keys_typed_before_the_first_frame_are_applied_in_order(session: Session) -> None:
    first = on_choices(session)
    app = SlicewiseApp(open_session(session.path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "enter", "1")  # pick, confirm and go on, pick on the next question: no wait at all
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        second = app.screen.question_id
        assert second != first
    saved = load_assessment(session.path)
    assert saved.answers[first].choice == nth_choice(session, first, 2)
    assert saved.answers[second].choice == nth_choice(session, second, 1)
    assert saved.progress.current == second


async def test_a_recent_file_chosen_on_the_start_screen_opens_on_its_question(session: Session) -> None:
    first = on_choices(session)
    recent.remember(session.path)
    app = SlicewiseApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("down", "down", "enter")  # the recent file
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.question_id == first
        assert app.current_session.path == session.path.resolve()


async def test_a_file_that_fails_to_open_from_the_start_screen_shows_the_reason(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    recent.remember(session.path)

    def refuse(path: Path) -> Session:
        raise SlicewiseError.single("Cannot read the assessment file", str(path), "broken on purpose")

    monkeypatch.setattr("slicewise.tui.opening.open_session", refuse)
    app = SlicewiseApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "broken on purpose" in str(app.screen.query_one("#start-error", Static).render())
        await pilot.press("n")  # keys work again
        await pilot.pause()
        assert not isinstance(app.screen, StartScreen)
