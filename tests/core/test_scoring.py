"""Scoring: weighted means, caps, coverage with don't-know and N/A, targets and gaps, overall, follow-ups."""

from __future__ import annotations

from typing import Any

import pytest

from slicewise.core.engine import evaluate
from slicewise.core.models.results import Results

from . import factories as f


def failure_questions(critical_retry: bool = False) -> list[dict[str, Any]]:
    """The failure area: idempotency (critical), retry, alerting (weight 2), and a context question."""
    return [
        f.choice_q("context.marketplaces"),
        f.choice_q("failure.idempotency", critical=True),
        f.choice_q("failure.retry", critical=critical_retry),
        f.choice_q("failure.alerting", weight=2),
        f.choice_q("testing.contracts"),
    ]


def run(answers: dict[str, Any], questions=None, model=None, **assessment_extra: Any) -> Results:
    """Evaluate the answers on the given questions and model."""
    bundle = f.bundle(
        questionnaire=f.questionnaire(questions if questions is not None else failure_questions()),
        scoring=f.scoring(model_data=model, risks=[], action_list=[]),
    )
    return evaluate(bundle, f.assessment(answers, **assessment_extra))


def test_area_score_is_weighted_mean_of_answered_questions() -> None:
    results = run(
        {
            "failure.idempotency": {"choice": "l4"},
            "failure.retry": {"choice": "l1"},
            "failure.alerting": {"choice": "l2"},
        }
    )
    area = results.area("failure")
    assert area.score == pytest.approx((4 + 1 + 2 * 2) / 4)
    assert area.uncapped_score == area.score
    assert area.level == 2
    assert area.level_name == "Emerging"
    assert area.cap is None and area.capped_by == []
    assert area.reasons[0].text == "Weighted mean of 3 answered questions: (4×1 + 1×1 + 2×2) / 4 = 2.25."


def test_model_question_weights_override_question_weights() -> None:
    answers = {"failure.retry": {"choice": "l1"}, "failure.alerting": {"choice": "l3"}}
    plain = run(answers).area("failure")
    assert plain.score == pytest.approx((1 + 3 * 2) / 3)
    tuned = run(answers, model=f.model(question_weights={"failure.alerting": 1, "failure.retry": 3})).area("failure")
    assert tuned.score == pytest.approx((1 * 3 + 3) / 4)
    assert tuned.reasons[0].text.startswith("Weighted mean of 2 answered questions: (1×3 + 3×1) / 4")


def test_critical_question_caps_its_area() -> None:
    results = run(
        {
            "failure.idempotency": {"choice": "l0"},
            "failure.retry": {"choice": "l4"},
            "failure.alerting": {"choice": "l4"},
        }
    )
    area = results.area("failure")
    assert area.uncapped_score == pytest.approx(3.0)
    assert area.cap == 1
    assert area.score == 1
    assert area.capped_by == ["failure.idempotency"]
    assert area.level == 1
    cap_reason = next(r for r in area.reasons if r.text.startswith("Capped"))
    assert cap_reason.refs == ["failure.idempotency"]
    assert "critical failure.idempotency at level 0 (level + 1)" in cap_reason.text


def test_cap_is_not_recorded_when_it_does_not_lower_the_mean() -> None:
    area = run({"failure.idempotency": {"choice": "l2"}, "failure.retry": {"choice": "l3"}}).area("failure")
    assert area.score == pytest.approx(2.5)
    assert area.cap is None
    assert area.capped_by == []


def test_cap_margin_and_several_critical_questions_setting_the_same_cap() -> None:
    answers = {
        "failure.idempotency": {"choice": "l1"},
        "failure.retry": {"choice": "l1"},
        "failure.alerting": {"choice": "l4"},
    }
    area = run(answers, questions=failure_questions(critical_retry=True)).area("failure")
    assert area.cap == 2
    assert area.capped_by == ["failure.idempotency", "failure.retry"]
    wider = run(answers, questions=failure_questions(critical_retry=True), model=f.model(cap_margin=2))
    assert wider.area("failure").cap is None  # cap 3 is above the mean of 2.5


def test_unknown_lowers_coverage_and_is_never_a_zero() -> None:
    results = run(
        {
            "failure.idempotency": {"choice": "l3"},
            "failure.retry": {"unknown": True, "note": "Ask the ERP team"},
            "failure.alerting": {"na": "out-of-scope"},
        }
    )
    area = results.area("failure")
    assert area.score == 3
    assert (area.counts.asked, area.applicable, area.answered, area.unknown, area.na, area.unanswered) == (
        3,
        2,
        1,
        1,
        1,
        0,
    )
    assert area.coverage == pytest.approx(1 / 2)
    assert area.provisional  # half answered is below the default 70% threshold
    assert [fu.question for fu in results.follow_ups] == ["failure.retry"]
    assert results.follow_ups[0].note == "Ask the ERP team"
    texts = [r.text for r in area.reasons]
    assert "Coverage: 1 of 2 applicable questions answered (50%); 1 don't-know, 1 N/A left out." in texts
    assert "Don't-know on failure.retry: follow-ups, never counted as zero." in texts


def test_hidden_questions_are_counted_apart_and_not_scored() -> None:
    questions = failure_questions()
    questions[3] = f.choice_q(
        "failure.alerting", weight=2, show_if={"level_at_least": {"question": "failure.retry", "level": 3}}
    )
    results = run({"failure.retry": {"choice": "l1"}, "failure.alerting": {"choice": "l0"}}, questions=questions)
    area = results.area("failure")
    assert area.hidden == 1
    assert area.applicable == 2
    assert area.score == 1
    assert results.question("failure.alerting").status == "hidden"
    assert results.question("failure.alerting").level is None


def test_target_override_and_gap() -> None:
    answers = {"failure.idempotency": {"choice": "l2"}, "testing.contracts": {"choice": "l4"}}
    results = run(answers)
    assert results.area("failure").target == 3
    assert results.area("failure").gap == pytest.approx(1.0)
    assert results.area("testing").target == 2
    assert results.area("testing").gap == 0
    overridden = run(answers, targets={"failure": 4})
    assert overridden.area("failure").target == 4
    assert overridden.area("failure").gap == pytest.approx(2.0)
    assert "Target 4 (set for this assessment); gap 2.00." in [r.text for r in overridden.area("failure").reasons]


def test_area_without_answers_has_no_score_and_no_gap() -> None:
    area = run({}).area("failure")
    assert area.score is None and area.level is None and area.gap is None
    assert area.coverage == 0
    assert area.unanswered == 3


def test_overall_is_weighted_mean_of_scored_areas_with_a_score() -> None:
    results = run(
        {
            "context.marketplaces": {"choice": "l4"},
            "failure.idempotency": {"choice": "l3"},
            "testing.contracts": {"choice": "l0"},
        }
    )
    # failure weighs 2 (model), testing 1; context is not scored; ownership and flows have no questions.
    assert results.overall.score == pytest.approx((3 * 2 + 0 * 1) / 3)
    assert results.overall.level == 2
    assert results.overall.answered == 2
    assert results.overall.applicable == 4
    assert results.overall.coverage == pytest.approx(2 / 4)
    assert results.area("context").score is None
    assert results.area("context").scored is False


def test_overall_without_any_answer() -> None:
    results = run({})
    assert results.overall.score is None
    assert results.overall.level is None
    assert results.overall.reasons[0].text == "No scored area has an answer yet: no overall score."


def test_question_results_carry_weight_status_and_words() -> None:
    results = run(
        {"failure.alerting": {"choice": "l2"}, "failure.retry": {"na": "no-retries", "na_note": "Batch only"}}
    )
    alerting = results.question("failure.alerting")
    assert (alerting.status, alerting.level, alerting.weight, alerting.answer) == (
        "answered",
        2,
        2.0,
        "Level 2 practice",
    )
    retry = results.question("failure.retry")
    assert retry.status == "na"
    assert retry.answer == "N/A (no-retries): Batch only"
    assert retry.reasons[0].text == "failure.retry is N/A (no-retries): excluded from the score and from coverage."
    context = results.question("context.marketplaces")
    assert context.scored is False


def test_score_floor_gives_level() -> None:
    results = run({"failure.retry": {"choice": "l3"}, "failure.alerting": {"choice": "l2"}})
    assert results.area("failure").score == pytest.approx(7 / 3)
    assert results.area("failure").level == 2


def test_worked_example_of_docs_scoring_md() -> None:
    questions = [
        f.choice_q("failure.idempotency", critical=True, weight=2),
        f.choice_q("failure.retry"),
        {
            "id": "failure.edge-cases",
            "kind": "checklist",
            "prompt": "Which edge cases?",
            "guidance": "G.",
            "items": [
                {"id": "refunds", "label": "Refunds", "weight": 2},
                {"id": "split-orders", "label": "Split orders"},
                {"id": "partial-shipments", "label": "Partial shipments"},
                {"id": "failed-captures", "label": "Failed captures"},
            ],
        },
        f.choice_q("failure.alerting"),
    ]
    answers = {
        "failure.idempotency": {"choice": "l1"},
        "failure.retry": {"choice": "l4"},
        "failure.edge-cases": {"choices": ["refunds", "split-orders"]},
        "failure.alerting": {"unknown": True},
    }
    area = run(answers, questions=questions).area("failure")
    assert (area.score, area.cap, area.level, area.gap, area.coverage) == (2.0, None, 2, 1.0, 0.75)
    answers["failure.edge-cases"] = {"choices": ["refunds", "split-orders", "partial-shipments", "failed-captures"]}
    capped = run(answers, questions=questions).area("failure")
    assert (capped.uncapped_score, capped.score, capped.capped_by) == (2.5, 2.0, ["failure.idempotency"])


def test_answered_context_questions_say_they_are_not_scored() -> None:
    questions = [f.choice_q("context.marketplaces"), {**f.questions()[1]}]
    results = run({"context.marketplaces": {"choice": "l2"}, "context.platform": {"text": "Shopify"}}, questions)
    marketplaces = results.question("context.marketplaces")
    assert marketplaces.level is None
    assert marketplaces.reasons[-1].text == (
        "context.marketplaces is in a context area: it informs the assessment but is not scored."
    )
    platform = results.question("context.platform")
    assert (platform.status, platform.answer) == ("answered", "Shopify")
    assert (
        platform.reasons[-1].text == "context.platform is a text answer: it informs the assessment but is not scored."
    )


def test_hidden_question_reasons_show_its_show_if_clause_by_clause() -> None:
    questions = [
        f.choice_q("failure.retry"),
        f.choice_q("failure.alerting", show_if={"level_at_least": {"question": "failure.retry", "level": 3}}),
    ]
    results = run({"failure.retry": {"choice": "l1"}}, questions=questions)
    assert [r.text for r in results.question("failure.alerting").reasons] == [
        "failure.alerting is not asked: its show_if does not hold, so it is not applicable and not scored.",
        "  failure.retry answered 'Level 1 practice' (level 1) ≥ 3: false",
    ]
