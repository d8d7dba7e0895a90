"""Risks: rule risks with reasons, the ownership, flow and disagreement analysers, ratings and ordering."""

from __future__ import annotations

from typing import Any

from slicewise.core.answers import AnswerView
from slicewise.core.engine import evaluate
from slicewise.core.models.assessment import MergeInfo
from slicewise.core.models.results import RiskResult
from slicewise.core.risks import assess_risks

from . import factories as f


def risks_of(
    answers: dict[str, Any] | None = None,
    ownership: dict[str, Any] | None = None,
    flows: list[dict[str, Any]] | None = None,
    model: dict[str, Any] | None = None,
    rules: list[dict[str, Any]] | None = None,
    **extra: Any,
):
    """Run the risk analysis on the mini questionnaire and return (risks by id, findings)."""
    view = AnswerView(
        f.questionnaire(), f.scoring(model_data=model, risks=rules), f.assessment(answers, ownership, flows, **extra)
    )
    risks, findings = assess_risks(view)
    return {r.id: r for r in risks}, findings, risks


def test_rule_fires_with_score_band_reasons_and_refs() -> None:
    by_id, _, _ = risks_of({"failure.idempotency": {"choice": "keys-some-flows"}})
    risk = by_id["duplicate-orders"]
    assert risk.source == "rule"
    assert (risk.likelihood, risk.impact, risk.score) == (4, 5, 20)
    assert (risk.rating, risk.colour) == ("Critical", "C62828")
    assert risk.refs == ["failure.idempotency"]
    assert [r.text for r in risk.reasons] == ["failure.idempotency answered 'Keys on some flows' (level 1) ≤ 1: true"]
    assert risk.actions == ["design-idempotency"]


def test_rule_does_not_fire_when_condition_fails_or_answer_missing() -> None:
    assert "duplicate-orders" not in risks_of({"failure.idempotency": {"choice": "keys-all-flows"}})[0]
    assert "duplicate-orders" not in risks_of({})[0]


def test_rule_on_a_dont_know_raises_an_unverified_finding_with_its_follow_up() -> None:
    """A rule about a missing practice never asserts it on don't-know: it is unverified, less likely, and says
    whom to ask and what to find out."""
    confirmed = risks_of({"failure.idempotency": {"choice": "none"}})[0]["duplicate-orders"]
    answers = {"failure.idempotency": {"unknown": True}}
    risk = risks_of(answers)[0]["duplicate-orders"]
    assert confirmed.status == "confirmed" and risk.status == "unverified"
    assert risk.likelihood < confirmed.likelihood and risk.impact == confirmed.impact
    assert risk.title != confirmed.title and risk.title.startswith("Unverified")
    assert "Nobody in the room could answer" in risk.cause
    assert risk.follow_ups == ["failure.idempotency"] and risk.ask
    results = evaluate(f.bundle(), f.assessment(answers))
    follow_up = next(fu for fu in results.follow_ups if fu.question == "failure.idempotency")
    assert follow_up.risks == ["duplicate-orders"] and follow_up.ask == [risk.ask]


def test_rule_looking_only_at_hidden_questions_does_not_fire() -> None:
    rule = {
        **f.risk_rules()[0],
        "id": "returns-unplanned",
        "when": {"not": {"answered": "failure.marketplace-returns"}},
    }
    hidden = risks_of({"context.marketplaces": {"choice": "no"}}, rules=[rule])[0]
    assert "returns-unplanned" not in hidden
    asked = risks_of({"context.marketplaces": {"choice": "yes"}}, rules=[rule])[0]
    assert "returns-unplanned" in asked


def test_ownership_no_creator() -> None:
    by_id, findings, _ = risks_of(ownership={"inventory": {"update": ["oms"], "consume": ["commerce"]}})
    risk = by_id["ownership.no-creator:inventory"]
    assert risk.source == "ownership"
    assert risk.title == "Nobody creates Inventory"
    assert risk.impact == 3  # inventory is not critical
    assert risk.refs == ["inventory", "ownership.matrix"]
    assert risk.actions == ["define-ownership"]
    assert risk.reasons[0].text == "Inventory is used by OMS and Commerce platform, but no system creates it."
    assert [(x.domain, x.kind, x.subject, x.risk) for x in findings] == [
        ("ownership", "no_creator", "inventory", "ownership.no-creator:inventory")
    ]


def test_ownership_several_creators_uses_client_system_names_and_critical_bonus() -> None:
    by_id, _, _ = risks_of(
        ownership={"price": {"create": ["erp", "commerce"]}},
        systems={"erp": "SAP S/4HANA", "commerce": "Shopify Plus"},
    )
    risk = by_id["ownership.several-creators:price"]
    assert risk.cause == "SAP S/4HANA and Shopify Plus all create Price."
    assert risk.impact == 4  # 3 + critical bonus 1
    assert risk.score == 12
    assert risk.rating == "High"
    assert "It touches a critical object: impact raised from 3 to 4." in [r.text for r in risk.reasons]


def test_critical_bonus_never_exceeds_five() -> None:
    model = f.model()
    model["analysers"]["critical_impact_bonus"] = 2
    model["analysers"]["ownership"]["several_creators"]["impact"] = 4
    by_id, _, _ = risks_of(ownership={"order": {"create": ["erp", "commerce"]}}, model=model)
    assert by_id["ownership.several-creators:order"].impact == 5


def test_ownership_uncorrected_updates_and_correction_owner_clears_it() -> None:
    entry = {"create": ["commerce"], "update": ["oms", "erp", "oms"]}
    by_id, _, _ = risks_of(ownership={"product": entry})
    risk = by_id["ownership.uncorrected-updates:product"]
    assert risk.reasons[0].text == "Product is updated by OMS and ERP and nobody is named to correct bad data."
    assert not risks_of(ownership={"product": {**entry, "correction_owner": "oms"}})[0]


def test_cleanly_owned_object_raises_nothing() -> None:
    by_id, findings, _ = risks_of(ownership={"product": {"create": ["pim"], "update": ["pim"], "consume": ["erp"]}})
    assert by_id == {} and findings == []


def test_ownership_analyser_skipped_when_matrix_is_na() -> None:
    by_id, _, _ = risks_of({"ownership.matrix": {"na": "out-of-scope"}}, ownership={"price": {"create": ["a", "b"]}})
    assert not any(rid.startswith("ownership.") for rid in by_id)


def test_flow_latency_mismatch() -> None:
    flows = [
        f.flow("stock-feed", name="Stock feed", pattern="file", latency="checkout-blocking", objects=["inventory"])
    ]
    by_id, findings, _ = risks_of(flows=flows)
    risk = by_id["flows.latency:stock-feed"]
    assert risk.title == "Stock feed cannot be Checkout-blocking"
    assert risk.cause == "File transfer is too slow for Checkout-blocking."
    assert risk.reasons[0].text == (
        "Stock feed must be checkout-blocking, but File transfer can at best be same-day operational."
    )
    assert ("flows", "latency_mismatch") in [(x.domain, x.kind) for x in findings]


def test_flow_pattern_fast_enough_raises_no_latency_risk() -> None:
    flows = [
        f.flow("a", pattern="direct-api", latency="checkout-blocking", safeguards=["idempotency", "retry", "alert"])
    ]
    assert risks_of(flows=flows)[0] == {}
    slower_class = [f.flow("b", pattern="file", latency="next-cycle", safeguards=["alert"])]
    assert risks_of(flows=slower_class)[0] == {}


def test_flow_missing_safeguards_names_them_and_critical_objects_raise_impact() -> None:
    flows = [f.flow("order-export", name="Order export", safeguards=["retry"], objects=["order"])]
    by_id, _, _ = risks_of(flows=flows, systems={"erp": "SAP S/4HANA"})
    risk = by_id["flows.missing-safeguards:order-export"]
    assert risk.cause == "Order export lacks idempotency, dead-letter handling and alert."
    assert risk.impact == 4
    assert risk.refs == ["order-export", "flows.inventory"]
    summary = risk.reasons[1].text
    assert summary == (
        "Order export: Commerce platform → SAP S/4HANA, carrying Order, by Event stream, near real time; "
        "safeguards: retry; failure owner: Integration lead."
    )


def test_flow_without_failure_owner() -> None:
    flows = [f.flow("price-feed", name="Price feed", failure_owner=" ", objects=["product"])]
    by_id, _, _ = risks_of(flows=flows)
    risk = by_id["flows.no-failure-owner:price-feed"]
    assert risk.title == "Nobody owns failures of Price feed"
    assert risk.actions == ["name-failure-owners"]
    assert risk.impact == 3


def test_disagreement_with_built_in_text() -> None:
    merge = MergeInfo(
        respondents=["Ana", "Ben"],
        disagreements=[
            {
                "kind": "level_spread",
                "subject": "failure.idempotency",
                "detail": "Ana said level 1, Ben said level 4.",
                "respondents": ["Ana", "Ben"],
                "spread": 3,
            }
        ],
    )
    by_id, findings, _ = risks_of(merge=merge)
    risk = by_id["merge.level-spread:failure.idempotency"]
    assert risk.source == "merge"
    assert risk.title == (
        "Respondents disagree on 'How do flows avoid processing the same message twice?' (failure.idempotency)"
    )
    assert risk.cause == "Ana said level 1, Ben said level 4."
    assert findings[0].kind == "level_spread"


def test_disagreement_uses_model_template() -> None:
    model = f.model()
    model["analysers"]["disagreement"] = f.template("Split view on {subject}", cause="{detail}", likelihood=2)
    merge = MergeInfo(disagreements=[{"kind": "creators", "subject": "price", "detail": "ERP or PIM?"}])
    by_id, _, _ = risks_of(model=model, merge=merge)
    risk = by_id["merge.creators:price"]
    assert risk.title == "Split view on Price"
    assert risk.likelihood == 2


def test_risks_sorted_by_score_then_id() -> None:
    _, _, risks = risks_of(
        {"failure.idempotency": {"choice": "none"}, "testing.edge-cases": {"choices": []}},
        ownership={"product": {"create": ["pim", "erp"]}, "category": {"create": ["pim", "erp"]}},
    )
    keys = [(r.score, r.id) for r in risks]
    assert keys == sorted(keys, key=lambda k: (-k[0], k[1]))
    assert risks[0].id == "duplicate-orders"
    assert [r.id for r in risks if r.score == 9] == [
        "ownership.several-creators:category",
        "ownership.several-creators:product",
        "untested-refunds",
    ]


def test_unknown_placeholders_stay_and_known_unused_ones_are_empty() -> None:
    model = f.model()
    model["analysers"]["ownership"]["no_creator"]["title"] = "No source for {object}{flow} {other}"
    by_id, _, _ = risks_of(ownership={"price": {"consume": ["commerce"]}}, model=model)
    risk: RiskResult = by_id["ownership.no-creator:price"]
    assert risk.title == "No source for Price {other}"


def test_disagreement_on_a_flow_is_named_by_the_flow() -> None:
    merge = MergeInfo(disagreements=[{"kind": "flow", "subject": "order-export", "detail": "File or API?"}])
    by_id, findings, _ = risks_of(flows=[f.flow("order-export", name="Order export")], merge=merge)
    assert by_id["merge.flow:order-export"].title == "Respondents disagree on Order export"
    assert findings[-1].message == "Respondents disagree on Order export: File or API?"


def test_every_finding_names_the_domain_of_the_risk_it_raised() -> None:
    merge = MergeInfo(disagreements=[{"kind": "flow", "subject": "order-export", "detail": "File or API?"}])
    by_id, findings, _ = risks_of(
        ownership={"inventory": {"update": ["oms"], "consume": ["commerce"]}},
        flows=[f.flow("order-export", name="Order export", pattern="file", latency="checkout-blocking")],
        merge=merge,
    )
    assert {x.domain for x in findings} == {"ownership", "flows", "merge"}
    assert all(by_id[x.risk].source == x.domain for x in findings)
