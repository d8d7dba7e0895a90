"""AnswerView: statuses, levels for each question kind, thresholds, hidden questions and show_if chains."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from slicewise.core.answers import AnswerView
from slicewise.core.kinds import level_from_share
from slicewise.core.models.assessment import Answer

from . import factories as f


def view(answers=None, ownership=None, flows=None, questions=None, model=None) -> AnswerView:
    """An AnswerView over the mini questionnaire (or given questions) and the given answers."""
    questionnaire = f.questionnaire(questions)
    scoring = f.scoring(model_data=model)
    return AnswerView(questionnaire, scoring, f.assessment(answers, ownership, flows))


def test_choice_level_is_the_chosen_choices_level() -> None:
    v = view({"failure.idempotency": {"choice": "keys-most-flows"}})
    assert v.status("failure.idempotency") == "answered"
    assert v.level("failure.idempotency") == 2
    assert v.state("failure.idempotency").words == "Keys on most flows"


def test_choice_that_no_longer_exists_counts_as_unanswered() -> None:
    v = view({"failure.idempotency": {"choice": "removed-choice"}})
    assert v.status("failure.idempotency") == "unanswered"
    assert v.level("failure.idempotency") is None


def test_unanswered_question_has_no_level() -> None:
    v = view()
    assert v.status("failure.retry") == "unanswered"
    assert v.level("failure.retry") is None


@pytest.mark.parametrize(
    ("ticked", "level"),
    [
        ([], 0),
        (["partial-shipments"], 1),  # 1 of 4 weight = 25%
        (["refunds"], 2),  # 2 of 4 = 50%
        (["refunds", "split-orders"], 3),  # 75%
        (["refunds", "split-orders", "partial-shipments"], 4),
    ],
)
def test_checklist_level_is_weighted_share_through_thresholds(ticked: list[str], level: int) -> None:
    v = view({"testing.edge-cases": {"choices": ticked}})
    assert v.status("testing.edge-cases") == "answered"
    assert v.level("testing.edge-cases") == level


def test_checklist_reason_names_share_and_missing_items() -> None:
    v = view({"testing.edge-cases": {"choices": ["refunds"]}})
    texts = [r.text for r in v.state("testing.edge-cases").reasons]
    assert texts[0] == (
        "testing.edge-cases: 1 of 3 items ticked, weighted share 50% → level 2 (thresholds 25%/50%/75%/100%)."
    )
    assert texts[1] == "testing.edge-cases: not ticked: Partial shipments, Split orders."


def test_checklist_with_no_list_is_unanswered_but_empty_list_is_level_zero() -> None:
    assert view({"testing.edge-cases": {"note": "later"}}).status("testing.edge-cases") == "unanswered"
    assert view({"testing.edge-cases": {"choices": []}}).level("testing.edge-cases") == 0


def test_level_from_share_counts_thresholds_met_exactly_at_the_boundary() -> None:
    thresholds = [0.2, 0.4, 0.6, 0.8]
    assert level_from_share(0.0, thresholds) == 0
    assert level_from_share(0.19, thresholds) == 0
    assert level_from_share(0.2, thresholds) == 1
    assert level_from_share(3 / 5, thresholds) == 3
    assert level_from_share(1.0, thresholds) == 4


def test_checklist_thresholds_come_from_the_model() -> None:
    model = f.model(checklist_thresholds=[0.1, 0.2, 0.3, 0.5])
    v = view({"testing.edge-cases": {"choices": ["refunds"]}}, model=model)
    assert v.level("testing.edge-cases") == 4


def test_text_is_answered_when_non_empty_and_never_levelled() -> None:
    assert view({"context.platform": {"text": "   "}}).status("context.platform") == "unanswered"
    v = view({"context.platform": {"text": "Shopify Plus"}})
    assert v.status("context.platform") == "answered"
    assert v.level("context.platform") is None
    assert not v.counts(v.question("context.platform"))


def test_unknown_and_na_have_no_level() -> None:
    v = view({"failure.retry": {"unknown": True}, "failure.idempotency": {"na": "out-of-scope"}})
    assert v.status("failure.retry") == "unknown"
    assert v.level("failure.retry") is None
    assert v.status("failure.idempotency") == "na"
    assert v.level("failure.idempotency") is None
    assert v.describe("failure.idempotency") == "is N/A (Out of scope for this engagement)"


@pytest.mark.parametrize(
    "fields",
    [
        {"choice": "l3", "unknown": True},
        {"choices": [], "na": "out-of-scope"},
        {"text": "x", "unknown": True, "na": "out-of-scope"},
        {"done": True, "unknown": True},
        {"na": ""},
    ],
)
def test_an_answer_is_only_one_of_a_value_dont_know_and_na(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Answer.model_validate(fields)


def test_hidden_question_is_hidden_but_its_answer_is_kept() -> None:
    answers = {"context.marketplaces": {"choice": "no"}, "failure.marketplace-returns": {"choice": "l2"}}
    v = view(answers)
    assert v.status("failure.marketplace-returns") == "hidden"
    assert v.level("failure.marketplace-returns") is None
    assert v.assessment.answers["failure.marketplace-returns"].choice == "l2"
    shown = view({**answers, "context.marketplaces": {"choice": "yes"}})
    assert shown.status("failure.marketplace-returns") == "answered"
    assert shown.level("failure.marketplace-returns") == 2


def test_show_if_on_unanswered_question_hides() -> None:
    assert view().status("failure.marketplace-returns") == "hidden"


def test_show_if_referring_to_a_hidden_question_sees_it_unanswered() -> None:
    questions = [
        f.choice_q("a.gate"),
        f.choice_q("a.middle", show_if={"level_at_least": {"question": "a.gate", "level": 3}}),
        f.choice_q("a.last", show_if={"answered": "a.middle"}),
    ]
    answers = {"a.gate": {"choice": "l1"}, "a.middle": {"choice": "l4"}, "a.last": {"choice": "l2"}}
    v = view(answers, questions=questions)
    assert v.status("a.middle") == "hidden"
    assert v.status("a.last") == "hidden"
    opened = view({**answers, "a.gate": {"choice": "l3"}}, questions=questions)
    assert opened.status("a.last") == "answered"


def test_show_if_cycle_is_guarded_and_counts_as_hidden() -> None:
    questions = [
        f.choice_q("a.one", show_if={"answered": "a.two"}),
        f.choice_q("a.two", show_if={"answered": "a.one"}),
    ]
    v = view({"a.one": {"choice": "l1"}, "a.two": {"choice": "l1"}}, questions=questions)
    assert v.status("a.one") == "hidden"
    assert v.status("a.two") == "hidden"


OWNERSHIP = {
    "product": {"create": ["pim"], "update": ["pim"], "consume": ["commerce"]},
    "price": {"create": ["erp", "commerce"]},
    "order": {"create": ["commerce"], "update": ["oms", "erp"], "correction_owner": "oms"},
}


def test_ownership_level_is_share_of_cleanly_owned_objects_in_use_once_marked_complete() -> None:
    v = view({"ownership.matrix": {"done": True}}, ownership=OWNERSHIP)
    state = v.state("ownership.matrix")
    assert state.status == "answered"
    # product and order clean; price has two creators; inventory is used by no system, so it is left out
    assert state.share == pytest.approx(2 / 3)
    assert state.level == level_from_share(2 / 3, v.scoring.model.checklist_thresholds)
    assert state.words == "2 of 3 objects in use cleanly owned"
    texts = [r.text for r in state.reasons]
    assert "ownership.matrix: several creators: Price." in texts
    assert "ownership.matrix: not used by any system, left out of the share: Inventory." in texts


def test_ownership_counts_unmapped_objects_as_not_clean_until_marked_complete() -> None:
    v = view(ownership=OWNERSHIP)
    state = v.state("ownership.matrix")
    assert state.status == "answered"
    # inventory is not mapped yet: it stays in the share as not cleanly owned, so 2 of 4
    assert state.share == pytest.approx(2 / 4)
    assert state.level == level_from_share(2 / 4, v.scoring.model.checklist_thresholds)
    assert state.words == "2 of 4 objects cleanly owned, 1 not mapped yet"
    texts = [r.text for r in state.reasons]
    assert "ownership.matrix: several creators: Price." in texts
    assert (
        "ownership.matrix: not mapped yet, counted as not cleanly owned until the matrix is marked complete: "
        "Inventory." in texts
    )


def test_ownership_level_rises_as_the_matrix_fills() -> None:
    clean = {"create": ["pim"]}
    first = view(ownership={"product": clean}).state("ownership.matrix")
    more = view(ownership={"product": clean, "order": clean, "inventory": clean}).state("ownership.matrix")
    assert first.share == pytest.approx(1 / 4)
    assert more.share == pytest.approx(3 / 4)
    assert first.level is not None and more.level is not None and first.level < more.level


def test_ownership_several_updaters_without_correction_owner_is_not_clean() -> None:
    ownership = {**OWNERSHIP, "order": {"create": ["commerce"], "update": ["oms", "erp"]}}
    done = {"ownership.matrix": {"done": True}}
    assert view(done, ownership=ownership).state("ownership.matrix").share == pytest.approx(1 / 3)


def test_ownership_unanswered_until_entries_or_done() -> None:
    assert view().status("ownership.matrix") == "unanswered"
    done = view({"ownership.matrix": {"done": True}})
    assert done.status("ownership.matrix") == "answered"
    assert done.level("ownership.matrix") == 0


def test_ownership_not_scored_is_answered_without_level() -> None:
    questions = f.questions()
    questions[6] = {**questions[6], "scored": False}
    v = view(ownership=OWNERSHIP, questions=questions)
    assert v.status("ownership.matrix") == "answered"
    assert v.level("ownership.matrix") is None
    assert not v.counts(v.question("ownership.matrix"))


def test_flow_level_is_mean_share_of_requirements_met() -> None:
    flows = [
        f.flow("full"),  # near-real-time: 4 safeguards + owner, all met → 1.0
        f.flow("half", latency="same-day", pattern="file", safeguards=["retry"], failure_owner=""),  # 1 of 3
    ]
    v = view(flows=flows)
    state = v.state("flows.inventory")
    assert state.share == pytest.approx((1.0 + 1 / 3) / 2)
    assert state.level == 2
    assert "flows.inventory: Flow half lacks alert, a named failure owner." in [r.text for r in state.reasons]


def test_flows_unanswered_until_flows_or_done() -> None:
    assert view().status("flows.inventory") == "unanswered"
    assert view({"flows.inventory": {"done": True}}).level("flows.inventory") == 0


def test_model_question_weight_overrides_the_questions_own() -> None:
    v = view(model=f.model(question_weights={"failure.retry": 3.5}))
    assert v.weight(v.question("failure.retry")) == 3.5
    assert v.weight(v.question("failure.idempotency")) == 1.0


def test_a_system_is_named_in_sentences_by_the_clients_name_and_labelled_in_lists_with_its_role() -> None:
    from slicewise.core.labels import system_label

    questionnaire = f.questionnaire()
    assessment = f.assessment(systems={"erp": "SAP S/4HANA", "pim": " PIM "})
    v = AnswerView(questionnaire, f.scoring(), assessment)
    assert [v.system_name(role) for role in ("erp", "pim", "oms", "unlisted")] == [
        "SAP S/4HANA",
        "PIM",
        "OMS",
        "unlisted",
    ]
    labels = [system_label(questionnaire, assessment, role) for role in ("erp", "pim", "oms", "unlisted")]
    assert labels == ["ERP (SAP S/4HANA)", "PIM", "OMS", "unlisted"]


def test_long_show_if_chain_resolves_without_deep_recursion() -> None:
    questions = [f.choice_q("a.q0")] + [
        f.choice_q(f"a.q{i}", show_if={"answered": f"a.q{i - 1}"}) for i in range(1, 3000)
    ]
    answers = {f"a.q{i}": {"choice": "l1"} for i in range(3000) if i != 1500}
    v = view(answers, questions=questions)
    assert v.status("a.q2999") == "hidden"  # a.q1500 is unanswered, so everything after it is hidden
    assert v.status("a.q1500") == "unanswered"
    assert v.status("a.q1499") == "answered"
