"""A whole workshop on the built-in questionnaire, by keys only: set up, every area, matrix, flows, export."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select

from slicewise.core.content import list_questionnaires
from slicewise.core.store import load_assessment
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.opening import create_session
from slicewise.tui.screens.flow_form import FlowFormScreen
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.screens.review import ReviewScreen


async def test_a_whole_workshop_by_keys(tmp_path: Path) -> None:
    builtin = next(b for b in list_questionnaires() if b.id == "commerce-integration")
    session = create_session(builtin.path, "Northwind", tmp_path / "northwind.toml")
    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen: list[str] = []
        for _ in range(200):
            screen = app.screen
            assert isinstance(screen, QuestionScreen)
            question = screen.question
            if seen and seen[-1] == question.id:
                break
            seen.append(question.id)
            if question.kind == "text":
                await pilot.press("t", *"Answered in the room", "enter")
            elif question.kind == "choice":
                await pilot.press("2", "enter")
            elif question.kind == "checklist":
                await pilot.press("1", "2", "enter")
            elif question.kind == "ownership_matrix":
                await pilot.press("enter")  # the editor
                await pilot.pause()
                await pilot.press("c", "down", "right", "c", "m", "escape")
                await pilot.pause()
                await pilot.press("right")
            else:
                await pilot.press("enter", "a")  # the flow editor, then a new flow
                await pilot.pause()
                form = app.screen
                assert isinstance(form, FlowFormScreen)
                await pilot.press(*"Order export")
                systems = [s.id for s in session.bundle.questionnaire.systems]
                form.query_one("#flow-source", Select).value = systems[0]
                form.query_one("#flow-target", Select).value = systems[1]
                form.query_one("#flow-pattern", Select).value = "queue"
                form.query_one("#flow-latency", Select).value = "near-real-time"
                await pilot.press("ctrl+s")
                await pilot.pause()
                await pilot.press("m", "escape")
                await pilot.pause()
                await pilot.press("right")
            await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = app.screen.written
    saved = load_assessment(session.path)
    asked = set(seen)
    assert len(asked) == len(seen) > 40
    assert asked <= set(saved.answers)  # every question asked has an answer (the matrix and flows: done)
    assert saved.ownership and saved.flows
    assert sorted(p.suffix for p in written) == [".toml", ".xlsx"]
