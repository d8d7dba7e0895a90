"""What the adjust dialog and the new-item forms share: one labelled field per line so a form fits 80x24, a
required reason whose ⏎ saves, a draft kept on escape and shown again on reopening, ctrl+r to start over."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label

from slicewise.tui.drafts import Values, fill_form, forget_draft, leave_keeping_draft, resume_draft
from slicewise.tui.widgets.nav_keys import dialog_keys

Returned = TypeVar("Returned")


class RowDialog(ModalScreen[Returned]):
    """A compact form saved with ctrl+s or ⏎ in its reason; subclasses say what saving does."""

    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="form-cancel", tooltip="Close, keeping what was typed as a draft"),
        Binding("ctrl+s", "save", "Save", id="form-save"),
        Binding("ctrl+r", "restore", "Restore", id="form-restore", tooltip="Put the form back as it opened"),
        *dialog_keys(),
    ]
    draft_key = ""
    """The key its draft is kept under."""
    draft_name = "Form"
    """What the form is called when its draft is kept."""

    def __init__(self) -> None:
        """Start with no opening values (taken once mounted)."""
        super().__init__()
        self.opened: Values = {}

    def row(self, name: str, widget: Widget) -> ComposeResult:
        """A label and its field on one line."""
        with Horizontal(classes="adjust-row"):
            yield Label(f"{name:<12}", classes="adjust-label")
            yield widget

    def start_in(self, field: Widget) -> None:
        """Put the cursor in a field and show what was typed last time the form was closed without saving."""
        field.focus()
        self.opened = resume_draft(self, self.draft_key)

    @on(Input.Submitted, "#reason")
    def _submitted(self) -> None:
        """⏎ in the reason saves."""
        self.action_save()

    def action_save(self) -> None:
        """Check and save the form."""
        raise NotImplementedError

    def saved(self) -> None:
        """Forget the draft once the form is saved."""
        forget_draft(self, self.draft_key)

    def action_restore(self) -> None:
        """Put every field back as the form opened, forgetting the draft."""
        fill_form(self, self.opened)
        forget_draft(self, self.draft_key)

    def action_cancel(self) -> None:
        """Close without saving, keeping what was typed as a draft."""
        leave_keeping_draft(self, self.draft_key, self.opened, self.draft_name)
        self.dismiss()
