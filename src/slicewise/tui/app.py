"""The slicewise Textual app: owns the open session and saves it after every change through `persist()`."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.filter import LineFilter
from textual.screen import Screen
from textual.signal import Signal

from slicewise.core.errors import FileChangedError, SlicewiseError
from slicewise.core.words import plural
from slicewise.tui.commands import SlicewiseCommands
from slicewise.tui.drafts import Drafts
from slicewise.tui.inert_lines import INERT_LINES
from slicewise.tui.startup import release_collection

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.theme import Theme

    from slicewise.tui.disagreements import Stop
    from slicewise.tui.history import History
    from slicewise.tui.search_index import QuestionIndex
    from slicewise.tui.session import Session
    from slicewise.tui.widgets.status_line import Said


@dataclass(frozen=True)
class SaveState:
    """The outcome of the latest save, shown by the saved indicator."""

    ok: bool
    """Whether the file on disk holds every change."""
    when: datetime
    """When the save was attempted."""
    message: str = ""
    """Why it failed, when it failed."""


QUESTION_CSS = (Path(__file__).parent / "screens" / "question.tcss").resolve()
"""The question screen's style sheet, beside its module (`QuestionScreen.CSS_PATH`)."""


class SlicewiseApp(App[None]):
    """The workshop app: a start screen or an open assessment, with every change saved at once."""

    CSS_PATH = "app.tcss"
    TITLE = "slicewise"
    COMMANDS: ClassVar = App.COMMANDS | {SlicewiseCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (140, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Quit (everything is saved)"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="undo", tooltip="Undo the last change to the file"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="redo", tooltip="Redo the change just undone"),
    ]

    def __init__(
        self,
        session: Session | None = None,
        *,
        setup: bool = False,
        disagreements: bool = False,
        start_error: SlicewiseError | None = None,
    ) -> None:
        """Open on a session (on its engagement form or first disagreement when asked) or on the start screen."""
        # A session opens on the question screen: its style sheet is read with the app's, so showing that screen
        # does not parse every rule again and restyle the whole app before the first frame.
        super().__init__(css_path=[*self._own_css(), QUESTION_CSS] if session is not None else None)
        self.session: Session | None = session
        self._setup = setup
        self._disagreements = disagreements
        self._start_error = start_error
        self.last_save: SaveState | None = None
        self._save_pending = False
        self._to_remember: Path | None = None
        self._remembered_theme: str | None = None
        self.changed: Signal[Session] = Signal(self, "changed")
        """Published after every change, once the results are recomputed."""
        self.saved: Signal[SaveState] = Signal(self, "saved")
        self.said: Signal[Said] = Signal(self, "said")
        """Every message given through `notify`, for the status lines that show them in place of pop-ups."""
        self.last_said: Said | None = None
        """Published after every save attempt."""
        self.drafts = Drafts()
        """What was typed into forms closed without saving, shown again when they reopen."""
        self.history: History | None = None
        """The open file's undo and redo steps."""
        self._index: tuple[Session, QuestionIndex] | None = None

    def _own_css(self) -> list[str | PurePath]:
        """This app class's own style sheets (`CSS_PATH`), as a list."""
        own = self.CSS_PATH
        return [] if own is None else [own] if isinstance(own, str | PurePath) else list(own)

    def on_mount(self) -> None:
        """Show the first screen; nothing slow happens here."""
        from slicewise.tui.preferences import remembered_theme
        from slicewise.tui.themes import slicewise_themes

        for theme in slicewise_themes():
            self.register_theme(theme)
        self._remembered_theme = remembered_theme()
        if self._remembered_theme in self.available_themes:
            self.theme = self._remembered_theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.session is not None:
            self.open_session(self.session, setup=self._setup, disagreements=self._disagreements)
        else:
            from slicewise.tui.screens.start import StartScreen

            self.push_screen(StartScreen(self._start_error))

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then one that shows control characters in user text instead of sending them."""
        return [*super().get_line_filters(), INERT_LINES]

    def on_ready(self) -> None:
        """The first frame is on screen: start-up is over."""
        release_collection()

    def open_session(self, session: Session, *, setup: bool = False, disagreements: bool = False) -> None:
        """Make a session current and show its question flow (the engagement form, or the first
        disagreement of a merged file, first when asked)."""
        from slicewise.tui.disagreements import stops
        from slicewise.tui.history import History, snapshot
        from slicewise.tui.screens.question import QuestionScreen
        from slicewise.tui.sidecar import read_sidecar

        self.session = session
        record = read_sidecar(session.path)
        self.history = History.from_record(record.get("history"), snapshot(session.assessment))
        self.drafts.load(record.get("drafts"))
        self._to_remember = session.path
        self.call_after_refresh(self._remember_recent)  # two fsyncs the first frame need not wait for
        self.sub_title = session.title()
        found = stops(session)
        first = found[0] if disagreements and found else None
        start = first.question_id if first else session.start_question()
        self.switch_screen_to(QuestionScreen(start))
        if setup:
            self.action_engagement()
        if first is not None:
            self.go_to_stop(first, announce=True)
        elif disagreements:
            why = "it was not merged from several respondents" if session.assessment.merge is None else "none"
            self.notify(f"No disagreements to walk: {why}.", title="Disagreements", timeout=6)
        elif session.assessment.merge is not None and found:
            self.notify(
                f"Merged from {len(session.assessment.merge.respondents)} respondents; "
                f"{plural(len(found), 'disagreement')}. Press g to walk them.",
                title="Team assessment",
                timeout=8,
            )
        notes = session.warnings()  # version change, stale choices, answers kept but not scored
        for note in notes[:3]:
            self.notify(note, title="Note on this assessment", severity="warning", timeout=10)
        if session.restamp_questionnaire() and notes:
            # Told once: the file now records the questionnaire it was last saved against, so it stays quiet.
            self.persist()

    def _theme_changed(self, theme: Theme) -> None:
        """Remember a theme chosen in the palette for next time."""
        from slicewise.tui.preferences import remember_theme

        if theme.name != self._remembered_theme:
            self._remembered_theme = theme.name
            remember_theme(theme.name)

    def switch_screen_to(self, screen: Screen[None]) -> None:
        """Replace the whole screen stack above the default screen with one screen."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(screen)

    @property
    def current_session(self) -> Session:
        """Return the open session (screens that edit answers only exist while one is open)."""
        if self.session is None:
            raise RuntimeError("no assessment is open")
        return self.session

    def persist(self, *, recompute: bool = True, announce: bool = True) -> None:
        """Recompute the results, tell every screen, and save the file atomically right after the repaint.

        The save waits for the next refresh so the keypress shows at once; several changes within one
        frame are written together. Leaving the app writes any save still pending. `announce=False` skips
        telling the screens, for a change none of them shows (the place to resume).
        """
        session = self.current_session
        if self.history is not None:
            from slicewise.tui.history import snapshot

            self.history.record(snapshot(session.assessment))
        if recompute:
            session.refresh()
        self.sub_title = session.title()
        if announce:
            self.changed.publish(session)
        if not self._save_pending:
            self._save_pending = True
            self.call_after_refresh(self._flush_save)

    def _flush_save(self) -> None:
        """Write a pending save."""
        if self._save_pending:
            self.save_now()

    def _remember_recent(self) -> None:
        """Put the open file first in the recent list, once the first frame of it is on screen."""
        if self._to_remember is not None:
            from slicewise.tui import recent

            recent.remember(self._to_remember)
            self._to_remember = None

    def on_unmount(self) -> None:
        """Write any save, and the recent list, still pending as the app closes."""
        if self.session is not None and self._save_pending:
            self.save_now()
        self._remember_recent()

    def save_now(self) -> bool:
        """Save the open session and report the outcome to the saved indicator."""
        self._save_pending = False
        session = self.current_session
        try:
            session.save()
        except FileChangedError as error:
            state = SaveState(False, datetime.now(), str(error))
            from slicewise.tui.screens import conflict

            conflict.offer(self)
        except SlicewiseError as error:
            state = SaveState(False, datetime.now(), str(error))
            if self.last_save is None or self.last_save.ok:
                self.notify(str(error), title="Not saved", severity="error", timeout=8)
        else:
            state = SaveState(True, datetime.now())
            self.keep_sidecar()
        self.last_save = state
        self.saved.publish(state)
        return state.ok

    def question_index(self) -> QuestionIndex:
        """Return the palette's word index of the open questionnaire, built on first use and kept."""
        from slicewise.tui.search_index import QuestionIndex

        session = self.current_session
        if self._index is None or self._index[0] is not session:
            self._index = (session, QuestionIndex(session.bundle.questionnaire))
        return self._index[1]

    def keep_sidecar(self) -> None:
        """Store the open file's undo history and form drafts beside it, in the app's state folder."""
        if self.session is None or self.history is None:
            return
        from slicewise.tui.sidecar import write_sidecar

        write_sidecar(self.session.path, {"history": self.history.to_record(), "drafts": self.drafts.items})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer undo and redo on the screens of the open file, never while a dialog or form is up."""
        if action in ("undo", "redo"):
            from textual.screen import ModalScreen

            return self.session is not None and not isinstance(self.screen, ModalScreen)
        return True

    def action_undo(self) -> None:
        """Undo the latest change to the file (answers, notes, matrix, flows, details), whenever it was made."""
        self._step(forward=False)

    def action_redo(self) -> None:
        """Redo the change just undone."""
        self._step(forward=True)

    def _step(self, *, forward: bool) -> None:
        """Undo or redo one step, save it like any change, and show where it happened."""
        from pydantic import ValidationError

        from slicewise.tui.history import History, describe, snapshot
        from slicewise.tui.screens.question import QuestionScreen

        session, history = self.session, self.history
        if session is None or history is None:
            return
        try:
            found = history.step(session.assessment, forward=forward)
        except (ValidationError, KeyError, TypeError, AttributeError):
            self.history = History(snapshot(session.assessment))
            self.notify("The undo history no longer fits this file; it was cleared.", severity="warning")
            return
        if found is None:
            self.notify("Nothing to redo." if forward else "Nothing to undo.", timeout=2)
            return
        restored, changes = found
        for field in {change.field for change in changes}:
            setattr(session.assessment, field, getattr(restored, field))
        self.persist()
        prompts = {question.id: question.prompt for question in session.questions}
        self.notify(f"{'Redone' if forward else 'Undone'}: {describe(changes, prompts)}", timeout=3)
        screen = self.screen
        if isinstance(screen, QuestionScreen):
            first = changes[0]
            target = first.key if first.field == "answers" and first.key else screen.question_id
            if session.question(target) is not None and session.is_visible(target):
                screen.call_next(screen.show_question, target)

    async def action_quit(self) -> None:
        """Quit; when the last save failed, try once more and ask before leaving unsaved work."""
        if self.session is not None and self._save_pending:
            self.save_now()
        if self.session is None or self.last_save is None or self.last_save.ok or self.save_now():
            self.exit()
            return
        from slicewise.tui.screens.confirm import ConfirmScreen

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                self.exit()

        self.push_screen(
            ConfirmScreen(
                "The last changes could not be saved",
                f"{self.last_save.message}\n\nQuit anyway and lose them?",
                confirm="Quit without saving",
            ),
            leave,
        )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notify as Textual does, and hand the message to the status line of screens that show notes."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
        from slicewise.tui.widgets.status_line import Said

        seconds = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        self.last_said = Said(message, title, severity, time.monotonic() + seconds)
        self.said.publish(self.last_said)

    async def action_quit_from_dialog(self, close: str) -> None:
        """ctrl+q in a dialog: close it with its own action (a form keeps its draft, as on esc), then quit."""
        await self.screen.run_action(close)
        await self.action_quit()

    def action_help_quit(self) -> None:
        """ctrl+c: say how to quit, and that nothing is lost by it (in a text field it copies instead)."""
        self.notify("Everything is saved as you go. Press ctrl+q to quit.", title="Quit with ctrl+q", timeout=4)

    def action_help(self) -> None:
        """Show every key of the current screen and what the screens are for."""
        from slicewise.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_engagement(self) -> None:
        """Edit the engagement details, targets and the client's system names."""
        from slicewise.tui.screens.engagement import EngagementScreen

        if self.session is None or isinstance(self.screen, EngagementScreen):
            return

        def done(changed: bool | None) -> None:
            if changed:
                self.persist()

        self.push_screen(EngagementScreen(self.session), done)

    def action_scorecard(self) -> None:
        """Show the live scorecard."""
        from slicewise.tui.screens.scorecard import ScorecardScreen

        if self.session is not None and not isinstance(self.screen, ScorecardScreen):
            self.push_screen(ScorecardScreen())

    def action_ownership(self) -> None:
        """Open the ownership matrix editor."""
        from slicewise.tui.screens.ownership import OwnershipScreen

        if self.session is None or isinstance(self.screen, OwnershipScreen):
            return
        if self.session.matrix_question() is None:
            self.notify("This questionnaire has no ownership matrix.", severity="warning")
            return
        self.push_screen(OwnershipScreen())

    def action_flows(self) -> None:
        """Open the flow inventory editor."""
        from slicewise.tui.screens.flows import FlowsScreen

        if self.session is None or isinstance(self.screen, FlowsScreen):
            return
        if self.session.first_of_kind("flow_inventory") is None:
            self.notify("This questionnaire has no flow inventory.", severity="warning")
            return
        self.push_screen(FlowsScreen())

    def action_review(self) -> None:
        """Open the review and export screen."""
        from slicewise.tui.screens.review import ReviewScreen

        if self.session is not None and not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen())

    def action_register(self) -> None:
        """Show the risk register."""
        from slicewise.tui.screens.register import RegisterScreen

        if self.session is not None and not isinstance(self.screen, RegisterScreen):
            self.push_screen(RegisterScreen())

    def action_plan(self) -> None:
        """Show the plan."""
        from slicewise.tui.screens.plan import PlanScreen

        if self.session is not None and not isinstance(self.screen, PlanScreen):
            self.push_screen(PlanScreen())

    def action_export(self) -> None:
        """Open the review screen and export at once."""
        from slicewise.tui.screens.review import ReviewScreen

        if self.session is None:
            return
        if isinstance(self.screen, ReviewScreen):
            self.screen.action_export()
        else:
            self.push_screen(ReviewScreen(export_now=True))

    def next_disagreement(self, offset: int = 1) -> None:
        """Go to the next (or previous) question, ownership object or flow where the respondents disagree."""
        from slicewise.tui.disagreements import following, position_of_question
        from slicewise.tui.screens.flows import FlowsScreen
        from slicewise.tui.screens.ownership import OwnershipScreen
        from slicewise.tui.screens.question import QuestionScreen

        session = self.session
        if session is None:
            return
        if session.assessment.merge is None:
            self.notify("This assessment was not merged from several respondents.", timeout=4)
            return
        order = [q.id for q in session.questions]
        here = (-1, -1)
        for screen in reversed(self.screen_stack):
            if isinstance(screen, OwnershipScreen) and (question := session.matrix_question()) is not None:
                here = (order.index(question.id), screen.cursor_row())
                break
            if isinstance(screen, FlowsScreen) and (flow_question := session.first_of_kind("flow_inventory")):
                here = (order.index(flow_question), screen.cursor_row())
                break
            if isinstance(screen, QuestionScreen):
                here = position_of_question(session, screen.question_id)
                break
        found = following(session, here, offset)
        if found is None:
            self.notify("The respondents agree everywhere: no disagreements to walk.", timeout=4)
            return
        stop, wrapped = found
        self.go_to_stop(stop, announce=True, wrapped=wrapped)

    def go_to_stop(self, stop: Stop, *, announce: bool = False, wrapped: bool = False) -> None:
        """Show a place with a disagreement: its question, or the matrix or inventory with it selected."""
        from slicewise.tui.disagreements import stops, summary
        from slicewise.tui.screens.flows import FlowsScreen
        from slicewise.tui.screens.ownership import OwnershipScreen

        session = self.current_session
        if stop.where == "object" and isinstance(self.screen, OwnershipScreen):
            self.screen.select_object(stop.subject)
        elif stop.where == "flow" and isinstance(self.screen, FlowsScreen):
            self.screen.select_flow(stop.subject)
        else:
            self.jump_to(stop.question_id)
            if stop.where == "object":
                self.push_screen(OwnershipScreen(select=stop.subject))
            elif stop.where == "flow":
                self.push_screen(FlowsScreen(select=stop.subject))
        if announce:
            self.clear_notifications()
            every = stops(session)
            number = every.index(stop) + 1 if stop in every else 0
            again = " (back to the first)" if wrapped and number == 1 else ""
            self.notify(
                summary(session, stop), title=f"Disagreement {number} of {len(every)}{again} · g next", timeout=4
            )

    def jump_to(self, question_id: str) -> None:
        """Close any screens over the question flow and show one question."""
        from slicewise.tui.screens.question import QuestionScreen

        while len(self.screen_stack) > 2 and not isinstance(self.screen, QuestionScreen):
            self.pop_screen()
        screen = self.screen
        if isinstance(screen, QuestionScreen):
            screen.call_next(screen.show_question, question_id)
