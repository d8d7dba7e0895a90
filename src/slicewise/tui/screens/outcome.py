"""What the register and plan screens share: one line per item, the highlighted item's detail below, a
drill-down into `explain`'s reasons, and adjusting the item with a reason (recorded in the assessment)."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from slicewise.core.errors import SlicewiseError
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import AdjustmentNote
from slicewise.core.models.tracking import CustomAction, CustomRisk
from slicewise.core.tracking import adjust, kind_of
from slicewise.tui.base import session_of, sw_app
from slicewise.tui.screens.session_screen import essential_keys
from slicewise.tui.session import Session
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.top_bar import TopBar


def heading(text: str, style: str = "bold $accent") -> Option:
    """A group heading in the list (not selectable)."""
    return Option(Content.styled(text, style), disabled=True)


def stale_lines(notes: list[AdjustmentNote]) -> list[Option | None]:
    """List stale adjustments: kept in the file, shown, not applied."""
    if not notes:
        return []
    lines: list[Option | None] = [None, heading(f"Stale adjustments ({len(notes)}): no longer arise", "bold $warning")]
    for note in notes:
        text = Content.assemble(("  STALE ", "bold $text-warning"), f"{note.id}: {note.summary} — {note.reason}")
        lines.append(Option(text, disabled=True))
    return lines


def judgement_parts(engine: dict[str, str | int], notes: list[AdjustmentNote]) -> list[str | tuple[str, str]]:
    """The detail lines saying what the engine said and the latest adjustment (none when untouched)."""
    parts: list[str | tuple[str, str]] = []
    if engine:
        said = ", ".join(f"{k} {v}" for k, v in engine.items())
        parts.extend([("Engine said  ", "bold $text-warning"), f"{said}\n"])
    if notes:
        last = notes[-1]
        parts.extend([("Adjusted  ", "bold $text-warning"), f"{last.summary} — {last.reason} ({last.by})\n"])
    return parts


class OutcomeScreen(Screen[None]):
    """A list of risks or actions with detail, drill-down (⏎) and adjust (a)."""

    CSS_PATH = "outcome.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *essential_keys("R"),  # r is the risk register here
        Binding("w", "drill", "Why", id="outcome-why", tooltip="The reasons, as explain gives them (or ⏎)"),
        Binding("a", "adjust", "Adjust", id="outcome-adjust", tooltip="Adjust it, with a reason"),
        Binding("r", "app.register", "Risks", id="outcome-register", tooltip="The risk register"),
        Binding("p", "app.plan", "Plan", id="outcome-plan", tooltip="The plan by slice"),
        Binding("escape", "app.pop_screen", "Back", id="outcome-back"),
    ]
    TITLE_TEXT = ""
    ADD_KIND: Literal["risk", "action"] = "risk"
    """What the add key (n) adds here."""
    wanted: str | None = None
    """An item to put the cursor on when the list is next drawn (one just added)."""

    @property
    def session(self) -> Session:
        """The open session."""
        return session_of(self)

    def compose(self) -> ComposeResult:
        """The list and the detail pane."""
        yield TopBar(id="top")
        with Vertical(id="outcome-body"):
            yield Static(id="outcome-title", classes="screen-title")
            yield OptionList(id="outcome-list")
            yield Static(id="outcome-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Fill the list and follow every change."""
        sw_app(self).changed.subscribe(self, self.redraw)
        self.redraw(self.session)
        self.query_one("#outcome-list", OptionList).focus()
        self.call_after_refresh(self._show_detail)

    def redraw(self, session: Session) -> None:
        """Rebuild the list, keeping the highlighted line."""
        self.query_one(TopBar).set_title(session.title())
        self.query_one("#outcome-title", Static).update(self.title_line(session))
        listing = self.query_one("#outcome-list", OptionList)
        keep = listing.highlighted_option.id if listing.highlighted_option is not None else None
        keep, self.wanted = self.wanted or keep, None
        listing.set_options(self.lines(session))
        ids = [option.id for option in listing.options]
        if keep is not None and keep in ids:
            listing.highlighted = ids.index(keep)
        else:
            listing.highlighted = next((n for n, option in enumerate(listing.options) if option.id), None)
        self._show_detail()

    def title_line(self, session: Session) -> str:
        """The line above the list."""
        raise NotImplementedError

    def lines(self, session: Session) -> list[Option | None]:
        """The list's lines, each selectable one with the item's stable id."""
        raise NotImplementedError

    def detail(self, session: Session, item_id: str) -> Content:
        """The highlighted item's detail."""
        raise NotImplementedError

    @on(OptionList.OptionHighlighted, "#outcome-list")
    def _highlighted(self) -> None:
        """Show the detail of the line under the cursor; on the first item, show the headings above it too."""
        listing = self.query_one("#outcome-list", OptionList)
        first = next((n for n, option in enumerate(listing.options) if not option.disabled), None)
        if listing.highlighted is not None and listing.highlighted == first:
            listing.scroll_home(animate=False)
        self._show_detail()

    @on(OptionList.OptionSelected, "#outcome-list")
    def _selected(self) -> None:
        """⏎ on a line drills down."""
        self.action_drill()

    def _show_detail(self) -> None:
        """Fill the detail pane."""
        option = self.query_one("#outcome-list", OptionList).highlighted_option
        pane = self.query_one("#outcome-detail", Static)
        pane.update(self.detail(self.session, option.id) if option is not None and option.id else "")

    def current_id(self) -> str | None:
        """The stable id of the highlighted line."""
        option = self.query_one("#outcome-list", OptionList).highlighted_option
        return option.id if option is not None else None

    def action_drill(self) -> None:
        """Show `explain`'s reasons for the highlighted item."""
        from slicewise.tui.screens.drill_down import DrillDownScreen

        item = self.current_id()
        if item:
            self.app.push_screen(DrillDownScreen(item))

    def action_adjust(self) -> None:
        """Adjust the highlighted risk or action; the change and its reason are saved at once."""
        from slicewise.tui.screens.adjust_dialog import AdjustDialog

        item = self.current_id()
        session = self.session
        if not item or kind_of(session.results, item) is None:
            return

        def done(outcome: tuple[dict[str, object], str] | None) -> None:
            if outcome is None:
                return
            changes, reason = outcome
            try:
                session.assessment = adjust(session.assessment, session.results, item, changes, reason, by_of(session))
            except SlicewiseError as error:
                self.notify(str(error), title="Not adjusted", severity="error", timeout=8)
                return
            sw_app(self).persist()
            self.notify(f"{item}: adjusted. Reason: {reason}", title="Adjusted", timeout=4)

        self.app.push_screen(AdjustDialog(session, item), done)

    def action_add(self) -> None:
        """Add a risk or action of the consultant's own; it is saved at once and highlighted in the list."""
        from slicewise.tui.screens.custom_dialog import CustomItemDialog

        session = self.session
        kind = self.ADD_KIND
        before = {r.id for r in session.assessment.custom_risks} | {a.id for a in session.assessment.custom_actions}

        def done(updated: Assessment | None) -> None:
            if updated is None:
                return
            items: list[CustomRisk | CustomAction] = [*updated.custom_risks, *updated.custom_actions]
            added = [item for item in items if item.id not in before]
            session.assessment = updated
            self.wanted = added[0].id if added else None
            sw_app(self).persist()
            if added:
                self.notify(f"{added[0].id}: added. Reason: {added[0].reason}", title=f"New {kind}", timeout=4)

        near = (self.current_id() or "") if kind == "action" else ""
        self.app.push_screen(CustomItemDialog(session, kind, self.add_slice(), near), done)

    def add_slice(self) -> str:
        """The slice a new action starts in: the highlighted action's."""
        return ""


def by_of(session: Session) -> str:
    """Who adjustments made in the app are recorded as: the engagement's consultant."""
    return session.assessment.engagement.consultant
