"""Shared helpers for the content tests: the built-in bundles and small walks over their data."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from slicewise.core.kinds import is_scored
from slicewise.core.loader import Bundle, load_bundle
from slicewise.core.models.conditions import Condition
from slicewise.core.models.questionnaire import Question

ROOT = Path(__file__).resolve().parents[2]
"""The repository checkout."""

FULL = "commerce-integration"
QUICK = "quick-check"
SLICES = ["decide", "thin-slice", "exceptions", "release", "operate"]
"""The delivery slices, in the order the playbook's build sequence gives them."""


@cache
def bundle(questionnaire_id: str) -> Bundle:
    """Load a built-in questionnaire once per test session."""
    return load_bundle(questionnaire_id)


def scored_questions(loaded: Bundle) -> list[Question]:
    """Return the questions that count in a scored area."""
    scored_areas = {a.id for a in loaded.questionnaire.areas if a.scored}
    return [q for q in loaded.questionnaire.questions if q.id.split(".")[0] in scored_areas and is_scored(q)]


def leaves(condition: Condition) -> Iterator[tuple[str, object]]:
    """Yield (operator, operand) for every leaf predicate of a condition."""
    raw = condition.model_dump(by_alias=True)
    yield from _raw_leaves(raw)


def _raw_leaves(raw: dict[str, object]) -> Iterator[tuple[str, object]]:
    """Walk a dumped condition table."""
    ((operator, operand),) = raw.items()
    if operator in ("all", "any"):
        assert isinstance(operand, list)
        for inner in operand:
            yield from _raw_leaves(inner)
    elif operator == "not":
        assert isinstance(operand, dict)
        yield from _raw_leaves(operand)
    else:
        yield operator, operand
