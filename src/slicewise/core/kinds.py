"""What each question kind means, in one place: its description, whether it is scored, which answer fields
apply to it and how an answer to it is checked, the answer states the load-time condition search imagines
for it, and which `AnswerView` method works out its level.

Adding a kind means a model in `models/questionnaire.py`, an entry here (with its level method on
`AnswerView`), and a widget in the TUI's kind → widget table.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from slicewise.core.models.assessment import Answer
from slicewise.core.models.questionnaire import (
    ChecklistQuestion,
    ChoiceQuestion,
    FlowInventoryQuestion,
    OwnershipMatrixQuestion,
    Question,
)
from slicewise.core.models.results import QuestionStatus

ANSWER_FIELDS = ("choice", "choices", "text", "done")
"""The answer fields that hold a value; each kind takes some of them."""


@dataclass(frozen=True)
class State:
    """One imagined answer state of a question: enough to decide any condition on it."""

    status: QuestionStatus
    choice: str | None = None
    ticked: frozenset[str] = frozenset()
    level: int | None = None


UNANSWERED = (State("unknown"), State("na"), State("unanswered"))
"""The states every kind can be in without a value."""


@dataclass(frozen=True)
class Kind:
    """One question kind."""

    name: str
    """The `kind` written in questionnaire files."""
    description: str
    """What it asks for and how its level comes about, for people."""
    fields: tuple[str, ...]
    """The answer fields that apply to it."""
    scored: Callable[[Question], bool]
    """Whether a question of this kind gives its area a level."""
    states: Callable[[Question, set[str]], list[State]]
    """Its imagined answer states, given the checklist items a condition names."""
    state_count: Callable[[Question, int], int]
    """How many states `states` would build, given how many items are named, without building them."""
    level_method: str
    """The `AnswerView` method that works out the status, level and words of an answer to it."""

    def answer_problems(self, question: Question, answer: Answer) -> list[tuple[str, str]]:
        """Return (field, message) for every part of an answer that does not fit the question."""
        problems = [
            (name, f"{question.id} is a {self.name} question; '{name}' does not apply")
            for name in ANSWER_FIELDS
            if name not in self.fields and getattr(answer, name) not in (None, False)
        ]
        if isinstance(question, ChoiceQuestion) and answer.choice is not None:
            known = [c.id for c in question.choices]
            if answer.choice not in known:
                problems.append(
                    ("choice", f"{question.id} has no choice '{answer.choice}' (choices: {', '.join(known)})")
                )
        if isinstance(question, ChecklistQuestion) and answer.choices is not None:
            items = {i.id for i in question.items}
            problems += [
                ("choices", f"{question.id} has no item '{item}'") for item in answer.choices if item not in items
            ]
        return problems


def _choice_states(question: Question, items: set[str]) -> list[State]:
    """A choice question: each choice, with its level."""
    assert isinstance(question, ChoiceQuestion)
    return [*UNANSWERED, *(State("answered", choice=c.id, level=c.level) for c in question.choices)]


def _checklist_states(question: Question, items: set[str]) -> list[State]:
    """A checklist: every combination of the items conditions name, at every level."""
    ordered = sorted(items)
    subsets = [frozenset(s) for size in range(len(ordered) + 1) for s in itertools.combinations(ordered, size)]
    return [*UNANSWERED, *(State("answered", ticked=subset, level=level) for subset in subsets for level in range(5))]


def _text_states(question: Question, items: set[str]) -> list[State]:
    """A text question: answered or not, never a level."""
    return [*UNANSWERED, State("answered")]


def _share_states(question: Question, items: set[str]) -> list[State]:
    """The matrix and the inventory: any level."""
    return [*UNANSWERED, *(State("answered", level=level) for level in range(5))]


def _choice_count(question: Question, named_items: int) -> int:
    """How many states a choice question has."""
    assert isinstance(question, ChoiceQuestion)
    return len(UNANSWERED) + len(question.choices)


def _checklist_count(question: Question, named_items: int) -> int:
    """How many states a checklist has (capped, so a huge count is computed without building anything)."""
    return len(UNANSWERED) + 5 * 2 ** min(named_items, 64)


def _own_flag(question: Question) -> bool:
    """The matrix and the inventory are scored unless the questionnaire says otherwise."""
    assert isinstance(question, (OwnershipMatrixQuestion, FlowInventoryQuestion))
    return question.scored


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "choice",
            "Pick one choice of a rubric; the level is the chosen choice's level.",
            ("choice",),
            lambda question: True,
            _choice_states,
            _choice_count,
            "choice_state",
        ),
        Kind(
            "checklist",
            "Tick any items; the level comes from the weighted share ticked, through the model's thresholds.",
            ("choices",),
            lambda question: True,
            _checklist_states,
            _checklist_count,
            "checklist_state",
        ),
        Kind(
            "text",
            "Free text for the report; never scored.",
            ("text",),
            lambda question: False,
            _text_states,
            lambda question, named: len(UNANSWERED) + 1,
            "text_state",
        ),
        Kind(
            "ownership_matrix",
            "Which systems create, update and consume each business object; the level is the share of objects "
            "cleanly owned.",
            ("done",),
            _own_flag,
            _share_states,
            lambda question, named: len(UNANSWERED) + 5,
            "ownership_state",
        ),
        Kind(
            "flow_inventory",
            "The integration flows with their pattern, latency, safeguards and failure owner; the level is the mean "
            "share of each flow's requirements met.",
            ("done",),
            _own_flag,
            _share_states,
            lambda question, named: len(UNANSWERED) + 5,
            "flows_state",
        ),
    )
}
"""Every question kind by name."""


def kind_of(question: Question) -> Kind:
    """Return the kind of a question."""
    return KINDS[question.kind]


def is_scored(question: Question) -> bool:
    """Tell whether a question contributes a level to its area."""
    return kind_of(question).scored(question)
