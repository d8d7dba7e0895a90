"""Walking the questions by what is left to do: the next one unanswered, the next one marked don't-know."""

from __future__ import annotations

from slicewise.tui.session import Session

LEFT_TO_DO = {"unanswered": "unanswered question", "unknown": "don't-know question"}
"""The statuses walked, and how a message names a question with each."""


def next_with_status(session: Session, question_id: str, status: str) -> str | None:
    """Return the next asked question after `question_id` with a status, wrapping round; None when none is left."""
    asked = [question.id for question in session.visible_questions()]
    here = asked.index(question_id) if question_id in asked else -1
    for candidate in asked[here + 1 :] + asked[: here + 1]:
        if candidate != question_id and session.status(candidate) == status:
            return candidate
    return None
