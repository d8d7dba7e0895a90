"""The anchored rubric of a `choice` question: one line per level, picked with 1–9 or enter."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from slicewise.core.models.questionnaire import ChoiceQuestion
from slicewise.tui.base import session_of
from slicewise.tui.widgets.answer_slot import AnswerEdited, Confirmed
from slicewise.tui.widgets.hanging import Hanging
from slicewise.tui.widgets.nav_keys import LIST_NAV_KEYS

if TYPE_CHECKING:
    from textual.widget import Widget

    from slicewise.tui.session import Session


class ChoiceRubric(OptionList):
    """The rubric of one choice question; the chosen answer carries a filled marker."""

    BINDINGS: ClassVar[list[BindingType]] = LIST_NAV_KEYS
    takes_numbers = True
    types_text = False

    def __init__(
        self,
        question: ChoiceQuestion,
        chosen: str | None,
        picked_by: dict[str, list[str]] | None = None,
        *,
        levels: bool = True,
    ) -> None:
        """Build the rubric with the current answer marked (and, in a merged file, who picked each choice);
        `levels=False` leaves out the level of each choice, for a question that is not scored."""
        self.question = question
        self.levels = levels
        self.chosen = chosen
        self.picked_by = picked_by or {}
        super().__init__(*self._build_options(), classes="answer-widget")

    def _build_options(self) -> list[Option]:
        """Render one option per choice: number, marker, label and level."""
        options = []
        for number, choice in enumerate(self.question.choices, start=1):
            picked = choice.id == self.chosen
            key = f"{number}" if number <= 9 else " "
            marker = "●" if picked else "○"
            lead = Content.assemble(
                (f"{key} ", "bold $text-accent"),
                (f"{marker} ", "bold $text-success" if picked else "$text-muted"),
                (f"L{choice.level}  " if self.levels else "", "$text-muted"),
            )
            label = Content.styled(choice.label, "bold" if picked else "")
            if choice.id in self.picked_by:
                who = "  ◂ " + ", ".join(self.picked_by[choice.id])
                label = Content.assemble(label, (who, "italic $text-secondary"))
            options.append(Option(Hanging(lead, label), id=choice.id))
        return options

    def on_mount(self) -> None:
        """Highlight the current answer, or the first choice."""
        self.highlighted = self._index_of(self.chosen) if self.chosen else 0

    def _index_of(self, choice_id: str | None) -> int:
        """Return the option index of a choice id (0 when absent)."""
        return next((n for n, c in enumerate(self.question.choices) if c.id == choice_id), 0)

    def show_chosen(self, chosen: str | None) -> None:
        """Move the marker to a new answer without rebuilding the widget."""
        if chosen == self.chosen:
            return
        self.chosen = chosen
        for index, option in enumerate(self._build_options()):
            self.replace_option_prompt_at_index(index, option.prompt)
        if chosen:
            self.highlighted = self._index_of(chosen)

    # ----- the answer slot (see answer_slot.AnswerSlot) ----------------------------------------------

    def parts(self) -> list[Widget]:
        """The rubric alone."""
        return [self]

    def show_answer(self, session: Session) -> None:
        """Mark the answer as it now stands."""
        self.show_chosen(session.answer(self.question.id).choice)

    def pick(self, session: Session, number: int) -> bool:
        """Choose the n-th choice."""
        if number > len(self.question.choices):
            return False
        session.choose(self.question.id, self.question.choices[number - 1].id)
        self.highlighted = number - 1
        return True

    def confirm(self, session: Session) -> Confirmed:
        """Take the highlighted choice (again, when it was only highlighted or the answer was don't-know)."""
        if self.highlighted is None:
            return "unchanged"
        question_id = self.question.id
        choice = self.question.choices[self.highlighted].id
        if session.answer(question_id).choice == choice and session.status(question_id) == "answered":
            return "unchanged"
        session.choose(question_id, choice)
        return "changed"

    def arrive(self) -> None:
        """Take the focus: arrows and numbers answer at once."""
        self.focus()

    def start_typing(self) -> None:
        """Nothing to type into."""

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        """Store a choice clicked with the mouse."""
        event.stop()
        if event.option.id:
            session_of(self).choose(self.question.id, event.option.id)
            self.post_message(AnswerEdited())
