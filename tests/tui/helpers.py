"""Pilot steps several TUI tests share: opening a screen by its key, running a command palette search, and
reading the screen as text."""

from __future__ import annotations

from textual.app import App
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen


async def open_by_keys(pilot: Pilot[None], *keys: str, expect: type[Screen[None]]) -> None:
    """Press keys and check that they led to a screen of the expected kind."""
    await pilot.press(*keys)
    await pilot.pause()
    assert isinstance(pilot.app.screen, expect), f"{keys} opened {type(pilot.app.screen).__name__}"


async def run_from_palette(pilot: Pilot[None], search: str) -> None:
    """Open the command palette, type a search, wait for its hits and run the first one."""
    await open_by_keys(pilot, "ctrl+p", expect=CommandPalette)
    await pilot.press(*search)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


def screen_rows(app: App[None]) -> list[str]:
    """The text of each row of the screen as it is drawn now."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]
