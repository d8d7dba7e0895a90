"""The demo client produces the findings its answers imply, as a senior architect would write them."""

from __future__ import annotations

from functools import cache

from slicewise.core.demo import load_demo
from slicewise.core.engine import evaluate
from slicewise.core.explain import explain_lines
from slicewise.core.loader import Bundle
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import Results

from .kit import SLICES


@cache
def demo() -> tuple[Bundle, Assessment, Results]:
    """Load and score the shipped demo once."""
    loaded, assessment = load_demo()
    return loaded, assessment, evaluate(loaded, assessment)


def risk_ids() -> set[str]:
    """The ids of every risk the demo raises."""
    return {risk.id for risk in demo()[2].risks}


def test_demo_is_a_complete_assessment() -> None:
    """Every applicable question is answered, nothing is orphaned and nothing is answered while hidden."""
    _, assessment, results = demo()
    assert results.orphan_answers == []
    assert results.warnings == []
    assert all(q.status != "unanswered" for q in results.questions), [
        q.id for q in results.questions if q.status == "unanswered"
    ]
    hidden = {q.id for q in results.questions if q.status == "hidden"}
    assert hidden == {"ownership.b2b-accounts"}
    assert not hidden & set(assessment.answers)
    assert assessment.engagement.client and assessment.engagement.participants


def test_demo_has_dont_know_and_not_applicable_answers() -> None:
    """Some answers are don't-know (becoming follow-ups) and some are N/A with a reason."""
    _, assessment, results = demo()
    follow_ups = {f.question for f in results.follow_ups}
    assert {"failure.replay", "failure.late-payments", "operations.settlement"} <= follow_ups
    not_applicable = [qid for qid, a in assessment.answers.items() if a.na]
    assert len(not_applicable) >= 2
    assert all(assessment.answers[qid].na_note for qid in not_applicable)
    noted = [a for a in assessment.answers.values() if a.note]
    assert len(noted) >= 25


def test_demo_maturity_is_mixed() -> None:
    """Solid patterns, weak failure design, partial testing."""
    results = demo()[2]
    patterns, failure, testing = (results.area(a) for a in ("patterns", "failure", "testing"))
    assert patterns is not None and failure is not None and testing is not None
    assert patterns.score is not None and patterns.score >= 2.5
    assert failure.score is not None and failure.score < 1.5
    assert testing.score is not None and 1.5 <= testing.score < 2.5
    assert patterns.score - failure.score >= 1.0


def test_ownership_matrix_has_a_double_owner_and_an_orphan() -> None:
    """Product is created by two systems, returns by none; both are findings and risks."""
    _, assessment, results = demo()
    assert sorted(assessment.ownership["product"].create) == ["erp", "pim"]
    assert assessment.ownership["return"].create == []
    kinds = {(f.kind, f.subject) for f in results.findings}
    assert ("several_creators", "product") in kinds
    assert ("no_creator", "return") in kinds
    assert ("uncorrected_updates", "inventory") in kinds
    assert {
        "ownership.several-creators:product",
        "ownership.no-creator:return",
        "ownership.uncorrected-updates:inventory",
    } <= risk_ids()


def test_nightly_file_feeding_checkout_is_a_latency_mismatch() -> None:
    """The nightly stock file serves a checkout-blocking need a file transfer cannot meet."""
    _, assessment, results = demo()
    assert len(assessment.flows) >= 8
    stock = next(f for f in assessment.flows if f.id == "stock-file")
    assert (stock.pattern, stock.latency) == ("file", "checkout-blocking")
    assert ("latency_mismatch", "stock-file") in {(f.kind, f.subject) for f in results.findings}
    assert "flows.latency:stock-file" in risk_ids()
    assert "flows.no-failure-owner:stock-file" in risk_ids()


def test_missing_idempotency_is_raised_by_the_rule_and_the_flow_analyser() -> None:
    """The order export lacks idempotency: the flow analyser and the idempotency rule both say so."""
    results = demo()[2]
    assert "duplicate-orders-payments" in risk_ids()
    order_export = next(r for r in results.risks if r.id == "flows.missing-safeguards:order-export")
    assert "idempotency" in order_export.title
    top = results.risks[0]
    assert top.score >= 16


def test_weak_failure_design_raises_the_expected_rules() -> None:
    """Failure-design gaps in the answers become named risks with owners and actions."""
    expected = {
        "silent-message-loss",
        "orphan-failures",
        "retry-storms",
        "payment-state-wrong",
        "money-cases-untested",
        "no-runbooks",
        "no-rollback",
    }
    assert expected <= risk_ids()
    quiet = {"no-source-of-truth", "one-pattern-everywhere", "latency-unstated", "marketplace-listing-drift"}
    assert not quiet & risk_ids()


def test_every_slice_receives_actions() -> None:
    """The demo's roadmap has actions in all five slices, mitigating its top risks first in the first slice."""
    results = demo()[2]
    assert [s.id for s in results.roadmap] == SLICES
    for planned in results.roadmap:
        assert planned.actions, planned.id
    placed = {a.action for s in results.roadmap for a in s.actions}
    assert {"add-idempotency-keys", "assign-failure-owners", "agree-ownership-matrix"} <= placed
    assert sum(len(s.actions) for s in results.roadmap) >= 25


def test_explain_reads_like_findings() -> None:
    """The explanation names the demo's systems and flows in the client's own words."""
    loaded, _, results = demo()
    text = "\n".join(explain_lines(loaded, results))
    for phrase in ("Nightly stock file to the storefront", "Ledgerline ERP", "Catalogix PIM", "Orders or payments"):
        assert phrase in text
