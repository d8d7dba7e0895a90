"""Question results, area scores with caps, coverage and gaps, the overall score and don't-know follow-ups."""

from __future__ import annotations

import math

from slicewise.core import counts as tally
from slicewise.core.answers import AnswerView
from slicewise.core.conditions import clauses
from slicewise.core.counts import count, counted_in_area, coverage_sentence, is_provisional
from slicewise.core.kinds import is_scored, kind_of
from slicewise.core.labels import requirement_label
from slicewise.core.models.assessment import UNKNOWN, Flow
from slicewise.core.models.questionnaire import Area, FlowInventoryQuestion, Question
from slicewise.core.models.results import (
    AreaResult,
    FollowUp,
    OverallResult,
    QuestionResult,
    Reason,
    RiskResult,
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
    if not kind_of(question).levelled:
        why = f"a {question.kind} answer"
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
    counted = counted_in_area(questions, area.scored)
    counts = count(counted)
    hidden = [q for q in counted if q.status == "hidden"]
    applicable = [q for q in counted if q.status != "hidden"]
    answered = [q for q in applicable if q.status == "answered"]
    unknown = [q for q in applicable if q.status == "unknown"]
    unanswered = [q for q in applicable if q.status == "unanswered"]
    threshold = scoring.model.coverage_threshold
    provisional = area.scored and is_provisional(counts, threshold)
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
    reasons.append(Reason(text=f"Coverage: {coverage_sentence(counts)}.", refs=[q.id for q in unanswered]))
    if provisional:
        reasons.append(
            Reason(
                text=f"Provisional: coverage {percent(counts.coverage)} is below the model's threshold "
                f"{percent(threshold)}, so this level rests on too few answers; find out the don't-knows before "
                "relying on it.",
                refs=[q.id for q in unknown],
            )
        )
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
        counts=counts,
        applicable=counts.applicable,
        answered=counts.answered,
        unknown=counts.unknown,
        na=counts.na,
        unanswered=counts.unanswered,
        hidden=counts.hidden,
        coverage=counts.coverage,
        provisional=provisional,
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


def overall_result(view: AnswerView, areas: list[AreaResult]) -> OverallResult:
    """Return the weighted mean of scored areas that have a score, with coverage across scored areas."""
    scored = [a for a in areas if a.scored]
    with_score = [a for a in scored if a.score is not None]
    counts = tally.total(a.counts for a in scored)
    threshold = view.scoring.model.coverage_threshold
    provisional_areas = [a.id for a in scored if a.provisional]
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
    reasons.append(Reason(text=f"Coverage: {coverage_sentence(counts)}.", refs=[]))
    if provisional_areas:
        titles = ", ".join(a.title for a in scored if a.provisional)
        reasons.append(
            Reason(
                text=f"Provisional areas (coverage below {percent(threshold)}): {titles}; their levels may move "
                "once the don't-knows are found out.",
                refs=provisional_areas,
            )
        )
    ranked = rank_weakest(areas)
    if ranked:
        weakest = ranked[0]
        why = "the largest gap to target among areas answered well enough to trust"
        if weakest.provisional:
            why = "the largest gap to target, though every scored area is provisional"
        reasons.append(Reason(text=f"Weakest area: {weakest.title} ({why}).", refs=[weakest.id]))
    level = math.floor(score + 1e-9) if score is not None else None
    return OverallResult(
        score=score,
        level=level,
        level_name=view.scoring.level_name(level) if level is not None else "",
        counts=counts,
        answered=counts.answered,
        applicable=counts.applicable,
        coverage=counts.coverage,
        provisional=is_provisional(counts, threshold),
        provisional_areas=provisional_areas,
        weakest_area=ranked[0].id if ranked else None,
        reasons=reasons,
    )


def rank_weakest(areas: list[AreaResult]) -> list[AreaResult]:
    """Rank scored areas from weakest: confident areas before provisional ones, then largest gap, then lowest score.

    A provisional area's low or high level rests on too few answers, so it never outranks an area the
    client actually described; it is listed after them, still in gap order.
    """
    scored = [a for a in areas if a.scored and a.score is not None]
    order = {a.id: n for n, a in enumerate(areas)}
    return sorted(scored, key=lambda a: (a.provisional, -(a.gap or 0.0), a.score or 0.0, order[a.id]))


def follow_ups(view: AnswerView, risks: list[RiskResult]) -> list[FollowUp]:
    """Return what to find out: every don't-know question in walking order, then every flow with unknown facts,
    each with the unverified risks it would settle and the roles to ask."""
    unverified = [r for r in risks if r.status == "unverified"]

    def settles(subject: str) -> tuple[list[str], list[str]]:
        hanging = [r for r in unverified if subject in r.follow_ups]
        return [r.id for r in hanging], list(dict.fromkeys(r.ask for r in hanging if r.ask))

    result = []
    for question in view.questionnaire.questions:
        if view.status(question.id) == "unknown":
            answer = view.answer(question.id)
            ids, ask = settles(question.id)
            note = answer.note if answer else ""
            result.append(FollowUp(question=question.id, prompt=question.prompt, note=note, risks=ids, ask=ask))
    inventory = next((q.id for q in view.questionnaire.questions if isinstance(q, FlowInventoryQuestion)), "")
    for flow in view.assessment.flows:
        unknown = unknown_flow_facts(flow)
        if not unknown:
            continue
        ids, ask = settles(flow.id)
        prompt = f"{flow.name}: find out its {', '.join(unknown)}."
        result.append(FollowUp(question=inventory, subject=flow.id, prompt=prompt, note=flow.note, risks=ids, ask=ask))
    return result


def unknown_flow_facts(flow: Flow) -> list[str]:
    """Name the facts of a flow recorded as unknown, in words (`pattern`, `failure owner`, `alert` ...)."""
    facts = [
        word
        for word, value in (("pattern", flow.pattern), ("latency class", flow.latency), ("mode", flow.mode))
        if value == UNKNOWN
    ]
    facts.extend(requirement_label(s) for s in flow.unknown_safeguards)
    if flow.owner_state() == "unknown":
        facts.append("failure owner")
    if flow.sla == UNKNOWN:
        facts.append("service level")
    return facts


def _num(value: float) -> str:
    """Format a weight without a needless `.0`."""
    return f"{value:g}"
