"""The form for one integration flow, with the analysers' findings on it shown live as fields change."""

from __future__ import annotations

from typing import ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, SelectionList, Static

from slicewise.core.engine import evaluate
from slicewise.core.models.assessment import UNKNOWN, Flow
from slicewise.core.models.questionnaire import (
    FLOW_MODE_LABELS,
    LATENCIES,
    LATENCY_LABELS,
    PATTERN_LABELS,
    PATTERNS,
    SAFEGUARD_LABELS,
    SAFEGUARDS,
    SLA_LABELS,
)
from slicewise.tui.drafts import Values, fill_form, forget_draft, leave_keeping_draft, resume_draft
from slicewise.tui.session import Session
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.nav_keys import dialog_keys
from slicewise.tui.widgets.tick_list import TickList


def flow_findings(session: Session, flow: Flow) -> list[str]:
    """Return what the analysers would flag on a flow, by scoring a copy of the assessment that holds it."""
    trial = session.assessment.model_copy(deep=True)
    trial.flows = [f for f in trial.flows if f.id != flow.id] + [flow]
    results = evaluate(session.bundle, trial)
    return [finding.message for finding in results.findings if finding.subject == flow.id]


class FlowFormScreen(ModalScreen[Flow | None]):
    """Returns the flow as edited, or None when cancelled."""

    CSS_PATH = "flow_form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="flow-save", tooltip="Save the flow"),
        Binding("escape", "cancel", "Close", id="flow-cancel", tooltip="Close the form, keeping its draft"),
        Binding("ctrl+r", "restore", "Restore", id="flow-restore", tooltip="Put the form back as it opened"),
        *dialog_keys(),
    ]

    def __init__(self, session: Session, flow: Flow | None) -> None:
        """Edit a flow, or start a new one when `flow` is None."""
        super().__init__()
        self.session = session
        self.flow = flow
        self.draft_key = f"flow:{flow.id}" if flow else "flow:new"
        self._opened: Values = {}

    def compose(self) -> ComposeResult:
        """Every field of a flow, then the live findings."""
        session = self.session
        flow = self.flow
        systems = [(session.system_label(s.id), s.id) for s in session.bundle.questionnaire.systems]
        with Vertical(classes="flow-dialog"):
            yield Label("Edit flow" if flow else "New flow", classes="dialog-title")
            with VerticalScroll(id="flow-fields"):
                yield Label("Name", classes="field-label")
                yield Input(
                    flow.name if flow else "", placeholder="e.g. Order export to ERP", id="flow-name", compact=True
                )
                with Horizontal(classes="field-row"):
                    with Vertical():
                        yield Label("Source system", classes="field-label")
                        yield Select(
                            systems, value=flow.source if flow else Select.NULL, id="flow-source", compact=True
                        )
                    with Vertical():
                        yield Label("Target system", classes="field-label")
                        yield Select(
                            systems, value=flow.target if flow else Select.NULL, id="flow-target", compact=True
                        )
                with Horizontal(classes="field-row"):
                    with Vertical():
                        yield Label("Pattern", classes="field-label")
                        yield Select(
                            [*((PATTERN_LABELS[p], p) for p in PATTERNS), ("Unknown", UNKNOWN)],
                            value=flow.pattern if flow else Select.NULL,
                            id="flow-pattern",
                            compact=True,
                        )
                    with Vertical():
                        yield Label("Latency class", classes="field-label")
                        yield Select(
                            [*((LATENCY_LABELS[x], x) for x in LATENCIES), ("Unknown", UNKNOWN)],
                            value=flow.latency if flow else Select.NULL,
                            id="flow-latency",
                            compact=True,
                        )
                with Horizontal(classes="field-row"):
                    with Vertical():
                        yield Label("Moves", classes="field-label")
                        yield Select(
                            [(label, mode) for mode, label in FLOW_MODE_LABELS.items()],
                            value=flow.mode if flow else "delta",
                            allow_blank=False,
                            id="flow-mode",
                            compact=True,
                        )
                    with Vertical():
                        yield Label("Agreed service level", classes="field-label")
                        yield Select(
                            [(label, level) for level, label in SLA_LABELS.items()],
                            value=flow.sla if flow else "",
                            allow_blank=False,
                            id="flow-sla",
                            compact=True,
                        )
                yield Label("Safeguards in place (space ticks)", classes="field-label")
                chosen = set(flow.safeguards) if flow else set()
                yield TickList(*[(SAFEGUARD_LABELS[s], s, s in chosen) for s in SAFEGUARDS], id="flow-safeguards")
                yield Label("Safeguards nobody could confirm either way (space ticks)", classes="field-label")
                unsure = set(flow.unknown_safeguards) if flow else set()
                yield TickList(
                    *[(SAFEGUARD_LABELS[s], s, s in unsure) for s in SAFEGUARDS], id="flow-unknown-safeguards"
                )
                yield Label(
                    "Failure owner: who decides to retry, repair, suppress or escalate ('unknown' if nobody knows)",
                    classes="field-label",
                )
                yield Input(
                    flow.failure_owner if flow else "",
                    placeholder="e.g. Order operations team",
                    id="flow-owner",
                    compact=True,
                )
                yield Label("Business objects carried (space ticks)", classes="field-label")
                carried = set(flow.objects) if flow else set()
                yield TickList(
                    *[(o.label, o.id, o.id in carried) for o in session.bundle.questionnaire.objects],
                    id="flow-objects",
                )
                yield Label("Note", classes="field-label")
                yield Input(flow.note if flow else "", id="flow-note", compact=True)
            yield Static(id="flow-checks")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Start on the name and show the checks."""
        self.query_one("#flow-name", Input).focus()
        self._opened = resume_draft(self, self.draft_key)
        self._check()

    def _value(self, selector: str) -> str | None:
        """Return a Select's value, or None when nothing is chosen."""
        value = self.query_one(selector, Select).value
        return value if isinstance(value, str) else None

    def _build(self) -> Flow | str:
        """Build the flow from the fields, or say what is missing."""
        name = self.query_one("#flow-name", Input).value.strip()
        source, target = self._value("#flow-source"), self._value("#flow-target")
        pattern, latency = self._value("#flow-pattern"), self._value("#flow-latency")
        missing = [
            label
            for label, value in (
                ("a name", name),
                ("a source", source),
                ("a target", target),
                ("a pattern", pattern),
                ("a latency class", latency),
            )
            if not value
        ]
        if missing:
            return "Still needed: " + ", ".join(missing) + "."
        flow_id = self.flow.id if self.flow else self.session.new_flow_id(name)
        in_place = set(self.query_one("#flow-safeguards", SelectionList).selected)
        unsure = set(self.query_one("#flow-unknown-safeguards", SelectionList).selected)
        try:
            return Flow(
                id=flow_id,
                name=name,
                source=source or "",
                target=target or "",
                objects=list(self.query_one("#flow-objects", SelectionList).selected),
                pattern=pattern or "",
                latency=latency or "",
                mode=self._value("#flow-mode") or "delta",
                safeguards=[s for s in SAFEGUARDS if s in in_place],
                unknown_safeguards=[s for s in SAFEGUARDS if s in unsure and s not in in_place],
                sla=self._value("#flow-sla") or "",
                failure_owner=self.query_one("#flow-owner", Input).value.strip(),
                note=self.query_one("#flow-note", Input).value.strip(),
            )
        except ValidationError as error:
            return f"Cannot save this flow: {error.errors()[0]['msg']}"

    def _check(self) -> None:
        """Show what is missing, or what the analysers would flag."""
        built = self._build()
        checks = self.query_one("#flow-checks", Static)
        if isinstance(built, str):
            checks.update(Content.styled(built, "$text-muted"))
            return
        findings = flow_findings(self.session, built)
        if findings:
            checks.update(Content("\n").join(Content.styled(f"⚠ {m}", "$text-warning") for m in findings))
        else:
            checks.update(Content.styled("✓ No findings on this flow.", "$text-success"))

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self) -> None:
        """Re-check as fields change."""
        self._check()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        """Enter in a field moves to the next one."""
        self.focus_next()

    def action_save(self) -> None:
        """Return the flow when it is complete."""
        built = self._build()
        if isinstance(built, str):
            self.notify(built, severity="warning", timeout=3)
            return
        forget_draft(self, self.draft_key)
        self.dismiss(built)

    def action_cancel(self) -> None:
        """Close without saving the flow, keeping what was typed as the form's draft."""
        leave_keeping_draft(self, self.draft_key, self._opened, "Flow")
        self.dismiss(None)

    def action_restore(self) -> None:
        """Put every field back as the form opened, forgetting the draft."""
        fill_form(self, self._opened)
        forget_draft(self, self.draft_key)
