"""The built-in content loads cleanly and has the shape and size the workshop needs."""

from __future__ import annotations

import re

import pytest

from slicewise.core.loader import validate_folders
from slicewise.core.models.questionnaire import (
    ChecklistQuestion,
    ChoiceQuestion,
    FlowInventoryQuestion,
    OwnershipMatrixQuestion,
    TextQuestion,
)

from .kit import FULL, QUICK, SLICES, bundle, leaves, scored_questions

BANNED_LABELS = re.compile(r"^\s*(poor|fair|good|very good|excellent|bad|ok|okay|average)\s*$", re.IGNORECASE)


@pytest.mark.parametrize("questionnaire_id", [FULL, QUICK])
def test_validates_without_problems(questionnaire_id: str) -> None:
    """`slicewise validate` finds nothing wrong with either built-in questionnaire."""
    checked, problems = validate_folders([questionnaire_id])
    assert len(checked) == 1
    assert problems == []


def test_full_questionnaire_is_large_enough() -> None:
    """At least 50 scored questions, and at least 8 always-asked scored questions in every scored area."""
    loaded = bundle(FULL)
    scored = scored_questions(loaded)
    assert len(scored) >= 50
    areas = [a.id for a in loaded.questionnaire.areas if a.scored]
    assert set(areas) >= {"ownership", "patterns", "failure", "testing", "operations", "release"}
    for area in areas:
        always = [q for q in scored if q.id.startswith(f"{area}.") and q.show_if is None]
        assert len(always) >= 8, area


def test_context_area_is_unscored_and_asks_for_the_stack() -> None:
    """The context area is not scored and asks about platform, ERP, middleware, go-live and marketplaces."""
    questionnaire = bundle(FULL).questionnaire
    context = questionnaire.area("context")
    assert context is not None and context.scored is False
    ids = {q.id for q in questionnaire.questions if q.id.startswith("context.")}
    assert {"context.platform", "context.erp", "context.middleware", "context.go-live"} <= ids
    assert "context.marketplaces" in ids
    assert all(isinstance(questionnaire.question(i), TextQuestion) for i in ("context.platform", "context.erp"))


def test_matrix_and_flow_inventory_are_present_and_scored() -> None:
    """The ownership matrix covers every catalogue object and system; the flow inventory is scored."""
    questionnaire = bundle(FULL).questionnaire
    matrix = questionnaire.question("ownership.matrix")
    flows = questionnaire.question("patterns.flows")
    assert isinstance(matrix, OwnershipMatrixQuestion) and matrix.scored
    assert matrix.objects == [] and matrix.systems == []
    assert isinstance(flows, FlowInventoryQuestion) and flows.scored
    objects = {o.id for o in questionnaire.objects}
    assert objects >= {
        "product", "category", "price", "promotion", "inventory", "customer", "company", "address", "cart",
        "order", "payment", "tax", "fulfillment", "return", "refund", "loyalty", "content", "analytics-event",
    }  # fmt: skip
    systems = {s.id for s in questionnaire.systems}
    assert systems >= {
        "commerce-platform", "erp", "pim", "oms", "cms", "search", "payment", "tax", "identity",
        "marketplace", "middleware", "wms", "marketing", "data", "observability",
    }  # fmt: skip


def test_checklists_cover_what_the_playbook_enumerates() -> None:
    """Edge cases, monitoring signals, runbook contents, evidence pack and rollback are checklists."""
    questionnaire = bundle(FULL).questionnaire
    expected = {
        "testing.edge-cases": {"refunds", "partial-shipments", "split-orders", "failed-captures", "multi-currency"},
        "operations.signals": {"delays", "failures", "rejected-payloads", "queue-depth", "manual-interventions"},
        "operations.runbook-contents": {"owner", "likely-cause", "recovery-steps", "escalation-path"},
        "testing.evidence-pack": {"sample-payloads", "mapping-decisions", "schema-versions", "ownership-notes"},
        "release.rollback": {"pause-jobs", "drain-queues", "replay-events", "reconcile-data", "degraded-storefront"},
    }
    for question_id, items in expected.items():
        question = questionnaire.question(question_id)
        assert isinstance(question, ChecklistQuestion), question_id
        assert items <= {item.id for item in question.items}, question_id


@pytest.mark.parametrize("questionnaire_id", [FULL, QUICK])
def test_every_rubric_is_anchored_distinct_and_ordered(questionnaire_id: str) -> None:
    """Scored choice questions have 4–5 choices with strictly rising levels and distinct, concrete labels."""
    for question in scored_questions(bundle(questionnaire_id)):
        if not isinstance(question, ChoiceQuestion):
            continue
        levels = [c.level for c in question.choices]
        labels = [c.label for c in question.choices]
        assert 4 <= len(levels) <= 5, question.id
        assert levels == sorted(set(levels)), question.id
        assert levels[0] == 0 and levels[-1] == 4, question.id
        assert len(set(labels)) == len(labels), question.id
        assert not any(BANNED_LABELS.match(label) for label in labels), question.id
        assert all(len(label.split()) >= 3 for label in labels[1:]), question.id


@pytest.mark.parametrize("questionnaire_id", [FULL, QUICK])
def test_every_question_has_its_own_prompt_and_guidance(questionnaire_id: str) -> None:
    """Each question has a prompt and a guidance text that says what good looks like, none repeated."""
    questions = bundle(questionnaire_id).questionnaire.questions
    prompts = [q.prompt for q in questions]
    guidance = [q.guidance for q in questions]
    assert len(set(prompts)) == len(prompts)
    assert len(set(guidance)) == len(guidance)
    for question in scored_questions(bundle(questionnaire_id)):
        assert "good looks like" in question.guidance.lower(), question.id
        assert "\n" not in question.guidance and "\n" not in question.prompt, question.id


def test_marketplace_and_b2b_questions_depend_on_context() -> None:
    """Marketplace questions are asked only with marketplaces, B2B ones only with business buyers."""
    questionnaire = bundle(FULL).questionnaire
    for question in questionnaire.questions:
        tags = set(question.tags)
        if "marketplaces" in tags or "b2b" in tags:
            assert question.show_if is not None, question.id
            operands = [operand for _, operand in leaves(question.show_if)]
            targets = {o["question"] for o in operands if isinstance(o, dict)}
            assert targets & {"context.marketplaces", "context.business-model"}, question.id


def test_scoring_model_caps_the_critical_practices() -> None:
    """Source of truth, idempotency, failure owners and business monitoring are critical (they cap their area)."""
    loaded = bundle(FULL)
    critical = {q.id for q in loaded.questionnaire.questions if q.critical}
    assert critical >= {
        "ownership.source-of-truth",
        "failure.idempotency",
        "failure.failure-owners",
        "operations.business-monitoring",
    }
    assert loaded.scoring.model.cap_margin == 1
    for area in ("ownership", "patterns", "failure", "testing", "operations", "release"):
        assert area in loaded.scoring.model.areas


def test_risk_rules_are_complete() -> None:
    """At least 25 rules, each with a trigger, an owner, mitigating actions and a playbook reference."""
    risks = bundle(FULL).scoring.risks
    assert len(risks) >= 25
    assert len({r.id for r in risks}) == len(risks)
    for rule in risks:
        assert rule.actions, rule.id
        assert rule.trigger.strip() and rule.owner.strip() and rule.playbook.strip(), rule.id
        assert rule.cause != rule.effect, rule.id


def test_roadmap_has_the_five_slices_and_enough_actions() -> None:
    """The slices come in the playbook's order, with 30+ actions spread over all of them."""
    scoring = bundle(FULL).scoring
    assert [s.id for s in scoring.slices] == SLICES
    assert len(scoring.actions) >= 30
    per_slice = {s: [a for a in scoring.actions if a.slice == s] for s in SLICES}
    assert all(len(actions) >= 3 for actions in per_slice.values()), {k: len(v) for k, v in per_slice.items()}
    with_dependencies = [a for a in scoring.actions if a.depends_on]
    assert len(with_dependencies) >= len(scoring.actions) // 2
    for action in scoring.actions:
        assert action.effort in ("S", "M", "L", "XL")
        assert action.owner.strip() and len(action.evidence.split()) >= 8, action.id


def test_every_action_can_be_selected() -> None:
    """Each action names questions whose gap selects it, answers a risk, or a risk lists it."""
    scoring = bundle(FULL).scoring
    listed = {a for rule in scoring.risks for a in rule.actions}
    for action in scoring.actions:
        assert action.questions or action.answers or action.id in listed, action.id
