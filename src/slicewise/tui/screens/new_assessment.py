"""Starts a new assessment from the start screen: questionnaire, client and file name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from slicewise.core.errors import SlicewiseError
from slicewise.tui.base import sw_app
from slicewise.tui.drafts import forget_draft, leave_keeping_draft, resume_draft
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.nav_keys import dialog_keys

if TYPE_CHECKING:
    from slicewise.core.content import BuiltIn


def _questionnaire_line(builtin: BuiltIn) -> Content:
    """A questionnaire as the picker shows it: its title, then its id and version, muted."""
    title, version = builtin.heading()
    details = f"{builtin.id} · v{version}" if version else builtin.id
    return Content.assemble((title, "bold"), ("   " + details, "$text-muted"))


class NewAssessmentScreen(ModalScreen[None]):
    """Creates the file and opens the question flow on the engagement details."""

    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="new-cancel"),
        Binding("ctrl+s", "create", "Create", id="new-create"),
        *dialog_keys(),
    ]

    def compose(self) -> ComposeResult:
        """Questionnaire list, client and file fields."""
        from slicewise.core.content import list_questionnaires

        with Vertical(classes="dialog"):
            yield Label("New assessment", classes="dialog-title")
            yield Label("Questionnaire", classes="dialog-label")
            options = [Option(_questionnaire_line(b), id=str(b.path)) for b in list_questionnaires()]
            yield OptionList(*options, id="new-questionnaire")
            yield Label("Client", classes="dialog-label")
            yield Input(placeholder="e.g. Northwind Retail", id="new-client", compact=True)
            yield Label("File", classes="dialog-label")
            self._suggested = str(self._suggest(""))
            yield Input(self._suggested, id="new-path", compact=True)
            yield Static(id="new-error", classes="error-text")
            yield Label("⏎ in the file field or ctrl+s creates · escape keeps a draft", classes="dialog-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Start on the client field when there is only one questionnaire."""
        questionnaires = self.query_one("#new-questionnaire", OptionList)
        questionnaires.highlighted = 0 if questionnaires.option_count else None
        if questionnaires.option_count <= 1:
            self.query_one("#new-client", Input).focus()
        else:
            questionnaires.focus()
        self._opened = resume_draft(self, "new-assessment")

    def _suggest(self, client: str) -> Path:
        """Suggest a file name for a client."""
        from slicewise.tui.opening import default_path

        path = default_path(client)
        try:
            return path.relative_to(Path.cwd())
        except ValueError:
            return path

    @on(Input.Changed, "#new-client")
    def _client_typed(self, event: Input.Changed) -> None:
        """Follow the client name in the suggested file name, unless the file name was typed by hand."""
        path = self.query_one("#new-path", Input)
        if path.value == self._suggested:
            self._suggested = str(self._suggest(event.value))
            path.value = self._suggested

    @on(OptionList.OptionSelected, "#new-questionnaire")
    def _questionnaire_chosen(self) -> None:
        """Move on to the client."""
        self.query_one("#new-client", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter on the client moves on; enter on the file creates."""
        if event.input.id == "new-client":
            self.query_one("#new-path", Input).focus()
        else:
            self.action_create()

    def action_create(self) -> None:
        """Create the assessment file and open it."""
        from slicewise.tui.opening import create_session

        option = self.query_one("#new-questionnaire", OptionList).highlighted_option
        if option is None or option.id is None:
            self._error("Choose a questionnaire first.")
            return
        path_text = self.query_one("#new-path", Input).value.strip()
        if not path_text:
            self._error("Give a file name.")
            return
        client = self.query_one("#new-client", Input).value
        try:
            session = create_session(Path(option.id), client, Path(path_text))
        except SlicewiseError as error:
            self._error(str(error))
            return
        forget_draft(self, "new-assessment")
        sw_app(self).open_session(session, setup=not client.strip())

    def _error(self, text: str) -> None:
        """Show what stops the creation."""
        self.query_one("#new-error", Static).update(Content(text))

    def action_cancel(self) -> None:
        """Go back to the start screen, keeping what was typed as a draft."""
        leave_keeping_draft(self, "new-assessment", self._opened, "New assessment")
        self.dismiss(None)
