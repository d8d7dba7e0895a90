"""Themes: every screen follows Textual's light and dark themes, and the one chosen is kept for next time."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color
from textual.widgets import DataTable

from slicewise.core.models.assessment import OwnershipEntry
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.preferences import remember_theme, remembered_theme
from slicewise.tui.screens.ownership import OwnershipScreen
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.session import Session
from slicewise.tui.state import state_dir

SIZE = (100, 30)


def _brightness(colour: Color | None) -> float:
    """Perceived brightness of a rendered colour, 0 (black) to 1 (white)."""
    assert colour is not None
    red, green, blue = colour.get_truecolor()
    return (red * 299 + green * 587 + blue * 114) / 255_000


async def test_the_question_screen_follows_light_and_dark(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for theme, light in [("textual-light", True), ("textual-dark", False), ("textual-light", True)]:
            app.theme = theme
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QuestionScreen)
            drawn = screen.query_one("#prompt").rich_style  # as painted, after the theme's contrast rules
            background, prompt = _brightness(drawn.bgcolor), _brightness(drawn.color)
            if light:
                assert background > 0.7 and prompt < 0.5, (theme, background, prompt)
            else:
                assert background < 0.3 and prompt > 0.5, (theme, background, prompt)


async def test_the_ownership_grid_redraws_its_warnings_in_the_new_theme(session: Session) -> None:
    session.assessment.ownership["price"] = OwnershipEntry(create=["erp", "pim"])  # two creators: flagged
    session.refresh()
    session.save()
    app = SlicewiseApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_ownership()
        await pilot.pause()
        assert isinstance(app.screen, OwnershipScreen)

        def flagged_colour() -> str:
            table = app.screen.query_one("#matrix", DataTable)
            cell = table.get_cell("price", "object")
            return " ".join(str(span.style) for span in cell.spans)

        for theme in ("textual-light", "textual-dark"):
            app.theme = theme
            await pilot.pause()
            error = app.current_theme.error
            assert error and error.lower() in flagged_colour().lower(), (theme, flagged_colour())


async def test_the_theme_chosen_is_kept_for_the_next_run(session: Session) -> None:
    assert remembered_theme() is None
    app = SlicewiseApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        app.theme = "textual-light"
        await pilot.pause()
    assert remembered_theme() == "textual-light"
    again = SlicewiseApp(session)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


@pytest.mark.parametrize("stored", ["{broken", '{"theme": 3}', '{"theme": "no-such-theme"}', "[]"])
async def test_a_bad_or_unknown_remembered_theme_falls_back_to_the_default(session: Session, stored: str) -> None:
    state_dir().mkdir(parents=True, exist_ok=True)
    (state_dir() / "preferences.json").write_text(stored, encoding="utf-8")
    app = SlicewiseApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


def test_a_theme_that_cannot_be_kept_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SLICEWISE_STATE_DIR", str(blocker))
    remember_theme("textual-light")  # no exception
    assert remembered_theme() is None
