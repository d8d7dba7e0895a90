"""The drill-down from a risk or action: the same reasons `slicewise explain ID` prints, read from explain's code."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from slicewise.core.errors import SlicewiseError
from slicewise.core.explain import explain_lines
from slicewise.tui.base import session_of
from slicewise.tui.screens.session_screen import essential_keys
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.status_line import status_line
from slicewise.tui.widgets.top_bar import TopBar


class DrillDownScreen(Screen[None]):
    """Why one risk or action is what it is, scrollable, one key back."""

    CSS_PATH = "outcome.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *essential_keys(),
        Binding("escape", "app.pop_screen", "Back", id="drill-back"),
    ]

    def __init__(self, item_id: str) -> None:
        """Explain one item by its stable id."""
        super().__init__()
        self.item_id = item_id

    def compose(self) -> ComposeResult:
        """The explanation in a scrolling pane."""
        yield TopBar(id="top")
        with VerticalScroll(id="drill-body"):
            yield Static(id="drill-text")
        yield status_line(self)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Write the explanation."""
        session = session_of(self)
        self.query_one(TopBar).set_title(f"Why: {self.item_id}")
        try:
            lines = explain_lines(session.bundle, session.results, self.item_id)
        except SlicewiseError as error:
            lines = [str(error)]
        self.query_one("#drill-text", Static).update(Content("\n".join(lines)))
        self.query_one("#drill-body", VerticalScroll).focus()
