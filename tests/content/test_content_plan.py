"""The built-in plan on the demo and on two profiles: a plan for this client, not a backlog."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from slicewise.core.demo import load_demo
from slicewise.core.engine import evaluate
from slicewise.core.explain import explain_lines
from slicewise.core.loader import Bundle
from slicewise.core.models.assessment import Answer, Assessment
from slicewise.core.models.questionnaire import (
    ChecklistQuestion,
    ChoiceQuestion,
    FlowInventoryQuestion,
    OwnershipMatrixQuestion,
)
from slicewise.core.models.results import Results
from slicewise.core.store import open_assessment

from .kit import ROOT, bundle

PROFILES = ROOT / "tests" / "data" / "plan"


@cache
def scored(name: str) -> tuple[Bundle, Assessment, Results]:
    """Load and score the demo or a profile under tests/data/plan/ once."""
    if name == "demo":
        loaded, assessment = load_demo()
    else:
        assessment, loaded = open_assessment(PROFILES / f"{name}.toml")
    return loaded, assessment, evaluate(loaded, assessment)


def test_demo_slices_hold_at_most_their_limit_and_later_says_why() -> None:
    _, _, results = scored("demo")
    for piece in results.roadmap:
        assert 0 < len(piece.actions) <= piece.limit == 7, piece.id
        assert piece.effort_days == sum(a.effort_days for a in piece.actions)
    assert results.plan.later
    assert all(a.waits for a in results.plan.later)


def test_demo_plan_speaks_about_the_client() -> None:
    """At least half the selected instances name one of the client's systems, objects or flows."""
    _, assessment, results = scored("demo")
    selected = [a for piece in results.roadmap for a in piece.actions]
    named = [a for a in selected if a.subject]
    assert len(named) * 2 >= len(selected), [a.id for a in selected if not a.subject]
    for action in named:
        assert action.subject_label in action.title, action.id
    client_names = [n for n in assessment.systems.values() if n]
    assert sum(any(n in a.title for n in client_names) for a in selected) >= 3


def test_demo_thin_slice_names_one_demo_flow_with_its_ends_and_gaps() -> None:
    _, assessment, results = scored("demo")
    flow = results.plan.flow
    assert flow is not None and flow.id in {f.id for f in assessment.flows}
    thin = next(s for s in results.roadmap if s.id == "thin-slice")
    build = next(a for a in thin.actions if a.action == "build-thin-slice")
    assert build.subject == flow.id
    assert flow.name in build.title and flow.source in build.title and flow.target in build.title
    assert all(m.lower() in build.title for m in flow.missing)


def test_demo_every_critical_risk_is_answered_by_a_change_in_the_slices() -> None:
    _, _, results = scored("demo")
    critical = [r for r in results.risks if r.rating == "Critical"]
    assert critical and len(results.plan.critical) == len(critical)
    placed = {a.id: a for piece in results.roadmap for a in piece.actions}
    for answer in results.plan.critical:
        assert answer.answered_by, answer.text
        assert all(placed[i].kind == "change" and answer.risk in placed[i].risks for i in answer.answered_by)
    stock = next(a for a in results.plan.critical if a.risk == "flows.latency:stock-file")
    assert stock.answered_by[0] == "replace-slow-pattern:stock-file"


def test_a_mature_client_is_never_told_to_do_what_it_already_has() -> None:
    loaded, _, results = scored("mature_client")
    levels = {q.id: q.level for q in results.questions}
    targets = {a.id: a.target for a in results.areas}
    for piece in results.roadmap:
        for instance in piece.actions:
            action = loaded.scoring.action(instance.action)
            assert action is not None
            answered = [q for q in action.questions if levels.get(q) is not None]
            at_target = answered and all((levels[q] or 0) >= targets[q.split(".")[0]] for q in answered)
            assert not at_target, instance.id
    assert "agree-checkout-fallbacks" in results.plan.not_selected
    assert sum(len(p.actions) for p in results.roadmap) <= 6
    first = next(p for p in results.roadmap if p.actions)
    assert first.actions[0].id == "replace-slow-pattern:price-feed"  # its one real problem


def test_a_client_of_many_unknowns_starts_by_finding_out() -> None:
    loaded, _, results = scored("many_unknowns")
    find_out = results.plan.find_out
    assert len(find_out) >= 3
    asked = {q.question for group in find_out for q in group.questions}
    waiting = [a for a in results.plan.later if a.waits.startswith("it rests only on don't-know answers")]
    assert waiting
    for action in waiting:
        assert set(action.unknowns) <= asked, action.id
    placed = [a for piece in results.roadmap for a in piece.actions]
    assert not any(a.id == w.id for a in placed for w in waiting)
    assert "add-idempotency-keys" in {a.action for a in waiting}
    story = explain_lines(loaded, results)
    assert story[story.index("Plan") + 1].startswith("  Find out first")
    brief = story[: story.index("Areas")]
    assert any("First find out:" in line for line in brief)


def _raise(loaded: Bundle, assessment: Assessment, results: Results, question_id: str, level: int) -> None:
    """Answer a question at least at `level`, as completing the action that moves it would."""
    question = loaded.questionnaire.question(question_id)
    current = next(q for q in results.questions if q.id == question_id)
    if current.status == "answered" and current.level is not None and current.level >= level:
        return
    if isinstance(question, ChoiceQuestion):
        fitting = sorted((c for c in question.choices if c.level >= level), key=lambda c: c.level)
        assessment.answers[question_id] = Answer(choice=fitting[0].id)
    elif isinstance(question, ChecklistQuestion):
        thresholds = loaded.scoring.model.checklist_thresholds
        total = sum(i.weight for i in question.items)
        ticked: list[str] = []
        for item in sorted(question.items, key=lambda i: -i.weight):
            if (
                sum(1 for t in thresholds if sum(i.weight for i in question.items if i.id in ticked) / total >= t)
                >= level
            ):
                break
            ticked.append(item.id)
        assessment.answers[question_id] = Answer(choices=ticked)
    elif isinstance(question, OwnershipMatrixQuestion):
        for entry in assessment.ownership.values():
            used = [*entry.create, *entry.update, *entry.consume]
            entry.create = entry.create[:1] or used[:1]
            entry.correction_owner = entry.correction_owner or "Named owner"
        assessment.answers[question_id] = Answer(done=True)
    elif isinstance(question, FlowInventoryQuestion):
        required = loaded.scoring.model.analysers.flows.required_safeguards
        for flow in assessment.flows:
            flow.safeguards = list(dict.fromkeys([*flow.safeguards, *required.get(flow.latency, [])]))
            flow.failure_owner = flow.failure_owner or "Named owner"
        assessment.answers[question_id] = Answer(done=True)


@pytest.mark.parametrize("name", ["demo", "mature_client", "many_unknowns"])
def test_completing_a_slice_reaches_at_least_the_projected_levels(name: str) -> None:
    loaded, assessment, results = scored(name)
    for number in range(1, len(results.roadmap) + 1):
        done = assessment.model_copy(deep=True)
        levels: dict[str, int] = {}
        for piece in results.roadmap[:number]:
            for instance in piece.actions:
                for question_id, level in instance.moves.items():
                    levels[question_id] = max(levels.get(question_id, 0), level)
        for question_id, level in levels.items():
            _raise(loaded, done, results, question_id, level)
        after = {a.id: a for a in evaluate(loaded, done).areas}
        for projection in results.plan.projections:
            step = projection.steps[number - 1]
            if step.score is None:
                continue
            reached = after[projection.area].score
            assert reached is not None and reached >= step.score - 1e-9, (name, number, projection.area)
            assert (after[projection.area].level or 0) >= (step.level or 0)


def test_profiles_are_valid_assessments_of_the_built_in_questionnaire() -> None:
    for path in sorted(Path(PROFILES).glob("*.toml")):
        assessment, loaded = open_assessment(path)
        assert loaded.questionnaire.id == bundle("commerce-integration").questionnaire.id, path
        assert assessment.engagement.client, path
