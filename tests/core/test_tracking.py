"""The consultant's adjustments, custom items and milestones: applied over the engine, kept beside it, never lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from slicewise.core.adjust import all_actions, reproject
from slicewise.core.answers import AnswerView
from slicewise.core.demo import load_demo
from slicewise.core.engine import evaluate
from slicewise.core.errors import SlicewiseError
from slicewise.core.explain import explain_lines
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import Results
from slicewise.core.store import open_assessment, save_assessment
from slicewise.core.tracking import add_custom_action, add_custom_risk, adjust, record_milestone


def test_a_rerate_keeps_the_engines_rating_beside_it_and_reorders_the_register() -> None:
    bundle, assessment = load_demo()
    engine = evaluate(bundle, assessment)
    top = engine.risks[0]
    changed = adjust(assessment, engine, top.id, {"likelihood": 1, "owner": "Dana"}, "Already handled", "Ana")
    results = evaluate(bundle, changed)
    risk = next(r for r in results.risks if r.id == top.id)
    assert (risk.likelihood, risk.score) == (1, top.impact)
    assert risk.engine == {"likelihood": top.likelihood, "impact": top.impact, "score": top.score, "rating": top.rating}
    assert risk.rating == bundle.scoring.band_for(top.impact).name
    assert risk.named_owner == "Dana" and risk.owner == top.owner
    assert [n.reason for n in risk.adjustments] == ["Already handled"]
    assert results.risks[0].id != top.id
    assert [r.score for r in results.risks] == sorted((r.score for r in results.risks), reverse=True)
    lines = "\n".join(explain_lines(bundle, results, top.id))
    assert f"Engine said: likelihood {top.likelihood}" in lines and "by Ana" in lines and "Already handled" in lines


def test_dismiss_move_drop_and_statuses_apply_and_are_explained() -> None:
    bundle, assessment = load_demo()
    engine = evaluate(bundle, assessment)
    risk = engine.risks[1].id
    first, second = engine.roadmap[0].actions[0], engine.roadmap[1].actions[0]
    changed = adjust(assessment, engine, risk, {"dismissed": True, "response": "closed"}, "Not here")
    changed = adjust(changed, engine, first.id, {"dropped": True}, "Done already")
    changed = adjust(changed, engine, second.id, {"slice": "later", "status": "blocked"}, "Waits for budget")
    results = evaluate(bundle, changed)
    assert risk not in {r.id for r in results.risks}
    assert [r.id for r in results.judgement.dismissed] == [risk]
    assert first.id not in {a.id for a in all_actions(results)}
    assert [a.id for a in results.judgement.dropped] == [first.id]
    moved = next(a for a in results.plan.later if a.id == second.id)
    assert moved.engine == {"slice": engine.roadmap[1].id} and moved.status == "blocked"
    assert "Waits for budget" in moved.waits
    assert results.roadmap[0].effort_days == pytest.approx(engine.roadmap[0].effort_days - first.effort_days)
    story = "\n".join(explain_lines(bundle, results))
    assert f"Dismissed risk {risk}" in story and f"Dropped action {first.id}" in story


def test_custom_risk_and_action_join_the_register_and_the_plan() -> None:
    bundle, assessment = load_demo()
    engine = evaluate(bundle, assessment)
    dep = engine.roadmap[0].actions[0].id
    changed = add_custom_risk(
        assessment, engine, title="Key person on the ERP", likelihood=5, impact=5, reason="One dev"
    )
    changed = add_custom_action(
        changed, engine, title="Pair a second developer", slice="thin-slice", depends_on=[dep], reason="Answers it"
    )
    results = evaluate(bundle, changed)
    assert results.risks[0].id == "custom-key-person-on-the-erp" and results.risks[0].source == "custom"
    custom = next(a for a in all_actions(results) if a.id == "custom-pair-a-second-developer")
    assert custom.slice == "thin-slice" and custom.depends_on == [dep]
    with pytest.raises(SlicewiseError, match="Cannot adjust"):
        add_custom_action(changed, engine, title="X", slice="thin-slice", depends_on=["nope"], reason="r")


@pytest.mark.parametrize(
    ("item", "changes", "reason", "message"),
    [
        ("nope", {"owner": "x"}, "r", "no risk or action instance has this id"),
        ("RISK", {"status": "done"}, "r", "a risk has no status"),
        ("ACTION", {"likelihood": 2}, "r", "an action has no likelihood"),
        ("ACTION", {"slice": "nowhere"}, "r", "no slice 'nowhere'"),
        ("RISK", {"owner": "x"}, "  ", "give a short reason"),
        ("RISK", {}, "r", "nothing to change"),
        ("RISK", {"due": "2027-13-01"}, "r", "due"),
    ],
)
def test_bad_adjustments_are_refused_with_one_clear_message(
    item: str, changes: dict, reason: str, message: str
) -> None:
    bundle, assessment = load_demo()
    engine = evaluate(bundle, assessment)
    item = {"RISK": engine.risks[0].id, "ACTION": engine.roadmap[0].actions[0].id}.get(item, item)
    with pytest.raises(SlicewiseError) as caught:
        adjust(assessment, engine, item, changes, reason)
    assert message in str(caught.value.problems[0].message)
    assert caught.value.exit_code == 2


def test_a_stale_adjustment_is_kept_and_shown_never_dropped(tmp_path: Path) -> None:
    bundle, assessment = load_demo()
    engine = evaluate(bundle, assessment)
    risk = engine.risks[0]
    changed = adjust(assessment, engine, risk.id, {"response": "accepted"}, "Board accepted it")
    gone = changed.model_copy(update={"answers": {}, "ownership": {}, "flows": []})
    results = evaluate(bundle, gone)
    assert risk.id not in {r.id for r in results.risks}
    assert [(n.id, n.stale) for n in results.judgement.adjustments] == [(risk.id, True)]
    assert "STALE" in "\n".join(explain_lines(bundle, results))
    assert "no longer arises" in "\n".join(explain_lines(bundle, results, risk.id))
    path = tmp_path / "a.toml"
    save_assessment(gone, path)
    reopened, _ = open_assessment(path)
    assert reopened.adjustments == changed.adjustments


def test_tracking_tables_round_trip_and_older_files_load_without_them(tmp_path: Path, data_dir: Path) -> None:
    bundle, assessment = load_demo()
    engine = evaluate(bundle, assessment)
    changed = adjust(assessment, engine, engine.risks[0].id, {"response": "mitigating", "due": "2027-01-31"}, "Plan")
    changed = record_milestone(changed, evaluate(bundle, changed), "workshop", "Ana")
    path = tmp_path / "a.toml"
    save_assessment(changed, path)
    reopened, _ = open_assessment(path)
    assert reopened == changed
    plain = tmp_path / "plain.toml"
    save_assessment(assessment, plain)
    assert "[[adjustments]]" not in plain.read_text() and "[[milestones]]" not in plain.read_text()
    old, _ = open_assessment(data_dir / "format1_assessment.toml")
    assert isinstance(old, Assessment) and old.adjustments == [] and old.milestones == []


def test_milestone_names_are_unique() -> None:
    bundle, assessment = load_demo()
    engine = evaluate(bundle, assessment)
    once = record_milestone(assessment, engine, "workshop")
    snap = once.milestones[0].snapshot
    assert snap.overall_level == engine.overall.level and len(snap.risks) == len(engine.risks)
    with pytest.raises(SlicewiseError, match="milestone"):
        record_milestone(once, engine, "workshop")


def _levels(results: Results, area: str) -> tuple[list[int | None], int | None]:
    """An area's projected level after each slice, and with Later too."""
    projection = next(p for p in results.plan.projections if p.area == area)
    later = projection.with_later.level if projection.with_later is not None else None
    return [step.level for step in projection.steps], later


def test_projected_levels_follow_actions_moved_sent_to_later_or_dropped() -> None:
    bundle, assessment = load_demo()
    engine = evaluate(bundle, assessment)
    last = engine.roadmap[-1].id
    moved = None
    for action in engine.roadmap[0].actions:  # the first whose move changes a level after slice 1
        results = evaluate(bundle, adjust(assessment, engine, action.id, {"slice": last}, "Budget comes later"))
        if action.area and _levels(results, action.area)[0][0] != _levels(engine, action.area)[0][0]:
            moved = action
            break
    assert moved is not None, "the demo plan has an action whose slice matters to its area's level"
    area = moved.area
    (engine_steps, engine_later) = _levels(engine, area)
    steps, later = _levels(results, area)
    assert steps[0] is not None and engine_steps[0] is not None and steps[0] < engine_steps[0]
    assert steps[-1] == engine_steps[-1] and later == engine_later  # done by the end either way
    to_later = evaluate(bundle, adjust(assessment, engine, moved.id, {"slice": "later"}, "Not this year"))
    assert _levels(to_later, area)[0][0] == steps[0] and _levels(to_later, area)[1] == engine_later
    dropped = evaluate(bundle, adjust(assessment, engine, moved.id, {"dropped": True}, "Out of scope"))
    assert _levels(dropped, area)[0][0] == steps[0]
    reopened = evaluate(bundle, adjust(assessment, engine, moved.id, {"status": "done"}, "Status only"))
    assert reopened.plan.projections == engine.plan.projections  # no move: the engine's projection stands


def test_reprojecting_the_engines_own_plan_gives_the_engines_projection() -> None:
    bundle, assessment = load_demo()
    engine = evaluate(bundle, assessment)
    again = engine.model_copy(deep=True)
    reproject(again, AnswerView(bundle.questionnaire, bundle.scoring, assessment))
    assert again.plan.projections == engine.plan.projections


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": " ", "reason": "r"}, "give it a title"),
        ({"title": "X", "reason": ""}, "give a short reason"),
        ({"title": "X", "reason": "r", "depends_on": ["nope"]}, "no action on the plan has the id nope"),
        ({"title": "X", "reason": "r", "risks": ["nope"]}, "no risk in the register has the id nope"),
        ({"title": "X", "reason": "r", "effort": "XXL"}, "no effort size 'XXL'"),
        ({"title": "X", "reason": "r", "slice": "nowhere"}, "no slice 'nowhere'"),
    ],
)
def test_bad_custom_actions_are_refused_with_one_clear_message(fields: dict[str, object], message: str) -> None:
    bundle, assessment = load_demo()
    engine = evaluate(bundle, assessment)
    with pytest.raises(SlicewiseError) as raised:
        add_custom_action(assessment, engine, **{"slice": "decide", **fields})
    assert [message in p.message for p in raised.value.problems] == [True]
    with pytest.raises(SlicewiseError, match="give it a title"):
        add_custom_risk(assessment, engine, title="", reason="r")
