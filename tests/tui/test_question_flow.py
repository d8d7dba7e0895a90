"""Pilot tests of the question flow: answering by keys, conditional questions, marks, notes and resume."""

from __future__ import annotations

from pathlib import Path

import pytest

from slicewise.core.store import load_assessment
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.opening import open_session
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.session import Session

from .helpers import screen_rows, told


def _screen(app: SlicewiseApp) -> QuestionScreen:
    """Return the question screen on top."""
    assert isinstance(app.screen, QuestionScreen)
    return app.screen


async def test_answer_the_context_and_failure_areas_by_keys(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert _screen(app).question_id == "context.platform"
        await pilot.press("t", *"Shopify Plus", "enter")
        await pilot.press("2", "enter")  # marketplaces: yes
        assert _screen(app).question_id == "failure.idempotency"
        await pilot.press("3", "enter")  # most flows
        await pilot.press("1", "3", "enter")  # retry: back-off and dead-letter
        assert _screen(app).question_id == "failure.marketplace-rejects"
        await pilot.press("2", "enter")
        await pilot.pause()
        assert _screen(app).question_id == "failure.flows"
    saved = load_assessment(session.path)
    assert saved.answers["context.platform"].text == "Shopify Plus"
    assert saved.answers["context.marketplaces"].choice == "yes"
    assert saved.answers["failure.idempotency"].choice == "most-flows"
    assert saved.answers["failure.retry"].choices == ["backoff", "dead-letter"]
    assert saved.answers["failure.marketplace-rejects"].choice == "owner"
    assert saved.progress.current == "failure.flows"


async def test_conditional_question_disappears_when_its_condition_stops_holding(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2", "enter")  # skip the platform, marketplaces: yes
        await pilot.press("right", "right")
        assert _screen(app).question_id == "failure.marketplace-rejects"
        await pilot.press("left", "left", "left")
        assert _screen(app).question_id == "context.marketplaces"
        await pilot.press("1", "enter")  # no marketplaces: the rejects question is no longer asked
        await pilot.press("right", "right")
        assert _screen(app).question_id == "failure.flows"
        counts = app.current_session.area_counts("failure")
        assert (counts.dealt_with, counts.asked) == (0, 3)


async def test_enter_on_a_highlighted_choice_answers_it(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # leave the platform empty
        await pilot.press("down", "enter")
    assert load_assessment(session.path).answers["context.marketplaces"].choice == "yes"


async def test_note_dont_know_na_and_confidence_are_saved(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # to failure.idempotency
        assert _screen(app).question_id == "failure.idempotency"
        await pilot.press("n", *"Order export only", "escape")
        await pilot.press("d")
        await pilot.press("c", "c")
        saved = load_assessment(session.path).answers["failure.idempotency"]
        assert saved.note == "Order export only"
        assert saved.unknown is True
        assert saved.confidence == "unsure"
        await pilot.press("right", "x")
        await pilot.pause()
        await pilot.press("tab", *"Not built yet", "shift+tab", "1")
        await pilot.pause()
    saved_answers = load_assessment(session.path).answers
    assert saved_answers["failure.retry"].na == "out-of-scope"
    assert saved_answers["failure.retry"].na_note == "Not built yet"
    assert saved_answers["failure.idempotency"].note == "Order export only"


async def test_picking_an_answer_clears_dont_know(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter", "d", "2")
    saved = load_assessment(session.path).answers["failure.idempotency"]
    assert saved.unknown is False
    assert saved.choice == "some-flows"


async def test_reopening_resumes_at_the_last_question(session: Session, tmp_path: Path) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "right_square_bracket", "right_square_bracket")
        assert _screen(app).question_id == "ownership.matrix"
        await pilot.press("right")
    reopened = open_session(session.path)
    assert reopened.assessment.progress.current == "ownership.corrections"
    app = SlicewiseApp(reopened)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _screen(app).question_id == "ownership.corrections"


async def test_a_failed_save_shows_in_the_indicator_and_keeps_the_answer(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        session.path.unlink()
        session.path.mkdir()  # the file became a folder: every save now fails
        await pilot.press("enter", "2")
        await pilot.pause()
        assert app.last_save is not None and not app.last_save.ok
        indicator = app.screen.query_one("#saved")
        assert "NOT SAVED" in str(indicator.render())
        assert app.current_session.assessment.answers["context.marketplaces"].choice == "yes"


async def test_help_lists_the_keys_of_the_question_screen(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "question_mark")
        await pilot.pause()
        text = "\n".join(screen_rows(app))
        assert "Mark don't know" in text
        assert "Cycle confidence" in text
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)


async def test_help_wraps_under_each_description_and_scrolls_to_its_last_line_at_80x24(session: Session) -> None:
    from textual.containers import VerticalScroll

    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "question_mark")
        await pilot.pause()
        await pilot.pause()
        app.screen.query_one(VerticalScroll).scroll_end(animate=False)
        await pilot.pause()
        rows = screen_rows(app)
        assert any("quits at any time." in row for row in rows)  # the last line can be reached
        review = next(n for n, row in enumerate(rows) if "Review (r)" in row)
        start, column = rows[review].index("Review (r)"), rows[review].index("disagreements")
        following = rows[review + 1]
        assert following[start:column].strip() == ""  # the wrapped part leaves the label's column empty
        assert following[column] != " "  # and starts under the description


async def test_answers_to_removed_questions_are_reported_and_kept(session: Session) -> None:
    from slicewise.core.models.assessment import Answer

    session.assessment.answers["failure.gone"] = Answer(choice="old", note="kept")
    session.save()
    reopened = open_session(session.path)
    app = SlicewiseApp(reopened)
    said = told(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        messages = [message for message, _ in said]
        assert any("no longer has" in m for m in messages)
        await pilot.press("enter", "2")
    assert load_assessment(session.path).answers["failure.gone"].note == "kept"


async def test_quitting_after_a_failed_save_asks_first(session: Session) -> None:
    from slicewise.tui.screens.confirm import ConfirmScreen

    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        session.path.unlink()
        session.path.mkdir()
        await pilot.press("enter", "2")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        session.path.rmdir()  # the disk is back: the next change saves everything
        await pilot.press("1")
        await pilot.pause()
        assert app.last_save is not None and app.last_save.ok
    saved = load_assessment(session.path)
    assert saved.answers["context.marketplaces"].choice == "no"


async def test_a_merged_answer_shows_what_each_respondent_said(session: Session) -> None:
    from slicewise.core.models.assessment import Answer, RespondentAnswer

    session.assessment.answers["failure.idempotency"] = Answer(
        choice="some-flows",
        respondents=[
            RespondentAnswer(respondent="Ana", choice="all-flows", level=4),
            RespondentAnswer(respondent="Ben", unknown=True),
        ],
    )
    session.assessment.progress.current = "failure.idempotency"
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        panel = str(app.screen.query_one("#respondents-below").render())
        assert "Ana  L4  Every order and payment flow is keyed and tested" in panel
        assert any(line.split() == ["Ben", "don't", "know"] for line in panel.splitlines())


async def test_a_changed_questionnaire_is_told_once_then_recorded(session: Session) -> None:
    from slicewise.core.models.assessment import Answer

    session.assessment.questionnaire.version = "0.1.0"
    session.assessment.questionnaire.digest = "sha256:old"
    session.assessment.answers["failure.gone"] = Answer(choice="old", note="kept")
    session.save()
    reopened = open_session(session.path)
    assert reopened.results.warnings
    app = SlicewiseApp(reopened)
    said = told(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        messages = [message for message, _ in said]
        assert any("version 0.1.0" in m for m in messages)
    saved = load_assessment(session.path)
    assert saved.questionnaire.version == session.bundle.questionnaire.version
    assert saved.questionnaire.digest == session.bundle.questionnaire.digest
    assert saved.answers["failure.gone"].note == "kept"
    again = open_session(session.path)
    assert not any("version" in w for w in again.results.warnings)
    app = SlicewiseApp(again)
    said = told(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        messages = [message for message, _ in said]
        assert not any("version" in m for m in messages)
        assert any("no longer has" in m for m in messages)  # the orphan answer is still there, and said so


async def test_clicking_an_area_in_the_sidebar_goes_to_its_first_question(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        areas = [a.id for a in session.bundle.questionnaire.areas]
        target = areas[-1]
        await pilot.click("#sidebar", offset=(6, 1 + len(areas) - 1))  # padding row, then one line per area
        await pilot.pause()
        assert _screen(app).question_id == session.first_of_area(target)
        await pilot.click("#sidebar", offset=(6, 1))
        await pilot.pause()
        assert _screen(app).question_id == session.first_of_area(areas[0])


async def test_moving_to_another_question_draws_it_once(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []
    draw_state = QuestionScreen.draw_state

    def counting(screen: QuestionScreen) -> None:
        drawn.append(screen.question_id)
        draw_state(screen)

    monkeypatch.setattr(QuestionScreen, "draw_state", counting)
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        first = _screen(app).question_id
        drawn.clear()
        await pilot.press("right")
        await pilot.pause()
        second = _screen(app).question_id
        assert second != first
        assert drawn == [second], "the resume position is saved without a second redraw"
    assert load_assessment(session.path).progress.current == second
