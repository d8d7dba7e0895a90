"""Score properties over random assessments: the scale holds, raising an answer never lowers its area,
N/A leaves every other question alone."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slicewise.core.engine import evaluate
from slicewise.core.loader import Bundle
from slicewise.core.models.assessment import Answer, Assessment, OwnershipEntry
from slicewise.core.models.questionnaire import (
    ChecklistQuestion,
    ChoiceQuestion,
    FlowInventoryQuestion,
    OwnershipMatrixQuestion,
    Question,
    area_of,
)
from slicewise.core.models.results import Results

from .bundles import BUNDLES, examples
from .strategies import assessments

EXAMPLES = {"mini": 40, "builtin": 10}
"""Examples per bundle: the built-in questionnaire has 75 questions, so each example costs more to draw."""
EPS = 1e-9


def property_settings(name: str) -> settings:
    """Bounded hypothesis settings, so the whole proof folder stays well under a minute on two cores."""
    return settings(max_examples=examples(EXAMPLES[name]), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _scores(results: Results) -> dict[str, float | None]:
    """Area id → score."""
    return {area.id: area.score for area in results.areas}


@pytest.mark.parametrize("name", sorted(BUNDLES))
def test_scores_stay_within_the_scale(name: str) -> None:
    """Every area score, uncapped score, level, coverage and the overall score stay within 0–4 (0–1)."""
    bundle = BUNDLES[name]()

    @property_settings(name)
    @given(assessments(bundle))
    def check(assessment: Assessment) -> None:
        results = evaluate(bundle, assessment)
        for area in results.areas:
            for value in (area.score, area.uncapped_score):
                assert value is None or 0.0 <= value <= 4.0, (area.id, value)
            assert area.level is None or 0 <= area.level <= 4
            assert 0.0 <= area.coverage <= 1.0
            assert area.gap is None or 0.0 <= area.gap <= 4.0
        overall = results.overall
        assert overall.score is None or 0.0 <= overall.score <= 4.0
        assert overall.level is None or 0 <= overall.level <= 4
        assert 0.0 <= overall.coverage <= 1.0
        for question in results.questions:
            assert question.level is None or 0 <= question.level <= 4

    check()


def _raise_moves(bundle: Bundle, assessment: Assessment, question: Question) -> list[Assessment]:
    """Every single change that raises this question's answer by one step (empty when none can)."""
    answer = assessment.answers.get(question.id)
    moves: list[Assessment] = []

    def with_answer(new: Answer) -> Assessment:
        copy = assessment.model_copy(deep=True)
        copy.answers[question.id] = new
        return copy

    real = answer is not None and not answer.na and not answer.unknown
    if isinstance(question, ChoiceQuestion) and real and answer is not None and answer.choice is not None:
        current = next((c.level for c in question.choices if c.id == answer.choice), None)
        if current is not None:
            for choice in question.choices:
                if choice.level > current:
                    moves.append(with_answer(answer.model_copy(update={"choice": choice.id})))
    elif isinstance(question, ChecklistQuestion) and real and answer is not None and answer.choices is not None:
        for item in question.items:
            if item.id not in answer.choices:
                moves.append(with_answer(answer.model_copy(update={"choices": [*answer.choices, item.id]})))
    elif isinstance(question, FlowInventoryQuestion):
        for number, flow in enumerate(assessment.flows):
            for safeguard in ("idempotency", "retry", "dead-letter", "alert"):
                if safeguard not in flow.safeguards:
                    copy = assessment.model_copy(deep=True)
                    copy.flows[number].safeguards.append(safeguard)
                    moves.append(copy)
            if not flow.failure_owner.strip():
                copy = assessment.model_copy(deep=True)
                copy.flows[number].failure_owner = "Integration team"
                moves.append(copy)
    elif isinstance(question, OwnershipMatrixQuestion):
        systems = [s.id for s in bundle.questionnaire.systems]
        for object_id in assessment.ownership:
            copy = assessment.model_copy(deep=True)
            copy.ownership[object_id] = OwnershipEntry(create=[systems[0]], consume=list(systems[1:3]))
            moves.append(copy)
    return moves


@pytest.mark.parametrize("name", sorted(BUNDLES))
def test_raising_an_answer_never_lowers_its_area(name: str) -> None:
    """Choosing a higher-level choice, ticking one more item, adding a safeguard or cleaning an object's
    ownership never lowers the score of the question's own area, nor the overall score."""
    bundle = BUNDLES[name]()
    scored = [q for q in bundle.questionnaire.questions if bundle.questionnaire.area(area_of(q.id)).scored]
    compared = [0]

    @property_settings(name)
    @given(assessments(bundle))
    def check(assessment: Assessment) -> None:
        before = evaluate(bundle, assessment)
        moves = [(q, raised) for q in scored for raised in _raise_moves(bundle, assessment, q)]
        for question, raised in moves:
            area = area_of(question.id)
            after = evaluate(bundle, raised)
            old, new = _scores(before)[area], _scores(after)[area]
            if old is None:
                continue
            compared[0] += 1
            assert new is not None and new >= old - EPS, (question.id, old, new)
            assert before.overall.score is not None and after.overall.score is not None
            assert after.overall.score >= before.overall.score - EPS, (question.id, before.overall, after.overall)

    check()
    print(f"raising ({name}): {compared[0]} raised answers compared")
    assert compared[0] >= 10, "too few raised answers were compared for the property to mean anything"


def _referenced(condition: Any) -> set[str]:
    """Every question id a condition (as dumped data) refers to."""
    found: set[str] = set()
    if isinstance(condition, dict):
        for key, value in condition.items():
            if key in ("answered", "unknown", "na", "question") and isinstance(value, str):
                found.add(value)
            else:
                found |= _referenced(value)
    elif isinstance(condition, list):
        for item in condition:
            found |= _referenced(item)
    return found


def dependents(bundle: Bundle, question_id: str) -> set[str]:
    """The questions whose show_if depends, directly or through others, on this question."""
    uses = {
        q.id: _referenced(q.show_if.model_dump(by_alias=True)) if q.show_if is not None else set()
        for q in bundle.questionnaire.questions
    }
    found: set[str] = set()
    frontier = {question_id}
    while frontier:
        frontier = {qid for qid, refs in uses.items() if refs & frontier and qid not in found}
        found |= frontier
    return found


@pytest.mark.parametrize("name", sorted(BUNDLES))
def test_marking_na_never_changes_other_levels(name: str) -> None:
    """Marking one question N/A leaves every other question's status and level, and every area that holds
    neither it nor a follow-up of it, exactly as it was; a follow-up (show_if on it) can only become hidden."""
    bundle = BUNDLES[name]()
    questions = bundle.questionnaire.questions

    @property_settings(name)
    @given(assessments(bundle), st.data())
    def check(assessment: Assessment, data: st.DataObject) -> None:
        question = data.draw(st.sampled_from(questions), label="question")
        marked = assessment.model_copy(deep=True)
        marked.answers[question.id] = Answer(na="out-of-scope", na_note="Not for this client")
        before, after = evaluate(bundle, assessment), evaluate(bundle, marked)
        follow_ups = dependents(bundle, question.id)
        old = {q.id: q for q in before.questions}
        for result in after.questions:
            if result.id == question.id:
                continue
            previous = old[result.id]
            if result.id in follow_ups and result.status == "hidden":
                continue
            assert (result.status, result.level) == (previous.status, previous.level), result.id
        touched = {area_of(question.id)} | {area_of(qid) for qid in follow_ups}
        old_areas = {a.id: a for a in before.areas}
        for area in after.areas:
            if area.id not in touched:
                assert area.score == old_areas[area.id].score, area.id

    check()


def test_na_on_a_show_if_source_hides_its_follow_up() -> None:
    """The one way N/A reaches another question: a follow-up whose show_if needs a real answer to the
    N/A question is no longer asked, so it leaves its area's score (the show_if semantics, kept visible)."""
    bundle = BUNDLES["mini"]()
    base = Assessment.model_validate(
        {
            "questionnaire": {"id": "mini"},
            "answers": {
                "context.marketplaces": {"choice": "yes"},
                "failure.marketplace-rejects": {"choice": "nobody"},
                "failure.idempotency": {"choice": "all-flows"},
            },
        }
    )
    marked = base.model_copy(deep=True)
    marked.answers["context.marketplaces"] = Answer(na="out-of-scope")
    before, after = evaluate(bundle, base), evaluate(bundle, marked)
    status = {q.id: q.status for q in after.questions}
    assert status["failure.marketplace-rejects"] == "hidden"
    assert _scores(before)["failure"] != _scores(after)["failure"]
    assert dependents(bundle, "context.marketplaces") == {"failure.marketplace-rejects"}
