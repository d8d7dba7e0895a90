"""Projected levels: each area's expected score after each slice, if its actions reach the levels they declare."""

from __future__ import annotations

from slicewise.core.answers import AnswerView
from slicewise.core.models.results import AreaProjection, AreaResult, ProjectedStep, QuestionResult
from slicewise.core.models.scoring import Slice
from slicewise.core.plan.select import Candidate
from slicewise.core.scoring import area_results


def raised(question: QuestionResult, levels: dict[str, int]) -> QuestionResult:
    """A question as it would stand once the actions moving it are done (never lower than now)."""
    level = levels.get(question.id)
    if level is None or not question.scored or question.status in ("hidden", "na"):
        return question
    if question.status == "answered" and question.level is not None and question.level >= level:
        return question
    return question.model_copy(update={"status": "answered", "level": level, "reasons": []})


def project(
    view: AnswerView,
    questions: list[QuestionResult],
    areas: list[AreaResult],
    slices: list[Slice],
    placed: list[list[Candidate]],
) -> list[AreaProjection]:
    """Score every area again after each slice, with the levels its actions (and earlier slices') declare."""
    levels: dict[str, int] = {}
    projections = {
        a.id: AreaProjection(area=a.id, title=a.title, score=a.score, level=a.level, target=a.target)
        for a in areas
        if a.scored
    }
    for slice_, members in zip(slices, placed, strict=True):
        for candidate in members:
            for question_id, level in candidate.moves.items():
                levels[question_id] = max(levels.get(question_id, 0), level)
        for area in area_results(view, [raised(q, levels) for q in questions]):
            if area.id in projections:
                step = ProjectedStep(slice=slice_.id, score=area.score, level=area.level)
                projections[area.id].steps.append(step)
    return list(projections.values())
