"""Pilot tests of the review screen and export, the scorecard, the command palette and the engagement form."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Static

from slicewise.core.store import load_assessment
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.screens.engagement import EngagementScreen
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.screens.review import ReviewScreen
from slicewise.tui.screens.scorecard import ScorecardScreen
from slicewise.tui.session import Session

from .helpers import run_from_palette, screen_rows


async def test_review_lists_open_questions_and_jumps_to_one(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter", "d", "r")  # idempotency: don't know
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        review = app.screen.query_one("#review-list", OptionList)
        ids = [option.id for option in review.options if option.id]
        assert "failure.idempotency" in ids
        assert ids.index("failure.idempotency") == len(ids) - 1  # listed under don't know, last
        review.highlighted = next(n for n, o in enumerate(review.options) if o.id == "failure.retry")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question_id == "failure.retry"


async def test_review_shows_one_line_per_question_at_80x24(demo_session: Session) -> None:
    session = demo_session
    for answer in list(session.assessment.answers.values())[:12]:  # some unanswered questions to list
        answer.choice = answer.text = answer.choices = None
    session.refresh()
    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "r")
        await pilot.pause()
        review = app.screen.query_one("#review-list", OptionList)
        rows = screen_rows(app)
        listed = [row for row in rows if row.startswith(" │   ")]
        questions = [o for o in review.options if o.id][: len(listed)]
        assert listed and len(listed) == len(questions)  # each row is one question, none wrapped
        assert any("…" in row for row in listed)  # a long prompt is cut, not wrapped


async def test_export_from_the_review_screen_writes_both_files(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = SlicewiseApp(session)
    messages: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kwargs: messages.append(message))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2", "enter", "3", "enter", "r", "x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert sorted(p.suffix for p in screen.written) == [".toml", ".xlsx"]
        assert all(p.is_file() and p.parent == session.path.parent / "exports" for p in screen.written)
        assert "Exported" in str(screen.query_one("#export-status", Static).render())
        assert messages == []  # the status lines say it; no message pops up over them


async def test_exporting_again_after_a_change_asks_before_replacing(session: Session) -> None:
    """An earlier export of the same assessment is replaced only when the room says yes (it may hold edits)."""
    from slicewise.tui.screens.confirm import ConfirmScreen

    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2", "enter", "r", "x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        first = {path: path.read_bytes() for path in review.written}
        await pilot.press("escape", "3", "r", "x")  # a changed answer: the next export differs
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert {path: path.read_bytes() for path in first} == first  # no: the earlier files stay as they were
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert any(path.read_bytes() != data for path, data in first.items())  # yes: replaced
        assert "Exported" in str(app.screen.query_one("#export-status", Static).render())


async def test_a_failed_export_is_shown_and_nothing_is_lost(session: Session) -> None:
    (session.path.parent / "exports").write_text("a file where the export folder should be")
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "r", "x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#export-status", Static).render())
        assert "Export failed" in status
        assert "not a folder" in status


async def test_scorecard_follows_answers(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter", "s")
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        before = str(app.screen.query_one("#scorecard", Static).render())
        assert "Failure design" in before
        assert "Duplicate orders" not in before
        await pilot.press("escape", "1", "s")  # idempotency: duplicates → the duplicate-orders risk fires
        await pilot.pause()
        after = str(app.screen.query_one("#scorecard", Static).render())
        assert "Duplicate orders reach the ERP" in after


async def test_scorecard_risks_stay_on_one_line_each_when_it_scrolls_at_80x24(demo_session: Session) -> None:
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "s")
        await pilot.pause()
        app.screen.query_one("#scorecard-body").scroll_end(animate=False)  # the risks sit below the areas
        await pilot.pause()
        rows = screen_rows(app)
        top = rows.index(next(row for row in rows if "Top risks" in row))
        risks = rows[top + 1 : top + 6]
        assert all(row.lstrip()[:2].strip().isdigit() for row in risks)  # five rows, each a risk: none wrapped


async def test_palette_jumps_to_a_question_by_its_text(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "correct bad master")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question_id == "ownership.corrections"
    assert load_assessment(session.path).progress.current == "ownership.corrections"


async def test_engagement_details_are_edited_and_saved(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, EngagementScreen)
        app.screen.query_one("#eng-consultant", Input).value = "Dana Reyes"
        app.screen.query_one("#system-erp", Input).value = "SAP S/4HANA"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    saved = load_assessment(session.path)
    assert saved.engagement.client == "Acme"
    assert saved.engagement.consultant == "Dana Reyes"
    assert saved.systems == {"erp": "SAP S/4HANA"}
    assert saved.targets == {}
