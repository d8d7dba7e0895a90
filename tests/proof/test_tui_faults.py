"""The running TUI under faults: a foreign file swapped in and a full disk are shown as 'not saved', the
file on disk is left alone, and once the cause is gone the next change saves every answer."""

from __future__ import annotations

import asyncio
import errno
from pathlib import Path

import pytest

from slicewise.core.store import load_assessment
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.opening import create_session
from slicewise.tui.screens.conflict import ConflictScreen

from .bundles import DATA
from .faults import inject
from .test_foreign_file import FOREIGN, swap_in_foreign

TUI_MINI = DATA / "mini"


@pytest.fixture(autouse=True)
def _state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the recent-files list inside the test's folder."""
    monkeypatch.setenv("SLICEWISE_STATE_DIR", str(tmp_path / "state"))


def test_a_foreign_file_swapped_in_under_the_running_app(tmp_path: Path) -> None:
    """Answering after another program replaced the file: 'NOT SAVED' with the refusal, the foreign file
    untouched, and the answer still held in the session."""
    session = create_session(TUI_MINI, "Acme", tmp_path / "acme.toml")

    async def run() -> None:
        app = SlicewiseApp(session)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            swap_in_foreign(session.path)
            await pilot.press("enter")
            await pilot.pause()
            if isinstance(app.screen, ConflictScreen):  # moving on saved the place to resume: refused
                await pilot.press("escape")
            await pilot.press("2")
            await pilot.pause()
            assert app.last_save is not None and not app.last_save.ok
            assert "not a slicewise assessment" in app.last_save.message
            assert isinstance(app.screen, ConflictScreen)  # the room is offered save-as (or reload, merge-in)
            assert "NOT SAVED" in str(app.screen_stack[-2].query_one("#saved").render())
            assert app.current_session.assessment.answers["context.marketplaces"].choice == "yes"
            assert session.path.read_bytes() == FOREIGN
            await pilot.press("s")  # save as: a new name is suggested beside it
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert app.last_save is not None and app.last_save.ok

    asyncio.run(run())
    assert (tmp_path / "acme.toml").read_bytes() == FOREIGN
    assert load_assessment(tmp_path / "acme-mine.toml").answers["context.marketplaces"].choice == "yes"


def test_a_full_disk_under_the_running_app_loses_no_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save that hits ENOSPC leaves the previous file and shows 'NOT SAVED'; the next change after the
    disk recovers writes both answers."""
    session = create_session(TUI_MINI, "Acme", tmp_path / "acme.toml")
    before = session.path.read_bytes()

    async def run() -> None:
        app = SlicewiseApp(session)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("t", *"Shopify", "enter")
            await pilot.pause()
            saved_once = session.path.read_bytes()
            assert saved_once != before
            with monkeypatch.context() as patch:
                inject(patch, "write", errno.ENOSPC)
                await pilot.press("2")
                await pilot.pause()
                assert app.last_save is not None and not app.last_save.ok
                assert "the disk is full" in app.last_save.message
                assert session.path.read_bytes() == saved_once
            await pilot.press("enter", "3")
            await pilot.pause()
            assert app.last_save is not None and app.last_save.ok

    asyncio.run(run())
    saved = load_assessment(session.path)
    assert saved.answers["context.platform"].text == "Shopify"
    assert saved.answers["context.marketplaces"].choice == "yes"
    assert saved.answers["failure.idempotency"].choice is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.toml", "state"]
