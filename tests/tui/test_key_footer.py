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
    return {key.description for key in app.screen.query_one(KeyFooter).query("FooterKey")}


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
