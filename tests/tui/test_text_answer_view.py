"""A long text answer is shown whole, wrapped, while it is not being edited; editing stays an explicit step
(`t`, a click or tab) and esc shows the whole answer again."""

from __future__ import annotations

from slicewise.core.models.assessment import Answer
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.session import Session
from slicewise.tui.widgets.text_answer import TextAnswer, TextAnswerView

from .helpers import screen_rows

LONG = (
    "Shopfront Cloud (SaaS), standard storefront with a few custom checkout extensions; the B2B portal runs on "
    "the same instance with its own price lists and a nightly catalogue feed"
)


def _on_screen(app: SlicewiseApp) -> str:
    """The screen's text with its lines joined, so a wrapped answer reads as one."""
    return " ".join(" ".join(row.replace("│", " ").split()) for row in screen_rows(app))


def _text_question(session: Session) -> str:
    """Put the long answer on the mini questionnaire's text question and resume there."""
    question = next(q for q in session.questions if q.kind == "text")
    session.assessment.answers[question.id] = Answer(text=LONG)
    session.assessment.progress.current = question.id
    session.refresh()
    session.save()
    return question.id


async def test_a_long_answer_is_shown_whole_until_typing_starts(session: Session) -> None:
    question = _text_question(session)
    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.focused is None
        view = screen.query_one(TextAnswerView)
        assert view.display and view.region.height >= 4  # wrapped over several lines inside its border
        assert LONG in _on_screen(app)

        await pilot.press("t")  # typing is an explicit step
        await pilot.pause()
        assert isinstance(screen.focused, TextAnswer) and not view.display
        await pilot.press("space", "o", "k", "escape")
        await pilot.pause()
        assert screen.focused is None and view.display
        assert LONG + " ok" in _on_screen(app)
        assert session.answer(question).text == LONG + " ok"

        await pilot.click(TextAnswerView)  # a click types too, after the text
        await pilot.pause()
        field = screen.query_one(TextAnswer)
        assert screen.focused is field and field.cursor_position == len(field.value)
        await pilot.press("escape")
        await pilot.pause()
        for _ in range(3):  # and tab (through the scrolling column first when the answer makes it scroll)
            await pilot.press("tab")
            await pilot.pause()
            if screen.focused is field:
                break
        assert screen.focused is field and not view.display
        await pilot.press("escape")
        await pilot.pause()
        assert session.answer(question).text == LONG + " ok"  # none of that changed the answer
