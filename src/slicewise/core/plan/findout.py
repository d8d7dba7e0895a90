"""The find-out step before the slices, and how the plan answers each Critical risk."""

from __future__ import annotations

from slicewise.core.models.results import CriticalAnswer, FindOutGroup, FindOutQuestion, FollowUp, RiskResult
from slicewise.core.models.scoring import Slice
from slicewise.core.plan.fill import Placement
from slicewise.core.plan.select import Candidate


def find_out(follow_ups: list[FollowUp], ordered: list[Candidate]) -> list[FindOutGroup]:
    """Group the don't-know answers the plan's instances touch by the role to ask: the first such action's owner."""
    touching: dict[str, list[Candidate]] = {}
    for candidate in ordered:
        for question_id in candidate.unknowns:
            touching.setdefault(question_id, []).append(candidate)
    groups: dict[str, FindOutGroup] = {}
    for follow in follow_ups:
        found = touching.get(follow.question)
        if not found:
            continue
        role = found[0].action.owner
        group = groups.setdefault(role, FindOutGroup(role=role))
        group.questions.append(
            FindOutQuestion(
                question=follow.question,
                prompt=follow.prompt,
                note=follow.note,
                affects=list(dict.fromkeys(c.id for c in found)),
            )
        )
    return list(groups.values())


def critical_answers(
    risks: list[RiskResult],
    top_band: str,
    slices: list[Slice],
    placement: Placement,
    later: list[Candidate],
    not_selected: dict[str, str],
) -> list[CriticalAnswer]:
    """Say for every Critical risk which change in the slices answers it, or plainly why none does."""
    answers = []
    for risk in risks:
        if risk.rating != top_band:
            continue
        in_plan = [
            (number, c)
            for number, members in enumerate(placement.slices, start=1)
            for c in members
            if c.action.kind == "change" and any(r.id == risk.id for r in c.risks)
        ]
        if in_plan:
            subjects = set(risk.refs)
            in_plan.sort(key=lambda found: found[1].subject is None or found[1].subject.id not in subjects)
            number, first = in_plan[0]
            more = f" (and {len(in_plan) - 1} more)" if len(in_plan) > 1 else ""
            text = f"Answered by {first.id} in slice {number}, '{slices[number - 1].title}'{more}."
            answers.append(
                CriticalAnswer(risk=risk.id, title=risk.title, answered_by=[c.id for _, c in in_plan], text=text)
            )
            continue
        waiting = [c for c in later if c.action.kind == "change" and any(r.id == risk.id for r in c.risks)]
        decisions = [c.id for members in placement.slices for c in members if any(r.id == risk.id for r in c.risks)]
        met = [a for a in risk.actions if a in not_selected]
        if waiting:
            text = (
                f"Not answered in the slices: {waiting[0].id} waits in Later because {placement.later[waiting[0].id]}."
            )
        elif met:
            text = f"Not answered by a change: {met[0]} is not selected because {not_selected[met[0]]}."
        elif decisions:
            text = (
                "Only decisions answer it here (" + ", ".join(decisions) + "); the model has no action that changes "
                "its cause: decide a response with its owner."
            )
        else:
            text = "No action in the model answers it: decide a response with its owner."
        answers.append(CriticalAnswer(risk=risk.id, title=risk.title, text=text))
    return answers
