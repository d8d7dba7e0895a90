"""Adjust one risk or action instance: the fields it has, set to where it stands, and a required reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Select

from slicewise.core.adjust import all_actions
from slicewise.core.models.tracking import ACTION_STATUSES, LATER, RISK_RESPONSES, label
from slicewise.core.tracking import kind_of
from slicewise.tui.screens.row_dialog import RowDialog
from slicewise.tui.session import Session
from slicewise.tui.widgets.key_footer import KeyFooter

Outcome = tuple[dict[str, object], str]


class AdjustDialog(RowDialog[Outcome]):
    """Returns (the fields changed, the reason), or None when cancelled."""

    draft_name = "Adjustment"

    def __init__(self, session: Session, item_id: str) -> None:
        """Open on one risk or action as it stands now."""
        super().__init__()
        self.item_id = item_id
        self.draft_key = f"adjust:{item_id}"
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
                yield from self.row("Response", self._select("response", RISK_RESPONSES))
                scale = [(str(n), n) for n in range(1, 6)]
                yield from self.row(
                    "Likelihood",
                    Select(scale, value=self.start["likelihood"], id="likelihood", allow_blank=False, compact=True),
                )
                yield from self.row(
                    "Impact", Select(scale, value=self.start["impact"], id="impact", allow_blank=False, compact=True)
                )
                yield Checkbox(
                    "Not applicable here (dismiss)", bool(self.start["dismissed"]), id="dismissed", compact=True
                )
            else:
                yield from self.row("Status", self._select("status", ACTION_STATUSES))
                yield from self.row(
                    "Slice", Select(self.slices, value=self.start["slice"], id="slice", allow_blank=False, compact=True)
                )
                yield Checkbox("Drop from the plan", bool(self.start["dropped"]), id="dropped", compact=True)
            yield from self.row("Named owner", Input(str(self.start["owner"]), id="owner", compact=True))
            yield from self.row(
                "Due date", Input(str(self.start["due"]), placeholder="YYYY-MM-DD", id="due", compact=True)
            )
            yield from self.row("Reason", Input(placeholder="why (required)", id="reason", compact=True))
            yield Label("", id="adjust-error", classes="error-text")
            yield Label("⏎ in the reason or ctrl+s saves · escape cancels", classes="dialog-hint")
        yield KeyFooter()

    def _select(self, field: str, values: tuple[str, ...]) -> Select[str]:
        """A compact drop-down of statuses."""
        return Select(
            [(label(v), v) for v in values], value=str(self.start[field]), id=field, allow_blank=False, compact=True
        )

    def on_mount(self) -> None:
        """Start in the first field, with what was typed last time the dialog was closed without saving."""
        self.start_in(self.query(Select).first())

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
        self.saved()
        self.dismiss((changes, reason))
