"""Projector-ready words and marks: ticks read without colour, and unscored questions carry no maturity labels."""

from __future__ import annotations

from slicewise.tui.app import SlicewiseApp
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.session import Session
from slicewise.tui.widgets.checklist_field import ChecklistField
from slicewise.tui.widgets.tick_list import TICKED, UNTICKED

from .helpers import screen_rows


async def test_ticks_show_a_glyph_that_follows_the_state(session: Session) -> None:
    session.assessment.progress.current = "failure.retry"
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and isinstance(screen.answer_widget, ChecklistField)
        rows = "\n".join(screen_rows(app))
        assert f"{UNTICKED} 1  Back-off" in rows and f"{UNTICKED} 3  A dead-letter" in rows
        await pilot.press("1", "3")
        await pilot.pause()
        rows = "\n".join(screen_rows(app))
        assert f"{TICKED} 1  Back-off" in rows and f"{UNTICKED} 2  A limit" in rows
        assert f"{TICKED} 3  A dead-letter" in rows


async def test_unscored_choice_questions_show_no_levels(session: Session) -> None:
    session.assessment.progress.current = "context.marketplaces"
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = "\n".join(screen_rows(app))
        assert "L0" not in rows and "L1" not in rows
        await pilot.press("right")  # a scored question: the rubric names the levels
        await pilot.pause()
        assert "L0" in "\n".join(screen_rows(app))


async def test_the_matrix_reaches_the_status_and_any_system_in_a_few_keys(demo_session: Session) -> None:
    from textual.widgets import DataTable

    from slicewise.tui.screens.ownership import OwnershipScreen

    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_ownership()
        await pilot.pause()
        assert isinstance(app.screen, OwnershipScreen)
        table = app.screen.query_one("#matrix", DataTable)
        last = len(table.columns) - 1
        await pilot.press("dollar_sign")  # one key to the status column
        await pilot.pause()
        assert table.cursor_coordinate.column == last
        await pilot.pause()
        assert any("Status" in row for row in screen_rows(app)[:12]), "the grid scrolls to show it"
        await pilot.press("ctrl+left")
        assert table.cursor_coordinate.column == last - 5
        for _ in range(4):
            await pilot.press("ctrl+left")
        assert table.cursor_coordinate.column == 1  # stops on the first system, never the object column
        await pilot.press("ctrl+right", "ctrl+right")
        assert table.cursor_coordinate.column == 11


async def test_system_names_wrap_in_the_matrix_headings_instead_of_being_cut(demo_session: Session) -> None:
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.action_ownership()
        await pilot.pause()
        rows = "\n".join(screen_rows(app)[:10])
        assert "Commerce pla " not in rows and "platform" in rows
