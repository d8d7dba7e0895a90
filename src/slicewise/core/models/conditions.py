"""Declarative conditions (`show_if` on questions, `when` on risk rules): data, never code.

A condition is a TOML table with exactly one key naming its operator, for example
`{ level_at_most = { question = "failure.idempotency", level = 1 } }` or
`{ all = [ { answered = "context.marketplaces" }, { choice_in = { question = "context.marketplaces",
choices = ["yes"] } } ] }`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag

from slicewise.core.models.base import Level, QuestionId, Slug, Strict


class LevelRef(Strict):
    """A question and a maturity level to compare its answer with."""

    question: QuestionId
    """The question whose answered level is compared."""
    level: Level
    """The level it is compared with."""


class ChoiceRef(Strict):
    """A question and the choice ids that satisfy the predicate."""

    question: QuestionId
    """The `choice` question whose answer is tested."""
    choices: list[Slug] = Field(min_length=1)
    """Choice ids of that question; the predicate holds when the answer is one of them."""


class ItemRef(Strict):
    """A checklist question and one of its items."""

    question: QuestionId
    """The `checklist` question whose ticked items are tested."""
    item: Slug
    """The item id looked for among the ticked items."""


class LevelAtMost(Strict):
    """Holds when the question is answered and its level is at most the given level."""

    level_at_most: LevelRef
    """The question and the highest level that still satisfies the predicate."""


class LevelAtLeast(Strict):
    """Holds when the question is answered and its level is at least the given level."""

    level_at_least: LevelRef
    """The question and the lowest level that satisfies the predicate."""


class ChoiceIn(Strict):
    """Holds when a choice question is answered with one of the listed choices."""

    choice_in: ChoiceRef
    """The question and the accepted choices."""


class Has(Strict):
    """Holds when a checklist question is answered and the item is ticked."""

    has: ItemRef
    """The checklist question and the item that must be ticked."""


class Lacks(Strict):
    """Holds when a checklist question is answered and the item is not ticked."""

    lacks: ItemRef
    """The checklist question and the item that must be missing."""


class Answered(Strict):
    """Holds when the question has a real answer (not don't-know, not N/A)."""

    answered: QuestionId
    """The question that must be answered."""


class Unknown(Strict):
    """Holds when the question was answered with don't-know."""

    unknown: QuestionId
    """The question marked don't-know."""


class NotApplicable(Strict):
    """Holds when the question was marked not applicable."""

    na: QuestionId
    """The question marked N/A."""


class AllOf(Strict):
    """Holds when every inner condition holds."""

    all: list[Condition] = Field(min_length=1)
    """The conditions that must all hold."""


class AnyOf(Strict):
    """Holds when at least one inner condition holds."""

    any: list[Condition] = Field(min_length=1)
    """The conditions of which one must hold."""


class Not(Strict):
    """Holds when the inner condition does not."""

    not_: Condition = Field(alias="not")
    """The condition that must not hold."""


OPERATORS = (
    "level_at_most",
    "level_at_least",
    "choice_in",
    "has",
    "lacks",
    "answered",
    "unknown",
    "na",
    "all",
    "any",
    "not",
)


def _operator_of(value: Any) -> str | None:
    """Name the operator of a raw condition table (its single key), for the discriminated union."""
    if isinstance(value, dict):
        keys = [key for key in value if key in OPERATORS]
        return keys[0] if len(keys) == 1 else None
    for name in OPERATORS:
        attr = "not_" if name == "not" else name
        if hasattr(value, attr):
            return name
    return None


Condition = Annotated[
    Annotated[LevelAtMost, Tag("level_at_most")]
    | Annotated[LevelAtLeast, Tag("level_at_least")]
    | Annotated[ChoiceIn, Tag("choice_in")]
    | Annotated[Has, Tag("has")]
    | Annotated[Lacks, Tag("lacks")]
    | Annotated[Answered, Tag("answered")]
    | Annotated[Unknown, Tag("unknown")]
    | Annotated[NotApplicable, Tag("na")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")],
    Discriminator(
        _operator_of,
        custom_error_type="condition",
        custom_error_message="a condition is a table with exactly one operator key: " + ", ".join(OPERATORS),
    ),
]
