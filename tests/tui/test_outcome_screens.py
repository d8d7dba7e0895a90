"""Pilot tests of the risk register and plan screens: reached three ways, drill-down, adjustments that last."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input, Label, OptionList, Select, Static

from slicewise.cli import main
from slicewise.core.adjust import all_actions
from slicewise.core.explain import explain_lines
from slicewise.core.store import save_assessment
from slicewise.core.tracking import adjust
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.opening import open_session
from slicewise.tui.screens.adjust_dialog import AdjustDialog
from slicewise.tui.screens.custom_dialog import CustomItemDialog
from slicewise.tui.screens.drill_down import DrillDownScreen
from slicewise.tui.screens.plan import PlanScreen
from slicewise.tui.screens.register import RegisterScreen
from slicewise.tui.screens.review import ReviewScreen
from slicewise.tui.session import Session

from .helpers import open_by_keys, run_from_palette, screen_rows


def _highlight(screen: RegisterScreen | PlanScreen, item_id: str) -> None:
    """Put the list's cursor on one item."""
    listing = screen.query_one("#outcome-list", OptionList)
    listing.highlighted = next(n for n, option in enumerate(listing.options) if option.id == item_id)


async def test_register_and_plan_are_reached_from_review_footer_and_palette(demo_session: Session) -> None:
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "escape", "r", expect=ReviewScreen)
        footer = screen_rows(app)[-1]
        assert "r Risks" in footer and "p Plan" in footer
        await open_by_keys(pilot, "r", expect=RegisterScreen)
        rows = screen_rows(app)
        assert "Risk register — " in rows[1]
        top = demo_session.results.risks[0]
        assert any(top.title[:30] in row for row in rows)
        assert any(row.lstrip().startswith("Cause") for row in rows)  # the highlighted risk's detail
        assert "w Why" in rows[-1] and "a Adjust" in rows[-1]
        await open_by_keys(pilot, "p", expect=PlanScreen)
        rows = screen_rows(app)
        first = demo_session.results.roadmap[0]
        assert any(row.lstrip("│ ").startswith(f"1 {first.title}") for row in rows)
        assert any("Find out first" in row for row in rows) == bool(demo_session.results.plan.find_out)
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        await run_from_palette(pilot, "Risk register")
        assert isinstance(app.screen, RegisterScreen)
        await pilot.press("escape")
        await run_from_palette(pilot, "Plan")
        assert isinstance(app.screen, PlanScreen)


async def test_drill_down_shows_explains_own_lines(demo_session: Session) -> None:
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_plan()
        await pilot.pause()
        action = demo_session.results.roadmap[0].actions[0]
        assert isinstance(app.screen, PlanScreen)
        _highlight(app.screen, action.id)
        await open_by_keys(pilot, "w", expect=DrillDownScreen)
        shown = str(app.screen.query_one("#drill-text", Static).render())
        assert shown == "\n".join(explain_lines(demo_session.bundle, demo_session.results, action.id))
        await pilot.press("escape")
        await pilot.pause()
        await open_by_keys(pilot, "enter", expect=DrillDownScreen)


async def test_adjust_a_risk_and_an_action_then_reopen_and_find_both(demo_session: Session) -> None:
    path = demo_session.path
    risk = demo_session.results.risks[0]
    action = demo_session.results.roadmap[0].actions[0]
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_register()
        await pilot.pause()
        assert isinstance(app.screen, RegisterScreen)
        _highlight(app.screen, risk.id)
        await open_by_keys(pilot, "a", expect=AdjustDialog)
        dialog = app.screen
        dialog.query_one("#likelihood", Select).value = 1
        dialog.query_one("#owner", Input).value = "Dana Ruiz"
        await pilot.press("ctrl+s")  # no reason yet: refused, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, AdjustDialog)
        dialog.query_one("#reason", Input).value = "The PSP already rejects repeats"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RegisterScreen)
        assert "1 adjusted" in screen_rows(app)[1]
        app.action_plan()
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        _highlight(app.screen, action.id)
        await open_by_keys(pilot, "a", expect=AdjustDialog)
        dialog = app.screen
        dialog.query_one("#slice", Select).value = "later"
        dialog.query_one("#status", Select).value = "blocked"
        dialog.query_one("#reason", Input).value = "Waits for the budget"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        listing = app.screen.query_one("#outcome-list", OptionList)
        later_heading = next(n for n, o in enumerate(listing.options) if str(o.prompt).startswith("Later"))
        assert action.id in [o.id for o in listing.options[later_heading:]]
    reopened = open_session(path)
    got_risk = next(r for r in reopened.results.risks if r.id == risk.id)
    assert got_risk.likelihood == 1 and got_risk.named_owner == "Dana Ruiz"
    assert got_risk.engine["likelihood"] == risk.likelihood
    assert got_risk.adjustments[0].reason == "The PSP already rejects repeats"
    got_action = next(a for a in all_actions(reopened.results) if a.id == action.id)
    assert got_action.slice == "later" and got_action.status == "blocked"
    assert got_action.engine == {"slice": action.slice}


async def test_an_adjustment_whose_risk_no_longer_arises_is_shown_stale(demo_session: Session) -> None:
    session = demo_session
    flow_risk = next(r for r in session.results.risks if r.id.startswith("flows.missing-safeguards:"))
    flow_id = flow_risk.id.split(":", 1)[1]
    session.assessment = adjust(session.assessment, session.results, flow_risk.id, {"response": "accepted"}, "Agreed")
    session.assessment.flows = [f for f in session.assessment.flows if f.id != flow_id]  # the answers change
    save_assessment(session.assessment, session.path)
    reopened = open_session(session.path)
    assert [n.id for n in reopened.results.judgement.stale] == [flow_risk.id]
    app = SlicewiseApp(reopened)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_register()
        await pilot.pause()
        listing = app.screen.query_one("#outcome-list", OptionList)
        listing.scroll_end(animate=False)
        await pilot.pause()
        rows = screen_rows(app)
        assert any("STALE" in row and flow_risk.id in row for row in rows)
        assert any("Stale adjustments (1)" in row for row in rows)
    assert reopened.assessment.adjustments[0].id == flow_risk.id  # kept in the file


async def test_add_a_risk_and_an_action_of_ones_own_then_reopen_and_find_both(
    demo_session: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_session.path
    first = demo_session.results.roadmap[0]
    dependency = first.actions[0]
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_register()
        await pilot.pause()
        assert "n Add" in screen_rows(app)[-1]
        await open_by_keys(pilot, "n", expect=CustomItemDialog)
        await pilot.press(*"Peak season freeze")
        dialog = app.screen
        dialog.query_one("#cause", Input).value = "Nobody may deploy in December"
        dialog.query_one("#likelihood", Select).value = 4
        await pilot.press("ctrl+s")  # no reason yet: refused in the form
        await pilot.pause()
        assert isinstance(app.screen, CustomItemDialog)
        assert "reason" in str(app.screen.query_one("#custom-error", Label).render())
        dialog.query_one("#reason", Input).value = "Told by the CTO"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RegisterScreen)
        assert app.screen.current_id() == "custom-peak-season-freeze"
        assert any("Nobody may deploy in December" in row for row in screen_rows(app))

        app.action_plan()
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert "n Add" in screen_rows(app)[-1]
        _highlight(app.screen, dependency.id)
        await open_by_keys(pilot, "n", expect=CustomItemDialog)
        dialog = app.screen
        assert dialog.query_one("#slice", Select).value == first.id  # the highlighted action's slice
        assert dependency.id in str(dialog.query_one("#depends_on", Input).placeholder)  # its id as an example
        dialog.query_one("#title", Input).value = "Brief the support desk"
        dialog.query_one("#depends_on", Input).value = f"{dependency.id}, no-such-action"
        dialog.query_one("#reason", Input).value = "Support takes the calls"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CustomItemDialog)  # an unknown dependency is refused in the form
        assert "no-such-action" in str(app.screen.query_one("#custom-error", Label).render())
        dialog.query_one("#depends_on", Input).value = dependency.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.current_id() == "custom-brief-the-support-desk"
        listing = app.screen.query_one("#outcome-list", OptionList)
        ids = [option.id for option in listing.options]
        second_heading = next(n for n, o in enumerate(listing.options) if str(o.prompt).startswith("2 "))
        assert ids.index("custom-brief-the-support-desk") < second_heading  # in slice 1, at once

        await pilot.press("ctrl+z")  # undone like any change, and redone
        await pilot.pause()
        assert demo_session.assessment.custom_actions == []
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [a.id for a in demo_session.assessment.custom_actions] == ["custom-brief-the-support-desk"]

    reopened = open_session(path)
    risk = next(r for r in reopened.results.risks if r.id == "custom-peak-season-freeze")
    assert (risk.source, risk.likelihood, risk.cause) == ("custom", 4, "Nobody may deploy in December")
    action = next(a for a in all_actions(reopened.results) if a.id == "custom-brief-the-support-desk")
    assert (action.kind, action.slice, action.depends_on) == ("custom", first.id, [dependency.id])
    capsys.readouterr()
    assert main(["score", str(path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert "custom-peak-season-freeze" in {r["id"] for r in payload["risks"]}
    json_actions = [a for piece in payload["roadmap"] for a in piece["actions"]]
    assert "custom-brief-the-support-desk" in {a["id"] for a in json_actions}


async def test_escape_keeps_a_new_action_typed_as_a_draft(demo_session: Session) -> None:
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_plan()
        await pilot.pause()
        await open_by_keys(pilot, "n", expect=CustomItemDialog)
        app.screen.query_one("#title", Input).value = "Brief the support desk"
        app.screen.query_one("#effort", Select).value = "S"
        await open_by_keys(pilot, "escape", expect=PlanScreen)
        await open_by_keys(pilot, "n", expect=CustomItemDialog)
        assert app.screen.query_one("#title", Input).value == "Brief the support desk"
        assert app.screen.query_one("#effort", Select).value == "S"
        await pilot.press("ctrl+r")  # back to the form as it opened
        await pilot.pause()
        assert app.screen.query_one("#title", Input).value == ""
        assert app.screen.query_one("#effort", Select).value == "M"
    assert demo_session.assessment.custom_actions == []  # a draft is not an action


async def test_moving_an_action_changes_the_projected_levels_on_the_plan(demo_session: Session) -> None:
    results = demo_session.results
    first, last = results.roadmap[0], results.roadmap[-1]
    failure = next(p for p in results.plan.projections if p.area == "failure")
    assert failure.steps[0].level != failure.level  # the engine's plan raises Failure in slice 1
    moved = [a for a in first.actions if a.area == "failure" and a.moves]
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_plan()
        await pilot.pause()
        assert any(row.lstrip("│ ").startswith(f"1 {first.title}") and "Failure" in row for row in screen_rows(app))
        for action in moved:  # every Failure change of slice 1 to the last slice
            assert isinstance(app.screen, PlanScreen)
            _highlight(app.screen, action.id)
            await open_by_keys(pilot, "a", expect=AdjustDialog)
            app.screen.query_one("#slice", Select).value = last.id
            app.screen.query_one("#reason", Input).value = "Budget next quarter"
            await pilot.press("ctrl+s")
            await pilot.pause()
        listing = app.screen.query_one("#outcome-list", OptionList)
        headings = [str(o.prompt) for o in listing.options if o.disabled and str(o.prompt)[:1].isdigit()]
        later = next(str(o.prompt) for o in listing.options if str(o.prompt).startswith("Later ("))
        after = next(p for p in demo_session.results.plan.projections if p.area == "failure")
        await pilot.press("ctrl+z")  # an adjustment is undone like any change, and the projection with it
        await pilot.pause()
        back = next(a for a in all_actions(demo_session.results) if a.id == moved[-1].id)
        assert back.slice == first.id
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert next(p for p in demo_session.results.plan.projections if p.area == "failure") == after
    gained = [
        f"{p.title.split()[0]} {p.steps[-1].level}→{p.with_later.level}"
        for p in demo_session.results.plan.projections
        if p.with_later is not None and p.with_later.level != p.steps[-1].level
    ]
    assert gained and all(text in later for text in gained)  # what Later would add, in its heading
    after = next(p for p in demo_session.results.plan.projections if p.area == "failure")
    assert after.steps[0].level == failure.level and after.steps[-1].level == failure.steps[-1].level
    raised = next(n for n, step in enumerate(after.steps) if step.level != failure.level)  # where Failure moves now
    assert raised > 0
    slice_one = next(h for h in headings if h.startswith(f"1 {first.title}"))
    later_one = next(h for h in headings if h.startswith(f"{raised + 1} {results.roadmap[raised].title}"))
    assert "Failure" not in slice_one
    assert f"Failure {failure.level}→{after.steps[raised].level}" in later_one


@pytest.mark.parametrize("screen_type", [RegisterScreen, PlanScreen])
async def test_a_title_cut_in_its_line_is_shown_whole_in_the_detail(
    demo_session: Session, screen_type: type[RegisterScreen | PlanScreen]
) -> None:
    """At 80 columns a long title ends in … in the list; the highlighted item's detail gives every word of it."""
    results = demo_session.results
    items = results.risks if screen_type is RegisterScreen else all_actions(results)
    longest = max(items, key=lambda item: len(item.title))
    assert len(longest.title) > 80  # the demo has titles longer than the list's line
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "escape", "r", expect=ReviewScreen)
        await open_by_keys(pilot, "r" if screen_type is RegisterScreen else "p", expect=screen_type)
        screen = app.screen
        assert isinstance(screen, screen_type)
        _highlight(screen, longest.id)
        await pilot.pause()
        await pilot.pause()
        listed = [row for row in screen_rows(app) if longest.title[:30] in row and "…" in row]
        assert listed, "the list line is cut at 80 columns"
        detail = str(screen.query_one("#outcome-detail", Static).render())
        assert " ".join(longest.title.split()) in " ".join(detail.split())
