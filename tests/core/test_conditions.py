"""Conditions: every predicate, the combinators, explanations and referenced questions."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from slicewise.core.answers import AnswerView
from slicewise.core.conditions import clauses, evaluate, referenced_questions
from slicewise.core.models.conditions import Condition

from . import factories as f

CONDITION: TypeAdapter[Any] = TypeAdapter(Condition)


def explain(condition: Condition, view: AnswerView) -> list[str]:
    """The clauses as a risk's reasons show them: nested ones indented, each ending with its truth."""
    return ["  " * clause.depth + clause.text for clause in clauses(condition, view)]


def cond(data: dict[str, Any]) -> Condition:
    """Parse a condition table as the loader would."""
    return CONDITION.validate_python(data)


ANSWERS = {
    "context.marketplaces": {"choice": "yes"},
    "failure.idempotency": {"choice": "keys-some-flows"},
    "failure.retry": {"unknown": True},
    "failure.marketplace-returns": {"na": "out-of-scope"},
    "testing.edge-cases": {"choices": ["refunds"]},
}


def view(answers: dict[str, Any] | None = None) -> AnswerView:
    """A view of the mini questionnaire with the given answers (default ANSWERS)."""
    return AnswerView(f.questionnaire(), f.scoring(), f.assessment(ANSWERS if answers is None else answers))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"level_at_most": {"question": "failure.idempotency", "level": 1}}, True),
        ({"level_at_most": {"question": "failure.idempotency", "level": 0}}, False),
        ({"level_at_least": {"question": "failure.idempotency", "level": 1}}, True),
        ({"level_at_least": {"question": "failure.idempotency", "level": 2}}, False),
        ({"choice_in": {"question": "failure.idempotency", "choices": ["none", "keys-some-flows"]}}, True),
        ({"choice_in": {"question": "failure.idempotency", "choices": ["keys-tested"]}}, False),
        ({"has": {"question": "testing.edge-cases", "item": "refunds"}}, True),
        ({"has": {"question": "testing.edge-cases", "item": "split-orders"}}, False),
        ({"lacks": {"question": "testing.edge-cases", "item": "split-orders"}}, True),
        ({"lacks": {"question": "testing.edge-cases", "item": "refunds"}}, False),
        ({"answered": "failure.idempotency"}, True),
        ({"answered": "failure.retry"}, False),
        ({"unknown": "failure.retry"}, True),
        ({"unknown": "failure.idempotency"}, False),
        ({"na": "failure.marketplace-returns"}, True),
        ({"na": "failure.retry"}, False),
    ],
)
def test_leaf_predicates(data: dict[str, Any], expected: bool) -> None:
    assert evaluate(cond(data), view()) is expected


@pytest.mark.parametrize(
    "data",
    [
        {"level_at_most": {"question": "failure.retry", "level": 4}},  # unknown
        {"level_at_least": {"question": "failure.marketplace-returns", "level": 0}},  # N/A
        {"level_at_most": {"question": "failure.idempotency", "level": 4}},  # unanswered in the empty view
        {"lacks": {"question": "testing.edge-cases", "item": "refunds"}},
        {"choice_in": {"question": "failure.idempotency", "choices": ["none"]}},
    ],
)
def test_predicates_on_questions_without_a_real_answer_are_false(data: dict[str, Any]) -> None:
    answers = {"failure.retry": {"unknown": True}, "failure.marketplace-returns": {"na": "x"}}
    assert evaluate(cond(data), view(answers)) is False


def test_predicates_on_hidden_questions_are_false_even_when_a_stored_answer_matches() -> None:
    answers = {"context.marketplaces": {"choice": "no"}, "failure.marketplace-returns": {"choice": "l0"}}
    v = view(answers)
    assert evaluate(cond({"level_at_most": {"question": "failure.marketplace-returns", "level": 4}}), v) is False
    assert evaluate(cond({"answered": "failure.marketplace-returns"}), v) is False
    answers["failure.marketplace-returns"] = {"unknown": True}
    assert evaluate(cond({"unknown": "failure.marketplace-returns"}), view(answers)) is False


def test_combinators() -> None:
    low = {"level_at_most": {"question": "failure.idempotency", "level": 1}}
    high = {"level_at_least": {"question": "failure.idempotency", "level": 3}}
    v = view()
    assert evaluate(cond({"all": [low, {"answered": "context.marketplaces"}]}), v) is True
    assert evaluate(cond({"all": [low, high]}), v) is False
    assert evaluate(cond({"any": [high, low]}), v) is True
    assert evaluate(cond({"any": [high]}), v) is False
    assert evaluate(cond({"not": high}), v) is True
    assert evaluate(cond({"not": {"not": high}}), v) is False


def test_explain_leaf_names_answer_level_and_truth() -> None:
    lines = explain(cond({"level_at_most": {"question": "failure.idempotency", "level": 1}}), view())
    assert lines == ["failure.idempotency answered 'Keys on some flows' (level 1) ≤ 1: true"]


def test_explain_nested_clause_by_clause() -> None:
    data = {
        "all": [
            {"choice_in": {"question": "context.marketplaces", "choices": ["yes"]}},
            {"not": {"has": {"question": "testing.edge-cases", "item": "split-orders"}}},
            {"any": [{"unknown": "failure.retry"}, {"na": "failure.retry"}]},
        ]
    }
    assert explain(cond(data), view()) == [
        "all of: true",
        "  context.marketplaces answered 'Yes' (level 0), one of 'Yes': true",
        "  not: true",
        "    testing.edge-cases answered 'Refunds' (level 2), has 'Split orders' ticked: false",
        "  any of: true",
        "    failure.retry is don't-know, needs don't-know: true",
        "    failure.retry is don't-know, needs N/A: false",
    ]


def test_explain_says_why_a_predicate_on_a_missing_answer_is_false() -> None:
    lines = explain(cond({"level_at_least": {"question": "failure.idempotency", "level": 2}}), view({}))
    assert lines == ["failure.idempotency is not answered, needs level ≥ 2: false"]
    hidden = explain(cond({"answered": "failure.marketplace-returns"}), view({}))
    assert hidden == [
        "failure.marketplace-returns is not asked (its show_if does not hold), needs a real answer: false"
    ]


def test_referenced_questions_in_order_without_repeats() -> None:
    data = {
        "any": [
            {"level_at_most": {"question": "b.two", "level": 1}},
            {"not": {"answered": "a.one"}},
            {"all": [{"unknown": "b.two"}, {"has": {"question": "c.three", "item": "x"}}]},
        ]
    }
    assert referenced_questions(cond(data)) == ["b.two", "a.one", "c.three"]
