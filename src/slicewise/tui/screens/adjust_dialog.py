"""Adjust one risk or action instance: the fields it has, set to where it stands, and a required reason."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select

from slicewise.core.adjust import all_actions
from slicewise.core.models.tracking import ACTION_STATUSES, LATER, RISK_RESPONSES, label
from slicewise.core.tracking import kind_of
from slicewise.tui.drafts import Values, forget_draft, leave_keeping_draft, resume_draft
from slicewise.tui.session import Session
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.nav_keys import dialog_keys

Outcome = tuple[dict[str, object], str]


class AdjustDialog(ModalScreen[Outcome | None]):
    """Returns (the fields changed, the reason), or None when cancelled."""

    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="adjust-cancel", tooltip="Close, keeping what was typed as a draft"),
        Binding("ctrl+s", "save", "Save", id="adjust-save"),
        *dialog_keys(),
    ]

    def __init__(self, session: Session, item_id: str) -> None:
        """Open on one risk or action as it stands now."""
        super().__init__()
        self.item_id = item_id
        self.draft_key = f"adjust:{item_id}"
        self._opened: Values = {}
        self.on_kind = kind_of(session.results, item_id) or "risk"
        results = session.results
        self.start: dict[str, object] = {}
        self.slices: list[tuple[str, str]] = [(piece.title, piece.id) for piece in results.roadmap] + [("Later", LATER)]
        if self.on_kind == "risk":
            risk = next(r for r in [*results.risks, *results.judgement.dismissed] if r.id == item_id)
            engine_l = int(risk.engine.get("likelihood", risk.likelihood))
            engine_i = int(risk.engine.get("impact", risk.impact))
            self.title_text = f"Adjust risk: {risk.title}"
            self.start = {
                "response": risk.response,
                "likelihood": risk.likelihood,
                "impact": risk.impact,
                "dismissed": risk in results.judgement.dismissed,
                "owner": risk.named_owner,
                "due": risk.due,
            }
            self.engine_text = f"Engine: likelihood {engine_l} × impact {engine_i}"
        else:
            action = next(a for a in [*all_actions(results), *results.judgement.dropped] if a.id == item_id)
            self.title_text = f"Adjust action: {action.title}"
            self.start = {
                "status": action.status,
                "slice": action.slice,
                "dropped": action in results.judgement.dropped,
                "owner": action.named_owner,
                "due": action.due,
            }
            self.engine_text = f"Engine: slice {action.engine.get('slice', action.slice)}"

    def compose(self) -> ComposeResult:
        """One compact row per field, then the reason."""
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(self.engine_text, classes="dialog-hint")
            if self.on_kind == "risk":
                yield from self._row("Response", self._select("response", RISK_RESPONSES))
                scale = [(str(n), n) for n in range(1, 6)]
                yield from self._row(
                    "Likelihood",
                    Select(scale, value=self.start["likelihood"], id="likelihood", allow_blank=False, compact=True),
                )
                yield from self._row(
                    "Impact", Select(scale, value=self.start["impact"], id="impact", allow_blank=False, compact=True)
                )
                yield Checkbox(
                    "Not applicable here (dismiss)", bool(self.start["dismissed"]), id="dismissed", compact=True
                )
            else:
                yield from self._row("Status", self._select("status", ACTION_STATUSES))
                yield from self._row(
                    "Slice", Select(self.slices, value=self.start["slice"], id="slice", allow_blank=False, compact=True)
                )
                yield Checkbox("Drop from the plan", bool(self.start["dropped"]), id="dropped", compact=True)
            yield from self._row("Named owner", Input(str(self.start["owner"]), id="owner", compact=True))
            yield from self._row(
                "Due date", Input(str(self.start["due"]), placeholder="YYYY-MM-DD", id="due", compact=True)
            )
            yield from self._row("Reason", Input(placeholder="why (required)", id="reason", compact=True))
            yield Label("", id="adjust-error", classes="error-text")
            yield Label("⏎ in the reason or ctrl+s saves · escape cancels", classes="dialog-hint")
        yield KeyFooter()

    def _select(self, field: str, values: tuple[str, ...]) -> Select[str]:
        """A compact drop-down of statuses."""
        return Select(
            [(label(v), v) for v in values], value=str(self.start[field]), id=field, allow_blank=False, compact=True
        )

    def _row(self, name: str, widget: Select[object] | Select[str] | Select[int] | Input) -> ComposeResult:
        """A label and its field on one line."""
        with Horizontal(classes="adjust-row"):
            yield Label(f"{name:<12}", classes="adjust-label")
            yield widget

    def on_mount(self) -> None:
        """Start in the first field, with what was typed last time the dialog was closed without saving."""
        self.query(Select).first().focus()
        self._opened = resume_draft(self, self.draft_key)

    @on(Input.Submitted, "#reason")
    def _submitted(self) -> None:
        """⏎ in the reason saves."""
        self.action_save()

    def values(self) -> dict[str, object]:
        """The fields as the dialog shows them now."""
        found: dict[str, object] = {}
        for select in self.query(Select):
            found[str(select.id)] = select.value
        for box in self.query(Checkbox):
            found[str(box.id)] = box.value
        for field in ("owner", "due"):
            found[field] = self.query_one(f"#{field}", Input).value.strip()
        return found

    def action_save(self) -> None:
        """Return what changed with the reason; refuse to save without a reason or without a change."""
        reason = self.query_one("#reason", Input).value.strip()
        changes = {k: v for k, v in self.values().items() if v != self.start.get(k)}
        error = self.query_one("#adjust-error", Label)
        if not changes:
            error.update("Nothing changed.")
            return
        if not reason:
            error.update("Give a short reason: the plan says why it differs from the engine's.")
            self.query_one("#reason", Input).focus()
            return
        forget_draft(self, self.draft_key)
        self.dismiss((changes, reason))

    def action_cancel(self) -> None:
        """Leave it as it was, keeping what was typed as a draft."""
        leave_keeping_draft(self, self.draft_key, self._opened, "Adjustment")
        self.dismiss(None)
