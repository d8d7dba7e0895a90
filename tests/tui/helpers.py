"""Pilot steps several TUI tests share: opening a screen by its key, running a command palette search, reading
the screen as text, and placing a file on a choice question."""

from __future__ import annotations

import html
import itertools
import re
from typing import Any

from textual.app import App
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen

from slicewise.tui.session import Session

SVG_CELL_WIDTH = 20 * 0.61
"""Width of one terminal cell in Rich's SVG export (font size 20, aspect ratio 0.61)."""
SVG_TEXT = re.compile(r'<text [^>]*?x="([0-9.e+-]+)"[^>]*?clip-path="url\(#[^)]*-line-(\d+)\)"[^>]*>(.*?)</text>')
"""One run of text in the SVG export: its x position, its screen line and its (escaped) characters."""


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
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def screen_rows(app: App[None]) -> list[str]:
    """The text of each row of the screen as it is drawn now, read from the app's own SVG screenshot."""
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, line, text in SVG_TEXT.findall(app.export_screenshot()):
        column = round(float(x) / SVG_CELL_WIDTH)
        row = int(line)
        if row >= height:
            continue
        for offset, character in enumerate(html.unescape(text).replace("\xa0", " ")):
            if column + offset < width:
                rows[row][column + offset] = character
    return ["".join(row) for row in rows]


def on_choices(session: Session) -> str:
    """Make the file resume at the first choice question (followed by another one) and return its id."""
    choices = [q.id for q in session.questions if q.kind == "choice"]
    first = next(q for q, following in itertools.pairwise(choices) if session.step(q, 1) == following)
    session.assessment.progress.current = first
    session.save()
    return first


def nth_choice(session: Session, question_id: str, number: int) -> str:
    """The id of a choice question's n-th choice."""
    question = session.question(question_id)
    assert question is not None and question.kind == "choice"
    return question.choices[number - 1].id  # type: ignore[union-attr]


def told(app: App[None]) -> list[tuple[str, str]]:
    """Record every (message, title) the app is asked to show from now on, as it is asked, so no message
    can expire before the test reads it (call before the app runs to see what it says on opening)."""
    said: list[tuple[str, str]] = []
    notify = app.notify

    def recording(message: str, *, title: str = "", **options: Any) -> None:
        said.append((str(message), title or ""))
        notify(message, title=title, **options)

    app.notify = recording  # type: ignore[method-assign]
    return said
