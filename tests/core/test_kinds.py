"""Everything a question kind means lives in `core/kinds.py`: every kind has every per-kind piece there, and no
other core module names a kind, so a sixth kind touches its model, its entry there, a widget and the TUI's
kind → widget table."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import get_args

import pytest

from slicewise.core.answers import AnswerView
from slicewise.core.kinds import ANSWER_FIELDS, KINDS
from slicewise.core.loader import Bundle, load_bundle
from slicewise.core.models.assessment import Answer, Assessment
from slicewise.core.models.questionnaire import QUESTION_KINDS, Question

CORE = Path(__file__).resolve().parents[2] / "src" / "slicewise" / "core"
KIND_HOMES = {CORE / "kinds.py", CORE / "models" / "questionnaire.py"}
"""Where kinds may be named: their entries, and their models."""


@cache
def bundle() -> Bundle:
    """The built-in questionnaire, which asks every kind."""
    return load_bundle("commerce-integration")


def test_every_model_kind_has_one_entry_and_the_tags_list_them() -> None:
    union = get_args(get_args(Question)[0])
    assert set(KINDS) == {get_args(model.model_fields["kind"].annotation)[0] for model in union} == QUESTION_KINDS


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_has_every_per_kind_piece(name: str) -> None:
    kind = KINDS[name]
    question = next(q for q in bundle().questionnaire.questions if q.kind == name)
    view = AnswerView(
        bundle().questionnaire,
        bundle().scoring,
        Assessment.model_validate({"questionnaire": {"id": "commerce-integration"}}),
    )
    assert kind.name == name and kind.description
    assert set(kind.fields) <= set(ANSWER_FIELDS) and kind.fields
    assert isinstance(kind.scored(question), bool)
    states = kind.states(question, set())
    assert kind.state_count(question, 0) == len(states)
    assert {state.status for state in states} >= {"unknown", "na", "unanswered", "answered"}
    assert kind.answer_problems(question, Answer()) == []
    nothing = kind.level(view, question, None)
    assert (nothing.question, nothing.status, nothing.level) == (question, "unanswered", None)
    assert kind.levelled == any(state.level is not None for state in states)


def _names_a_kind(tree: ast.AST) -> list[int]:
    """Lines that compare something's `kind` with a question kind's name, or list the names themselves."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            about_kind = any(isinstance(s, ast.Attribute) and s.attr == "kind" for s in sides)
            named = {c.value for s in sides for c in ast.walk(s) if isinstance(c, ast.Constant)}
            if about_kind and named & QUESTION_KINDS:
                lines.append(node.lineno)
        elif isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            values = {e.value for e in node.elts if isinstance(e, ast.Constant)}
            if len(values & QUESTION_KINDS) >= 3:
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", sorted(set(CORE.rglob("*.py")) - KIND_HOMES), ids=lambda p: str(p.relative_to(CORE)))
def test_no_other_core_module_switches_on_a_kind_name(path: Path) -> None:
    assert _names_a_kind(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_the_kind_switch_finder_finds_switches() -> None:
    assert _names_a_kind(ast.parse('if question.kind == "text": pass')) == [1]
    assert _names_a_kind(ast.parse('if q.kind in ("choice", "checklist"): pass')) == [1]
    assert _names_a_kind(ast.parse('TAGS = {"choice", "checklist", "text"}')) == [1]
    assert _names_a_kind(ast.parse('if disagreement.kind == "creators": pass')) == []
