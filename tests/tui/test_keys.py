"""Keys mean one thing: arriving on a text question never types into it, and command keys never edit it."""

from __future__ import annotations

import string

from textual.pilot import Pilot

from slicewise.core.store import load_assessment
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.session import Session
from slicewise.tui.widgets.text_answer import TextAnswer


async def _back_to_question(app: SlicewiseApp, pilot: Pilot[None]) -> QuestionScreen:
    """Close whatever a key opened (escape, a few times at most) and return the question screen."""
    for _ in range(4):
        if isinstance(app.screen, QuestionScreen):
            break
        await pilot.press("escape")
        await pilot.pause()
    assert isinstance(app.screen, QuestionScreen)
    return app.screen


async def test_resume_on_a_text_question_and_press_every_key(demo_session: Session) -> None:
    text_id = "context.erp"
    before = demo_session.answer(text_id)
    assert before.text, "the demo answers the question this test resumes on"
    demo_session.assessment.progress.current = text_id
    demo_session.save()
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.question_id == text_id
        assert screen.focused is None, "resuming never puts the cursor inside a text answer"
        footer_keys = [
            key
            for key, active in screen.active_bindings.items()
            if active.binding.show and active.enabled and key != "ctrl+q"
        ]
        assert "s" in footer_keys and "t" in footer_keys
        keys = [k for k in footer_keys if k != "t"] + [c for c in string.ascii_lowercase if c != "t"] + ["space"]
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            screen = await _back_to_question(app, pilot)
            if screen.question_id != text_id:
                app.jump_to(text_id)
                await pilot.pause()
            assert not isinstance(screen.focused, TextAnswer), f"{key!r} put the cursor in the answer"
            assert app.current_session.answer(text_id).text == before.text, f"{key!r} changed the answer"
            assert app.current_session.answer(text_id).note == before.note, f"{key!r} changed the note"
    saved = load_assessment(demo_session.path).answers[text_id]
    assert saved.text == before.text and saved.note == before.note


async def test_typing_into_a_text_answer_is_an_explicit_step(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.question.kind == "text"
        await pilot.press("t", *"Shopify", "escape", "s")  # escape leaves the field: s is the scorecard again
        await pilot.pause()
        assert not isinstance(app.screen, QuestionScreen)
        await pilot.press("escape", "enter", "left")  # arriving back by ⏎ and ← does not enter the field
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.focused is None
    assert load_assessment(session.path).answers["context.platform"].text == "Shopify"


async def test_enter_on_a_fresh_review_screen_jumps_at_once(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")  # no ↓ first: the first open question is highlighted
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.question_id == "context.platform"


async def test_ctrl_c_says_how_to_quit_and_changes_nothing(session: Session) -> None:
    from textual.message import Message
    from textual.notifications import Notify

    said: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            said.append(message.notification.message)

    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert any("ctrl+q" in text for text in said)
        assert app.is_running
