"""The quick check is a short self-assessment scored on the same scale as the full workshop."""

from __future__ import annotations

from slicewise.core.demo import load_demo
from slicewise.core.engine import evaluate
from slicewise.core.models.assessment import Assessment, QuestionnaireRef
from slicewise.core.models.questionnaire import ChecklistQuestion, ChoiceQuestion

from .kit import FULL, QUICK, SLICES, bundle, scored_questions


def test_quick_check_is_short() -> None:
    """Between 12 and 20 questions in all, covering every scored area of the full workshop."""
    quick = bundle(QUICK)
    assert 12 <= len(quick.questionnaire.questions) <= 20
    full_areas = {a.id for a in bundle(FULL).questionnaire.areas if a.scored}
    quick_areas = {q.id.split(".")[0] for q in scored_questions(quick)}
    assert quick_areas == full_areas


def test_same_levels_thresholds_and_bands() -> None:
    """Level names, checklist thresholds, cap margin and rating bands match the full model."""
    full, quick = bundle(FULL).scoring.model, bundle(QUICK).scoring.model
    assert [(d.level, d.name) for d in quick.levels] == [(d.level, d.name) for d in full.levels]
    assert quick.checklist_thresholds == full.checklist_thresholds
    assert quick.cap_margin == full.cap_margin
    assert quick.rating_bands == full.rating_bands
    for area, scoring in quick.areas.items():
        assert scoring.target == full.areas[area].target


def test_shared_questions_have_identical_rubrics() -> None:
    """A question in both questionnaires has the same choices and levels, or the same checklist items."""
    full = bundle(FULL).questionnaire
    shared = 0
    for question in bundle(QUICK).questionnaire.questions:
        twin = full.question(question.id)
        if twin is None:
            continue
        shared += 1
        assert type(twin) is type(question), question.id
        if isinstance(question, ChoiceQuestion) and isinstance(twin, ChoiceQuestion):
            assert [(c.id, c.level) for c in question.choices] == [(c.id, c.level) for c in twin.choices]
        if isinstance(question, ChecklistQuestion) and isinstance(twin, ChecklistQuestion):
            assert [(i.id, i.weight) for i in question.items] == [(i.id, i.weight) for i in twin.items]
    assert shared >= 12


def test_same_answers_give_the_same_levels() -> None:
    """The demo's answers, given to the quick check, score each shared question at the same level."""
    _, assessment = load_demo()
    full_results = evaluate(bundle(FULL), assessment)
    quick = bundle(QUICK)
    ids = {q.id for q in quick.questionnaire.questions}
    answers = {qid: answer for qid, answer in assessment.answers.items() if qid in ids}
    short = Assessment(questionnaire=QuestionnaireRef(id=QUICK), answers=answers)
    quick_results = evaluate(quick, short)
    compared = 0
    for result in quick_results.questions:
        twin = full_results.question(result.id)
        if result.scored and twin is not None and result.status == "answered":
            assert result.level == twin.level, result.id
            compared += 1
    assert compared >= 10
    for area in quick_results.areas:
        if area.scored and area.score is not None:
            assert 0 <= area.score <= 4
    assert quick_results.risks, "the demo's weak failure design shows in the quick check too"
    assert "duplicate-orders-payments" in {r.id for r in quick_results.risks}


def test_quick_check_has_its_own_risks_and_roadmap() -> None:
    """Its own risk rules and a smaller roadmap over the same five slices, each slice with actions."""
    scoring = bundle(QUICK).scoring
    assert len(scoring.risks) >= 10
    assert [s.id for s in scoring.slices] == SLICES
    assert len(scoring.actions) >= 15
    for slice_id in SLICES:
        assert any(a.slice == slice_id for a in scoring.actions), slice_id
