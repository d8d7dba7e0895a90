"""Pilot tests of the ownership matrix and flow inventory editors."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select, SelectionList, Static

from slicewise.core.models.assessment import OwnershipEntry
from slicewise.core.store import load_assessment
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.screens.flow_form import FlowFormScreen
from slicewise.tui.screens.flows import FlowsScreen
from slicewise.tui.screens.ownership import OwnershipScreen
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.session import Session

from .helpers import open_by_keys


async def test_matrix_cells_are_set_by_keys_and_conflicts_flagged(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "escape", "o", expect=OwnershipScreen)
        # Rows: product, price, order. Columns: object, commerce, erp, pim; the cursor starts on commerce.
        await pilot.press("right", "c")  # product: ERP creates
        await pilot.press("down", "c", "right", "c")  # price: ERP and PIM create
        await pilot.press("down", "left", "left", "c", "right", "r")  # order: commerce creates, ERP reads
        await pilot.pause()
        findings = str(app.screen.query_one("#own-findings", Static).render())
        assert "Price" in findings
        await pilot.press("up", "space")  # price / ERP: create → update
        assert app.current_session.cell("price", "erp") == "update"
        await pilot.press("delete")  # price / ERP: none
        await pilot.pause()
    saved = load_assessment(session.path).ownership
    assert saved["product"].create == ["erp"]
    assert saved["price"].create == ["pim"]
    assert saved["order"].create == ["commerce"]
    assert saved["order"].consume == ["erp"]


async def test_matrix_splits_creators_by_scope_so_two_channels_are_no_conflict(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "escape", "o", expect=OwnershipScreen)
        await pilot.press("down", "c", "right", "c")  # price: commerce and ERP create
        await pilot.pause()
        assert "Price" in str(app.screen.query_one("#own-findings", Static).render())
        await pilot.press("s", *"web=commerce; list price:fields=erp", "enter")
        await pilot.pause()
        assert "Price" not in str(app.screen.query_one("#own-findings", Static).render())
        await pilot.press("s", *"web:galaxy=commerce", "enter")  # a bad line changes nothing
        await pilot.pause()
    scopes = load_assessment(session.path).ownership["price"].scopes
    assert [(s.scope, s.kind, s.create) for s in scopes] == [
        ("web", "channel", ["commerce"]),
        ("list price", "fields", ["erp"]),
    ]


async def test_matrix_names_systems_and_correction_owners(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "o")
        await pilot.pause()
        await pilot.press("right", "n", *"SAP S/4HANA", "enter")
        await pilot.pause()
        await pilot.press("w", *"PIM team", "enter")
        await pilot.press("m")
        await pilot.pause()
        table = app.screen.query_one("#matrix", DataTable)
        label = next(column.label for key, column in table.columns.items() if key.value == "erp")
        assert "SAP S/4HANA" in str(label)
    saved = load_assessment(session.path)
    assert saved.systems == {"erp": "SAP S/4HANA"}
    assert saved.ownership["product"].correction_owner == "PIM team"
    assert saved.answers["ownership.matrix"].done is True


async def test_flows_are_added_edited_and_deleted(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "escape", "f", expect=FlowsScreen)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FlowFormScreen)
        await pilot.press(*"Stock feed")
        form.query_one("#flow-source", Select).value = "erp"
        form.query_one("#flow-target", Select).value = "commerce"
        form.query_one("#flow-pattern", Select).value = "file"
        form.query_one("#flow-latency", Select).value = "checkout-blocking"
        await pilot.pause()
        checks = str(form.query_one("#flow-checks", Static).render())
        assert "cannot meet" in checks or "⚠" in checks
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FlowsScreen)
        saved = load_assessment(session.path).flows
        assert [(f.id, f.pattern, f.latency) for f in saved] == [("stock-feed", "file", "checkout-blocking")]
        assert "⚠" in str(app.screen.query_one("#flow-detail", Static).render())

        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FlowFormScreen)
        form.query_one("#flow-pattern", Select).value = "direct-api"
        form.query_one("#flow-safeguards", SelectionList).select_all()
        form.query_one("#flow-owner", Input).value = "Order operations"
        await pilot.pause()
        assert "No findings" in str(form.query_one("#flow-checks", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        flow = load_assessment(session.path).flows[0]
        assert flow.pattern == "direct-api"
        assert flow.failure_owner == "Order operations"
        assert "retry" in flow.safeguards

        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert load_assessment(session.path).flows == []


async def test_an_incomplete_flow_is_not_saved(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "f", "a")
        await pilot.pause()
        await pilot.press(*"Half a flow", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FlowFormScreen)
        assert "Still needed" in str(app.screen.query_one("#flow-checks", Static).render())
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    assert load_assessment(session.path).flows == []


@pytest.mark.parametrize(
    ("key", "screen", "title_id", "question_id"),
    [
        ("o", OwnershipScreen, "#own-title", "ownership.matrix"),
        ("f", FlowsScreen, "#flows-title", "failure.flows"),
    ],
)
async def test_m_marks_an_editor_complete_and_unmarks_it(
    session: Session, key: str, screen: type, title_id: str, question_id: str
) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "escape", key, expect=screen)
        assert "✓ complete" not in str(app.screen.query_one(title_id, Static).render())
        await pilot.press("m")
        await pilot.pause()
        assert "✓ complete" in str(app.screen.query_one(title_id, Static).render())
        assert load_assessment(session.path).answers[question_id].done is True
        await pilot.press("m")
        await pilot.pause()
        assert "✓ complete" not in str(app.screen.query_one(title_id, Static).render())
    assert question_id not in load_assessment(session.path).answers


async def test_clearing_a_systems_last_role_keeps_the_keys_on_the_columns_shown(session: Session) -> None:
    session.assessment.ownership["product"] = OwnershipEntry(create=["erp"])
    session.assessment.ownership["price"] = OwnershipEntry(create=["pim"])
    session.refresh()
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "escape", "o", expect=OwnershipScreen)
        # Shown: the systems in use, erp then pim; the cursor is on product / erp.
        await pilot.press("delete")  # erp is no longer in use, but its column stays until the grid is rebuilt
        await pilot.press("right", "c")  # product / pim
        await pilot.press("left", "r")  # product / erp
        await pilot.pause()
        assert app.current_session.cell("product", "pim") == "create"
        assert app.current_session.cell("product", "erp") == "consume"
    saved = load_assessment(session.path).ownership
    assert saved["product"].create == ["pim"]
    assert saved["product"].consume == ["erp"]
    assert saved["price"].create == ["pim"]


async def test_the_question_under_an_editor_catches_up_when_shown_again(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        question = app.screen
        assert isinstance(question, QuestionScreen)
        drawn: list[str] = []
        draw = question.draw_state
        monkeypatch.setattr(question, "draw_state", lambda: (drawn.append(question.question_id), draw())[1])
        sidebar_before = str(question.query_one("#sidebar", Static).render())
        await open_by_keys(pilot, "escape", "o", expect=OwnershipScreen)
        await pilot.press("right", "c", "down", "c")  # two cells: two changes
        await pilot.pause()
        assert drawn == [], "the question screen was redrawn while the matrix covered it"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is question
        assert len(drawn) == 1, "one redraw on return, for all the changes made meanwhile"
        assert str(question.query_one("#sidebar", Static).render()) != sidebar_before  # the matrix counts now


async def test_after_leaving_a_text_answer_an_editor_round_trip_keeps_letters_as_shortcuts(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        question = app.screen
        assert isinstance(question, QuestionScreen) and question.question.kind == "text"
        before = session.answer(question.question_id).text
        await open_by_keys(pilot, "escape", "o", expect=OwnershipScreen)
        await open_by_keys(pilot, "escape", expect=QuestionScreen)
        assert app.focused is None, "coming back re-entered the text answer"
        await open_by_keys(pilot, "f", expect=FlowsScreen)
        assert app.current_session.answer(question.question_id).text == before


async def test_the_matrix_grid_keeps_its_place_as_findings_come_and_go(session: Session) -> None:
    session.assessment.ownership["price"] = OwnershipEntry(create=["erp", "pim"])  # two creators: a finding
    session.assessment.ownership["order"] = OwnershipEntry(create=["commerce", "erp"])  # and a second one
    session.refresh()
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "escape", "o", expect=OwnershipScreen)
        screen = app.screen
        grid = screen.query_one("#matrix", DataTable)
        panel = screen.query_one("#own-findings", Static)
        assert panel.size.height == 2
        grid_before = grid.region
        # Columns: object, commerce, erp, pim; the cursor starts on product / commerce.
        await pilot.press("down", "right", "delete")  # price / erp: none, so price has one creator again
        await pilot.pause()
        assert "Price" not in str(panel.render()) and "Order" in str(panel.render())
        assert panel.size.height == 2  # one finding left, but the list kept its height ...
        assert grid.region == grid_before  # ... so the grid did not move under the cursor
        await pilot.press("c", "up", "c", "right", "c")  # price and product now have two creators each
        await pilot.pause()
        assert all(name in str(panel.render()) for name in ("Product", "Price", "Order"))
        assert panel.size.height == 3  # a longer list still gets its rows
        await pilot.press("delete")  # product / pim: none again, two findings left
        await pilot.pause()
        assert panel.size.height == 3
        await pilot.resize_terminal(120, 36)  # a new size: the list sizes itself afresh
        await pilot.pause()
        assert panel.size.height == 2


async def test_a_matrix_change_redraws_only_the_row_it_altered(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "escape", "o", expect=OwnershipScreen)
        updated: list[str] = []
        real = DataTable.update_cell

        def spy(table: DataTable, row_key: object, column_key: object, value: object, **kwargs: object) -> None:
            updated.append(str(getattr(row_key, "value", row_key)))
            real(table, row_key, column_key, value, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(DataTable, "update_cell", spy)
        await pilot.press("right", "c")  # product / erp: create
        await pilot.pause()
        assert app.current_session.cell("product", "erp") == "create"
        assert updated and set(updated) == {"product"}  # the cell and product's status; price and order alone


async def test_the_flow_table_stays_put_as_the_cursor_moves_over_flows_with_more_or_fewer_findings(
    demo_session: Session,
) -> None:
    session = demo_session
    session.assessment.progress.current = next(q.id for q in session.questions if q.kind == "choice")
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "f", expect=FlowsScreen)
        table = app.screen.query_one("#flow-table", DataTable)
        detail = app.screen.query_one("#flow-detail", Static)
        for _ in range(table.row_count):  # once over every flow: the panel grows to the longest list
            await pilot.press("down")
        await pilot.pause()
        regions, lines = set(), set()
        for _ in range(table.row_count):  # and back: it keeps that height
            await pilot.press("up")
            await pilot.pause()
            regions.add(table.region)
            lines.add(len(str(detail.render()).splitlines()))
        assert len(lines) > 1  # the flows do have different numbers of findings
        assert len(regions) == 1  # yet the table no longer moves or resizes as the cursor goes over them


async def test_a_flow_added_to_a_long_list_gets_the_cursor_and_shows_its_findings(demo_session: Session) -> None:
    session = demo_session
    session.assessment.progress.current = next(q.id for q in session.questions if q.kind == "choice")
    before = len(session.assessment.flows)
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "f", expect=FlowsScreen)
        await open_by_keys(pilot, "a", expect=FlowFormScreen)
        form = app.screen
        await pilot.press(*"Returns to ERP")
        form.query_one("#flow-source", Select).value = "commerce-platform"
        form.query_one("#flow-target", Select).value = "erp"
        form.query_one("#flow-pattern", Select).value = "ipaas"
        form.query_one("#flow-latency", Select).value = "same-day"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        flows = app.screen
        assert isinstance(flows, FlowsScreen)
        table = flows.query_one("#flow-table", DataTable)
        assert table.row_count == before + 1
        assert table.cursor_coordinate.row == before  # on the new flow, the last row
        assert "Returns to ERP" in str(flows.query_one("#flow-detail", Static).render())


async def test_the_matrix_level_rises_as_the_room_fills_it_and_counts_only_used_objects_once_complete(
    session: Session,
) -> None:
    """One clean object of three is a low level while the matrix is being filled, not 'Managed' at once."""
    app = SlicewiseApp(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await open_by_keys(pilot, "escape", "o", expect=OwnershipScreen)
        await pilot.press("right", "c")  # product: ERP creates, the only object mapped so far
        await pilot.pause()
        matrix = app.current_session.results.question("ownership.matrix")
        assert matrix is not None and matrix.level == 1  # 1 of 3 cleanly owned: price and order not mapped yet
        assert "not mapped yet" in matrix.answer
        await pilot.press("m")  # the room says the rest is not used by any system
        await pilot.pause()
        matrix = app.current_session.results.question("ownership.matrix")
        assert matrix is not None and matrix.level == 4  # 1 of 1 object in use


def test_the_kind_widget_table_covers_every_kind() -> None:
    from slicewise.core.kinds import KINDS
    from slicewise.tui.screens.question import ANSWER_WIDGETS

    assert set(ANSWER_WIDGETS) == set(KINDS)
