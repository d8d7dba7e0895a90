"""Engagement details: client, title, consultant, date, participants, notes, targets and system names."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, TextArea

from slicewise.core.models.assessment import Engagement
from slicewise.tui.session import Session
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.nav_keys import dialog_keys


class EngagementScreen(ModalScreen[bool]):
    """Returns True when details were saved; escape and ctrl+s both keep what was typed."""

    CSS_PATH = "engagement.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,escape", "save", "Save and close", id="engagement-save", tooltip="Keep the details"),
        *dialog_keys("save"),
    ]

    def __init__(self, session: Session) -> None:
        """Edit the details of a session's assessment."""
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        """The form: people and dates first, then targets per area, then the client's system names."""
        engagement = self.session.assessment.engagement
        levels = self.session.bundle.scoring.model.levels
        with Vertical(classes="engagement-dialog"):
            yield Label("Engagement details", classes="dialog-title")
            with VerticalScroll(id="engagement-fields"):
                yield Label("Client", classes="field-label")
                yield Input(engagement.client, placeholder="e.g. Northwind Retail", id="eng-client", compact=True)
                yield Label("Title", classes="field-label")
                yield Input(engagement.title, placeholder="e.g. Integration discovery", id="eng-title", compact=True)
                with Horizontal(classes="field-row"):
                    with Vertical():
                        yield Label("Consultant", classes="field-label")
                        yield Input(engagement.consultant, id="eng-consultant", compact=True)
                    with Vertical():
                        yield Label("Date (YYYY-MM-DD)", classes="field-label")
                        yield Input(engagement.date, id="eng-date", compact=True)
                yield Label("Participants: one per line, name and role", classes="field-label")
                yield TextArea("\n".join(engagement.participants), id="eng-participants", tab_behavior="focus")
                yield Label("Notes", classes="field-label")
                yield TextArea(engagement.notes, id="eng-notes", tab_behavior="focus")
                yield Label("Target level per area", classes="section-label")
                for area in self.session.bundle.questionnaire.areas:
                    if not area.scored:
                        continue
                    default = self.session.bundle.scoring.area_scoring(area.id).target
                    options = [
                        (f"{d.level} {d.name}" + (" (default)" if d.level == default else ""), d.level) for d in levels
                    ]
                    with Horizontal(classes="target-row"):
                        yield Label(area.title, classes="row-label")
                        yield Select(
                            options,
                            value=self.session.target_for(area.id),
                            allow_blank=False,
                            id=f"target-{area.id}",
                            compact=True,
                        )
                yield Label("The client's names for their systems", classes="section-label")
                for system in self.session.bundle.questionnaire.systems:
                    with Horizontal(classes="target-row"):
                        yield Label(system.label, classes="row-label")
                        yield Input(
                            self.session.assessment.systems.get(system.id, ""),
                            placeholder="their name for it",
                            id=f"system-{system.id}",
                            compact=True,
                        )
            yield Label("tab moves between fields · escape or ctrl+s saves and closes", classes="dialog-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Start on the client."""
        self.query_one("#eng-client", Input).focus()

    @on(Input.Submitted)
    def _next(self) -> None:
        """Enter moves to the next field."""
        self.focus_next()

    def action_save(self) -> None:
        """Store the details, targets and names, then close."""
        session = self.session
        old = session.assessment.engagement

        def text(selector: str) -> str:
            return self.query_one(selector, Input).value.strip()

        participants = [
            line.strip() for line in self.query_one("#eng-participants", TextArea).text.splitlines() if line.strip()
        ]
        engagement = Engagement(
            client=text("#eng-client"),
            title=text("#eng-title"),
            consultant=text("#eng-consultant"),
            participants=participants,
            date=text("#eng-date"),
            respondent=old.respondent,
            notes=self.query_one("#eng-notes", TextArea).text.strip(),
        )
        targets = dict(session.assessment.targets)
        for area in session.bundle.questionnaire.areas:
            if not area.scored:
                continue
            value = self.query_one(f"#target-{area.id}", Select).value
            if not isinstance(value, int):
                continue
            if value == session.bundle.scoring.area_scoring(area.id).target and area.id not in targets:
                continue
            targets[area.id] = value
        systems = {s.id: text(f"#system-{s.id}") for s in session.bundle.questionnaire.systems}
        extra = {k: v for k, v in session.assessment.systems.items() if k not in systems}
        changed = (
            engagement != old
            or targets != session.assessment.targets
            or {**extra, **systems} != session.assessment.systems
        )
        if changed:
            session.set_engagement(engagement, targets, {**extra, **systems})
        self.dismiss(changed)
