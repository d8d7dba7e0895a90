"""evaluate(): the whole result, orphan answers, warnings and determinism."""

from __future__ import annotations

from slicewise.core.engine import evaluate
from slicewise.core.models.assessment import QuestionnaireRef

from . import factories as f

ANSWERS = {
    "context.marketplaces": {"choice": "yes"},
    "failure.idempotency": {"choice": "keys-some-flows"},
    "failure.retry": {"unknown": True},
    "testing.edge-cases": {"choices": ["partial-shipments"]},
}


def test_evaluate_fills_every_part_of_results() -> None:
    assessment = f.assessment(
        ANSWERS,
        ownership={"price": {"create": ["erp", "commerce"]}},
        flows=[f.flow("order-export", failure_owner="")],
    )
    results = evaluate(f.bundle(), assessment)
    assert (results.questionnaire_id, results.questionnaire_version) == ("mini", "1.0.0")
    assert [q.id for q in results.questions] == [q["id"] for q in f.questions()]
    assert [a.id for a in results.areas] == ["context", "failure", "testing", "ownership", "flows"]
    assert results.overall.score is not None
    assert {r.id for r in results.risks} >= {
        "duplicate-orders",
        "untested-refunds",
        "ownership.several-creators:price",
        "flows.no-failure-owner:order-export",
    }
    assert {x.risk for x in results.findings} == {r.id for r in results.risks if r.source != "rule"}
    assert [fu.question for fu in results.follow_ups] == ["failure.retry"]
    assert any(s.actions for s in results.roadmap)
    assert results.orphan_answers == []
    assert results.warnings == []


def test_orphan_answers_are_reported_and_warned() -> None:
    assessment = f.assessment({**ANSWERS, "old.question": {"choice": "x"}, "another.gone": {"text": "t"}})
    results = evaluate(f.bundle(), assessment)
    assert results.orphan_answers == ["another.gone", "old.question"]
    assert any("another.gone, old.question" in w for w in results.warnings)
    assert "old.question" in assessment.answers


def test_version_and_digest_changes_are_warned() -> None:
    assessment = f.assessment(ANSWERS)
    assessment.questionnaire = QuestionnaireRef(id="mini", version="0.9.0", digest="abc123")
    assert evaluate(f.bundle(), assessment).warnings == [
        "The answers were given against version 0.9.0 of the questionnaire; it is now 1.0.0."
    ]
    assessment.questionnaire = QuestionnaireRef(id="mini", version="1.0.0", digest="old")
    assert evaluate(f.bundle(), assessment).warnings == [
        "The questionnaire's content changed since the answers were given (digest old then, abc123 now)."
    ]


def test_stale_choice_and_items_are_warned() -> None:
    assessment = f.assessment(
        {"failure.idempotency": {"choice": "gone"}, "testing.edge-cases": {"choices": ["refunds", "old-item"]}}
    )
    warnings = evaluate(f.bundle(), assessment).warnings
    assert "failure.idempotency: the choice 'gone' no longer exists; the question counts as unanswered." in warnings
    assert "testing.edge-cases: ticked items no longer in the checklist are ignored: old-item." in warnings


def test_evaluate_is_deterministic_and_leaves_the_assessment_alone() -> None:
    assessment = f.assessment(ANSWERS, ownership={"price": {"create": ["erp", "pim"]}})
    before = assessment.model_dump()
    first = evaluate(f.bundle(), assessment).model_dump()
    second = evaluate(f.bundle(), assessment).model_dump()
    assert first == second
    assert assessment.model_dump() == before


def test_evaluate_accepts_any_object_with_questionnaire_and_scoring() -> None:
    class Loaded:
        questionnaire = f.questionnaire()
        scoring = f.scoring()
        extra = "ignored"

    results = evaluate(Loaded(), f.assessment(ANSWERS))
    assert results.area("failure").score == 1
