"""explain_lines(): the whole story, single items by id, and unknown ids with suggestions."""

from __future__ import annotations

import pytest

from slicewise.core.engine import evaluate
from slicewise.core.errors import SlicewiseError
from slicewise.core.explain import explain_lines
from slicewise.core.models.results import Results

from . import factories as f

BUNDLE = f.bundle(
    scoring=f.scoring(
        action_list=[
            f.action("design-idempotency", "release", questions=["failure.idempotency"], title="Design keys"),
            f.action(
                "retry-policy",
                "thin-slice",
                questions=["testing.edge-cases"],
                below=4,
                depends_on=["design-idempotency"],
            ),
            f.action("define-ownership", "decide", area="ownership"),
            f.action("edge-case-suite", "exceptions", area="testing"),
            f.action("name-failure-owners", "operate", area="flows"),
        ]
    )
)


def results() -> Results:
    """Evaluate a small assessment with a cap, a don't-know, a pushed action and analyser risks."""
    assessment = f.assessment(
        {
            "failure.idempotency": {"choice": "keys-some-flows"},
            "failure.retry": {"choice": "l4"},
            "failure.marketplace-returns": {"unknown": True, "note": "Ask the marketplace team"},
            "context.marketplaces": {"choice": "yes"},
            "testing.edge-cases": {"choices": ["refunds"]},
            "ownership.matrix": {"done": True},
        },
        ownership={"price": {"create": ["erp", "commerce"]}},
    )
    return evaluate(BUNDLE, assessment)


def test_whole_story_has_every_section() -> None:
    lines = explain_lines(BUNDLE, results())
    text = "\n".join(lines)
    assert lines[0].startswith("Overall: ")
    for heading in ("Areas", "Risks (", "Plan", "Follow-ups (1 don't-know answer to find out)"):
        assert heading in text
    assert "  Failure design (failure): 2.00, capped from 2.50, level 2 (Emerging); target 3, gap 1.00;" in text
    assert "Capped at 2: critical failure.idempotency at level 1 (level + 1)" in text
    assert "      failure.idempotency answered 'Keys on some flows' (level 1) ≤ 1: true" in text
    assert "    Mitigated by design-idempotency: Design keys (slice 4, Release and rollback)." in text
    assert "Slice 4: Release and rollback (release). Goal: Goal of release." in text
    assert "moved to 'Release and rollback': it depends on design-idempotency ('Design keys')" in text
    assert (
        "  failure.marketplace-returns: Prompt of failure.marketplace-returns? Note: Ask the marketplace team" in text
    )


def test_explain_one_area() -> None:
    lines = explain_lines(BUNDLE, results(), "testing")
    assert (
        lines[0]
        == "Testing (testing): 2.00, level 2 (Emerging); target 2, target met; 1 of 1 applicable question answered (100%)."
    )
    assert "  Target 2 (the model's default); target met." in lines


def test_explain_one_question_names_its_risks_and_actions() -> None:
    lines = explain_lines(BUNDLE, results(), "failure.idempotency")
    assert lines[0] == "Question failure.idempotency: How do flows avoid processing the same message twice?"
    assert "  Answered 'Keys on some flows', level 1, weight 1 in its area." in lines
    assert "  Raises risk duplicate-orders: Retries create duplicate orders (Critical, score 20)." in lines
    assert "  Selects action design-idempotency: Design keys (slice 4, Release and rollback)." in lines


def test_explain_one_risk_one_action_and_one_slice() -> None:
    res = results()
    risk = explain_lines(BUNDLE, res, "ownership.several-creators:price")
    assert risk[0] == "[High 12] Price has several sources (ownership.several-creators:price)"
    assert "    Price is created by 2 systems (ERP and Commerce platform): there is no single source." in risk
    action = explain_lines(BUNDLE, res, "retry-policy")
    assert action[0].startswith(
        "retry-policy: Do retry-policy (slice 4, Release and rollback; change; effort M, 8 days;"
    )
    assert action[-1] == "  Done when: Evidence for retry-policy."
    empty = explain_lines(BUNDLE, res, "operate")
    assert empty == ["Slice 5: Operate (operate). Goal: Goal of operate.", "  Nothing selected here by these answers."]
    assert explain_lines(BUNDLE, res, "overall")[0].startswith("Overall: ")


def test_explain_known_but_inactive_rule_and_action() -> None:
    res = results()
    assert explain_lines(BUNDLE, res, "name-failure-owners")[1].startswith("  Not on the plan")
    rules = f.risk_rules()
    bundle = f.bundle(scoring=f.scoring(risks=[{**rules[0], "id": "quiet-rule", "when": {"unknown": "failure.retry"}}]))
    assert explain_lines(bundle, evaluate(bundle, f.assessment({})), "quiet-rule") == [
        "Risk quiet-rule: Retries create duplicate orders",
        "  Not raised: its condition does not hold.",
    ]


def test_unknown_id_is_an_error_with_close_matches() -> None:
    with pytest.raises(SlicewiseError) as caught:
        explain_lines(BUNDLE, results(), "failure.idempotncy")
    error = caught.value
    assert error.exit_code == 2
    assert error.title == "Nothing to explain for 'failure.idempotncy'"
    assert "Did you mean: failure.idempotency" in error.problems[0].message


def test_unknown_id_without_close_match_lists_what_ids_are() -> None:
    with pytest.raises(SlicewiseError) as caught:
        explain_lines(BUNDLE, results(), "zzz")
    assert "Ids are area, question, risk, action or slice ids." in caught.value.problems[0].message


def test_whole_story_opens_with_the_headline_findings() -> None:
    lines = explain_lines(BUNDLE, results())
    start = lines.index("In brief")
    brief = lines[start + 1 : lines.index("", start)]
    assert brief[0] == "  Ownership is 3.00 below its target: 0.00 against 3."
    assert (
        brief[1]
        == "  Failure design is 1.00 below its target: 2.00 against 3, held down by failure.idempotency (provisional: too few answers to rely on)."
    )
    assert brief[2].startswith("  Top risks: Retries create duplicate orders (Critical, 20); ")
    assert brief[3] == "  Start with Decide before building: Do define-ownership."
    assert brief[4] == "  1 question answered don't-know: find out before relying on these scores."
