"""The question screen fits 80×24 (no sidebar, prompt and answers on screen) and spreads out at 160×45."""

from __future__ import annotations

import re
from pathlib import Path

from slicewise.tui.app import SlicewiseApp
from slicewise.tui.opening import create_session
from slicewise.tui.session import Session
from slicewise.tui.widgets.area_sidebar import AreaSidebar


async def test_small_terminal_keeps_prompt_and_answers_on_screen(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # failure.idempotency: four rubric lines
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-narrow")
        assert not screen.query_one("#sidebar").display
        prompt = screen.query_one("#prompt").region
        rubric = screen.query_one(".answer-widget").region
        assert prompt.y >= 1 and prompt.height >= 1
        assert rubric.y > prompt.y and rubric.bottom <= 23
        assert screen.query_one("#guidance-below").display


async def test_wide_terminal_shows_sidebar_and_guidance_column(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-wide")
        assert screen.query_one("#sidebar").region.width >= 30
        assert screen.query_one("#guidance-side").display
        assert not screen.query_one("#guidance-below").display


async def test_sidebar_titles_fit_one_line_from_the_first_frame(tmp_path: Path) -> None:
    session = create_session("commerce-integration", "Acme", tmp_path / "acme.toml")
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        sidebar = app.screen.query_one(AreaSidebar)
        areas = session.bundle.questionnaire.areas
        assert any(len(area.title) > 20 for area in areas), "needs titles long enough to be cut"
        lines = str(sidebar.render()).splitlines()
        assert len(lines) == len(areas), lines
        assert all(re.match(r"^[▶✓ ] +\d+/\d+  \S", line) for line in lines), lines
        assert all(len(line) <= sidebar.content_size.width for line in lines), lines
