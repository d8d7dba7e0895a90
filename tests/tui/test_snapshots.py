"""Snapshot tests at fixed sizes: the SVG of a screen must match the stored one byte for byte.

Regenerate after a deliberate change with `SLICEWISE_UPDATE_SNAPSHOTS=1 pytest tests/tui/test_snapshots.py`
and review the new SVGs (they open in a browser) before committing them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from slicewise.core.models.assessment import Answer, OwnershipEntry
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.session import Session

if TYPE_CHECKING:
    from textual.pilot import Pilot

SNAPSHOTS = Path(__file__).resolve().parent.parent / "data"
SAVED_AT = 1_763_650_800  # 2025-11-20 15:00 UTC: the saved indicator shows the file's time, fixed here


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Show times in UTC so the saved indicator reads the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _answered(session: Session) -> Session:
    """Give the session a few answers and ownership cells, saved before the app starts."""
    session.assessment.answers.update(
        {
            "context.marketplaces": Answer(choice="yes"),
            "failure.idempotency": Answer(choice="some-flows", note="Order export only", confidence="unsure"),
            "failure.retry": Answer(unknown=True),
        }
    )
    session.assessment.ownership["price"] = OwnershipEntry(create=["erp", "pim"], consume=["commerce"])
    session.assessment.ownership["product"] = OwnershipEntry(create=["pim"], update=["commerce"])
    session.assessment.progress.current = "failure.idempotency"
    session.refresh()
    session.save()
    os.utime(session.path, (SAVED_AT, SAVED_AT))
    return session


async def _settled(app: SlicewiseApp, pilot: Pilot[None], title: str) -> str:
    """The screenshot once the screen stops changing (the footer lays its keys out a frame or two after the
    screen), however many frames that takes; fails if it never settles."""
    shot = app.export_screenshot(title=title)
    for _ in range(20):
        await pilot.pause()
        again = app.export_screenshot(title=title)
        if again == shot:
            return shot
        shot = again
    pytest.fail(f"the {title} screen kept changing")


def _check(svg: str, name: str, tmp_path: Path) -> None:
    """Compare with the stored snapshot, or store it when asked to update."""
    stored = SNAPSHOTS / f"tui_snapshot_{name}.svg"
    if os.environ.get("SLICEWISE_UPDATE_SNAPSHOTS"):
        stored.write_text(svg, encoding="utf-8")
        return
    if not stored.is_file():
        pytest.fail(f"no stored snapshot {stored.name}; run with SLICEWISE_UPDATE_SNAPSHOTS=1 and review it")
    if stored.read_text(encoding="utf-8") != svg:
        actual = tmp_path / stored.name
        actual.write_text(svg, encoding="utf-8")
        pytest.fail(f"{stored.name} differs from the screen; see {actual}")


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_question_screen(session: Session, size: tuple[int, int], tmp_path: Path) -> None:
    app = SlicewiseApp(_answered(session))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        _check(await _settled(app, pilot, "question"), f"question_{size[0]}x{size[1]}", tmp_path)


async def test_scorecard_screen(session: Session, tmp_path: Path) -> None:
    app = SlicewiseApp(_answered(session))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.action_scorecard()
        await pilot.pause()
        _check(await _settled(app, pilot, "scorecard"), "scorecard_100x30", tmp_path)


async def test_ownership_screen(session: Session, tmp_path: Path) -> None:
    app = SlicewiseApp(_answered(session))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.action_ownership()
        await pilot.pause()
        _check(await _settled(app, pilot, "ownership"), "ownership_100x30", tmp_path)


LONG_ANSWER = (
    "Shopfront Cloud (SaaS), standard storefront with a few custom checkout extensions; the B2B portal runs "
    "on the same instance with its own price lists"
)
"""A text answer longer than the one-line field is wide at 80 columns."""

SCREENS_80 = {
    "question": lambda app: None,
    "text_question": lambda app: None,  # resumed there: see below
    "scorecard": lambda app: app.action_scorecard(),
    "ownership": lambda app: app.action_ownership(),
    "flows": lambda app: app.action_flows(),
    "review": lambda app: app.action_review(),
    "register": lambda app: app.action_register(),
    "plan": lambda app: app.action_plan(),
}
"""Every screen over an open file, reached from the question screen."""


@pytest.mark.parametrize("name", list(SCREENS_80))
async def test_every_screen_at_80x24_keeps_review_help_and_quit_in_its_footer(
    session: Session, name: str, tmp_path: Path
) -> None:
    from .helpers import screen_rows

    answered = _answered(session)
    if name == "text_question":
        answered.assessment.progress.current = "context.platform"
        answered.assessment.answers["context.platform"] = Answer(text=LONG_ANSWER)  # shown whole, wrapped
        answered.refresh()
        answered.save()
        os.utime(answered.path, (SAVED_AT, SAVED_AT))
    app = SlicewiseApp(answered)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        SCREENS_80[name](app)
        shot = await _settled(app, pilot, name)
        footer = screen_rows(app)[-1]
        wanted = ["Help", "Quit"] if name == "review" else ["Review", "Help", "Quit"]  # the review screen is Review
        assert all(word in footer for word in wanted), footer
        if name != "review":  # the review names the export folder, a different temporary path every run
            _check(shot, f"{name}_80x24", tmp_path)
