"""A workshop on the disagreements of a merged team file: the respondents panel, the walk, the review and the flag."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList

from slicewise.cli import main
from slicewise.core.store import load_assessment
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.opening import open_session
from slicewise.tui.screens.flows import FlowsScreen
from slicewise.tui.screens.ownership import OwnershipScreen
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.screens.review import ReviewScreen
from slicewise.tui.session import Session
from slicewise.tui.widgets.choice_rubric import ChoiceRubric
from slicewise.tui.widgets.respondents_panel import RespondentsPanel

from .helpers import run_from_palette, told

DATA = Path(__file__).resolve().parent.parent / "data"
TEAM = ["team_respondent_ann.toml", "team_respondent_bo.toml", "team_respondent_cy.toml"]


def _open(path: Path, question: str | None = None) -> SlicewiseApp:
    """An app on a merged file, on one question when given."""
    session = open_session(path)
    if question:
        session.assessment.progress.current = question
    return SlicewiseApp(session)


def _panel_text(app: SlicewiseApp, panel_id: str) -> str:
    """The text of one respondents panel."""
    return str(app.screen.query_one(f"#{panel_id}", RespondentsPanel).render())


def test_the_fixture_is_what_merge_writes_today(tmp_path: Path) -> None:
    target = tmp_path / "fresh.toml"
    assert main(["merge", *(str(DATA / name) for name in TEAM), "-o", str(target)]) == 0
    fresh, fixture = load_assessment(target), load_assessment(DATA / "tui_merged.toml")
    assert fresh.answers == fixture.answers
    assert fresh.merge is not None and fixture.merge is not None
    assert fresh.merge.disagreements == fixture.merge.disagreements


async def test_the_panel_lists_each_respondent_and_marks_the_disagreement(merged: Path) -> None:
    app = _open(merged, "ownership.source-of-truth")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one("#respondents-below", RespondentsPanel)
        assert panel.display and not panel.has_class("-empty") and panel.has_class("-disagree")
        text = _panel_text(app, "respondents-below")
        assert "≠ DISAGREE" in text and "levels 2 apart" in text
        lines = [line.split() for line in text.splitlines()]
        assert ["Ann", "L1", "People", "roughly", "know"] in lines
        assert ["Bo", "L3", "Written", "down", "for", "every", "critical", "object"] in lines
        assert "“Depends on who you ask”" in text
        rubric = app.screen.query_one(ChoiceRubric)
        assert "◂ Bo" in str(rubric.get_option("all").prompt)
        assert "◂ Ann" in str(rubric.get_option("tribal").prompt)
        # Scrolled into reach at 80×24: the panel sits in the scrolling column, right under the answer.
        main_scroll = app.screen.query_one("#main")
        main_scroll.scroll_to_widget(panel, animate=False)
        await pilot.pause()
        assert panel.region.bottom <= 23
        await pilot.press("right", "right")  # the checklist after the flows: no disagreement recorded
        await pilot.pause()
        assert app.screen.question_id == "failure.edge-cases"
        text = _panel_text(app, "respondents-below")
        assert "DISAGREE" not in text
        assert "What the 3 respondents said" in text
        assert any(line.split()[:3] == ["Ann", "L2", "Duplicate"] for line in text.splitlines()), text


async def test_a_wide_screen_shows_the_panel_beside_the_question(merged: Path) -> None:
    app = _open(merged, "failure.retries")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#respondents-right").display
        assert not app.screen.query_one("#respondents-below").display
        text = _panel_text(app, "respondents-right")
        assert any(line.split() == ["Cy", "don't", "know"] for line in text.splitlines())
        assert "“Ask the ERP team”" in text


async def test_a_single_persons_file_has_no_panel_and_no_walk(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#respondents-below").display
        assert "next-disagreement" not in {b.binding.id for b in app.screen.active_bindings.values() if b.enabled}
        await pilot.press("enter", "g")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_g_walks_question_object_and_flow_disagreements_and_wraps(merged: Path) -> None:
    app = _open(merged)
    said = told(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "g")  # the first question is a text field: escape leaves it
        await pilot.pause()
        assert isinstance(app.screen, OwnershipScreen)
        assert app.screen.query_one(DataTable).cursor_coordinate.row == 1  # price
        assert "≠ disputed" in str(app.screen.query_one(DataTable).get_cell("price", "__status__"))
        assert any("Disagreement 1 of 3" in title for _, title in said)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question_id == "ownership.source-of-truth"
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, FlowsScreen)
        assert app.screen.query_one(DataTable).cursor_coordinate.row == 0
        assert "≠ respondents" in str(app.screen.query_one("#flow-detail").render())
        disputed = app.screen.query_one(DataTable).get_row_at(0)
        assert str(disputed[0]).startswith("≠ "), "the flow's name carries the mark, visible at 80 columns"
        assert str(disputed[1]).startswith(("✓", "⚠")), "the checks come right after the name"
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, OwnershipScreen)
        assert any("back to the first" in title for _, title in said)
        await pilot.press("G")
        await pilot.pause()
        assert isinstance(app.screen, FlowsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question_id == "failure.flows"
        text = _panel_text(app, "respondents-below")
        assert "≠ DISAGREE" in text and "≠ Price export: pattern (Ann: File transfer, Bo: Direct API" in text


async def test_the_palette_offers_next_disagreement(merged: Path) -> None:
    app = _open(merged, "context.hosting")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "next disagreement")
        assert isinstance(app.screen, OwnershipScreen)


async def test_the_review_lists_the_disagreements_each_a_jump(merged: Path) -> None:
    app = _open(merged, "context.hosting")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        review = app.screen.query_one("#review-list", OptionList)
        jumps = [o for o in review.options if o.id and o.id.startswith("stop:")]
        assert [str(o.prompt).strip() for o in jumps] == [
            "≠ Who creates Price",
            "≠ Levels 2 apart: Is there one agreed source of truth per critical object?",
            "≠ Flow Price export described differently",
        ]
        assert "3 disagreements" in str(app.screen.query_one("#review-title").render())
        review.highlighted = next(n for n, o in enumerate(review.options) if o.id == "stop:1")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question_id == "ownership.source-of-truth"
        await pilot.press("r")
        await pilot.pause()
        review = app.screen.query_one("#review-list", OptionList)
        review.highlighted = next(n for n, o in enumerate(review.options) if o.id == "stop:2")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FlowsScreen)


async def test_open_with_the_flag_starts_on_the_first_disagreement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "team.toml"
    assert main(["merge", *(str(DATA / name) for name in TEAM), "-o", str(target)]) == 0
    launched: list[SlicewiseApp] = []
    monkeypatch.setattr(SlicewiseApp, "run", lambda self, *a, **k: launched.append(self))
    assert main(["open", str(target), "--disagreements"]) == 0
    [app] = launched
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OwnershipScreen)
        assert app.screen.query_one(DataTable).cursor_coordinate.row == 1
        await pilot.press("escape")  # back from the matrix lands on the matrix question
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question_id == "ownership.matrix"


async def test_the_flag_on_a_single_persons_file_says_there_is_nothing_to_walk(session: Session) -> None:
    app = SlicewiseApp(session, disagreements=True)
    said = told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert any("not merged" in message for message, _ in said)


async def test_settling_an_answer_keeps_every_respondents_record(merged: Path) -> None:
    app = _open(merged, "ownership.source-of-truth")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4")  # the room settles on "written down for every critical object"
        await pilot.pause()
        assert "L3" in _panel_text(app, "respondents-below")
    saved = load_assessment(merged)
    answer = saved.answers["ownership.source-of-truth"]
    assert answer.choice == "all"
    assert [(r.respondent, r.choice, r.level) for r in answer.respondents] == [
        ("Ann", "tribal", 1),
        ("Bo", "all", 3),
        ("Cy", "some", 2),
    ]
    assert answer.respondents[0].note == "Depends on who you ask"
    assert saved.merge is not None and len(saved.merge.disagreements) == 3


async def test_the_room_adds_to_the_merged_notes_after_them(merged: Path) -> None:
    app = _open(merged, "ownership.source-of-truth")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"Settled: Bo shares the list", "escape")  # n starts the room on a new line
        await pilot.pause()
    note = load_assessment(merged).answers["ownership.source-of-truth"].note
    assert note == "Ann: Depends on who you ask\nBo: We wrote it down last year\nSettled: Bo shares the list"


async def test_p_scrolls_the_respondents_into_view_on_a_short_terminal(merged: Path) -> None:
    app = _open(merged, "ownership.source-of-truth")
    async with app.run_test(size=(80, 18)) as pilot:
        await pilot.pause()
        scroller = app.screen.query_one("#main")
        panel = app.screen.query_one("#respondents-below", RespondentsPanel)
        assert not scroller.region.contains_region(panel.region)
        await pilot.press("p")
        await pilot.pause()
        assert scroller.region.contains_region(panel.region)
        await pilot.press("p")
        await pilot.pause()
        assert scroller.scroll_y == 0
