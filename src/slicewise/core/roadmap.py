"""The roadmap: actions selected by fired risks and gaps, pushed by dependencies, ordered within slices."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from slicewise.core.answers import AnswerView
from slicewise.core.models.questionnaire import area_of
from slicewise.core.models.results import PlannedAction, Reason, RiskResult, SliceResult
from slicewise.core.models.scoring import Action


@dataclass
class _Pick:
    """A selected action with what selected it."""

    action: Action
    risks: list[RiskResult] = field(default_factory=list)
    gaps: list[tuple[str, int, int]] = field(default_factory=list)
    """(question id, its level, the level it must reach)."""

    @property
    def priority(self) -> int:
        """The highest score among the risks it mitigates."""
        return max((risk.score for risk in self.risks), default=0)

    @property
    def gap(self) -> int:
        """The largest distance between a selecting question's level and the level it must reach."""
        return max((below - level for _, level, below in self.gaps), default=0)


def build_roadmap(view: AnswerView, risks: list[RiskResult]) -> list[SliceResult]:
    """Select actions, place each in its slice or a later one its dependencies force, and order each slice."""
    bundle = view.scoring
    picks = _select(view, risks)
    slice_index = {s.id: i for i, s in enumerate(bundle.slices)}
    last = len(bundle.slices) - 1
    placed: dict[str, int] = {}
    pushed_by: dict[str, str] = {}

    def place(action_id: str, trail: frozenset[str]) -> int:
        """Return the slice index an action lands in (memoised; a dependency cycle is cut)."""
        if action_id in placed:
            return placed[action_id]
        pick = picks[action_id]
        index = slice_index.get(pick.action.slice, last)
        for dep in pick.action.depends_on:
            if dep in picks and dep not in trail:
                dep_index = place(dep, trail | {action_id})
                if dep_index > index:
                    index, pushed_by[action_id] = dep_index, dep
        placed[action_id] = index
        return index

    for action_id in picks:
        place(action_id, frozenset())

    slices = []
    for index, slice_ in enumerate(bundle.slices):
        members = [picks[a] for a in picks if placed[a] == index]
        ordered = _order(members)
        actions = [_planned(view, pick, slice_.id, placed, pushed_by, picks) for pick in ordered]
        for position, planned in enumerate(actions, start=1):
            if len(actions) > 1:
                planned.reasons.append(_position_reason(position, len(actions), ordered[position - 1]))
        slices.append(SliceResult(id=slice_.id, title=slice_.title, goal=slice_.goal, actions=actions))
    return slices


def _select(view: AnswerView, risks: list[RiskResult]) -> dict[str, _Pick]:
    """Select every action a fired risk lists or whose questions are answered below its level."""
    by_action: dict[str, list[RiskResult]] = {}
    for risk in risks:
        for action_id in risk.actions:
            by_action.setdefault(action_id, []).append(risk)
    picks: dict[str, _Pick] = {}
    for action in view.scoring.actions:
        gaps = []
        for question_id in action.questions:
            level = view.level(question_id)
            if level is None:
                continue
            below = action.below if action.below is not None else _target(view, area_of(question_id))
            if level < below:
                gaps.append((question_id, level, below))
        mitigated = sorted(by_action.get(action.id, []), key=lambda r: (-r.score, r.id))
        if mitigated or gaps:
            picks[action.id] = _Pick(action, mitigated, gaps)
    return picks


def _position_reason(position: int, count: int, pick: _Pick) -> Reason:
    """Say why an action sits where it does within its slice."""
    basis = f"risk priority {pick.priority}" if pick.priority else "no risk behind it"
    gap = f", gap {pick.gap}" if pick.gap else ""
    return Reason(
        text=f"Position {position} of {count} in its slice (dependencies first, then highest risk, then largest "
        f"gap): {basis}{gap}.",
        refs=[],
    )


def _target(view: AnswerView, area_id: str) -> int:
    """Return an area's target: the assessment's override, else the model's default."""
    return view.assessment.targets.get(area_id, view.scoring.area_scoring(area_id).target)


def _order(members: list[_Pick]) -> list[_Pick]:
    """Order one slice: dependencies first; among ready actions the highest priority, then larger gap, then id."""
    ids = {pick.action.id for pick in members}
    waiting = {pick.action.id: {d for d in pick.action.depends_on if d in ids} for pick in members}
    dependants: dict[str, list[str]] = {}
    for action_id, deps in waiting.items():
        for dep in deps:
            dependants.setdefault(dep, []).append(action_id)
    by_id = {pick.action.id: pick for pick in members}

    def key(pick: _Pick) -> tuple[int, int, str]:
        return (-pick.priority, -pick.gap, pick.action.id)

    ready = [key(by_id[a]) for a, deps in waiting.items() if not deps]
    heapq.heapify(ready)
    ordered: list[_Pick] = []
    done: set[str] = set()
    while ready:
        action_id = heapq.heappop(ready)[2]
        done.add(action_id)
        ordered.append(by_id[action_id])
        for later in dependants.get(action_id, []):
            waiting[later].discard(action_id)
            if not waiting[later] and later not in done:
                heapq.heappush(ready, key(by_id[later]))
    # A dependency cycle (the loader rejects them) would leave actions waiting: append them by key.
    rest = sorted((by_id[a] for a in waiting if a not in done), key=key)
    return ordered + rest


def _planned(
    view: AnswerView,
    pick: _Pick,
    slice_id: str,
    placed: dict[str, int],
    pushed_by: dict[str, str],
    picks: dict[str, _Pick],
) -> PlannedAction:
    """Build one planned action with the reasons it is on the roadmap and in its slice."""
    action = pick.action
    bundle = view.scoring
    titles = {s.id: s.title for s in bundle.slices}
    reasons: list[Reason] = []
    for risk in pick.risks:
        reasons.append(
            Reason(
                text=f"Mitigates risk '{risk.title}' ({risk.id}, score {risk.score}, {risk.rating}).",
                refs=[risk.id, *risk.refs],
            )
        )
    for question_id, _level, below in pick.gaps:
        reasons.append(
            Reason(
                text=f"Closes a gap: {question_id} {view.describe(question_id)}, below the level {below} it needs.",
                refs=[question_id],
            )
        )
    selected_deps = [d for d in action.depends_on if d in picks]
    assumed = [d for d in action.depends_on if d not in picks]
    if action.id in pushed_by:
        dep = pushed_by[action.id]
        reasons.append(
            Reason(
                text=f"Planned for '{titles.get(action.slice, action.slice)}' but moved to "
                f"'{titles.get(slice_id, slice_id)}': it depends on {dep} "
                f"('{picks[dep].action.title}'), which lands there.",
                refs=[dep],
            )
        )
    else:
        reasons.append(Reason(text=f"In '{titles.get(slice_id, slice_id)}', where the model plans it.", refs=[]))
    if selected_deps:
        reasons.append(Reason(text="Waits for " + ", ".join(selected_deps) + ".", refs=selected_deps))
    if assumed:
        reasons.append(
            Reason(
                text="Depends on " + ", ".join(assumed) + ", not needed by these answers: treated as in place.",
                refs=assumed,
            )
        )
    return PlannedAction(
        id=action.id,
        title=action.title,
        area=action.area,
        slice=slice_id,
        planned_slice=action.slice,
        effort=action.effort,
        owner=action.owner,
        depends_on=selected_deps,
        evidence=action.evidence,
        description=action.description,
        risks=[risk.id for risk in pick.risks],
        gaps=[question_id for question_id, _, _ in pick.gaps],
        priority=pick.priority,
        reasons=reasons,
    )
