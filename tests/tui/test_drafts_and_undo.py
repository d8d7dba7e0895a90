"""Nothing typed is lost: forms keep their drafts on escape, and every change can be undone and redone, also
after the file is reopened."""

from __future__ import annotations

from textual.widgets import Input, Select

from slicewise.core.store import load_assessment
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.history import History, differences, snapshot
from slicewise.tui.opening import open_session
from slicewise.tui.screens.flow_form import FlowFormScreen
from slicewise.tui.screens.flows import FlowsScreen
from slicewise.tui.screens.ownership import OwnershipScreen
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.session import Session

from .helpers import open_by_keys


async def test_escape_keeps_a_half_filled_flow_as_a_draft_even_after_a_reopen(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "f", "a", expect=FlowFormScreen)
        await pilot.press(*"Order export")
        app.screen.query_one("#flow-source", Select).value = "commerce"
        await pilot.pause()
        await open_by_keys(pilot, "escape", expect=FlowsScreen)
        await open_by_keys(pilot, "a", expect=FlowFormScreen)
        assert app.screen.query_one("#flow-name", Input).value == "Order export"
        assert app.screen.query_one("#flow-source", Select).value == "commerce"
        await open_by_keys(pilot, "escape", expect=FlowsScreen)
    assert load_assessment(session.path).flows == []  # a draft is not a flow

    again = SlicewiseApp(open_session(session.path))
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "f", "a", expect=FlowFormScreen)
        form = again.screen
        assert form.query_one("#flow-name", Input).value == "Order export"
        await pilot.press("ctrl+r")  # back to the empty form: the draft is forgotten
        await pilot.pause()
        assert form.query_one("#flow-name", Input).value == ""
        await open_by_keys(pilot, "escape", "a", expect=FlowFormScreen)
        assert again.screen.query_one("#flow-name", Input).value == ""


async def test_a_saved_flow_forgets_its_draft(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "f", "a", expect=FlowFormScreen)
        form = app.screen
        await pilot.press(*"Stock feed")
        form.query_one("#flow-source", Select).value = "erp"
        form.query_one("#flow-target", Select).value = "commerce"
        form.query_one("#flow-pattern", Select).value = "file"
        form.query_one("#flow-latency", Select).value = "near-real-time"
        await pilot.pause()
        await open_by_keys(pilot, "ctrl+s", expect=FlowsScreen)
        await open_by_keys(pilot, "a", expect=FlowFormScreen)
        assert app.screen.query_one("#flow-name", Input).value == ""


async def test_escape_keeps_the_na_note_typed(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x", "tab", *"No plans", "escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.query_one("#na-note", Input).value == "No plans"


async def test_undo_and_redo_answers_matrix_and_flows_survive_a_reopen(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t", *"Shopify", "escape", "enter", "2")  # a text answer, then a choice
        await pilot.pause()
        await open_by_keys(pilot, "o", expect=OwnershipScreen)
        await pilot.press("right", "c")  # a matrix cell
        await pilot.pause()
        await open_by_keys(pilot, "escape", "f", "a", expect=FlowFormScreen)
        form = app.screen
        await pilot.press(*"Stock feed")
        form.query_one("#flow-source", Select).value = "erp"
        form.query_one("#flow-target", Select).value = "commerce"
        form.query_one("#flow-pattern", Select).value = "file"
        form.query_one("#flow-latency", Select).value = "near-real-time"
        await pilot.pause()
        await open_by_keys(pilot, "ctrl+s", expect=FlowsScreen)
        await pilot.pause()
    saved = load_assessment(session.path)
    assert [f.name for f in saved.flows] == ["Stock feed"]
    assert saved.ownership["product"].create == ["erp"]

    reopened = SlicewiseApp(open_session(session.path))
    async with reopened.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")  # the flow
        await pilot.pause()
        assert load_assessment(session.path).flows == []
        await pilot.press("ctrl+z")  # the matrix cell
        await pilot.pause()
        assert "product" not in load_assessment(session.path).ownership
        await pilot.press("ctrl+z", "ctrl+z")  # the choice, then the whole typed text as one step
        await pilot.pause()
        state = load_assessment(session.path)
        assert "context.marketplaces" not in state.answers
        assert "context.platform" not in state.answers
        screen = reopened.screen
        assert isinstance(screen, QuestionScreen) and screen.question_id == "context.platform"
        await pilot.press("ctrl+y", "ctrl+y")  # the text and the choice come back
        await pilot.pause()
        state = load_assessment(session.path)
        assert state.answers["context.platform"].text == "Shopify"
        assert state.answers["context.marketplaces"].choice == "yes"

    last = SlicewiseApp(open_session(session.path))
    async with last.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+y", "ctrl+y")  # the redo steps survive a reopen too
        await pilot.pause()
    state = load_assessment(session.path)
    assert state.ownership["product"].create == ["erp"]
    assert [f.name for f in state.flows] == ["Stock feed"]


def test_a_history_is_forgotten_when_the_file_changed_elsewhere(session: Session) -> None:
    history = History(snapshot(session.assessment))
    session.set_text("context.platform", "Shopify")
    history.record(snapshot(session.assessment))
    record = history.to_record()
    assert History.from_record(record, snapshot(session.assessment)).undo_steps  # the same file: kept
    session.set_text("context.platform", "Changed by another tool")
    assert History.from_record(record, snapshot(session.assessment)).undo_steps == []


def test_differences_are_recorded_item_by_item(session: Session) -> None:
    before = snapshot(session.assessment)
    session.set_note("context.platform", "A note")
    changes = differences(before, snapshot(session.assessment))
    assert [(c.field, c.key) for c in changes] == [("answers", "context.platform")]


async def test_escape_keeps_an_adjustment_typed_as_a_draft(demo_session: Session) -> None:
    from slicewise.tui.screens.adjust_dialog import AdjustDialog

    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_register()
        await pilot.pause()
        await open_by_keys(pilot, "a", expect=AdjustDialog)
        dialog = app.screen
        dialog.query_one("#likelihood", Select).value = 1
        dialog.query_one("#reason", Input).value = "The PSP already rejects repeats"
        await pilot.press("escape")
        await pilot.pause()
        await open_by_keys(pilot, "a", expect=AdjustDialog)
        assert app.screen.query_one("#reason", Input).value == "The PSP already rejects repeats"
        assert app.screen.query_one("#likelihood", Select).value == 1
