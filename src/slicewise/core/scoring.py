"""Question results, area scores with caps, coverage and gaps, the overall score and don't-know follow-ups."""

from __future__ import annotations

import math

from slicewise.core.answers import AnswerView
from slicewise.core.conditions import clauses
from slicewise.core.kinds import is_scored
from slicewise.core.models.questionnaire import Area, Question
from slicewise.core.models.results import (
    AreaResult,
    FollowUp,
    OverallResult,
    QuestionResult,
    Reason,
)
from slicewise.core.words import percent, plural


def question_results(view: AnswerView) -> list[QuestionResult]:
    """Return every question's status, level, effective weight and answer in words, in walking order."""
    results = []
    for question in view.questionnaire.questions:
        state = view.state(question.id)
        assert state is not None
        counts = view.counts(question)
        level = state.level if counts and state.status == "answered" else None
        results.append(
            QuestionResult(
                id=question.id,
                area=question.id.split(".", 1)[0],
                kind=question.kind,
                status=state.status,
                scored=counts,
                level=level,
                weight=view.weight(question),
                answer=state.words,
                reasons=_answered_reasons(question, state.reasons, counts)
                if state.status == "answered"
                else _status_reasons(view, question),
            )
        )
    return results


def _answered_reasons(question: Question, reasons: list[Reason], counts: bool) -> list[Reason]:
    """The level's reasons, plus a word when the answer informs the assessment without counting."""
    if counts:
        return list(reasons)
    if question.kind == "text":
        why = "a text answer"
    elif is_scored(question):
        why = "in a context area"
    else:
        why = "marked not scored"
    note = Reason(text=f"{question.id} is {why}: it informs the assessment but is not scored.", refs=[question.id])
    return [*reasons, note]


def _status_reasons(view: AnswerView, question: Question) -> list[Reason]:
    """Say why a question without a real answer has no level."""
    status = view.status(question.id)
    if status == "hidden":
        text = f"{question.id} is not asked: its show_if does not hold, so it is not applicable and not scored."
    elif status == "unknown":
        text = f"{question.id} is don't-know: a follow-up, excluded from the score and lowering coverage."
    elif status == "na":
        text = f"{question.id} {view.describe(question.id)}: excluded from the score and from coverage."
    else:
        text = f"{question.id} is not answered yet."
    reasons = [Reason(text=text, refs=[question.id])]
    if status == "hidden" and question.show_if is not None:
        reasons.extend(
            Reason(text="  " * (clause.depth + 1) + clause.text, refs=clause.refs)
            for clause in clauses(question.show_if, view)
        )
    return reasons


def area_results(view: AnswerView, questions: list[QuestionResult]) -> list[AreaResult]:
    """Return every area's score, cap, level, target, gap, coverage and counts, in questionnaire order."""
    by_area: dict[str, list[QuestionResult]] = {area.id: [] for area in view.questionnaire.areas}
    for result in questions:
        by_area.setdefault(result.area, []).append(result)
    return [_area(view, area, by_area[area.id]) for area in view.questionnaire.areas]


def _area(view: AnswerView, area: Area, questions: list[QuestionResult]) -> AreaResult:
    """Score one area."""
    scoring = view.scoring
    area_scoring = scoring.area_scoring(area.id)
    # In a context area nothing is scored, so its counts cover all its questions to show progress.
    counted = [q for q in questions if q.scored] if area.scored else questions
    hidden = [q for q in counted if q.status == "hidden"]
    applicable = [q for q in counted if q.status != "hidden"]
    answered = [q for q in applicable if q.status == "answered"]
    unknown = [q for q in applicable if q.status == "unknown"]
    na = [q for q in applicable if q.status == "na"]
    unanswered = [q for q in applicable if q.status == "unanswered"]
    denominator = len(applicable) - len(na)
    coverage = len(answered) / denominator if denominator else 0.0
    target = view.assessment.targets.get(area.id, area_scoring.target)
    reasons: list[Reason] = []

    levelled = [q for q in answered if q.level is not None] if area.scored else []
    score: float | None = None
    uncapped: float | None = None
    cap: float | None = None
    capped_by: list[str] = []
    if levelled:
        total_weight = sum(q.weight for q in levelled)
        uncapped = sum(q.weight * (q.level or 0) for q in levelled) / total_weight
        score = uncapped
        terms = " + ".join(f"{q.level}×{_num(q.weight)}" for q in levelled[:12])
        if len(levelled) > 12:
            terms += " + …"
        reasons.append(
            Reason(
                text=f"Weighted mean of {plural(len(levelled), 'answered question')}: ({terms}) / {_num(total_weight)} "
                f"= {uncapped:.2f}.",
                refs=[q.id for q in levelled],
            )
        )
        score, cap, capped_by, cap_reason = _cap(view, levelled, uncapped)
        if cap_reason is not None:
            reasons.append(cap_reason)
    elif area.scored:
        reasons.append(Reason(text=f"No answered scored questions in {area.title} yet: no score.", refs=[]))
    else:
        reasons.append(Reason(text=f"{area.title} gives context and is not scored.", refs=[]))

    level = math.floor(score + 1e-9) if score is not None else None
    gap = max(0.0, target - score) if score is not None else None
    if area.scored:
        source = "set for this assessment" if area.id in view.assessment.targets else "the model's default"
        if gap is not None:
            verdict = f"gap {gap:.2f}" if gap > 0 else "target met"
            reasons.append(Reason(text=f"Target {target} ({source}); {verdict}.", refs=[]))
        else:
            reasons.append(Reason(text=f"Target {target} ({source}); no gap until something is answered.", refs=[]))
    reasons.append(_coverage_reason(len(answered), len(applicable), unknown, na, unanswered))
    if unknown:
        reasons.append(
            Reason(
                text="Don't-know on " + ", ".join(q.id for q in unknown) + ": follow-ups, never counted as zero.",
                refs=[q.id for q in unknown],
            )
        )
    if hidden:
        reasons.append(
            Reason(
                text="Not asked (show_if does not hold): " + ", ".join(q.id for q in hidden) + ".",
                refs=[q.id for q in hidden],
            )
        )
    return AreaResult(
        id=area.id,
        title=area.title,
        scored=area.scored,
        weight=area_scoring.weight,
        score=score,
        uncapped_score=uncapped,
        level=level,
        level_name=scoring.level_name(level) if level is not None else "",
        cap=cap,
        capped_by=capped_by,
        target=target,
        gap=gap,
        applicable=len(applicable),
        answered=len(answered),
        unknown=len(unknown),
        na=len(na),
        unanswered=len(unanswered),
        hidden=len(hidden),
        coverage=coverage,
        reasons=reasons,
    )


def _cap(
    view: AnswerView, levelled: list[QuestionResult], mean: float
) -> tuple[float, float | None, list[str], Reason | None]:
    """Apply the caps of critical questions: (score, cap, capped_by, reason), the cap kept only when it bites."""
    margin = view.scoring.model.cap_margin
    caps: dict[str, int] = {}
    for result in levelled:
        question = view.question(result.id)
        if question is not None and question.critical and result.level is not None:
            caps[result.id] = result.level + margin
    if not caps:
        return mean, None, [], None
    lowest = min(caps.values())
    if lowest >= mean:
        return mean, None, [], None
    by = [qid for qid, value in caps.items() if value == lowest]
    levels = ", ".join(f"{qid} at level {lowest - margin}" for qid in by)
    reason = Reason(
        text=f"Capped at {lowest}: critical {levels} (level + {margin}) holds the area below its mean "
        f"{mean:.2f}; strength elsewhere cannot hide this.",
        refs=by,
    )
    return float(lowest), float(lowest), by, reason


def _coverage_reason(
    answered: int,
    applicable: int,
    unknown: list[QuestionResult],
    na: list[QuestionResult],
    unanswered: list[QuestionResult],
) -> Reason:
    """Say how the coverage figure came about."""
    denominator = applicable - len(na)
    share = percent(answered / denominator) if denominator else "0%"
    return Reason(
        text=f"Coverage {share}: {answered} of {plural(denominator, 'applicable question')} answered "
        f"({len(na)} N/A excluded, {len(unknown)} don't-know, {len(unanswered)} not yet answered).",
        refs=[q.id for q in unanswered],
    )


def overall_result(view: AnswerView, areas: list[AreaResult]) -> OverallResult:
    """Return the weighted mean of scored areas that have a score, with coverage across scored areas."""
    scored = [a for a in areas if a.scored]
    with_score = [a for a in scored if a.score is not None]
    answered = sum(a.answered for a in scored)
    applicable = sum(a.applicable for a in scored)
    na = sum(a.na for a in scored)
    coverage = answered / (applicable - na) if applicable - na else 0.0
    reasons: list[Reason] = []
    score: float | None = None
    if with_score:
        total = sum(a.weight for a in with_score)
        score = sum(a.weight * (a.score or 0.0) for a in with_score) / total
        terms = " + ".join(f"{a.score:.2f}×{_num(a.weight)}" for a in with_score)
        reasons.append(
            Reason(
                text=f"Weighted mean of {plural(len(with_score), 'scored area')}: ({terms}) / {_num(total)} "
                f"= {score:.2f}.",
                refs=[a.id for a in with_score],
            )
        )
    else:
        reasons.append(Reason(text="No scored area has an answer yet: no overall score.", refs=[]))
    missing = [a for a in scored if a.score is None]
    if missing:
        reasons.append(
            Reason(
                text="Left out until answered: " + ", ".join(a.title for a in missing) + ".",
                refs=[a.id for a in missing],
            )
        )
    share = percent(coverage)
    reasons.append(
        Reason(
            text=f"Coverage {share}: {answered} of {plural(applicable - na, 'applicable question')} answered.",
            refs=[],
        )
    )
    level = math.floor(score + 1e-9) if score is not None else None
    return OverallResult(
        score=score,
        level=level,
        level_name=view.scoring.level_name(level) if level is not None else "",
        answered=answered,
        applicable=applicable,
        coverage=coverage,
        reasons=reasons,
    )


def follow_ups(view: AnswerView) -> list[FollowUp]:
    """Return a follow-up for every asked question answered with don't-know, in walking order."""
    result = []
    for question in view.questionnaire.questions:
        if view.status(question.id) == "unknown":
            answer = view.answer(question.id)
            result.append(FollowUp(question=question.id, prompt=question.prompt, note=answer.note if answer else ""))
    return result


def _num(value: float) -> str:
    """Format a weight without a needless `.0`."""
    return f"{value:g}"
