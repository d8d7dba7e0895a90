"""Small questionnaires, scoring bundles and assessments built in Python for the engine's tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slicewise.core.models.assessment import Answer, Assessment, Flow, OwnershipEntry
from slicewise.core.models.questionnaire import Questionnaire
from slicewise.core.models.scoring import ScoringBundle


@dataclass
class Bundle:
    """The two halves evaluate needs, as the loader's Bundle provides them."""

    questionnaire: Questionnaire
    scoring: ScoringBundle


def choice_q(qid: str, levels: list[int] | None = None, **extra: Any) -> dict[str, Any]:
    """A choice question whose choices are named `l<level>` with labels `Level <n> practice`."""
    levels = levels if levels is not None else [0, 1, 2, 3, 4]
    return {
        "id": qid,
        "kind": "choice",
        "prompt": f"Prompt of {qid}?",
        "guidance": "Why it matters.",
        "choices": [{"id": f"l{n}", "label": f"Level {n} practice", "level": n} for n in levels],
        **extra,
    }


IDEMPOTENCY_CHOICES = [
    {"id": "none", "label": "No keys anywhere", "level": 0},
    {"id": "keys-some-flows", "label": "Keys on some flows", "level": 1},
    {"id": "keys-most-flows", "label": "Keys on most flows", "level": 2},
    {"id": "keys-all-flows", "label": "Keys on every flow", "level": 3},
    {"id": "keys-tested", "label": "Keys on every flow, replay tested", "level": 4},
]


def questions() -> list[dict[str, Any]]:
    """The default questions: context, failure, testing, ownership and flows."""
    return [
        {
            "id": "context.marketplaces",
            "kind": "choice",
            "prompt": "Do you sell on marketplaces?",
            "guidance": "Marketplaces add orders and returns from outside.",
            "choices": [
                {"id": "yes", "label": "Yes", "level": 0},
                {"id": "no", "label": "No", "level": 0},
            ],
        },
        {
            "id": "context.platform",
            "kind": "text",
            "prompt": "Which commerce platform?",
            "guidance": "Context for the room.",
        },
        {
            "id": "failure.idempotency",
            "kind": "choice",
            "prompt": "How do flows avoid processing the same message twice?",
            "guidance": "Retries without keys duplicate orders.",
            "critical": True,
            "choices": IDEMPOTENCY_CHOICES,
        },
        choice_q("failure.retry"),
        choice_q(
            "failure.marketplace-returns",
            show_if={"choice_in": {"question": "context.marketplaces", "choices": ["yes"]}},
        ),
        {
            "id": "testing.edge-cases",
            "kind": "checklist",
            "prompt": "Which edge cases do tests cover?",
            "guidance": "Happy paths are not production-ready.",
            "items": [
                {"id": "refunds", "label": "Refunds", "weight": 2},
                {"id": "partial-shipments", "label": "Partial shipments"},
                {"id": "split-orders", "label": "Split orders"},
            ],
        },
        {
            "id": "ownership.matrix",
            "kind": "ownership_matrix",
            "prompt": "Who creates, updates and consumes each object?",
            "guidance": "Ownership first.",
            "objects": ["product", "price", "order", "inventory"],
        },
        {
            "id": "flows.inventory",
            "kind": "flow_inventory",
            "prompt": "Which flows exist?",
            "guidance": "Pattern per flow.",
        },
    ]


def questionnaire(question_list: list[dict[str, Any]] | None = None, **extra: Any) -> Questionnaire:
    """A questionnaire with five areas (context is unscored), four objects and four systems."""
    data: dict[str, Any] = {
        "id": "mini",
        "title": "Mini",
        "version": "1.0.0",
        "digest": "abc123",
        "areas": [
            {"id": "context", "title": "Context", "scored": False},
            {"id": "failure", "title": "Failure design"},
            {"id": "testing", "title": "Testing"},
            {"id": "ownership", "title": "Ownership"},
            {"id": "flows", "title": "Flows"},
        ],
        "objects": [
            {"id": "product", "label": "Product"},
            {"id": "price", "label": "Price", "critical": True},
            {"id": "order", "label": "Order", "critical": True},
            {"id": "inventory", "label": "Inventory"},
        ],
        "systems": [
            {"id": "commerce", "label": "Commerce platform"},
            {"id": "erp", "label": "ERP"},
            {"id": "pim", "label": "PIM"},
            {"id": "oms", "label": "OMS"},
        ],
        "questions": question_list if question_list is not None else questions(),
    }
    data.update(extra)
    return Questionnaire.model_validate(data)


def template(title: str, actions: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    """An analyser risk template."""
    return {
        "title": title,
        "cause": extra.pop("cause", "Cause for {subject}."),
        "effect": extra.pop("effect", "Effect."),
        "likelihood": extra.pop("likelihood", 3),
        "impact": extra.pop("impact", 3),
        "category": "Category",
        "owner": "Integration lead",
        "trigger": "Trigger.",
        "actions": actions or [],
        **extra,
    }


def model(**extra: Any) -> dict[str, Any]:
    """The scoring model contents as a dict, with any top-level field replaced."""
    data: dict[str, Any] = {
        "questionnaire": "mini",
        "levels": [
            {"level": n, "name": name, "meaning": f"{name} practice."}
            for n, name in enumerate(["Absent", "Ad hoc", "Emerging", "Defined", "Managed"])
        ],
        "areas": {"failure": {"weight": 2, "target": 3}, "testing": {"target": 2}},
        "question_weights": {},
        "checklist_thresholds": [0.25, 0.5, 0.75, 1.0],
        "cap_margin": 1,
        "rating_bands": [
            {"name": "Low", "min_score": 1, "colour": "2E7D32"},
            {"name": "Medium", "min_score": 5, "colour": "F9A825"},
            {"name": "High", "min_score": 10, "colour": "EF6C00"},
            {"name": "Critical", "min_score": 16, "colour": "C62828"},
        ],
        "analysers": {
            "critical_impact_bonus": 1,
            "ownership": {
                "no_creator": template("Nobody creates {object}", ["define-ownership"]),
                "several_creators": template(
                    "{object} has several sources", ["define-ownership"], cause="{systems} all create {object}."
                ),
                "uncorrected_updates": template("Nobody corrects {object}", ["define-ownership"]),
            },
            "flows": {
                "latency_mismatch": template(
                    "{flow} cannot be {latency}", cause="{pattern} is too slow for {latency}.", impact=4
                ),
                "missing_safeguards": template(
                    "{flow} lacks safeguards", ["retry-policy"], cause="{flow} lacks {missing}."
                ),
                "no_failure_owner": template("Nobody owns failures of {flow}", ["name-failure-owners"]),
                "fastest_latency": {
                    "direct-api": "checkout-blocking",
                    "event-stream": "near-real-time",
                    "file": "same-day",
                    "scheduled-job": "next-cycle",
                },
                "required_safeguards": {
                    "checkout-blocking": ["idempotency", "retry", "alert"],
                    "near-real-time": ["idempotency", "retry", "dead-letter", "alert"],
                    "same-day": ["retry", "alert"],
                    "next-cycle": ["alert"],
                },
            },
        },
    }
    data.update(extra)
    return data


def risk_rules() -> list[dict[str, Any]]:
    """Two rules: weak idempotency, and edge-case tests that lack refunds."""
    return [
        {
            "id": "duplicate-orders",
            "title": "Retries create duplicate orders",
            "cause": "Flows have no idempotency keys.",
            "effect": "Customers are charged twice.",
            "when": {"level_at_most": {"question": "failure.idempotency", "level": 1}},
            "likelihood": 4,
            "impact": 5,
            "category": "Failure design",
            "owner": "Integration lead",
            "trigger": "Duplicate order numbers in the ERP.",
            "actions": ["design-idempotency"],
        },
        {
            "id": "untested-refunds",
            "title": "Refunds break in production",
            "cause": "Refunds are not tested.",
            "effect": "Finance cannot reconcile.",
            "when": {"lacks": {"question": "testing.edge-cases", "item": "refunds"}},
            "likelihood": 3,
            "impact": 3,
            "category": "Testing",
            "owner": "QA lead",
            "trigger": "Manual refund corrections.",
            "actions": ["edge-case-suite"],
        },
    ]


def slices() -> list[dict[str, Any]]:
    """The five delivery slices."""
    names = [
        ("decide", "Decide before building"),
        ("thin-slice", "Thin vertical slice"),
        ("exceptions", "Realistic exceptions"),
        ("release", "Release and rollback"),
        ("operate", "Operate"),
    ]
    return [{"id": sid, "title": title, "goal": f"Goal of {sid}."} for sid, title in names]


def action(aid: str, slice_id: str, **extra: Any) -> dict[str, Any]:
    """An action dict."""
    return {
        "id": aid,
        "title": extra.pop("title", f"Do {aid}"),
        "area": extra.pop("area", "failure"),
        "slice": slice_id,
        "effort": "M",
        "owner": "Integration lead",
        "evidence": f"Evidence for {aid}.",
        **extra,
    }


def actions() -> list[dict[str, Any]]:
    """The default actions with one dependency chain."""
    return [
        action("define-ownership", "decide", area="ownership", questions=["ownership.matrix"]),
        action("design-idempotency", "decide", questions=["failure.idempotency"]),
        action("retry-policy", "thin-slice", questions=["failure.retry"], depends_on=["design-idempotency"]),
        action("edge-case-suite", "exceptions", area="testing", questions=["testing.edge-cases"]),
        action("name-failure-owners", "operate", area="flows"),
    ]


def scoring(
    model_data: dict[str, Any] | None = None,
    risks: list[dict[str, Any]] | None = None,
    action_list: list[dict[str, Any]] | None = None,
) -> ScoringBundle:
    """A scoring bundle from the default (or given) model, risks and actions."""
    return ScoringBundle.model_validate(
        {
            "model": model_data if model_data is not None else model(),
            "risks": risks if risks is not None else risk_rules(),
            "slices": slices(),
            "actions": action_list if action_list is not None else actions(),
        }
    )


def bundle(**parts: Any) -> Bundle:
    """A bundle of the default questionnaire and scoring, either replaceable."""
    return Bundle(parts.get("questionnaire") or questionnaire(), parts.get("scoring") or scoring())


def assessment(
    answers: dict[str, dict[str, Any]] | None = None,
    ownership: dict[str, dict[str, Any]] | None = None,
    flows: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> Assessment:
    """An assessment of the mini questionnaire with the given answers, ownership and flows."""
    return Assessment(
        questionnaire={"id": "mini", "version": "1.0.0", "digest": "abc123"},  # type: ignore[arg-type]
        answers={qid: Answer.model_validate(a) for qid, a in (answers or {}).items()},
        ownership={oid: OwnershipEntry.model_validate(e) for oid, e in (ownership or {}).items()},
        flows=[Flow.model_validate(f) for f in (flows or [])],
        **extra,
    )


def flow(fid: str, **extra: Any) -> dict[str, Any]:
    """A flow dict: by default a near-real-time event stream with every safeguard and an owner."""
    return {
        "id": fid,
        "name": extra.pop("name", f"Flow {fid}"),
        "source": extra.pop("source", "commerce"),
        "target": extra.pop("target", "erp"),
        "objects": extra.pop("objects", ["order"]),
        "pattern": extra.pop("pattern", "event-stream"),
        "latency": extra.pop("latency", "near-real-time"),
        "safeguards": extra.pop("safeguards", ["idempotency", "retry", "dead-letter", "alert"]),
        "failure_owner": extra.pop("failure_owner", "Integration lead"),
        **extra,
    }
