"""The session's edits, without a terminal: answers, marks, visibility, matrix cells and flow ids."""

from __future__ import annotations

import pytest

from slicewise.core.models.assessment import Flow
from slicewise.tui.session import Session


def test_step_skips_hidden_questions_and_stops_at_the_ends(session: Session) -> None:
    assert session.step("context.platform", -1) == "context.platform"
    assert session.step("failure.retry", 1) == "failure.flows"  # rejects is hidden until marketplaces = yes
    session.choose("context.marketplaces", "yes")
    session.refresh()
    assert session.step("failure.retry", 1) == "failure.marketplace-rejects"
    assert session.step("ownership.corrections", 1) == "ownership.corrections"


def test_start_question_moves_past_a_resume_point_that_became_hidden(session: Session) -> None:
    session.assessment.progress.current = "failure.marketplace-rejects"
    assert session.start_question() == "failure.flows"


def test_dont_know_replaces_a_choice_and_a_choice_replaces_dont_know(session: Session) -> None:
    session.choose("failure.idempotency", "some-flows")
    assert session.toggle_unknown("failure.idempotency") is True
    assert session.answer("failure.idempotency").choice is None
    session.choose("failure.idempotency", "all-flows")
    session.refresh()
    assert session.answer("failure.idempotency").unknown is False
    assert session.status("failure.idempotency") == "answered"


def test_na_with_a_reason_and_clearing_it(session: Session) -> None:
    session.set_na("failure.retry", "out-of-scope", "no retries at all")
    session.refresh()
    assert session.status("failure.retry") == "na"
    session.set_na("failure.retry", None)
    assert "failure.retry" not in session.assessment.answers  # an answer holding nothing is dropped


def test_confidence_cycles_through_three_states(session: Session) -> None:
    values = [session.cycle_confidence("failure.idempotency") for _ in range(3)]
    assert values == ["sure", "unsure", None]


def test_checklist_ticks_keep_questionnaire_order(session: Session) -> None:
    session.toggle_item("failure.retry", "dead-letter")
    session.toggle_item("failure.retry", "backoff")
    assert session.answer("failure.retry").choices == ["backoff", "dead-letter"]
    session.toggle_item("failure.retry", "backoff")
    assert session.answer("failure.retry").choices == ["dead-letter"]


def test_a_cell_holds_one_role_and_an_empty_object_is_dropped(session: Session) -> None:
    session.set_cell("price", "erp", "create")
    session.set_cell("price", "erp", "update")
    assert session.assessment.ownership["price"].create == []
    assert session.assessment.ownership["price"].update == ["erp"]
    session.set_cell("price", "erp", None)
    assert "price" not in session.assessment.ownership


def test_flow_ids_are_unique_slugs(session: Session) -> None:
    first = session.new_flow_id("Order export → ERP")
    assert first == "order-export-erp"
    session.put_flow(
        Flow(id=first, name="Order export", source="commerce", target="erp", pattern="queue", latency="same-day")
    )
    assert session.new_flow_id("Order export ERP") == "order-export-erp-2"
    assert session.new_flow_id("!!!") == "flow"


def test_the_tui_and_the_exports_name_systems_alike(session: Session) -> None:
    from slicewise.export.labels import Labels

    session.set_system_name("erp", "SAP S/4HANA")
    session.assessment.systems["pim"] = "PIM"  # the client's name is the catalogue label: said once
    session.assessment.systems["commerce"] = "  Shopware 6 "
    labels = Labels(session.bundle, session.assessment)
    for role in ("erp", "pim", "commerce", "unlisted"):
        assert session.system_label(role) == labels.system(role)
    assert session.system_label("erp") == "ERP (SAP S/4HANA)"
    assert session.system_label("pim") == "PIM"
    assert session.system_label("commerce") == "Commerce platform (Shopware 6)"
    assert session.system_label("unlisted") == "unlisted"


def test_a_question_is_drawn_from_the_engines_statuses_alone_and_they_agree_with_its_results(
    demo_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a file never waits for the scores and the plan: the statuses the first screen needs come from the
    engine's first stage, and they are exactly what the whole evaluation says."""
    import slicewise.tui.session as module

    calls: list[int] = []
    whole = module.evaluate

    def counted(*args: object) -> object:
        calls.append(1)
        return whole(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "evaluate", counted)
    reopened = Session.open(demo_session.bundle, demo_session.assessment, demo_session.path)
    start = reopened.start_question()
    statuses = {q.id: reopened.status(q.id) for q in reopened.questions}
    counts = [reopened.area_counts(area.id) for area in reopened.bundle.questionnaire.areas]
    assert calls == [], "the first screen's statuses, counts and start did not need the whole evaluation"
    results = reopened.results
    assert calls == [1]
    assert statuses == {result.id: result.status for result in results.questions}
    for question in reopened.questions:
        assert reopened.question_result(question.id) == results.question(question.id)
    assert start == demo_session.start_question()
    assert counts == [demo_session.area_counts(area.id) for area in demo_session.bundle.questionnaire.areas]


def test_after_an_edit_the_statuses_and_results_are_computed_again(session: Session) -> None:
    assert session.status("failure.marketplace-rejects") == "hidden"
    before = session.results
    session.choose("context.marketplaces", "yes")
    session.refresh()
    assert session.status("failure.marketplace-rejects") == "unanswered"
    assert session.results is not before
    assert session.results.question("failure.marketplace-rejects").status == "unanswered"  # type: ignore[union-attr]
