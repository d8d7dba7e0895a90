"""The flow inventory editor: a list of integration flows, add / edit / delete, mismatches flagged live."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from slicewise.core.models.assessment import Flow
from slicewise.core.models.questionnaire import LATENCY_LABELS, PATTERN_LABELS, SAFEGUARDS
from slicewise.core.words import plural
from slicewise.tui.base import sw_app, update_keeping_height
from slicewise.tui.disagreements import for_subject
from slicewise.tui.screens.session_screen import SessionScreen, essential_keys
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.status_line import status_line
from slicewise.tui.widgets.top_bar import TopBar

DETAIL_ROWS = 6
"""The most rows the findings of the flow under the cursor take."""


class FlowsScreen(SessionScreen):
    """The list of flows; every edit is saved and re-checked at once."""

    CSS_PATH = "flows.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *essential_keys(),
        Binding("a", "add", "Add", id="flows-add", tooltip="Add a flow"),
        Binding("enter,e", "edit", "Edit", key_display="⏎", id="flows-edit", tooltip="Edit the flow"),
        Binding("delete,d", "delete", "Delete", key_display="del", id="flows-delete", tooltip="Delete the flow"),
        Binding("m", "mark_done", "Complete", id="flows-done", tooltip="Mark the inventory complete"),
        Binding("escape", "app.pop_screen", "Back", id="flows-back", tooltip="Back to the questions"),
    ]

    def __init__(self, select: str | None = None) -> None:
        """Open the inventory, on one flow when given."""
        super().__init__()
        self.select = select
        self._to_select: str | None = None
        """A flow just added or edited: the next rebuild puts the cursor on it."""

    def compose(self) -> ComposeResult:
        """Title, table and the findings of the selected flow."""
        yield TopBar(id="top")
        with Vertical(id="flows-body"):
            yield Static(id="flows-title", classes="screen-title")
            yield Static("a add · ⏎ edit · del delete · m complete · escape back", classes="hint")
            yield DataTable(id="flow-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="flow-detail")
        yield status_line(self)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Build the table and follow changes."""
        sw_app(self).changed.subscribe(self, lambda _session: self._build())
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._build())
        table = self.query_one("#flow-table", DataTable)
        table.add_column("Flow", key="name", width=26)
        table.add_column("Checks", key="checks", width=16)
        table.add_column("Source → target", key="route", width=26)
        table.add_column("Pattern", key="pattern", width=14)
        table.add_column("Latency", key="latency", width=18)
        table.add_column("Safeguards", key="safeguards", width=10)
        table.add_column("Failure owner", key="owner", width=16)
        self._build()
        table.focus()
        if self.select:
            self.select_flow(self.select)

    def select_flow(self, flow_id: str) -> None:
        """Put the cursor on a flow's row."""
        ids = [f.id for f in self.session.assessment.flows]
        if flow_id in ids:
            self.query_one("#flow-table", DataTable).move_cursor(row=ids.index(flow_id))

    def cursor_row(self) -> int:
        """Return the row of the flow under the cursor."""
        return self.query_one("#flow-table", DataTable).cursor_coordinate.row

    def _findings(self) -> dict[str, list[str]]:
        """Return the analysers' messages per flow id."""
        found: dict[str, list[str]] = {}
        for finding in self.session.results.findings:
            if finding.domain != "flows":
                continue  # disagreements are shown with their own mark; ownership findings on the matrix
            found.setdefault(finding.subject, []).append(finding.message)
        return found

    def _build(self) -> None:
        """Rebuild the rows, keeping the cursor where it was, or putting it on a flow just added or edited."""
        session = self.session
        table = self.query_one("#flow-table", DataTable)
        row = table.cursor_coordinate.row
        ids = [flow.id for flow in session.assessment.flows]
        if self._to_select in ids:
            row = ids.index(self._to_select)
        self._to_select = None
        table.clear()
        findings = self._findings()
        theme = self.app.current_theme
        for flow in session.assessment.flows:
            flagged = findings.get(flow.id, [])
            checks = (
                Text(f"⚠ {plural(len(flagged), 'finding')}", style=f"bold {theme.warning or 'yellow'}")
                if flagged
                else Text("✓ ok", style=theme.success or "green")
            )
            name = Text(flow.name, style="bold")
            if any(d.kind == "flow" for d in for_subject(session, flow.id)):
                name = Text("≠ ", style=f"bold {theme.error or 'red'}").append_text(name)
            table.add_row(
                name,
                checks,
                f"{session.system_label(flow.source)} → {session.system_label(flow.target)}",
                PATTERN_LABELS.get(flow.pattern, flow.pattern),
                LATENCY_LABELS.get(flow.latency, flow.latency),
                f"{len(flow.safeguards)} of {len(SAFEGUARDS)}"
                + (f" {len(flow.unknown_safeguards)}?" if flow.unknown_safeguards else ""),
                flow.failure_owner or Text("nobody", style=f"italic {theme.error or 'red'}"),
                key=flow.id,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self.query_one(TopBar).set_title(session.title())
        title = f"Flow inventory — {plural(len(session.assessment.flows), 'flow')}"
        self.query_one("#flows-title", Static).update(
            self.title_with_done(title, session.first_of_kind("flow_inventory"))
        )
        self._detail()

    def _selected(self) -> Flow | None:
        """Return the flow under the cursor."""
        flows = self.session.assessment.flows
        row = self.query_one("#flow-table", DataTable).cursor_coordinate.row
        return flows[row] if 0 <= row < len(flows) else None

    def _detail(self) -> None:
        """Show the findings of the flow under the cursor (the panel keeps its height as the cursor moves)."""
        flow = self._selected()
        if flow is None:
            shown = Content.styled("No flows yet: press a to add the first one.", "$text-muted")
        else:
            session = self.session
            whole = Content.assemble(  # the row in full: the table cuts long names at 80 columns
                (flow.name, "bold"),
                (f"  {session.system_label(flow.source)} → {session.system_label(flow.target)}", ""),
                (f" · {PATTERN_LABELS.get(flow.pattern, flow.pattern)}", ""),
                (f" · {LATENCY_LABELS.get(flow.latency, flow.latency)}", ""),
                (f" · failure owner: {flow.failure_owner or 'nobody'}", "$text-muted"),
            )
            messages = self._findings().get(flow.id, [])
            disputes = self.dispute_lines([flow.id], "flow")
            if messages or disputes:
                found = disputes + [Content.styled(f"⚠ {m}", "$text-warning") for m in messages]
            else:
                found = [Content.styled("✓ No findings on this flow.", "$text-success")]
            shown = Content("\n").join([whole, *found])
        update_keeping_height(self.query_one("#flow-detail", Static), shown, DETAIL_ROWS)

    def on_resize(self) -> None:
        """Let the findings panel size itself again at the new width."""
        self.query_one("#flow-detail", Static).styles.height = "auto"

    @on(DataTable.RowHighlighted, "#flow-table")
    def _highlighted(self) -> None:
        """Follow the cursor with the findings."""
        self._detail()

    @on(DataTable.RowSelected, "#flow-table")
    def _selected_row(self) -> None:
        """Enter on a row edits it."""
        self.action_edit()

    def _open_form(self, flow: Flow | None) -> None:
        """Open the form and store what it returns."""
        from slicewise.tui.screens.flow_form import FlowFormScreen

        def done(result: Flow | None) -> None:
            if result is None:
                return
            self.session.put_flow(result)
            self._to_select = result.id  # the table is rebuilt after the change, with the new row
            sw_app(self).persist()

        self.app.push_screen(FlowFormScreen(self.session, flow), done)

    def action_add(self) -> None:
        """Add a flow."""
        self._open_form(None)

    def action_edit(self) -> None:
        """Edit the flow under the cursor."""
        flow = self._selected()
        if flow is not None:
            self._open_form(flow)

    def action_delete(self) -> None:
        """Delete the flow under the cursor after confirming."""
        from slicewise.tui.screens.confirm import ConfirmScreen

        flow = self._selected()
        if flow is None:
            return

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.session.delete_flow(flow.id)
                sw_app(self).persist()

        self.app.push_screen(ConfirmScreen(f"Delete the flow '{flow.name}'?", "ctrl+z brings it back.", "Delete"), done)

    def action_mark_done(self) -> None:
        """Mark the inventory complete (or not)."""
        self.toggle_done(self.session.first_of_kind("flow_inventory"), "Inventory")
