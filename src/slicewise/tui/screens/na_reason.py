"""Asks why a question does not apply: a reason from a short list and an optional note."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from slicewise.core.labels import NA_REASONS
from slicewise.tui.drafts import forget_draft, leave_keeping_draft, resume_draft
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.nav_keys import dialog_keys

CLEAR = "__clear__"


class NaReasonScreen(ModalScreen[tuple[str, str] | None]):
    """Returns (reason id, note), ("", "") to clear the mark, or None when cancelled."""

    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="na-cancel"),
        Binding("ctrl+s", "save", "Save", id="na-save"),
        *dialog_keys(),
    ]

    def __init__(self, reason: str | None, note: str, draft_key: str = "na") -> None:
        """Open with the current mark, if any; a note typed and left unsaved comes back under `draft_key`."""
        super().__init__()
        self.reason = reason
        self.note = note
        self.draft_key = draft_key

    def compose(self) -> ComposeResult:
        """A list of reasons, a note, and a way to clear the mark."""
        with Vertical(classes="dialog"):
            yield Label("Not applicable — why?", classes="dialog-title")
            options = [
                Option(f"{n}  {label}", id=reason_id)
                for n, (reason_id, label) in enumerate(NA_REASONS.items(), start=1)
            ]
            if self.reason:
                options.append(Option("0  Clear the N/A mark", id=CLEAR))
            yield OptionList(*options, id="reasons")
            yield Label("Note (optional): why it does not apply", classes="dialog-label")
            yield Input(self.note, placeholder="e.g. no marketplaces planned", id="na-note")
            yield Label("⏎ on a reason saves · ctrl+s saves · escape closes and keeps the note", classes="dialog-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Start on the current reason."""
        reasons = self.query_one("#reasons", OptionList)
        ids = list(NA_REASONS)
        reasons.highlighted = ids.index(self.reason) if self.reason in ids else 0
        reasons.focus()
        self._opened = resume_draft(self, self.draft_key)

    def on_key(self, event: object) -> None:
        """Let digits pick a reason while the list has the focus."""
        from textual.events import Key

        if not isinstance(event, Key) or not self.query_one("#reasons", OptionList).has_focus:
            return
        if event.character and event.character.isdigit():
            number = int(event.character)
            ids = list(NA_REASONS)
            if number == 0 and self.reason:
                event.stop()
                self.dismiss(("", ""))
            elif 1 <= number <= len(ids):
                event.stop()
                self.dismiss((ids[number - 1], self.query_one("#na-note", Input).value.strip()))

    @on(OptionList.OptionSelected, "#reasons")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Save the chosen reason with the note."""
        if event.option.id == CLEAR:
            self.dismiss(("", ""))
        elif event.option.id:
            self.dismiss((event.option.id, self.query_one("#na-note", Input).value.strip()))

    @on(Input.Submitted, "#na-note")
    def _submitted(self) -> None:
        """Enter in the note saves with the highlighted reason."""
        self.action_save()

    def action_save(self) -> None:
        """Save with the highlighted reason."""
        reasons = self.query_one("#reasons", OptionList)
        option = reasons.highlighted_option
        if option is None or option.id is None:
            return
        if option.id == CLEAR:
            self.dismiss(("", ""))
        else:
            self.dismiss((option.id, self.query_one("#na-note", Input).value.strip()))

    def action_cancel(self) -> None:
        """Leave the mark as it was, keeping a note typed as a draft."""
        leave_keeping_draft(self, self.draft_key, self._opened, "N/A note")
        self.dismiss(None)

    def dismiss(self, result: tuple[str, str] | None = None) -> AwaitComplete:
        """Close the dialog; a saved mark forgets the draft."""
        if result is not None:
            forget_draft(self, self.draft_key)
        return super().dismiss(result)
