"""What the question screen asks of the widget that answers a question, whatever the question's kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from textual.message import Message

if TYPE_CHECKING:
    from textual.widget import Widget

    from slicewise.tui.session import Session

Confirmed = Literal["changed", "unchanged", "stays"]
"""What ⏎ did: changed the answer, left it as it was, or keeps the screen on the question (an editor opened)."""


class AnswerSlot(Protocol):
    """An answer widget as the question screen drives it: the same calls for every kind, so a new kind brings
    its widget and a line in the kind → widget table, and the screen stays as it is."""

    @property
    def takes_numbers(self) -> bool:
        """Whether the 1–9 keys pick in it (the footer offers them only then)."""
        ...

    @property
    def types_text(self) -> bool:
        """Whether `t` starts typing into it; until then letters stay command keys."""
        ...

    def parts(self) -> list[Widget]:
        """What goes in the answer slot: the widget, and any view shown in its place."""
        ...

    def show_answer(self, session: Session) -> None:
        """Bring the widget in line with the answer as it now stands (after a change here or elsewhere)."""
        ...

    def pick(self, session: Session, number: int) -> bool:
        """Answer with the n-th option; True when that changed the answer."""
        ...

    def confirm(self, session: Session) -> Confirmed:
        """⏎: take what is highlighted or typed as the answer."""
        ...

    def arrive(self) -> None:
        """Take the focus as its question is shown, never with the cursor inside a text."""
        ...

    def start_typing(self) -> None:
        """Put the cursor in the text after what is written (nothing to do for a widget without text)."""
        ...


@dataclass
class AnswerEdited(Message):
    """An answer widget changed its answer by itself (a click, space on a tick, a typed letter): save it."""

    recompute: bool = True
    """False when no score or visibility can have changed (a text edited but neither emptied nor started)."""
