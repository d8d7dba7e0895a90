"""The answer field of a `text` question: saved as it is typed, enter moves on; shown whole, wrapped, whenever
it is not being edited (a one-line field would cut a long answer)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Input, Static

from slicewise.core.models.questionnaire import TextQuestion
from slicewise.tui.base import session_of
from slicewise.tui.widgets.answer_slot import AnswerEdited, Confirmed
from slicewise.tui.widgets.nav_keys import TEXT_NAV_KEYS

if TYPE_CHECKING:
    from textual.widget import Widget

    from slicewise.tui.session import Session


class TextAnswer(Input):
    """A one-line text answer (context, not scored)."""

    BINDINGS: ClassVar[list[BindingType]] = TEXT_NAV_KEYS
    takes_numbers = False
    types_text = True

    def __init__(self, question: TextQuestion, text: str | None) -> None:
        """Build the field with the current answer."""
        self.question = question
        self._reported = text or ""
        super().__init__(
            value=text or "",
            placeholder=question.placeholder or "Press t to type the answer; ⏎ keeps it and moves on",
            classes="answer-widget",
            select_on_focus=False,  # a stray key adds to the answer instead of replacing it
        )
        self.view = TextAnswerView(self)
        """The whole answer, wrapped and read-only, shown in the field's place while it is not being edited."""

    def on_focus(self) -> None:
        """Editing: the field takes the view's place, its cursor (and what is in view) at the end of the text."""
        self.view.display = False
        self.call_after_refresh(self.action_end)  # once the field has its width, so the end is what shows

    def on_blur(self) -> None:
        """Done editing: show the whole answer again."""
        self.view.show(self.value)

    def show_text(self, text: str | None) -> None:
        """Show the answer as it now stands in the file (after an undo), without reporting it as an edit."""
        if (text or "") != self.value:
            self._reported = text or ""
            self.value = text or ""
        if not self.has_focus:
            self.view.show(self.value)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        """Store every edit so it is saved at once."""
        event.stop()
        if event.value == self._reported:
            return
        self._reported = event.value
        session = session_of(self)
        before = (session.answer(self.question.id).text or "").strip()
        if before != event.value.strip():
            session.set_text(self.question.id, event.value)
            # Scores and visibility only change when the answer appears or disappears.
            self.post_message(AnswerEdited(recompute=not before or not event.value.strip()))

    # ----- the answer slot (see answer_slot.AnswerSlot) ----------------------------------------------

    def parts(self) -> list[Widget]:
        """The read-only view of the whole answer, then the field that takes its place while editing."""
        return [self.view, self]

    def show_answer(self, session: Session) -> None:
        """Show the answer as it stands, unless it is being typed (an undo made elsewhere)."""
        if not self.has_focus:
            self.show_text(session.answer(self.question.id).text)

    def pick(self, session: Session, number: int) -> bool:
        """Numbers are text here."""
        return False

    def confirm(self, session: Session) -> Confirmed:
        """Keep the typed text as the answer."""
        if (session.answer(self.question.id).text or "") == self.value.strip():
            return "unchanged"
        session.set_text(self.question.id, self.value)
        return "changed"

    def arrive(self) -> None:
        """Leave the focus free, so letters stay command keys until `t` or a click."""
        self.screen.set_focus(None)

    def start_typing(self) -> None:
        """Focus the field at once (keys typed right after `t` go in), the cursor after the text."""
        self.screen.set_focus(self)
        self.cursor_position = len(self.value)


class TextAnswerView(Static):
    """A text answer in full, wrapped, in the field's place; a click starts editing (like `t`)."""

    def __init__(self, field: TextAnswer) -> None:
        """Show the field's answer, or how to start typing one."""
        super().__init__(classes="text-answer-view")
        self.field = field
        self.show(field.value)

    def show(self, text: str) -> None:
        """Show the answer as it stands (never cut), or the field's hint when there is none."""
        self.display = True
        shown = text.strip()
        self.update(Content(shown) if shown else Content.styled(str(self.field.placeholder), "$text-muted"))

    def on_click(self, event: events.Click) -> None:
        """Start editing, after the text already there."""
        event.stop()
        self.field.focus()
        self.field.cursor_position = len(self.field.value)
