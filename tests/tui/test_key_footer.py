"""The footer shows the keys of whatever has the focus, however the focus moved within a frame."""

from __future__ import annotations

from slicewise.tui.app import SlicewiseApp
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.session import Session
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.text_answer import TextAnswer

from .helpers import screen_rows


def shown(app: SlicewiseApp) -> set[str]:
    """The descriptions of the keys in the footer of the screen on top."""
    keys, _palette = app.screen.query_one(KeyFooter).shown()
    return {key.description for key in keys}


async def test_footer_follows_the_focus_in_and_out_of_a_text_answer(session: Session) -> None:
    text = next(q for q in session.questions if q.kind == "text")
    session.assessment.progress.current = text.id
    app = SlicewiseApp(session)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.focused is None  # arriving never puts the cursor inside the text answer
        assert "Type" in shown(app) and "Note" in shown(app) and "Keys" not in shown(app)
        await pilot.press("t")  # typing is an explicit step
        await pilot.pause()
        assert isinstance(screen.focused, TextAnswer)
        assert "Keys" in shown(app) and "Note" not in shown(app)
        await pilot.press("escape")  # leave the field: the screen's letter keys come back
        await pilot.pause()
        assert screen.focused is None
        assert "Note" in shown(app) and "Keys" not in shown(app)
        await pilot.press("escape")  # escape never goes back into the field
        await pilot.pause()
        assert screen.focused is None


async def test_palette_key_covers_the_last_column_when_the_keys_overflow(demo_session: Session) -> None:
    """At 80 columns the matrix editor has more keys than fit; none may peek out to the right of ^p palette."""
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_ownership()
        await pilot.pause()
        footer = screen_rows(app)[-1]
        assert "palette" in footer
        assert footer.endswith("^p palette ")


async def test_a_click_on_a_key_presses_it_and_the_pointer_says_what_it_does(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        footer = screen.query_one(KeyFooter)
        keys, palette = footer.shown()
        note = next(key for key in keys if key.description == "Note")
        await pilot.hover(KeyFooter, offset=(note.start + 1, 0))
        assert footer.tooltip == "Write a note on this question"
        await pilot.click(KeyFooter, offset=(note.start, 0))
        await pilot.press(*"Clicked")
        await pilot.pause()
        assert session.answer(screen.question_id).note == "Clicked"
        assert palette is not None and footer.size.width - palette.end == 1  # the palette key ends the line
        assert screen_rows(app)[-1].endswith("▏^p palette ")
