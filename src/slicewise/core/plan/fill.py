"""Cutting the plan: each instance placed in its slice (or a later one its dependencies force), at most the
slice's limit kept by risk reduced per effort day, everything else in Later with the reason it waits."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from slicewise.core.models.scoring import PlanSettings, Slice
from slicewise.core.plan.select import Candidate


@dataclass
class Placement:
    """Where every instance went: the slices in order, Later with reasons, dependencies and pushes."""

    slices: list[list[Candidate]]
    later: dict[str, str] = field(default_factory=dict)
    """Instance id → why it waits."""
    index: dict[str, int] = field(default_factory=dict)
    """Instance id → the slice it belongs to after dependencies (also for Later)."""
    pushed_by: dict[str, str] = field(default_factory=dict)
    """Instance id → the dependency that pushed it past the model's slice."""
    deps: dict[str, list[str]] = field(default_factory=dict)
    """Instance id → instance ids it waits for."""
    ranks: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Instance id → (its rank by risk reduced per day among the slice's candidates, how many there were)."""
    moved: dict[str, str] = field(default_factory=dict)
    """Instance id → why it moved on from a full slice to the next one."""


def rank_key(candidate: Candidate) -> tuple[bool, bool, float, int, str]:
    """What a Critical cause or the thin slice's flow needs first (the slice's own before what moved on from a
    full earlier slice), then the most risk reduced per effort day, then the highest risk, then id."""
    return (
        not (candidate.for_critical or candidate.for_thin_flow),
        candidate.moved_in,
        -candidate.per_day,
        -candidate.priority,
        candidate.id,
    )


def _mark(candidates: list[Candidate], deps: dict[str, list[str]]) -> None:
    """Mark the Critical causes' changes and the thin flow's instances, with everything they wait for."""
    by_id = {c.id: c for c in candidates}

    def spread(instance_id: str, attribute: str) -> None:
        candidate = by_id[instance_id]
        if getattr(candidate, attribute):
            return
        setattr(candidate, attribute, True)
        for dep in deps.get(instance_id, []):
            spread(dep, attribute)

    for candidate in candidates:
        if candidate.only_unknown:
            continue
        if candidate.critical:
            spread(candidate.id, "for_critical")
        if candidate.on_thin_flow:
            spread(candidate.id, "for_thin_flow")


def related(candidate: Candidate, other: Candidate, flow_objects: dict[str, list[str]]) -> bool:
    """Tell whether a dependency's instance concerns the same thing: the same subject (or one it covers as
    'and N more'), a flow and an object it carries, or a dependency written once for the client."""
    if other.subject is None or candidate.subject is None:
        return True
    mine = candidate.subject
    for theirs in [other.subject, *other.more]:
        if (theirs.kind, theirs.id) == (mine.kind, mine.id):
            return True
        if mine.kind == "flow" and theirs.kind == "object" and theirs.id in flow_objects.get(mine.id, []):
            return True
        if mine.kind == "object" and theirs.kind == "flow" and mine.id in flow_objects.get(theirs.id, []):
            return True
    return False


def dependencies(candidates: list[Candidate], flow_objects: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each instance's dependencies: the instances of each selected dependency that concern the same thing.

    A dependency written for other subjects only (a decision about price) does not hold up this subject (a
    flow carrying stock); one written once for the client always does.
    """
    by_action: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        by_action.setdefault(candidate.action.id, []).append(candidate)
    deps: dict[str, list[str]] = {}
    for candidate in candidates:
        found: list[str] = []
        for action_id in candidate.action.depends_on:
            found.extend(i.id for i in by_action.get(action_id, []) if related(candidate, i, flow_objects))
        deps[candidate.id] = list(dict.fromkeys(found))
    return deps


def place(
    candidates: list[Candidate], slices: list[Slice], settings: PlanSettings, flow_objects: dict[str, list[str]]
) -> Placement:
    """Place, cut and order every candidate instance."""
    by_id = {c.id: c for c in candidates}
    slice_index = {s.id: n for n, s in enumerate(slices)}
    last = len(slices) - 1
    result = Placement(slices=[[] for _ in slices], deps=dependencies(candidates, flow_objects))

    def landing(instance_id: str, trail: frozenset[str]) -> int:
        """The slice an instance lands in: its own, or the latest of its dependencies' (a cycle is cut)."""
        if instance_id in result.index:
            return result.index[instance_id]
        candidate = by_id[instance_id]
        where = slice_index.get(candidate.action.slice, last)
        for dep in result.deps[instance_id]:
            if dep not in trail:
                dep_where = landing(dep, trail | {instance_id})
                if dep_where > where:
                    where, result.pushed_by[instance_id] = dep_where, dep
        result.index[instance_id] = where
        return where

    for candidate in candidates:
        landing(candidate.id, frozenset())
    _mark(candidates, result.deps)
    for candidate in candidates:
        if candidate.only_unknown:
            result.later[candidate.id] = (
                "it rests only on don't-know answers (" + ", ".join(candidate.unknowns) + "): find out first"
            )
    for number, slice_ in enumerate(slices):
        limit = slice_.limit or settings.slice_limit
        members = [c for c in candidates if result.index[c.id] == number and c.id not in result.later]
        ranked = sorted(members, key=rank_key)
        for position, candidate in enumerate(ranked, start=1):
            result.ranks[candidate.id] = (position, len(ranked))
        taken: list[str] = []
        live = {c.id for c in members}
        for candidate in ranked:
            if candidate.id in taken or candidate.id in result.later:
                continue
            blocked = _blocked(candidate, result.deps[candidate.id], result.later, by_id)
            if blocked is not None:
                result.later[candidate.id] = f"it waits for {blocked}, which waits in Later"
                live.discard(candidate.id)
                continue
            closure = _closure(candidate.id, result.deps, live, set(taken))
            if len(taken) + len(closure) <= limit:
                taken.extend(closure)
        kept = [by_id[i] for i in taken]
        floor = min((c.per_day for c in kept), default=0.0)
        moved: set[str] = set()
        for candidate in sorted(members, key=rank_key):
            if candidate.id in taken or candidate.id in result.later or number == len(slices) - 1:
                continue
            follows = next((d for d in result.deps[candidate.id] if d in moved), None)
            if candidate.for_critical or follows is not None:
                # What a Critical cause waits for moves on rather than waiting, and what waits for it follows.
                moved.add(candidate.id)
                candidate.moved_in = True
                result.index[candidate.id] = number + 1
                result.moved[candidate.id] = (
                    f"'{slice_.title}' was full ({len(taken)} of {limit}), so it moves to the next slice"
                    + (f" with {follows}, which it waits for" if follows else ": a Critical cause waits for it")
                )
        for candidate in members:
            if candidate.id not in taken and candidate.id not in result.later and candidate.id not in moved:
                result.later[candidate.id] = (
                    f"'{slice_.title}' is full ({len(taken)} of {limit}): the actions kept there reduce more risk "
                    f"per effort day (down to {floor:.1f}; this one {candidate.per_day:.1f})"
                )
        result.slices[number] = _order(kept, result.deps)
    return result


def _blocked(candidate: Candidate, deps: list[str], later: dict[str, str], by_id: dict[str, Candidate]) -> str | None:
    """The dependency that holds an instance back: one of whose action every related instance waits in Later."""
    by_action: dict[str, list[str]] = {}
    for dep in deps:
        by_action.setdefault(by_id[dep].action.id, []).append(dep)
    for found in by_action.values():
        if all(dep in later for dep in found):
            return found[0]
    return None


def _closure(instance_id: str, deps: dict[str, list[str]], members: set[str], taken: set[str]) -> list[str]:
    """The instance and its not yet taken dependencies in the same slice, dependencies first."""
    ordered: list[str] = []
    seen: set[str] = set()

    def visit(node: str) -> None:
        if node in seen or node in taken:
            return
        seen.add(node)
        for dep in deps.get(node, []):
            if dep in members:
                visit(dep)
        ordered.append(node)

    visit(instance_id)
    return ordered


def _order(kept: list[Candidate], deps: dict[str, list[str]]) -> list[Candidate]:
    """Order a slice: dependencies first; among ready instances by `rank_key`."""
    ids = {c.id for c in kept}
    by_id = {c.id: c for c in kept}
    waiting = {c.id: {d for d in deps.get(c.id, []) if d in ids} for c in kept}
    dependants: dict[str, list[str]] = {}
    for instance_id, found in waiting.items():
        for dep in found:
            dependants.setdefault(dep, []).append(instance_id)
    ready = [(rank_key(by_id[i]), i) for i, found in waiting.items() if not found]
    heapq.heapify(ready)
    ordered: list[Candidate] = []
    done: set[str] = set()
    while ready:
        _key, instance_id = heapq.heappop(ready)
        done.add(instance_id)
        ordered.append(by_id[instance_id])
        for later in dependants.get(instance_id, []):
            waiting[later].discard(instance_id)
            if not waiting[later] and later not in done:
                heapq.heappush(ready, (rank_key(by_id[later]), later))
    return ordered + sorted((by_id[i] for i in waiting if i not in done), key=rank_key)
