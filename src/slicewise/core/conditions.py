"""Evaluate and explain declarative conditions (`show_if`, risk `when`) on an AnswerView, never with eval."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from slicewise.core.models.conditions import (
    AllOf,
    Answered,
    AnyOf,
    ChoiceIn,
    Condition,
    Has,
    Lacks,
    LevelAtLeast,
    LevelAtMost,
    Not,
    NotApplicable,
    Unknown,
)
from slicewise.core.models.questionnaire import ChecklistQuestion, ChoiceQuestion

if TYPE_CHECKING:
    from slicewise.core.answers import AnswerView
    from slicewise.core.models.results import QuestionStatus


class Facts(Protocol):
    """What a condition reads about the questions it names. Scoring passes the real answers (`AnswerView`);
    the load-time satisfiability search passes imagined ones; both go through the one `evaluate` below."""

    def status(self, question_id: str) -> QuestionStatus:
        """answered / unknown / na / unanswered / hidden."""
        ...

    def level(self, question_id: str) -> int | None:
        """The level of an answered question, or None."""
        ...

    def choice(self, question_id: str) -> str | None:
        """The chosen choice id of an answered choice question, or None."""
        ...

    def ticked(self, question_id: str) -> set[str]:
        """The ticked item ids of an answered checklist (empty otherwise)."""
        ...


@dataclass
class Clause:
    """One line of a condition's explanation: its depth, its text, its truth and the questions it names."""

    depth: int
    """Nesting depth (0 for the top clause)."""
    text: str
    """The clause with the answer it looked at, ending with `: true` or `: false`."""
    holds: bool
    """Whether the clause holds."""
    refs: list[str] = field(default_factory=list)
    """The question ids the clause looks at."""


def evaluate(condition: Condition, view: Facts) -> bool:
    """Tell whether a condition holds on the answers; predicates on questions without a real answer are false."""
    if isinstance(condition, AllOf):
        return all(evaluate(inner, view) for inner in condition.all)
    if isinstance(condition, AnyOf):
        return any(evaluate(inner, view) for inner in condition.any)
    if isinstance(condition, Not):
        return not evaluate(condition.not_, view)
    if isinstance(condition, LevelAtMost):
        level = view.level(condition.level_at_most.question)
        return level is not None and level <= condition.level_at_most.level
    if isinstance(condition, LevelAtLeast):
        level = view.level(condition.level_at_least.question)
        return level is not None and level >= condition.level_at_least.level
    if isinstance(condition, ChoiceIn):
        chosen = view.choice(condition.choice_in.question)
        return chosen is not None and chosen in condition.choice_in.choices
    if isinstance(condition, Has):
        return view.status(condition.has.question) == "answered" and condition.has.item in view.ticked(
            condition.has.question
        )
    if isinstance(condition, Lacks):
        return view.status(condition.lacks.question) == "answered" and condition.lacks.item not in view.ticked(
            condition.lacks.question
        )
    if isinstance(condition, Answered):
        return view.status(condition.answered) == "answered"
    if isinstance(condition, Unknown):
        return view.status(condition.unknown) == "unknown"
    if isinstance(condition, NotApplicable):
        return view.status(condition.na) == "na"
    raise TypeError(f"not a condition: {condition!r}")


def walk(condition: Condition) -> Iterator[Condition]:
    """Yield a condition and every condition nested in it, depth first."""
    yield condition
    if isinstance(condition, AllOf):
        for inner in condition.all:
            yield from walk(inner)
    elif isinstance(condition, AnyOf):
        for inner in condition.any:
            yield from walk(inner)
    elif isinstance(condition, Not):
        yield from walk(condition.not_)


def leaf_question(condition: Condition) -> str | None:
    """Return the question id a leaf predicate looks at (None for all / any / not)."""
    if isinstance(condition, LevelAtMost):
        return condition.level_at_most.question
    if isinstance(condition, LevelAtLeast):
        return condition.level_at_least.question
    if isinstance(condition, ChoiceIn):
        return condition.choice_in.question
    if isinstance(condition, Has):
        return condition.has.question
    if isinstance(condition, Lacks):
        return condition.lacks.question
    if isinstance(condition, Answered):
        return condition.answered
    if isinstance(condition, Unknown):
        return condition.unknown
    if isinstance(condition, NotApplicable):
        return condition.na
    return None


def referenced_questions(condition: Condition) -> list[str]:
    """Return the question ids a condition looks at, each once, in the order they appear."""
    return list(dict.fromkeys(q for node in walk(condition) if (q := leaf_question(node)) is not None))


def clauses(condition: Condition, view: AnswerView, depth: int = 0) -> list[Clause]:
    """Explain a condition as structured clauses (text, truth and referenced questions)."""
    if isinstance(condition, (AllOf, AnyOf)):
        inner = condition.all if isinstance(condition, AllOf) else condition.any
        holds = evaluate(condition, view)
        word = "all of" if isinstance(condition, AllOf) else "any of"
        head = Clause(depth, f"{word}: {_truth(holds)}", holds, referenced_questions(condition))
        result = [head]
        for each in inner:
            result.extend(clauses(each, view, depth + 1))
        return result
    if isinstance(condition, Not):
        holds = evaluate(condition, view)
        head = Clause(depth, f"not: {_truth(holds)}", holds, referenced_questions(condition))
        return [head, *clauses(condition.not_, view, depth + 1)]
    holds = evaluate(condition, view)
    question_id = str(leaf_question(condition))
    return [Clause(depth, f"{_leaf_text(condition, view)}: {_truth(holds)}", holds, [question_id])]


def _truth(holds: bool) -> str:
    """Spell a truth value."""
    return "true" if holds else "false"


def _leaf_text(condition: Condition, view: AnswerView) -> str:
    """Describe a leaf predicate together with the answer it looked at."""
    question_id = str(leaf_question(condition))
    state = view.describe(question_id)
    answered = view.status(question_id) == "answered"
    if isinstance(condition, LevelAtMost):
        bound = f"≤ {condition.level_at_most.level}"
        return f"{question_id} {state} {bound}" if answered else f"{question_id} {state}, needs level {bound}"
    if isinstance(condition, LevelAtLeast):
        bound = f"≥ {condition.level_at_least.level}"
        return f"{question_id} {state} {bound}" if answered else f"{question_id} {state}, needs level {bound}"
    if isinstance(condition, ChoiceIn):
        labels = ", ".join(f"'{_choice_label(view, question_id, c)}'" for c in condition.choice_in.choices)
        return f"{question_id} {state}, one of {labels}"
    if isinstance(condition, Has):
        return f"{question_id} {state}, has '{_item_label(view, question_id, condition.has.item)}' ticked"
    if isinstance(condition, Lacks):
        return f"{question_id} {state}, lacks '{_item_label(view, question_id, condition.lacks.item)}'"
    if isinstance(condition, Answered):
        return f"{question_id} {state}, needs a real answer"
    if isinstance(condition, Unknown):
        return f"{question_id} {state}, needs don't-know"
    return f"{question_id} {state}, needs N/A"


def _choice_label(view: AnswerView, question_id: str, choice_id: str) -> str:
    """Return a choice's label (its id when the question does not have it)."""
    question = view.question(question_id)
    if isinstance(question, ChoiceQuestion):
        return next((c.label for c in question.choices if c.id == choice_id), choice_id)
    return choice_id


def _item_label(view: AnswerView, question_id: str, item_id: str) -> str:
    """Return a checklist item's label (its id when the question does not have it)."""
    question = view.question(question_id)
    if isinstance(question, ChecklistQuestion):
        return next((i.label for i in question.items if i.id == item_id), item_id)
    return item_id
