"""The workshop's counts come from the core's one definition (`core/counts.py`): the area sidebar, the review,
the scorecard and `ask` give the same figures for the demo and for a partially answered file."""

from __future__ import annotations

from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from slicewise.ask import AskSession, Terminal
from slicewise.core import counts as tally
from slicewise.core.demo import write_demo
from slicewise.core.models.assessment import Answer
from slicewise.core.store import open_assessment
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.opening import open_session
from slicewise.tui.screens.review import ReviewScreen
from slicewise.tui.screens.scorecard import scorecard_content
from slicewise.tui.session import Session
from slicewise.tui.widgets.area_sidebar import sidebar_lines

from .helpers import screen_rows


def _session(tmp_path: Path, partial: bool) -> Session:
    """The demo, or the demo with every other answer taken away and a don't-know and an N/A added."""
    _bundle, _assessment, path = write_demo(tmp_path / "demo")
    session = open_session(path)
    if partial:
        answers = session.assessment.answers
        kept = dict(list(answers.items())[::2])
        answers.clear()
        answers.update(kept)
        free = [q.id for q in session.questions if q.id not in answers]
        answers[free[0]] = Answer(unknown=True)
        answers[free[-1]] = Answer(na="out-of-scope")
        session.refresh()
        session.save()
    return session


@pytest.mark.parametrize("partial", [False, True], ids=["demo", "partial"])
async def test_sidebar_review_scorecard_and_ask_give_the_same_figures(tmp_path: Path, partial: bool) -> None:
    session = _session(tmp_path, partial)
    results = session.results
    whole = tally.count(results.questions)
    areas = session.bundle.questionnaire.areas
    per_area = {area.id: session.area_counts(area.id) for area in areas}
    assert tally.total(per_area.values()) == whole  # the areas add up to the whole

    lines = sidebar_lines(session, session.questions[0].id, 60)
    for area in areas:
        first = str(next(line for area_id, line in lines if area_id == area.id))
        counts = per_area[area.id]
        assert f"{counts.dealt_with}/{counts.asked}" in first, first

    for scored in (a for a in results.areas if a.scored):  # the scorecard's share of the same questions
        mine = [q for q in results.questions if q.area == scored.id and q.scored]
        assert scored.counts == tally.count(mine)
        assert scored.counts.asked <= per_area[scored.id].asked
    card = str(scorecard_content(session, 120))
    assert tally.answered_phrase(results.overall.counts, "applicable scored question") in card

    app = SlicewiseApp(session)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.action_review()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        shown = " ".join(" ".join(screen_rows(app)).split())
        assert tally.progress_phrase(whole) in shown, shown


@pytest.mark.parametrize("partial", [False, True], ids=["demo", "partial"])
def test_ask_says_the_same_figures(tmp_path: Path, partial: bool) -> None:
    session = _session(tmp_path, partial)
    whole = tally.count(session.results.questions)
    said: list[str] = []
    with create_pipe_input() as pipe:
        pipe.send_text("\x03")  # ctrl+c at the first question
        reopened, bundle = open_assessment(session.path)
        terminal = Terminal(pipe, DummyOutput(), echo=said.append)
        AskSession(bundle, reopened, session.path, terminal, revisit=True).run()  # asks even the answered
    printed = " ".join(" ".join(said).split())
    assert tally.progress_phrase(whole) in printed, printed
    asked_now = [line for line in said if "] question " in line]
    assert asked_now and asked_now[0].rstrip().endswith(f"of {whole.asked}"), asked_now
