"""The base of every screen over the open session: access to it, and the disagreement walk of merged files."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen

from slicewise.tui.base import session_of, sw_app, width_class
from slicewise.tui.disagreements import for_subject
from slicewise.tui.session import Session
from slicewise.tui.widgets.nav_keys import essential_keys as essential_keys  # shared by every screen

DISAGREEMENT_BINDINGS: list[BindingType] = [
    Binding(
        "g",
        "disagreement(1)",
        "Disagreement",
        id="next-disagreement",
        tooltip="Next place where the respondents disagree",
    ),
    Binding(
        "G",
        "disagreement(-1)",
        "Previous disagreement",
        show=False,
        id="previous-disagreement",
        tooltip="Previous place where the respondents disagree",
    ),
]
"""`g` / `G` walk the disagreements; offered only when the open file is a merged assessment."""


class SessionScreen(Screen[None]):
    """A screen that works on the open session and offers the disagreement walk in merged files."""

    BINDINGS: ClassVar[list[BindingType]] = DISAGREEMENT_BINDINGS

    def __init__(self) -> None:
        """Start with the width class of the terminal as it is, so the first frame already has its layout."""
        super().__init__()
        # Textual sets the breakpoint class on the screen's first resize, a frame after its first paint.
        self.add_class(width_class(self.app.size.width, self.app.HORIZONTAL_BREAKPOINTS or []))

    @property
    def session(self) -> Session:
        """The open session."""
        return session_of(self)

    @property
    def merged(self) -> bool:
        """Whether the open assessment was merged from several respondents."""
        return self.session.assessment.merge is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the disagreement walk only in a merged assessment."""
        if action == "disagreement":
            return self.merged
        return True

    def action_disagreement(self, offset: int) -> None:
        """Walk to the next (or previous) place where the respondents disagree."""
        sw_app(self).next_disagreement(offset)

    def is_done(self, question_id: str | None) -> bool:
        """Tell whether the room marked a matrix or inventory question complete."""
        return question_id is not None and self.session.answer(question_id).done

    def title_with_done(self, title: str, question_id: str | None) -> Content:
        """Return an editor's title, with a check mark once its question is marked complete."""
        return Content.assemble(title, ("   ✓ complete" if self.is_done(question_id) else "", "$text-success"))

    def toggle_done(self, question_id: str | None, what: str) -> None:
        """Mark a matrix or inventory question complete (or not), save, and say which."""
        if question_id is None:
            return
        done = not self.is_done(question_id)
        self.session.set_done(question_id, done)
        sw_app(self).persist()
        self.notify(f"{what} marked complete." if done else f"{what} marked not complete.", timeout=2)

    def dispute_lines(self, subjects: list[str], kind: str) -> list[Content]:
        """Return one '≠ respondents' line per disagreement of a kind about the objects or flows given."""
        return [
            Content.assemble(("≠ respondents: ", "bold $text-error"), d.detail)
            for subject in subjects
            for d in for_subject(self.session, subject)
            if d.kind == kind
        ]
