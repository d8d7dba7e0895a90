"""Rubric choices and list entries wrap their text under itself, beside the key, not back under the key."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions

from slicewise.tui.app import SlicewiseApp
from slicewise.tui.session import Session
from slicewise.tui.widgets.hanging import Hanging

from .helpers import screen_rows

LABEL = "Every order and payment flow uses an idempotency key, and a repeat is recognised and ignored"


def _lines(visual: Hanging, width: int) -> list[str]:
    """The text of each rendered line."""
    options = RenderOptions(lambda style: Style.null(), {})  # type: ignore[arg-type]
    return [strip.text for strip in visual.render_strips(width, None, Style.null(), options)]


def test_the_text_wraps_under_itself_and_the_lead_stays_on_the_first_line() -> None:
    hanging = Hanging(Content("4 ○ L3  "), Content(LABEL))
    lines = _lines(hanging, 40)
    assert len(lines) > 1
    assert lines[0].startswith("4 ○ L3  Every")
    assert all(line.startswith(" " * 8) and line[8] != " " for line in lines[1:])
    assert " ".join(line.strip() for line in lines).replace("4 ○ L3 ", "").split() == LABEL.split()
    assert hanging.get_height({}, 40) == len(lines)  # the height it asks for is the height it draws
    assert len(_lines(hanging, 200)) == 1  # wide enough: one line


async def test_a_long_rubric_choice_wraps_beside_its_key_at_80x24(demo_session: Session) -> None:
    session = demo_session
    session.assessment.progress.current = "failure.idempotency"
    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = screen_rows(app)
    first = next(n for n, row in enumerate(rows) if "L4  " in row)
    column = rows[first].index("L4  ") + 4
    assert rows[first + 1][:column].strip("│ ") == ""  # the wrapped part leaves the key's column empty
    assert rows[first + 1][column] != " "  # and starts under the label
