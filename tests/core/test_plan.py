"""The plan: instances written for the client's subjects, slice limits and Later, find-out, thin flow, Critical."""

from __future__ import annotations

from typing import Any

from slicewise.core.engine import evaluate
from slicewise.core.explain import explain_lines
from slicewise.core.models.results import PlannedAction, Results
from slicewise.core.models.scoring import PlanSettings

from . import factories as f


def run(
    answers: dict[str, Any],
    actions: list[dict[str, Any]],
    rules: list[dict[str, Any]] | None = None,
    plan: PlanSettings | None = None,
    **extra: Any,
) -> Results:
    """Evaluate answers with these actions (and rules, and plan settings)."""
    scoring = f.scoring(risks=rules or [], action_list=actions)
    if plan is not None:
        scoring = scoring.model_copy(update={"plan": plan})
    return evaluate(f.bundle(scoring=scoring), f.assessment(answers, **extra))


def planned(results: Results) -> dict[str, PlannedAction]:
    """Every instance in a slice, by instance id."""
    return {a.id: a for s in results.roadmap for a in s.actions}


def rule(
    rule_id: str, when: dict[str, Any], actions: list[str], likelihood: int = 4, impact: int = 5
) -> dict[str, Any]:
    """A risk rule listing these actions."""
    return {
        **f.risk_rules()[0],
        "id": rule_id,
        "when": when,
        "actions": actions,
        "likelihood": likelihood,
        "impact": impact,
    }


OWNER_ACTION = f.action(
    "agree-owner",
    "decide",
    area="ownership",
    kind="decision",
    per="object",
    answers=["ownership.several_creators"],
    subject_title="Decide which system creates {object}: {creators}",
)


def test_an_object_action_is_written_for_the_object_with_the_clients_system_names() -> None:
    results = run(
        {"ownership.matrix": {"done": True}},
        [OWNER_ACTION],
        ownership={"price": {"create": ["erp", "pim"]}},
        systems={"erp": "Dynamics 365", "pim": "Akeneo"},
    )
    instance = planned(results)["agree-owner:price"]
    assert instance.title == "Decide which system creates Price: ERP (Dynamics 365) and PIM (Akeneo)"
    assert (instance.action, instance.subject, instance.subject_kind, instance.subject_label) == (
        "agree-owner",
        "price",
        "object",
        "Price",
    )
    assert instance.risks == ["ownership.several-creators:price"]
    assert "Written for object Price (price): named by the risks it answers." in [r.text for r in instance.reasons]


def test_instance_ids_stay_the_same_when_the_assessment_is_scored_again() -> None:
    ownership = {"price": {"create": ["erp", "pim"]}, "order": {"create": ["commerce", "oms"]}}
    first = run({"ownership.matrix": {"done": True}}, [OWNER_ACTION], ownership=ownership)
    again = run(
        {"ownership.matrix": {"done": True}, "failure.retry": {"choice": "l1"}}, [OWNER_ACTION], ownership=ownership
    )
    assert sorted(planned(first)) == sorted(planned(again)) == ["agree-owner:order", "agree-owner:price"]


def test_instances_are_capped_and_the_last_names_the_rest() -> None:
    action = f.action(
        "add-dead-letter",
        "exceptions",
        per="flow",
        answers=["flows.missing_safeguards"],
        when_missing=["dead-letter"],
        subject_title="Give {flow} a dead-letter store ({source} → {target})",
    )
    flows = [f.flow(f"f{n}", name=f"Flow {n}", safeguards=["idempotency", "retry", "alert"]) for n in range(1, 6)]
    results = run({}, [action], plan=PlanSettings(instance_cap=2), flows=flows)
    instances = [a for a in planned(results).values() if a.action == "add-dead-letter"]
    assert [a.id for a in instances] == ["add-dead-letter:f1", "add-dead-letter:f2"]
    assert instances[0].title == "Give Flow 1 a dead-letter store (Commerce platform → ERP)"
    assert instances[1].more == ["Flow 3", "Flow 4", "Flow 5"]
    assert instances[1].description.endswith("The same for 3 more flows: Flow 3, Flow 4 and Flow 5.")
    assert len(instances[1].risks) == 4  # its own and the three it stands for


def test_a_slice_holds_at_most_its_limit_and_the_rest_waits_in_later_with_the_reason() -> None:
    actions = [f.action(f"a{n}", "decide", questions=["failure.retry"], effort="S" if n < 3 else "M") for n in range(6)]
    results = run({"failure.retry": {"choice": "l1"}}, actions, plan=PlanSettings(slice_limit=3))
    decide = results.roadmap[0]
    assert (len(decide.actions), decide.limit) == (3, 3)
    assert [a.id for a in decide.actions] == ["a0", "a1", "a2"]  # S: the most risk reduced per effort day
    assert decide.effort_days == 9.0
    later = {a.id: a.waits for a in results.plan.later}
    assert sorted(later) == ["a3", "a4", "a5"]
    assert later["a3"].startswith("'Decide before building' is full (3 of 3): the actions kept there reduce more risk")


def test_an_action_whose_practice_is_at_target_is_never_selected_even_when_a_risk_lists_it() -> None:
    actions = [f.action("retry-policy", "decide", questions=["failure.retry"])]
    rules = [rule("noisy", {"level_at_most": {"question": "failure.idempotency", "level": 1}}, ["retry-policy"])]
    results = run({"failure.idempotency": {"choice": "none"}, "failure.retry": {"choice": "l3"}}, actions, rules)
    assert planned(results) == {} and results.plan.later == []
    assert results.plan.not_selected == {"retry-policy": "its practice is already at target (failure.retry at level 3)"}
    lines = explain_lines(f.bundle(scoring=f.scoring(risks=rules, action_list=actions)), results, "retry-policy")
    assert (
        lines[1]
        == "  Not on the plan: a risk lists it, but its practice is already at target (failure.retry at level 3)."
    )


def test_an_action_resting_only_on_unknowns_waits_and_the_plan_opens_with_finding_out() -> None:
    actions = [
        f.action("design-idempotency", "decide", questions=["failure.idempotency"], owner="Payments owner"),
        f.action("retry-policy", "decide", questions=["failure.retry"]),
    ]
    rules = [rule("keys-unknown", {"unknown": "failure.idempotency"}, ["design-idempotency"], 3, 4)]
    answers = {"failure.idempotency": {"unknown": True, "note": "Ask payments"}, "failure.retry": {"choice": "l1"}}
    results = run(answers, actions, rules)
    assert list(planned(results)) == ["retry-policy"]
    waiting = results.plan.later[0]
    assert waiting.id == "design-idempotency"
    assert waiting.waits == "it rests only on don't-know answers (failure.idempotency): find out first"
    [group] = results.plan.find_out
    assert group.role == "Payments owner"
    assert [(q.question, q.note, q.affects) for q in group.questions] == [
        ("failure.idempotency", "Ask payments", ["design-idempotency"])
    ]
    story = explain_lines(f.bundle(scoring=f.scoring(risks=rules, action_list=actions)), results)
    plan_at = story.index("Plan")
    assert story[plan_at + 1].startswith("  Find out first")
    assert story[plan_at + 2] == "    Payments owner:"


THIN = f.action(
    "build-thin-slice",
    "thin-slice",
    per="thin-flow",
    questions=["failure.retry"],
    subject_title="Take one {object} record through {flow} ({source} → {target}), proving {missing}",
)


def test_the_thin_slice_names_the_critical_flow_with_the_highest_risk_crossing_the_most_owners() -> None:
    flows = [
        f.flow("catalogue", name="Catalogue feed", objects=["product"], safeguards=[]),  # not critical
        f.flow("orders", name="Order export", objects=["order"], safeguards=["retry", "alert"]),
        f.flow(
            "orders-b", name="Order import", objects=["order", "price"], safeguards=["retry", "alert"], target="oms"
        ),
    ]
    ownership = {"order": {"create": ["commerce"]}, "price": {"create": ["pim"]}}
    results = run({"failure.retry": {"choice": "l1"}}, [THIN], flows=flows, ownership=ownership)
    flow = results.plan.flow
    assert flow is not None and flow.id == "orders-b"  # same risk as "orders", but it crosses the PIM too
    assert flow.missing == ["idempotency", "dead-letter handling"]
    assert "Next in line: Order export" in flow.reasons[-1].text
    instance = planned(results)["build-thin-slice:orders-b"]
    assert instance.title == (
        "Take one Order and Price record through Order import (Commerce platform → OMS), proving idempotency and "
        "dead-letter handling"
    )


def test_without_flows_a_thin_slice_action_stays_general() -> None:
    results = run({"failure.retry": {"choice": "l1"}}, [THIN])
    assert results.plan.flow is None
    assert planned(results)["build-thin-slice"].title == "Do build-thin-slice"


def test_a_critical_risk_is_answered_by_a_change_or_the_plan_says_why_not() -> None:
    when = {"level_at_most": {"question": "failure.idempotency", "level": 1}}
    decision = f.action("decide-keys", "decide", kind="decision")
    change = f.action("add-keys", "thin-slice", answers=["dup"])
    only_decided = run({"failure.idempotency": {"choice": "none"}}, [decision], [rule("dup", when, ["decide-keys"])])
    [answer] = only_decided.plan.critical
    assert answer.answered_by == []
    assert answer.text.startswith("Only decisions answer it here (decide-keys)")
    answered = run(
        {"failure.idempotency": {"choice": "none"}}, [decision, change], [rule("dup", when, ["decide-keys"])]
    )
    [answer] = answered.plan.critical
    assert answer.answered_by == ["add-keys"]
    assert answer.text == "Answered by add-keys in slice 2, 'Thin vertical slice'."
    assert planned(answered)["add-keys"].critical


def test_dependencies_are_instance_ids_of_the_same_subject() -> None:
    actions = [
        OWNER_ACTION,
        f.action(
            "lock-writes",
            "thin-slice",
            per="object",
            answers=["ownership.several_creators"],
            depends_on=["agree-owner"],
            subject_title="Lock {object} writes",
        ),
    ]
    ownership = {"price": {"create": ["erp", "pim"]}, "order": {"create": ["commerce", "oms"]}}
    results = run({"ownership.matrix": {"done": True}}, actions, ownership=ownership)
    assert planned(results)["lock-writes:price"].depends_on == ["agree-owner:price"]
    assert planned(results)["lock-writes:order"].depends_on == ["agree-owner:order"]


def test_projected_levels_follow_the_declared_moves_slice_by_slice() -> None:
    actions = [
        f.action("retry-policy", "decide", questions=["failure.retry"], moves={"failure.retry": 4}),
        f.action("keys", "release", questions=["failure.idempotency"]),  # default: to the target, 3
    ]
    answers = {"failure.idempotency": {"choice": "none"}, "failure.retry": {"choice": "l1"}}
    results = run(answers, actions)
    failure = next(p for p in results.plan.projections if p.area == "failure")
    assert (failure.score, failure.target) == (0.5, 3)
    assert [round(s.score or 0, 2) for s in failure.steps] == [1.0, 1.0, 1.0, 3.5, 3.5]
    assert [s.level for s in failure.steps] == [1, 1, 1, 3, 3]  # capped at 0 + 1 until the keys are in
    assert planned(results)["keys"].moves == {"failure.idempotency": 3}
