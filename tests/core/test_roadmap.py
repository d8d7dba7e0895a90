"""Roadmap: selection by risks and gaps, dependency push, ordering within a slice, reasons."""

from __future__ import annotations

from typing import Any

from slicewise.core.engine import evaluate
from slicewise.core.models.results import PlannedAction, Results

from . import factories as f


def plan(
    answers: dict[str, Any],
    actions: list[dict[str, Any]] | None = None,
    rules: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> Results:
    """Evaluate the answers with the given actions and rules."""
    bundle = f.bundle(scoring=f.scoring(risks=rules, action_list=actions))
    return evaluate(bundle, f.assessment(answers, **extra))


def placed(results: Results) -> dict[str, PlannedAction]:
    """Every planned action by id."""
    return {a.id: a for s in results.roadmap for a in s.actions}


def order(results: Results, slice_id: str) -> list[str]:
    """The action ids of one slice in order."""
    return [a.id for s in results.roadmap if s.id == slice_id for a in s.actions]


def test_fired_risk_selects_its_action_with_priority_and_reason() -> None:
    results = plan({"failure.idempotency": {"choice": "keys-some-flows"}}, rules=f.risk_rules()[:1])
    action = placed(results)["design-idempotency"]
    assert action.risks == ["duplicate-orders"]
    assert action.priority == 20
    texts = [r.text for r in action.reasons]
    assert "Answers risk 'Retries create duplicate orders' (duplicate-orders, score 20, Critical)." in texts


def test_gap_selects_action_against_area_target_by_default() -> None:
    results = plan({"failure.retry": {"choice": "l2"}}, rules=[])
    action = placed(results)["retry-policy"]
    assert action.gaps == ["failure.retry"]
    assert action.priority == 0
    assert "Closes a gap: failure.retry answered 'Level 2 practice' (level 2), below the level 3 it needs." in [
        r.text for r in action.reasons
    ]
    assert "retry-policy" not in placed(plan({"failure.retry": {"choice": "l3"}}, rules=[]))


def test_target_override_changes_gap_selection() -> None:
    assert "retry-policy" not in placed(plan({"failure.retry": {"choice": "l2"}}, rules=[], targets={"failure": 2}))


def test_below_overrides_the_target() -> None:
    actions = [f.action("retry-policy", "thin-slice", questions=["failure.retry"], below=2)]
    assert "retry-policy" not in placed(plan({"failure.retry": {"choice": "l2"}}, actions=actions, rules=[]))
    assert "retry-policy" in placed(plan({"failure.retry": {"choice": "l1"}}, actions=actions, rules=[]))


def test_unknown_unanswered_and_hidden_questions_select_nothing() -> None:
    actions = [f.action("returns", "exceptions", questions=["failure.marketplace-returns", "failure.retry"])]
    answers = {
        "context.marketplaces": {"choice": "no"},
        "failure.marketplace-returns": {"choice": "l0"},
        "failure.retry": {"unknown": True},
    }
    assert placed(plan(answers, actions=actions, rules=[])) == {}


def test_dependency_pushes_action_to_its_dependencys_slice() -> None:
    actions = [
        f.action("design-idempotency", "release", questions=["failure.idempotency"]),
        f.action("retry-policy", "thin-slice", questions=["failure.retry"], depends_on=["design-idempotency"]),
    ]
    answers = {"failure.idempotency": {"choice": "none"}, "failure.retry": {"choice": "l0"}}
    results = plan(answers, actions=actions, rules=[])
    retry = placed(results)["retry-policy"]
    assert (retry.slice, retry.planned_slice) == ("release", "thin-slice")
    assert retry.depends_on == ["design-idempotency"]
    assert order(results, "release") == ["design-idempotency", "retry-policy"]
    assert (
        "Planned for 'Thin vertical slice' but moved to 'Release and rollback': it depends on design-idempotency "
        "('Do design-idempotency'), which lands there." in [r.text for r in retry.reasons]
    )


def test_push_propagates_along_a_chain() -> None:
    actions = [
        f.action("a", "exceptions", questions=["failure.retry"]),
        f.action("b", "decide", questions=["failure.retry"], depends_on=["a"]),
        f.action("c", "decide", questions=["failure.retry"], depends_on=["b"]),
    ]
    results = plan({"failure.retry": {"choice": "l0"}}, actions=actions, rules=[])
    assert order(results, "exceptions") == ["a", "b", "c"]
    assert order(results, "decide") == []


def test_unselected_dependency_counts_as_in_place() -> None:
    actions = [
        f.action("design-idempotency", "release", questions=["failure.idempotency"]),
        f.action("retry-policy", "thin-slice", questions=["failure.retry"], depends_on=["design-idempotency"]),
    ]
    answers = {"failure.idempotency": {"choice": "keys-tested"}, "failure.retry": {"choice": "l0"}}
    retry = placed(plan(answers, actions=actions, rules=[]))["retry-policy"]
    assert retry.slice == "thin-slice"
    assert retry.depends_on == []
    assert "Depends on design-idempotency, not needed by these answers: treated as in place." in [
        r.text for r in retry.reasons
    ]


def test_within_slice_critical_causes_first_then_risk_reduced_per_effort_day() -> None:
    rules = [
        {**f.risk_rules()[0], "id": "r-low", "likelihood": 2, "impact": 2, "actions": ["low-risk"]},
        {**f.risk_rules()[0], "id": "r-high", "likelihood": 3, "impact": 4, "actions": ["high-risk"]},
        {**f.risk_rules()[0], "id": "r-critical", "likelihood": 4, "impact": 5, "actions": ["critical-but-slow"]},
    ]
    actions = [
        f.action("low-risk", "decide"),  # 4 points over 8 days
        f.action("high-risk", "decide", effort="L"),  # 12 points over 20 days
        f.action("critical-but-slow", "decide", effort="XL"),  # Critical, 20 points over 40 days
        f.action("gap-small", "decide", questions=["failure.retry"], effort="S"),  # gap 1: 4 points over 3 days
        f.action("gap-big", "decide", questions=["failure.alerting-missing", "failure.idempotency"]),  # gap 3: 12 / 8
    ]
    answers = {"failure.idempotency": {"choice": "none"}, "failure.retry": {"choice": "l2"}}
    results = plan(answers, actions=actions, rules=rules)
    assert order(results, "decide") == ["critical-but-slow", "gap-big", "gap-small", "high-risk", "low-risk"]
    gap_big = placed(results)["gap-big"]
    assert (gap_big.value, gap_big.effort_days, gap_big.value_per_day) == (12.0, 8.0, 1.5)
    assert "Reduces 12 risk points for 8 effort days (M): 1.5 a day." in [r.text for r in gap_big.reasons]
    assert placed(results)["critical-but-slow"].critical


def test_dependency_comes_first_within_a_slice_even_with_lower_priority() -> None:
    rules = [{**f.risk_rules()[0], "id": "r", "actions": ["urgent"]}]
    actions = [
        f.action("urgent", "decide", depends_on=["groundwork"]),
        f.action("groundwork", "decide", questions=["failure.retry"]),
        f.action("aside", "decide", questions=["failure.retry"]),
    ]
    results = plan({"failure.idempotency": {"choice": "none"}, "failure.retry": {"choice": "l0"}}, actions, rules)
    assert order(results, "decide") == ["groundwork", "urgent", "aside"]  # what a Critical cause waits for comes first
    urgent = placed(results)["urgent"]
    assert "Waits for groundwork." in [r.text for r in urgent.reasons]


def test_every_slice_is_listed_in_order_even_when_empty() -> None:
    results = plan({}, rules=[])
    assert [s.id for s in results.roadmap] == ["decide", "thin-slice", "exceptions", "release", "operate"]
    assert all(not s.actions for s in results.roadmap)
