"""The garbage collector is held while the TUI starts and runs again once the first working screen is up."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from slicewise.cli import main
from slicewise.tui import startup
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.screens.start import StartScreen
from slicewise.tui.session import Session

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    """Leave the collector as the test found it: running, nothing frozen, start-up not holding it."""
    yield
    startup.release_collection()
    gc.enable()
    gc.unfreeze()


def test_hold_and_release() -> None:
    startup.hold_collection()
    assert not gc.isenabled()
    startup.release_collection()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what start-up built is left out of later collections
    startup.release_collection()  # a second release changes nothing
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off() -> None:
    gc.disable()
    startup.hold_collection()
    startup.release_collection()
    assert not gc.isenabled()


async def test_held_while_the_question_screen_is_built_and_released_once_painted(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    mount = QuestionScreen.on_mount

    def recording_mount(screen: QuestionScreen) -> None:
        seen.append(not gc.isenabled())
        mount(screen)

    monkeypatch.setattr(QuestionScreen, "on_mount", recording_mount)
    startup.hold_collection()
    app = SlicewiseApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert seen == [True]
        assert gc.isenabled()


async def test_released_once_the_start_screen_is_up() -> None:
    startup.hold_collection()
    app = SlicewiseApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert gc.isenabled()


def test_released_when_the_app_fails_to_start(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_run(app: SlicewiseApp) -> None:
        assert not gc.isenabled()  # `slicewise open` holds the collector from its first step
        raise RuntimeError("no terminal")

    monkeypatch.setattr(SlicewiseApp, "run", broken_run)
    assert main(["open", str(session.path)]) == 2
    assert gc.isenabled()
