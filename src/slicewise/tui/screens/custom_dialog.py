"""Add a risk or an action of the consultant's own: a compact form saved through the same core function as
`slicewise add-risk` / `add-action`, so the checks and the messages are the command line's."""

from __future__ import annotations

import re
from typing import Literal

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from slicewise.core.errors import SlicewiseError
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.tracking import LATER
from slicewise.core.tracking import add_custom_action, add_custom_risk
from slicewise.tui.screens.row_dialog import RowDialog
from slicewise.tui.session import Session
from slicewise.tui.widgets.key_footer import KeyFooter

Kind = Literal["risk", "action"]
TEXTS: dict[Kind, tuple[tuple[str, str, str], ...]] = {
    "risk": (
        ("title", "Title", "what could go wrong (required)"),
        ("cause", "Cause", "why it could happen here"),
        ("trigger", "Trigger", "what sets it off"),
        ("effect", "Effect", "what happens to the business"),
        ("owner", "Owner role", "who owns the response"),
    ),
    "action": (
        ("title", "Title", "what to do (required)"),
        ("depends_on", "Depends on", "action ids, comma separated"),
        ("risks", "Risks", "ids of the risks it answers, comma separated"),
        ("owner", "Owner role", "who does it"),
        ("evidence", "Done when", "evidence of done"),
    ),
}
"""The typed fields of each form: field, label, placeholder."""
LISTS = ("depends_on", "risks")
"""Fields typed as comma-separated ids."""
BLAMED = (
    ("title", "title"),
    ("reason", "reason"),
    ("depends_on", "action on the plan"),
    ("risks", "risk in the register"),
)
"""Which field a refusal is about (by words of the core's message): the cursor goes there."""


def split_ids(text: str) -> list[str]:
    """Return the ids typed in a field, separated by commas or spaces."""
    return [part for part in re.split(r"[,\s]+", text) if part]


class CustomItemDialog(RowDialog[Assessment]):
    """Returns the assessment with the new risk or action, or None when closed (the draft is kept)."""

    DEFAULT_CSS = """
    CustomItemDialog #custom-error { width: 100%; text-wrap: wrap; height: auto; }
    """

    def __init__(self, session: Session, kind: Kind, slice_id: str = "", near: str = "") -> None:
        """Open an empty form for a new risk, or a new action in the slice given (else the first); `near` is the
        highlighted action, offered as an example of a dependency id."""
        super().__init__()
        self.session = session
        self.kind: Kind = kind
        self.draft_key = f"custom-{kind}:new"
        self.draft_name = f"New {kind}"
        results = session.results
        self.slices: list[tuple[str, str]] = [(piece.title, piece.id) for piece in results.roadmap] + [("Later", LATER)]
        ids = [value for _, value in self.slices]
        self.slice_id = slice_id if slice_id in ids else ids[0]
        self.efforts = list(results.plan.effort_days) or ["S", "M", "L", "XL"]
        self.hints = {"depends_on": f"e.g. {near}"} if near else {}

    def compose(self) -> ComposeResult:
        """One compact row per field, then the reason."""
        with Vertical(classes="dialog"):
            yield Label(f"New {self.kind} of your own", classes="dialog-title")
            for field, name, hint in TEXTS[self.kind][:1]:
                yield from self.row(name, Input(placeholder=hint, id=field, compact=True))
            if self.kind == "risk":
                scale = [(str(n), n) for n in range(1, 6)]
                for field in ("likelihood", "impact"):
                    select = Select(scale, value=3, id=field, allow_blank=False, compact=True)
                    yield from self.row(field.capitalize(), select)
            else:
                yield from self.row(
                    "Slice", Select(self.slices, value=self.slice_id, id="slice", allow_blank=False, compact=True)
                )
                efforts = [(size, size) for size in self.efforts]
                default = "M" if "M" in self.efforts else self.efforts[0]
                yield from self.row(
                    "Effort", Select(efforts, value=default, id="effort", allow_blank=False, compact=True)
                )
            for field, name, hint in TEXTS[self.kind][1:]:
                hint = self.hints.get(field, hint)
                # the cursor goes back to a refused field: keep its text rather than select it for overtyping
                yield from self.row(name, Input(placeholder=hint, id=field, compact=True, select_on_focus=False))
            yield from self.row("Reason", Input(placeholder="why it is added (required)", id="reason", compact=True))
            yield Label("", id="custom-error", classes="error-text")
            yield Label("⏎ in the reason or ctrl+s saves · escape keeps a draft", classes="dialog-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Start in the title, with what was typed last time the form was closed without saving."""
        self.start_in(self.query_one("#title", Input))

    def fields(self) -> dict[str, object]:
        """The form's values as the core's add functions take them."""
        found: dict[str, object] = {}
        for select in self.query(Select):
            found[str(select.id)] = select.value
        for box in self.query(Input):
            found[str(box.id)] = split_ids(box.value) if box.id in LISTS else box.value.strip()
        found["by"] = self.session.assessment.engagement.consultant
        return found

    def action_save(self) -> None:
        """Add the item through the core; show its refusal in the form, or return the new assessment."""
        add = add_custom_risk if self.kind == "risk" else add_custom_action
        session = self.session
        try:
            updated = add(session.assessment, session.results, **self.fields())
        except SlicewiseError as error:
            message = "; ".join(p.message for p in error.problems) or error.title
            self.query_one("#custom-error", Label).update(message)
            field = next((f for f, words in BLAMED if words in message), None)
            if field is not None and self.query(f"#{field}"):
                self.query_one(f"#{field}").focus()
            return
        self.saved()
        self.dismiss(updated)
