"""Control characters in user text are drawn as symbols, never sent to the terminal, and lines keep their width."""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color

from slicewise.tui.app import SlicewiseApp
from slicewise.tui.inert_lines import INERT_LINES
from slicewise.tui.session import Session

from .helpers import screen_rows

HOSTILE_NOTE = "\x1b]0;PWNED\x07 and \x1b[31mRED\x1b[0m"
"""Would retitle the window and colour the rest of the screen if sent raw."""


def test_a_line_with_controls_shows_symbols_and_keeps_its_width_and_border() -> None:
    line = [Segment("│ "), Segment("\x1b[2J\u202eok"), Segment("        "), Segment(" │")]
    shown = INERT_LINES.apply(line, Color(0, 0, 0))
    assert (
        "".join(segment.text for segment in shown) == "│ ␛[2J\ufffdok" + " " * 6 + " │"
    )  # ESC and U+202E took no cell
    assert Segment.get_line_length(shown) == Segment.get_line_length(line)


def test_a_line_without_controls_is_left_as_it_is() -> None:
    line = [Segment("│ plain text │")]
    assert INERT_LINES.apply(line, Color(0, 0, 0)) is line


async def test_a_hostile_note_and_answer_are_shown_not_obeyed(session: Session) -> None:
    session.set_note("context.platform", HOSTILE_NOTE)
    session.set_text("context.platform", "Shop\x1b[8mHIDDEN\x1b[0m")
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = screen_rows(app)
    text = "\n".join(rows)
    assert "\x1b" not in text and "\x07" not in text
    note = next(row for row in rows if "PWNED" in row)
    assert "␛]0;PWNED and ␛[31mRED␛[0m" in note and note.rstrip().endswith("│"), note
    assert any("Shop␛[8mHIDDEN␛[0m" in row for row in rows)
