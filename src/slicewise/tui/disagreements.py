"""Where the respondents of a merged assessment disagree, as places the consultant can walk to in order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from slicewise.core.models.questionnaire import FlowInventoryQuestion, OwnershipMatrixQuestion

if TYPE_CHECKING:
    from slicewise.core.models.assessment import Disagreement
    from slicewise.tui.session import Session


@dataclass(frozen=True)
class Stop:
    """One place with a disagreement: a question, an object of the ownership matrix, or a flow."""

    where: Literal["question", "object", "flow"]
    """What kind of place it is."""
    subject: str
    """The question id, object id or flow id."""
    question_id: str
    """The question it belongs to (the matrix or inventory question for objects and flows)."""
    order: tuple[int, int]
    """Its position in walking order: question index, then the object's or flow's index (-1 for a question)."""
    disagreements: tuple[Disagreement, ...]
    """What the respondents disagree about there."""


def stops(session: Session) -> list[Stop]:
    """Return every place with a disagreement, in the order the questions are walked."""
    merge = session.assessment.merge
    if merge is None or not merge.disagreements:
        return []
    by_subject: dict[str, list[Disagreement]] = {}
    for disagreement in merge.disagreements:
        by_subject.setdefault(disagreement.subject, []).append(disagreement)
    found: list[Stop] = []
    for index, question in enumerate(session.questions):
        if not session.is_visible(question.id):
            continue
        own = [d for d in by_subject.get(question.id, []) if d.kind in ("level_spread", "choice")]
        if own:
            found.append(Stop("question", question.id, question.id, (index, -1), tuple(own)))
        if isinstance(question, OwnershipMatrixQuestion):
            for position, object_id in enumerate(session.matrix_objects()):
                claims = [d for d in by_subject.get(object_id, []) if d.kind == "creators"]
                if claims:
                    found.append(Stop("object", object_id, question.id, (index, position), tuple(claims)))
        elif isinstance(question, FlowInventoryQuestion):
            for position, flow in enumerate(session.assessment.flows):
                facts = [d for d in by_subject.get(flow.id, []) if d.kind == "flow"]
                if facts:
                    found.append(Stop("flow", flow.id, question.id, (index, position), tuple(facts)))
    return found


def following(session: Session, here: tuple[int, int], offset: int = 1) -> tuple[Stop, bool] | None:
    """Return the next (or, with offset -1, previous) stop from a position, and whether it wrapped round."""
    found = stops(session)
    if not found:
        return None
    if offset > 0:
        after = [s for s in found if s.order > here]
        return (after[0], False) if after else (found[0], True)
    before = [s for s in found if s.order < here]
    return (before[-1], False) if before else (found[-1], True)


def position_of_question(session: Session, question_id: str) -> tuple[int, int]:
    """Return the walking position of a question shown on the question screen."""
    order = [q.id for q in session.questions]
    return (order.index(question_id), -1) if question_id in order else (-1, -1)


def for_subject(session: Session, subject: str) -> list[Disagreement]:
    """Return the disagreements recorded about one question, object or flow."""
    merge = session.assessment.merge
    return [d for d in merge.disagreements if d.subject == subject] if merge is not None else []


def short_names(names: list[str]) -> dict[str, str]:
    """Shorten respondents' names to their first word when that still tells them apart."""
    first = {name: name.split()[0] if name.split() else name for name in names}
    return first if len(set(first.values())) == len(first) else {name: name for name in names}


def summary(session: Session, stop: Stop) -> str:
    """Say in a few words what is disputed at a stop (the screen it opens shows who said what)."""
    if stop.where == "question":
        spread = max(d.spread for d in stop.disagreements)
        return f"Levels {spread} apart" if spread else "Different answers"
    if stop.where == "object":
        return f"Who creates {session.object_label(stop.subject)}"
    return f"Flow {describe(session, stop)} described differently"


def describe(session: Session, stop: Stop) -> str:
    """Name a stop for a list: the question's prompt, the object's or the flow's name."""
    if stop.where == "question":
        question = session.question(stop.subject)
        return question.prompt if question is not None else stop.subject
    if stop.where == "object":
        return session.object_label(stop.subject)
    flow = next((f for f in session.assessment.flows if f.id == stop.subject), None)
    return flow.name if flow else stop.subject
