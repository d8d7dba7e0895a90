"""The note reads as text until it is written: `n` or a click turns it into the field, and nothing typed is lost."""

from __future__ import annotations

from slicewise.core.store import load_assessment
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.session import Session
from slicewise.tui.widgets.note_field import NoteField
from slicewise.tui.widgets.note_view import NOTE_HINT, NoteView

from .helpers import screen_rows


def _question(app: SlicewiseApp) -> QuestionScreen:
    """The question screen on top."""
    assert isinstance(app.screen, QuestionScreen)
    return app.screen


async def test_the_note_is_read_only_text_until_n_and_what_follows_n_is_the_note(session: Session) -> None:
    session.set_note("context.marketplaces", "Ask [bold]ops[/bold]")  # brackets are text, not markup
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = _question(app)
        view = screen.query_one("#note")
        assert isinstance(view, NoteView) and not screen.query(NoteField)
        assert any(NOTE_HINT in row for row in screen_rows(app))  # the first question has no note yet
        await pilot.press("t", *"Shopify", "enter")  # on to the marketplaces question, which has a note
        await pilot.pause()
        assert screen.question_id == "context.marketplaces"
        assert view.text == "Ask [bold]ops[/bold]" and any("Ask [bold]ops[/bold]" in r for r in screen_rows(app))
        await pilot.press("n", *" today", "escape")
        await pilot.pause()
        field = screen.query_one("#note")
        assert isinstance(field, NoteField) and not screen.query(NoteView)
        assert field.text == "Ask [bold]ops[/bold] today" and screen.focused is not field
        await pilot.press("enter")  # the field stays, and shows the next question's (empty) note
        await pilot.pause()
        assert screen.query_one("#note") is field and field.text == ""
    saved = load_assessment(session.path).answers
    assert saved["context.marketplaces"].note == "Ask [bold]ops[/bold] today"
    assert saved["context.platform"].note == ""


async def test_a_click_on_the_note_starts_writing_it(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.click("#note")
        await pilot.press(*"Platform team owns it")
        await pilot.pause()
        screen = _question(app)
        field = screen.query_one("#note")
        assert isinstance(field, NoteField) and screen.focused is field
    assert load_assessment(session.path).answers["context.platform"].note == "Platform team owns it"
