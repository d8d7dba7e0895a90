"""The `new` and `open` commands and the start screen: straight to work, and bad files refused untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from slicewise.cli import main
from slicewise.core.store import load_assessment
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.screens.engagement import EngagementScreen
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.screens.start import StartScreen
from slicewise.tui.session import Session

DATA = Path(__file__).resolve().parent.parent / "data"
MINI = DATA / "mini"


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[SlicewiseApp]:
    """Record the apps the commands would run instead of taking over the terminal."""
    apps: list[SlicewiseApp] = []
    monkeypatch.setattr(SlicewiseApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


@pytest.mark.parametrize("fixture", ["tui_truncated.toml", "tui_foreign_format.toml"])
def test_open_refuses_a_bad_file_and_leaves_it_untouched(
    fixture: str, tmp_path: Path, launched: list[SlicewiseApp], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / fixture
    shutil.copy(DATA / fixture, bad)
    before = bad.read_bytes()
    assert main(["open", str(bad)]) == 2
    assert bad.read_bytes() == before
    assert launched == []
    error = capsys.readouterr().err
    assert "Cannot read the assessment file" in error
    assert str(bad) in error
    assert "Traceback" not in error


def test_open_a_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["open", str(tmp_path / "nope.toml")]) == 2
    assert "does not exist" in capsys.readouterr().err


async def test_new_with_a_client_opens_on_the_first_question(tmp_path: Path, launched: list[SlicewiseApp]) -> None:
    target = tmp_path / "acme.toml"
    assert main(["new", "-q", str(MINI), "--client", "Acme", "-o", str(target)]) == 0
    assert load_assessment(target).engagement.client == "Acme"
    [app] = launched
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_new_without_a_client_opens_on_the_engagement_details(
    tmp_path: Path, launched: list[SlicewiseApp]
) -> None:
    target = tmp_path / "new.toml"
    assert main(["new", "-q", str(MINI), "-o", str(target)]) == 0
    [app] = launched
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EngagementScreen)


def test_new_never_overwrites_an_existing_file(tmp_path: Path, launched: list[SlicewiseApp]) -> None:
    target = tmp_path / "taken.toml"
    target.write_text("precious")
    assert main(["new", "-q", str(MINI), "--client", "Acme", "-o", str(target)]) == 2
    assert target.read_text() == "precious"
    assert launched == []


async def test_new_without_a_client_shows_the_engagement_form_first(session: Session) -> None:
    app = SlicewiseApp(session, setup=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EngagementScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_start_screen_creates_a_new_assessment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = SlicewiseApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#new-client", Input).value = "Initech"
        dialog.query_one("#new-path", Input).value = "initech.toml"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    assert load_assessment(tmp_path / "initech.toml").engagement.client == "Initech"


async def test_new_assessment_lists_questionnaires_by_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import OptionList

    from slicewise.core.content import BuiltIn

    monkeypatch.chdir(tmp_path)
    app = SlicewiseApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        listed = [str(option.prompt) for option in app.screen.query_one("#new-questionnaire", OptionList).options]
    assert any(
        line.startswith("Commerce integration discovery") and "commerce-integration · v" in line for line in listed
    )
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "questionnaire.toml").write_text("title = [unclosed", encoding="utf-8")
    assert BuiltIn("broken", broken).heading() == ("broken", "")  # an unreadable header shows the id


async def test_start_screen_shows_why_a_file_cannot_be_opened(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    shutil.copy(DATA / "tui_truncated.toml", bad)
    before = bad.read_bytes()
    app = SlicewiseApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("o", *str(bad), "enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "Cannot read the assessment file" in str(app.screen.query_one("#start-error", Static).render())
    assert bad.read_bytes() == before


async def test_recent_files_are_offered_on_the_start_screen(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)):
        pass
    app = SlicewiseApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.current_session.path.resolve() == session.path.resolve()
