"""Projected levels: each area's expected score after each slice, if its actions reach the levels they declare.

The engine projects its own plan; the consultant's adjusted plan (actions moved, sent to Later, dropped) is
projected again by the same function over the slices as they then stand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from slicewise.core.answers import AnswerView
from slicewise.core.models.questionnaire import area_of
from slicewise.core.models.results import AreaProjection, AreaResult, ProjectedStep, QuestionResult
from slicewise.core.scoring import area_results


class Moving(Protocol):
    """An action instance as projections see it: the levels its questions reach when it is done."""

    @property
    def moves(self) -> dict[str, int]:
        """Question id → the level it reaches."""
        ...


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
    slices: Sequence[str],
    placed: Sequence[Sequence[Moving]],
    later: Sequence[Moving],
) -> list[AreaProjection]:
    """Score every area again after each slice (by id), with the levels its actions (and earlier slices')
    declare, and once more with everything in Later done too."""
    levels: dict[str, int] = {}
    projections = {
        a.id: AreaProjection(area=a.id, title=a.title, score=a.score, level=a.level, target=a.target)
        for a in areas
        if a.scored
    }
    scored = {a.id: (a.score, a.level) for a in areas}
    for slice_id, members in zip(slices, placed, strict=True):
        scored = _rescore(view, questions, levels, members, scored)
        for area_id, projection in projections.items():
            now_score, now_level = scored[area_id]
            projection.steps.append(ProjectedStep(slice=slice_id, score=now_score, level=now_level))
    if later:
        scored = _rescore(view, questions, levels, later, scored)
        for area_id, projection in projections.items():
            now_score, now_level = scored[area_id]
            projection.with_later = ProjectedStep(slice="later", score=now_score, level=now_level)
    return list(projections.values())


def _rescore(
    view: AnswerView,
    questions: list[QuestionResult],
    levels: dict[str, int],
    done: Sequence[Moving],
    scored: dict[str, tuple[float | None, int | None]],
) -> dict[str, tuple[float | None, int | None]]:
    """Raise the levels the done instances declare and score again only the areas they move."""
    moved: set[str] = set()
    for candidate in done:
        for question_id, level in candidate.moves.items():
            if level > levels.get(question_id, -1):
                levels[question_id] = level
                moved.add(area_of(question_id))
    if not moved:
        return scored
    subset = [raised(q, levels) for q in questions if q.area in moved]
    again = {a.id: (a.score, a.level) for a in area_results(view, subset) if a.id in moved}
    return {**scored, **again}
