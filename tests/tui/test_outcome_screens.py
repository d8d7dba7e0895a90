"""Pilot tests of the risk register and plan screens: reached three ways, drill-down, adjustments that last."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Select, Static

from slicewise.core.adjust import all_actions
from slicewise.core.explain import explain_lines
from slicewise.core.store import save_assessment
from slicewise.core.tracking import adjust
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.opening import open_session
from slicewise.tui.screens.adjust_dialog import AdjustDialog
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
