"""The question screen fits 80×24 (no sidebar, prompt and answers on screen) and spreads out at 160×45."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from slicewise.tui.app import SlicewiseApp
from slicewise.tui.opening import create_session
from slicewise.tui.screens.question import QuestionScreen
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


async def test_sidebar_titles_wrap_within_the_width_from_the_first_frame(tmp_path: Path) -> None:
    session = create_session("commerce-integration", "Acme", tmp_path / "acme.toml")
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        sidebar = app.screen.query_one(AreaSidebar)
        areas = session.bundle.questionnaire.areas
        assert any(len(area.title) > 20 for area in areas), "needs titles long enough to be wrapped"
        lines = str(sidebar.render()).splitlines()
        assert all(len(line) <= sidebar.content_size.width for line in lines), lines
        heads = [n for n, line in enumerate(lines) if re.match(r"^[▶✓ ] +\d+/\d+  \S", line)]
        assert len(heads) == len(areas), lines
        for area, start, end in zip(areas, heads, [*heads[1:], len(lines)], strict=True):
            words = " ".join(line[9:].strip() for line in lines[start:end])
            assert words == area.title, (words, area.title)  # whole, never cut
        assert len(sidebar.area_ids) == len(lines)  # a click on any line picks its area


@pytest.mark.parametrize("width", [80, 99, 100, 139, 140, 200])
async def test_screens_have_their_width_class_before_the_first_frame(session: Session, width: int) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        settled = {name for name in ("-narrow", "-medium", "-wide") if app.screen.has_class(name)}
        assert len(settled) == 1
        fresh = QuestionScreen(session.start_question())  # not mounted: no resize has reached it
        assert {name for name in settled if fresh.has_class(name)} == settled


async def test_hidden_sidebar_is_drawn_when_the_terminal_widens(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sidebar = app.screen.query_one(AreaSidebar)
        assert not sidebar.display
        await pilot.press("enter")  # a change while hidden: not drawn
        await pilot.pause()
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert sidebar.display
        current = app.screen.question_id  # type: ignore[attr-defined]
        lines = str(sidebar.render()).splitlines()
        assert len(lines) == len(session.bundle.questionnaire.areas)
        here = next(line for line in lines if line.startswith("▶"))
        area = session.bundle.questionnaire.area(current.split(".", 1)[0])
        assert area is not None and area.title[:10] in here


@pytest.mark.parametrize("width", [100, 160])
async def test_sidebar_first_draw_uses_the_width_its_styles_give(tmp_path: Path, width: int) -> None:
    session = create_session("commerce-integration", "Acme", tmp_path / "acme.toml")
    app = SlicewiseApp(session)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        sidebar = app.screen.query_one(AreaSidebar)
        assert sidebar.styled_width() == sidebar.content_size.width
