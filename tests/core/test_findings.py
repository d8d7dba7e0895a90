"""Scoped ownership, calibrated flow findings, money and snapshot flows, unknown flow facts and the tie-break,
on the built-in commerce-integration model."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import ValidationError

from slicewise.core.engine import evaluate
from slicewise.core.loader import Bundle, load_bundle
from slicewise.core.models.assessment import Answer, Assessment, DisagreementKind, Flow, OwnershipEntry
from slicewise.core.models.results import Finding, FindingKind, FlowFindingKind, OwnershipFindingKind, Results
from slicewise.core.schema import json_schema


@cache
def bundle() -> Bundle:
    """The built-in questionnaire and model."""
    return load_bundle("commerce-integration")


def run(ownership: dict[str, Any] | None = None, flows: list[dict[str, Any]] | None = None) -> Results:
    """Score an assessment holding only a matrix and flows (both marked complete)."""
    assessment = Assessment.model_validate(
        {
            "questionnaire": {"id": "commerce-integration"},
            "answers": {"ownership.matrix": Answer(done=True), "patterns.flows": Answer(done=True)},
            "ownership": {k: OwnershipEntry.model_validate(v) for k, v in (ownership or {}).items()},
            "flows": [Flow.model_validate(f) for f in flows or []],
        }
    )
    return evaluate(bundle(), assessment)


def flow(fid: str, **extra: Any) -> dict[str, Any]:
    """A fully safeguarded near-real-time order flow into the OMS, changed by `extra`."""
    return {
        "id": fid,
        "name": extra.pop("name", f"Flow {fid}"),
        "source": extra.pop("source", "commerce-platform"),
        "target": extra.pop("target", "oms"),
        "objects": extra.pop("objects", ["order"]),
        "pattern": extra.pop("pattern", "queue"),
        "latency": extra.pop("latency", "near-real-time"),
        "safeguards": extra.pop(
            "safeguards", ["idempotency", "duplicate-detection", "retry", "dead-letter", "replay", "alert", "runbook"]
        ),
        "failure_owner": extra.pop("failure_owner", "Order operations"),
        **extra,
    }


def risk_ids(results: Results) -> set[str]:
    """The ids raised."""
    return {r.id for r in results.risks}


def test_creators_in_different_scopes_are_not_a_conflict_but_in_the_same_scope_they_are() -> None:
    scoped = {
        "create": ["commerce-platform"],
        "consume": ["erp"],
        "scopes": [{"scope": "marketplace", "kind": "channel", "create": ["marketplace"]}],
    }
    assert "ownership.several-creators:order" not in risk_ids(run({"order": scoped}))
    clash = {**scoped, "scopes": [*scoped["scopes"], {"scope": "Marketplace", "create": ["oms"]}]}
    results = run({"order": clash})
    risk = next(r for r in results.risks if r.id == "ownership.several-creators:order")
    assert "marketplace (channel)" in risk.reasons[0].text
    unscoped = {"create": ["commerce-platform", "marketplace"], "consume": ["erp"]}
    assert "ownership.several-creators:order" in risk_ids(run({"order": unscoped}))


def test_a_gap_or_conflict_on_a_critical_object_caps_the_matrix() -> None:
    clean = {o: {"create": ["erp"], "consume": ["commerce-platform"]} for o in ("product", "price", "order", "tax")}
    level = run(clean).question("ownership.matrix")
    assert level is not None and level.level == 4
    conflict = {**clean, "price": {"create": ["erp", "pim"], "consume": ["commerce-platform"]}}
    capped = run(conflict).question("ownership.matrix")
    assert capped is not None and capped.level == 2
    assert any("capped at level 2" in r.text for r in capped.reasons)


def test_flow_ratings_come_from_the_calibration_table() -> None:
    results = run(
        flows=[
            flow("orders", safeguards=["duplicate-detection", "retry", "dead-letter", "replay", "alert", "runbook"]),
            flow(
                "enrichment",
                source="pim",
                target="commerce-platform",
                objects=["product", "content"],
                pattern="ipaas",
                latency="next-cycle",
                safeguards=["retry"],
            ),
        ]
    )
    orders = next(r for r in results.risks if r.id == "flows.missing-safeguards:orders")
    enrichment = next(r for r in results.risks if r.id == "flows.missing-safeguards:enrichment")
    assert (orders.likelihood, orders.impact) == (4, 5)
    assert (enrichment.likelihood, enrichment.impact) == (2, 2) and enrichment.rating == "Low"
    assert any(r.text.startswith("Calibrated:") for r in orders.reasons)


def test_money_flows_need_dead_letters_and_replay_at_any_latency() -> None:
    settlement = flow(
        "payouts",
        source="payment",
        target="erp",
        objects=["settlement"],
        pattern="scheduled-job",
        latency="finance-close",
        safeguards=["duplicate-detection", "alert", "runbook"],
    )
    risk = next(r for r in run(flows=[settlement]).risks if r.id == "flows.missing-safeguards:payouts")
    assert "dead-letter handling" in risk.title and "manual replay" in risk.title
    capture = flow(
        "capture",
        target="payment",
        objects=["payment"],
        pattern="direct-api",
        latency="checkout-blocking",
        safeguards=["idempotency", "retry", "alert", "runbook"],
    )
    assert "flows.missing-safeguards:capture" in risk_ids(run(flows=[capture]))


def test_a_full_snapshot_is_judged_on_staleness_and_completeness_not_idempotency() -> None:
    snapshot = flow(
        "stock",
        source="wms",
        target="commerce-platform",
        objects=["inventory"],
        pattern="ipaas",
        latency="near-real-time",
        mode="snapshot",
        safeguards=["retry", "replay", "alert", "runbook"],
    )
    risk = next(r for r in run(flows=[snapshot]).risks if r.id == "flows.missing-safeguards:stock")
    assert "staleness check" in risk.title and "completeness check" in risk.title
    assert "idempotency" not in risk.title and "dead-letter" not in risk.title
    as_delta = next(r for r in run(flows=[{**snapshot, "mode": "delta"}]).risks if r.id == risk.id)
    assert "idempotency" in as_delta.title and "staleness" not in as_delta.title
    complete = {**snapshot, "safeguards": [*snapshot["safeguards"], "staleness-check", "completeness-check"]}
    assert "flows.missing-safeguards:stock" not in risk_ids(run(flows=[complete]))


def test_unknown_flow_facts_raise_unverified_findings_never_missing_ones() -> None:
    unsure = flow(
        "orders",
        safeguards=["retry", "alert", "runbook", "duplicate-detection"],
        unknown_safeguards=["idempotency", "dead-letter", "replay"],
        failure_owner="unknown",
        sla="unknown",
    )
    results = run(flows=[unsure])
    by_id = {r.id: r for r in results.risks}
    for rid in ("flows.missing-safeguards:orders", "flows.no-failure-owner:orders", "flows.no-sla:orders"):
        assert by_id[rid].status == "unverified", rid
        assert by_id[rid].follow_ups == ["orders"] and by_id[rid].ask
    follow_up = next(f for f in results.follow_ups if f.subject == "orders")
    assert "failure owner" in follow_up.prompt and "idempotency" in follow_up.prompt
    assert set(follow_up.risks) >= {"flows.missing-safeguards:orders", "flows.no-failure-owner:orders"}
    answered = {**unsure, "unknown_safeguards": [], "failure_owner": "", "sla": "none"}
    confirmed = {r.id: r for r in run(flows=[answered]).risks}
    assert confirmed["flows.missing-safeguards:orders"].status == "confirmed"
    assert confirmed["flows.missing-safeguards:orders"].likelihood > by_id["flows.missing-safeguards:orders"].likelihood


def test_ties_break_on_the_criticality_of_what_is_hit_then_breadth() -> None:
    results = run(
        flows=[
            flow("a-content", objects=["content"], safeguards=[]),
            flow("b-orders", objects=["order"], safeguards=[]),
            flow("c-orders-and-payments", objects=["order", "payment"], safeguards=[]),
        ]
    )
    missing = [r.id for r in results.risks if r.id.startswith("flows.missing-safeguards:")]
    assert missing == [
        "flows.missing-safeguards:c-orders-and-payments",
        "flows.missing-safeguards:b-orders",
        "flows.missing-safeguards:a-content",
    ]


def test_every_finding_kind_is_typed_by_domain_documented_and_written_as_its_string() -> None:
    by_domain = {"ownership": OwnershipFindingKind, "flows": FlowFindingKind, "merge": DisagreementKind}
    kinds = set(get_args(FindingKind))
    assert kinds == {kind for literal in by_domain.values() for kind in get_args(literal)}
    documented = (Path(__file__).resolve().parents[2] / "docs" / "report-format.md").read_text(encoding="utf-8")
    described = json_schema("report")["$defs"]["ReportFinding"]["properties"]["kind"]["description"]
    assert [k for k in sorted(kinds) if f"`{k}`" not in documented or f"`{k}`" not in described] == []
    results = run(
        {
            "order": {"update": ["erp", "oms"]},
            "customer": {"create": ["erp", "commerce-platform"], "update": ["erp", "crm"]},
        },
        [
            flow("f1", pattern="scheduled-job", latency="checkout-blocking", sla="none"),
            flow("f2", safeguards=[], failure_owner=""),
        ],
    )
    seen = {(finding.domain, finding.kind) for finding in results.findings}
    assert {kind for _, kind in seen} >= set(get_args(OwnershipFindingKind)) | set(get_args(FlowFindingKind))
    assert all(kind in get_args(by_domain[domain]) for domain, kind in seen)
    assert {finding["kind"] for finding in results.model_dump(mode="json")["findings"]} == {kind for _, kind in seen}
    with pytest.raises(ValidationError):
        Finding(domain="flows", kind="no_slas", subject="f1", message="", risk="")  # type: ignore[arg-type]
