"""The plan: actions selected by risks and gaps, written for the client's subjects, cut into slices with limits."""

from __future__ import annotations

from slicewise.core.answers import AnswerView
from slicewise.core.models.results import (
    AreaResult,
    Finding,
    FollowUp,
    PlannedAction,
    PlanResult,
    QuestionResult,
    Reason,
    RiskResult,
    SliceResult,
)
from slicewise.core.models.scoring import DEFAULT_EFFORT_DAYS
from slicewise.core.plan import subjects
from slicewise.core.plan.fill import Placement, place
from slicewise.core.plan.findout import critical_answers, find_out
from slicewise.core.plan.project import project
from slicewise.core.plan.select import Candidate, select
from slicewise.core.words import plural


def build_plan(
    view: AnswerView,
    risks: list[RiskResult],
    findings: list[Finding],
    follow_ups: list[FollowUp],
    questions: list[QuestionResult],
    areas: list[AreaResult],
) -> tuple[list[SliceResult], PlanResult]:
    """Select, instantiate, place and cut the plan; return its slices and everything beside them."""
    bundle = view.scoring
    chosen = subjects.representative_flow(view, risks, findings)
    thin_flow, flow_info = chosen if chosen is not None else (None, None)
    selection = select(view, risks, findings, thin_flow)
    flow_objects = {f.id: list(f.objects) for f in view.assessment.flows}
    placement = place(selection.candidates, bundle.slices, bundle.plan, flow_objects)
    by_id = {c.id: c for c in selection.candidates}
    slices = []
    for number, (slice_, members) in enumerate(zip(bundle.slices, placement.slices, strict=True), start=1):
        actions = [_planned(view, c, placement, by_id, slice_.id, number) for c in members]
        slices.append(
            SliceResult(
                id=slice_.id,
                title=slice_.title,
                goal=slice_.goal,
                limit=slice_.limit or bundle.plan.slice_limit,
                effort_days=sum(a.effort_days for a in actions),
                actions=actions,
            )
        )
    later_candidates = sorted(
        (by_id[i] for i in placement.later),
        key=lambda c: (placement.index[c.id], -c.per_day, c.id),
    )
    later = [_planned(view, c, placement, by_id, bundle.slices[placement.index[c.id]].id, 0) for c in later_candidates]
    ordered = [c for members in placement.slices for c in members] + later_candidates
    top_band = max(bundle.model.rating_bands, key=lambda b: b.min_score).name
    scale = {size: bundle.plan.effort_days.get(size, days) for size, days in DEFAULT_EFFORT_DAYS.items()}
    plan = PlanResult(
        slice_limit=bundle.plan.slice_limit,
        effort_days=scale,
        find_out=find_out(follow_ups, ordered),
        later=later,
        projections=project(view, questions, areas, [s.id for s in bundle.slices], placement.slices, later_candidates),
        flow=flow_info,
        critical=critical_answers(risks, top_band, bundle.slices, placement, later_candidates, selection.not_selected),
        not_selected=selection.not_selected,
    )
    return slices, plan


def _planned(
    view: AnswerView,
    candidate: Candidate,
    placement: Placement,
    by_id: dict[str, Candidate],
    slice_id: str,
    number: int,
) -> PlannedAction:
    """One instance as the results show it, with why this action, why this subject and why this slice."""
    action = candidate.action
    subject = candidate.subject
    title = (
        subjects.fill(action.subject_title, subject) if subject is not None and action.subject_title else action.title
    )
    description = action.description
    if candidate.more:
        names = subjects.join([m.label for m in candidate.more])
        extra = f"The same for {plural(len(candidate.more), 'more ' + subject.kind if subject else 'more')}: {names}."
        description = f"{description} {extra}".strip()
    return PlannedAction(
        id=candidate.id,
        action=action.id,
        subject=subject.id if subject else "",
        subject_kind=subject.kind if subject else "",
        subject_label=subject.label if subject else "",
        more=[m.label for m in candidate.more],
        title=title,
        area=action.area,
        slice=slice_id,
        planned_slice=action.slice,
        effort=action.effort,
        effort_days=candidate.days,
        owner=action.owner,
        kind=action.kind,
        depends_on=[d for d in placement.deps.get(candidate.id, [])],
        evidence=action.evidence,
        description=description,
        risks=[r.id for r in candidate.risks],
        gaps=[q for q, _, _ in candidate.gaps],
        unknowns=list(candidate.unknowns),
        priority=candidate.priority,
        value=candidate.value,
        value_per_day=round(candidate.per_day, 3),
        critical=candidate.critical,
        moves=dict(candidate.moves),
        waits=placement.later.get(candidate.id, ""),
        reasons=_reasons(view, candidate, placement, by_id, number),
    )


def _reasons(
    view: AnswerView, candidate: Candidate, placement: Placement, by_id: dict[str, Candidate], number: int
) -> list[Reason]:
    """Why this action, why this subject, why this slice (or why it waits)."""
    reasons: list[Reason] = []
    for risk in candidate.risks:
        reasons.append(
            Reason(
                text=f"Answers risk '{risk.title}' ({risk.id}, score {risk.score}, {risk.rating}).",
                refs=[risk.id, *risk.refs],
            )
        )
    for question_id, _level, below in candidate.gaps:
        reasons.append(
            Reason(
                text=f"Closes a gap: {question_id} {view.describe(question_id)}, below the level {below} it needs.",
                refs=[question_id],
            )
        )
    if candidate.unknowns:
        reasons.append(
            Reason(
                text="Touches don't-know answers to find out first: " + ", ".join(candidate.unknowns) + ".",
                refs=list(candidate.unknowns),
            )
        )
    subject = candidate.subject
    if subject is not None:
        more = (
            f", and covers {len(candidate.more)} more beyond the cap of {view.scoring.plan.instance_cap}"
            if candidate.more
            else ""
        )
        reasons.append(
            Reason(
                text=f"Written for {subject.kind} {subject.label} ({subject.id}): {candidate.chosen_by}{more}.",
                refs=[subject.id],
            )
        )
    elif subjects.SUBJECT_KIND.get(candidate.action.per):
        reasons.append(
            Reason(
                text=f"Written once: nothing in the answers names a {subjects.SUBJECT_KIND[candidate.action.per]} "
                "for it, so it stays general.",
                refs=[],
            )
        )
    reasons.append(
        Reason(
            text=f"Reduces {candidate.value:g} risk points for {candidate.days:g} effort days "
            f"({candidate.action.effort}): "
            f"{candidate.per_day:.1f} a day"
            + ("; it removes or reduces the cause of a Critical risk" if candidate.critical else "")
            + ".",
            refs=[],
        )
    )
    slices = view.scoring.slices
    titles = {s.id: s.title for s in slices}
    where = slices[placement.index[candidate.id]]
    if candidate.id in placement.pushed_by:
        dep = placement.pushed_by[candidate.id]
        reasons.append(
            Reason(
                text=f"Planned for '{titles.get(candidate.action.slice, candidate.action.slice)}' but moved to "
                f"'{where.title}': it depends on {dep} ('{by_id[dep].action.title}'), which lands there.",
                refs=[dep],
            )
        )
    else:
        reasons.append(Reason(text=f"In '{where.title}', where the model plans it.", refs=[]))
    if candidate.for_critical and not candidate.critical:
        reasons.append(Reason(text="Ranked with the Critical causes: a change answering a Critical risk waits for it."))
    elif not candidate.for_critical and candidate.for_thin_flow and not candidate.on_thin_flow:
        reasons.append(Reason(text="Ranked with the thin slice's flow: an action written for that flow waits for it."))
    if candidate.id in placement.moved:
        reasons.append(Reason(text=f"Moved on: {placement.moved[candidate.id]}.", refs=[]))
    waits = placement.later.get(candidate.id)
    if waits:
        reasons.append(Reason(text=f"Waits in Later: {waits}.", refs=[]))
    elif candidate.id in placement.ranks:
        rank, count = placement.ranks[candidate.id]
        reasons.append(
            Reason(
                text=f"Ranked {rank} of {count} for a place in slice {number} (what a Critical cause or the thin "
                "slice's flow needs first, the slice's own before what moved on to it, then risk reduced per effort "
                f"day); the slice holds {where.limit or view.scoring.plan.slice_limit}.",
                refs=[],
            )
        )
    deps = placement.deps.get(candidate.id, [])
    if deps:
        reasons.append(Reason(text="Waits for " + ", ".join(deps) + ".", refs=list(deps)))
    selected = {c.action.id for c in by_id.values()}
    assumed = [d for d in candidate.action.depends_on if d not in selected]
    if assumed:
        reasons.append(
            Reason(
                text="Depends on " + ", ".join(assumed) + ", not needed by these answers: treated as in place.",
                refs=assumed,
            )
        )
    return reasons
