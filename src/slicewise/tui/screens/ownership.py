"""The ownership matrix editor: business objects × systems, each cell create / update / consume / none."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from slicewise.core.models.assessment import OwnershipEntry
from slicewise.core.ownership import SCOPE_SYNTAX, format_scopes, ownership_problems, parse_scopes
from slicewise.tui.base import sw_app, update_if_changed, update_keeping_height
from slicewise.tui.disagreements import for_subject
from slicewise.tui.screens.session_screen import SessionScreen, essential_keys
from slicewise.tui.session import Role, Session
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.status_line import status_line
from slicewise.tui.widgets.top_bar import TopBar

CYCLE: list[Role | None] = [None, "create", "update", "consume"]
LETTER = {"create": "C", "update": "U", "consume": "R"}
STATUS_COLUMN = "__status__"
OWNER_COLUMN = "__owner__"
FINDINGS_ROWS = 8
"""The most rows the findings list under the grid takes."""


def _two_lines(label: str, width: int) -> str:
    """Wrap a system's name over two lines of a column's width (a third line is cut with an ellipsis)."""
    import textwrap

    lines = textwrap.wrap(label, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1] + "…"]
    return "\n".join(lines + [""] * (2 - len(lines)))


class OwnershipScreen(SessionScreen):
    """Edit who creates, updates and consumes each business object; problems are flagged as they appear."""

    CSS_PATH = "ownership.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *essential_keys("R"),
        Binding("c", "set_role('create')", "Create", id="own-create", tooltip="This system creates the object"),
        Binding("u", "set_role('update')", "Update", id="own-update", tooltip="This system updates the object"),
        Binding("r", "set_role('consume')", "Consume", id="own-consume", tooltip="This system only reads it"),
        Binding("space", "cycle", "Cycle", id="own-cycle", tooltip="Cycle create / update / consume / none"),
        Binding("delete,backspace,0", "set_role('')", "None", key_display="del", id="own-none"),
        Binding("w", "corrector", "Corrector", id="own-corrector", tooltip="Who may correct bad data"),
        Binding("s", "scopes", "Scopes", id="own-scopes", tooltip="Creators per channel, market or field group"),
        Binding("n", "name_system", "Name system", id="own-name", tooltip="The client's name for this system"),
        Binding("a", "toggle_systems", "All/used", id="own-all", tooltip="Show all systems or those in use"),
        Binding("m", "mark_done", "Complete", id="own-done", tooltip="Mark the matrix complete"),
        Binding("ctrl+right", "jump(5)", "Jump →", show=False, id="own-jump-right", tooltip="Five systems right"),
        Binding("ctrl+left", "jump(-5)", "Jump ←", show=False, id="own-jump-left", tooltip="Five systems left"),
        Binding("dollar_sign", "to_status", "Status", show=False, id="own-status", tooltip="The status column"),
        Binding("escape", "app.pop_screen", "Back", id="own-back", tooltip="Back to the questions"),
    ]

    def __init__(self, select: str | None = None) -> None:
        """Start with the systems in use (all of them when none is in use yet), on one object when given."""
        super().__init__()
        self.show_all = False
        self.select = select

    def compose(self) -> ComposeResult:
        """Legend, grid and the findings list."""
        yield TopBar(id="top")
        with Vertical(id="own-body"):
            yield Static(id="own-title", classes="screen-title")
            yield Static(
                "c create · u update · r consume · space cycle · del none · w corrector · n name system · "
                "a all/used systems · m complete · ctrl+→/← five systems · $ status",
                classes="hint",
            )
            yield DataTable(id="matrix", fixed_columns=1, header_height=3, zebra_stripes=True)
            yield Static(id="own-findings")
        yield status_line(self)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Build the grid and follow changes."""
        sw_app(self).changed.subscribe(self, self._after_change)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._build())
        self.show_all = not self._systems_in_use()
        self._build()
        self.query_one("#matrix", DataTable).focus()
        if self.select:
            self.select_object(self.select)

    def select_object(self, object_id: str) -> None:
        """Put the cursor on an object's row (on its first system column)."""
        objects = self.session.matrix_objects()
        if object_id in objects:
            table = self.query_one("#matrix", DataTable)
            table.cursor_coordinate = Coordinate(objects.index(object_id), max(1, table.cursor_coordinate.column))

    def cursor_row(self) -> int:
        """Return the row of the object under the cursor."""
        return self.query_one("#matrix", DataTable).cursor_coordinate.row

    # ----- layout -----------------------------------------------------------------------------------

    def _systems_in_use(self) -> list[str]:
        """Return systems with a client name or any role in the matrix, in catalogue order."""
        session = self.session
        used = set(session.assessment.systems)
        for entry in session.assessment.ownership.values():
            used.update(entry.create, entry.update, entry.consume)
        return [s for s in session.matrix_systems() if s in used]

    def _columns(self) -> list[str]:
        """Return the system columns on show."""
        in_use = self._systems_in_use()
        return self.session.matrix_systems() if self.show_all or not in_use else in_use

    def _build(self) -> None:
        """Rebuild the grid, keeping the cursor on the same object and system when possible."""
        table = self.query_one("#matrix", DataTable)
        old = table.cursor_coordinate
        old_row = old.row
        old_system = self._system_at(old.column) if table.columns else None
        table.clear(columns=True)
        session = self.session
        table.add_column(Text("Object\n\n", style="bold"), key="object", width=18)
        for system_id in self._columns():
            entry = next((s for s in session.bundle.questionnaire.systems if s.id == system_id), None)
            label = entry.label if entry else system_id
            client_name = session.assessment.systems.get(system_id, "")
            width = max(5, min(12, max(len(label), len(client_name))))
            header = Text(_two_lines(label, width), style="bold")  # wrapped, never cut: "Commerce platform"
            shown = client_name if len(client_name) <= width else client_name[: width - 1] + "…"
            header.append("\n" + shown, style="italic")
            table.add_column(header, key=system_id, width=width)
        table.add_column(Text("Corrector\n\n", style="bold"), key=OWNER_COLUMN, width=14)
        table.add_column(Text("Status\n\n", style="bold"), key=STATUS_COLUMN, width=30)
        for object_id in session.matrix_objects():
            table.add_row(*self._row(object_id), key=object_id)
        columns = self._columns()
        column = columns.index(old_system) + 1 if old_system in columns else 1
        table.cursor_coordinate = Coordinate(min(old_row, max(0, table.row_count - 1)), column)
        self._draw_text()

    def _row(self, object_id: str) -> list[Text]:
        """Render one object's row."""
        session = self.session
        cells = [self._object_cell(object_id)]
        cells.extend(self._cell(object_id, system_id) for system_id in self._columns())
        entry = session.assessment.ownership.get(object_id)
        cells.append(Text(entry.correction_owner if entry else "", style="italic"))
        cells.append(self._status(object_id))
        return cells

    def _object_cell(self, object_id: str) -> Text:
        """Render an object's name: ★ when critical, in the error colour with ⚠ while it has a problem."""
        session = self.session
        critical = any(
            o.id == object_id and session.bundle.scoring.criticality(o.id, o.critical) == "critical"
            for o in session.bundle.questionnaire.objects
        )
        entry = session.assessment.ownership.get(object_id)
        flagged = entry is not None and bool(ownership_problems(entry))
        theme = self.app.current_theme
        disputed = any(d.kind == "creators" for d in for_subject(session, object_id))
        name = Text("≠ " if disputed else "", style=f"bold {theme.error or 'red'}")
        name.append("⚠ " if flagged else "", style=f"bold {theme.error or 'red'}")
        name.append(session.object_label(object_id), style=f"bold {theme.error or 'red'}" if flagged else "bold")
        if critical:
            name.append(" ★", style=f"bold {theme.warning or 'yellow'}")
        return name

    def _cell(self, object_id: str, system_id: str) -> Text:
        """Render one cell: C, U, R or a dot."""
        role = self.session.cell(object_id, system_id)
        if role is None:
            return Text("·", style="dim", justify="center")
        colours = self.app.current_theme
        style = {
            "create": f"bold {colours.success or 'green'}",
            "update": f"bold {colours.warning or 'yellow'}",
            "consume": f"{colours.accent or 'cyan'}",
        }[role]
        return Text(LETTER[role], style=style, justify="center")

    def _status(self, object_id: str) -> Text:
        """Say what keeps an object from being cleanly owned, or that it is."""
        entry = self.session.assessment.ownership.get(object_id)
        if entry is None:
            return Text("not filled in", style="dim")
        problems = ownership_problems(entry)
        if not problems:
            scoped = f" per scope ({format_scopes(entry)})" if entry.scopes else ""
            status = Text(f"✓ one creator{scoped}", style=f"{self.app.current_theme.success or 'green'}")
            if any(d.kind == "creators" for d in for_subject(self.session, object_id)):
                status.append(" · ≠ disputed", style=f"bold {self.app.current_theme.error or 'red'}")
            return status
        return Text("⚠ " + "; ".join(problems), style=f"bold {self.app.current_theme.error or 'red'}")

    def _draw_text(self) -> None:
        """Draw the title and the findings list."""
        session = self.session
        self.query_one(TopBar).set_title(session.title())
        filled = sum(1 for o in session.matrix_objects() if o in session.assessment.ownership)
        shown, total = len(self._columns()), len(session.matrix_systems())
        systems = f"all {total} systems" if shown == total else f"{shown} of {total} systems in use (a: all)"
        title = f"Ownership matrix — {filled} of {len(session.matrix_objects())} objects filled in · {systems}"
        update_if_changed(
            self.query_one("#own-title", Static), self.title_with_done(title, session.first_of_kind("ownership_matrix"))
        )
        findings = [f for f in session.results.findings if f.domain == "ownership"]
        disputes = self.dispute_lines(session.matrix_objects(), "creators")
        if findings or disputes:
            lines = disputes + [Content.styled(f"⚠ {f.message}", "$text-warning") for f in findings[:8]]
            if len(findings) > 8:
                lines.append(Content.styled(f"… and {len(findings) - 8} more", "$text-muted"))
            listed = Content("\n").join(lines)
        else:
            listed = Content.styled("No ownership findings.", "$text-muted")
        update_keeping_height(self.query_one("#own-findings", Static), listed, FINDINGS_ROWS)

    def on_resize(self) -> None:
        """Let the findings list size itself again at the new width."""
        self.query_one("#own-findings", Static).styles.height = "auto"

    def _after_change(self, session: Session) -> None:
        """Refresh the statuses, object names and findings that a change altered."""
        table = self.query_one("#matrix", DataTable)
        for object_id in session.matrix_objects():
            for column, cell in ((STATUS_COLUMN, self._status(object_id)), ("object", self._object_cell(object_id))):
                if table.get_cell(object_id, column) != cell:
                    table.update_cell(object_id, column, cell)
        self._draw_text()

    # ----- editing ----------------------------------------------------------------------------------

    def _system_at(self, column: int) -> str | None:
        """Return the system id of a grid column as drawn (None for the object, corrector and status columns).

        Read from the grid itself: the systems in use can change before the grid is next rebuilt.
        """
        columns = self.query_one("#matrix", DataTable).ordered_columns
        key = columns[column].key.value if 0 <= column < len(columns) else None
        return key if key in self.session.matrix_systems() else None

    def _cursor(self) -> tuple[str, str | None] | None:
        """Return (object id, system id or None) under the cursor."""
        table = self.query_one("#matrix", DataTable)
        objects = self.session.matrix_objects()
        row = table.cursor_coordinate.row
        if not 0 <= row < len(objects):
            return None
        return objects[row], self._system_at(table.cursor_coordinate.column)

    def action_jump(self, offset: int) -> None:
        """Move the cursor several systems at once, stopping at the first system and at the status column."""
        table = self.query_one("#matrix", DataTable)
        column = max(1, min(len(table.columns) - 1, table.cursor_coordinate.column + offset))
        table.cursor_coordinate = Coordinate(table.cursor_coordinate.row, column)

    def action_to_status(self) -> None:
        """Put the cursor on the status column of the object, where its problems are spelled out."""
        table = self.query_one("#matrix", DataTable)
        table.cursor_coordinate = Coordinate(table.cursor_coordinate.row, len(table.columns) - 1)

    def action_set_role(self, role: str) -> None:
        """Set the cell under the cursor (an empty role clears it)."""
        where = self._cursor()
        if where is None or where[1] is None:
            self.notify("Move to a system column first.", severity="warning", timeout=2)
            return
        object_id, system_id = where[0], where[1]
        value: Role | None = role if role in LETTER else None  # type: ignore[assignment]
        self.session.set_cell(object_id, system_id, value)
        table = self.query_one("#matrix", DataTable)
        table.update_cell(object_id, system_id, self._cell(object_id, system_id))
        sw_app(self).persist()

    def action_cycle(self) -> None:
        """Cycle the cell under the cursor through create, update, consume and none."""
        where = self._cursor()
        if where is None or where[1] is None:
            return
        current = self.session.cell(where[0], where[1])
        following = CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)]
        self.action_set_role(following or "")

    def action_corrector(self) -> None:
        """Ask who may correct bad data for the object under the cursor."""
        from slicewise.tui.screens.text_prompt import TextPromptScreen

        where = self._cursor()
        if where is None:
            return
        object_id = where[0]
        entry = self.session.assessment.ownership.get(object_id)

        def done(text: str | None) -> None:
            if text is None:
                return
            self.session.set_correction_owner(object_id, text)
            table = self.query_one("#matrix", DataTable)
            table.update_cell(object_id, OWNER_COLUMN, Text(text.strip(), style="italic"))
            sw_app(self).persist()

        self.app.push_screen(
            TextPromptScreen(
                f"Who may correct bad {self.session.object_label(object_id)} data?",
                entry.correction_owner if entry else "",
                "a system or a team, e.g. PIM team",
            ),
            done,
        )

    def action_scopes(self) -> None:
        """Ask who creates the object under the cursor in each channel, market or field group."""
        from slicewise.tui.screens.text_prompt import TextPromptScreen

        where = self._cursor()
        if where is None:
            return
        object_id = where[0]
        entry = self.session.assessment.ownership.get(object_id) or OwnershipEntry()
        systems = {s.id for s in self.session.bundle.questionnaire.systems}

        def done(text: str | None) -> None:
            if text is None:
                return
            scopes = parse_scopes(text, systems, entry.scopes)
            if isinstance(scopes, str):
                self.notify(scopes, severity="warning", timeout=4)
                return
            current = self.session.assessment.ownership.setdefault(object_id, OwnershipEntry())
            current.scopes = scopes
            if current == OwnershipEntry():
                del self.session.assessment.ownership[object_id]
            sw_app(self).persist()

        self.app.push_screen(
            TextPromptScreen(
                f"Who creates {self.session.object_label(object_id)} per scope? (empty: no scopes)",
                format_scopes(entry),
                SCOPE_SYNTAX,
            ),
            done,
        )

    def action_name_system(self) -> None:
        """Ask for the client's own name of the system under the cursor."""
        from slicewise.tui.screens.text_prompt import TextPromptScreen

        where = self._cursor()
        if where is None or where[1] is None:
            self.notify("Move to a system column first.", severity="warning", timeout=2)
            return
        system_id = where[1]

        def done(text: str | None) -> None:
            if text is None:
                return
            self.session.set_system_name(system_id, text)
            sw_app(self).persist()
            self._build()

        label = next((s.label for s in self.session.bundle.questionnaire.systems if s.id == system_id), system_id)
        self.app.push_screen(
            TextPromptScreen(
                f"What does the client call their {label}?",
                self.session.assessment.systems.get(system_id, ""),
                "e.g. SAP S/4HANA",
            ),
            done,
        )

    def action_toggle_systems(self) -> None:
        """Switch between every system and the systems in use."""
        self.show_all = not self.show_all
        self._build()
        self.notify("Showing all systems." if self.show_all else "Showing the systems in use.", timeout=2)

    def action_mark_done(self) -> None:
        """Mark the matrix complete (or not) so it counts as answered even with gaps."""
        self.toggle_done(self.session.first_of_kind("ownership_matrix"), "Matrix")
