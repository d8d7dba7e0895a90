"""What an action is written for: the client's objects, flows and systems, named as the client names them."""

from __future__ import annotations

from dataclasses import dataclass, field

from slicewise.core.answers import AnswerView
from slicewise.core.labels import requirement_label, system_label
from slicewise.core.models.assessment import Flow
from slicewise.core.models.questionnaire import LATENCY_LABELS, PATTERN_LABELS
from slicewise.core.models.results import Finding, Reason, RepresentativeFlow, RiskResult
from slicewise.core.models.scoring import Action
from slicewise.core.words import join_names

PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "object": ("object", "creators", "updaters", "users", "correction_owner"),
    "flow": ("flow", "source", "target", "object", "record", "pattern", "latency", "missing", "owner"),
    "system": ("system",),
}
"""The placeholders a `subject_title` may use, by the kind of subject it is written for."""

SUBJECT_KIND = {"object": "object", "flow": "flow", "thin-flow": "flow", "system": "system"}
"""An action's `per` → the kind of subject its instances are written for."""


@dataclass(frozen=True)
class Subject:
    """One object, flow or system an action can be written for, with its placeholder values."""

    kind: str
    id: str
    label: str
    values: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def _system(view: AnswerView, role: str) -> str:
    """Label a system role with the client's own name for it (see `labels.system_label`)."""
    return system_label(view.questionnaire, view.assessment, role)


def object_subject(view: AnswerView, object_id: str) -> Subject:
    """An object with its creators, updaters, users and correction owner."""
    entry = view.assessment.ownership.get(object_id)
    label = view.object_label(object_id)
    creators = [_system(view, r) for r in (entry.create if entry else [])]
    updaters = [_system(view, r) for r in (entry.update if entry else [])]
    users = [_system(view, r) for r in (entry.consume if entry else [])]
    values = {
        "object": label,
        "creators": join_names(creators) or "no system yet",
        "updaters": join_names(updaters) or "no system",
        "users": join_names(users) or "no system",
        "correction_owner": (entry.correction_owner.strip() if entry else "") or "nobody named",
    }
    return Subject("object", object_id, label, values)


def flow_missing(view: AnswerView, flow: Flow) -> list[str]:
    """The requirements a flow lacks (its latency class's safeguards and a failure owner)."""
    return next((check.missing for check in view.flow_checks() if check.flow.id == flow.id), [])


def flow_subject(view: AnswerView, flow: Flow) -> Subject:
    """A flow with its systems, objects, pattern, latency, missing safeguards and failure owner."""
    missing = [requirement_label(m) for m in flow_missing(view, flow)]
    values = {
        "flow": flow.name,
        "source": view.system_name(flow.source),
        "target": view.system_name(flow.target),
        "object": join_names([view.object_label(o) for o in flow.objects]) or "its records",
        "record": view.object_label(flow.objects[0]) if flow.objects else "representative",
        "pattern": PATTERN_LABELS.get(flow.pattern, flow.pattern),
        "latency": LATENCY_LABELS.get(flow.latency, flow.latency).lower(),
        "missing": join_names(missing) or "the safeguards it already has",
        "owner": flow.failure_owner.strip() or "nobody named",
    }
    return Subject("flow", flow.id, flow.name, values)


def system_subject(view: AnswerView, role: str) -> Subject:
    """A system role, named as the client knows it."""
    name = _system(view, role)
    return Subject("system", role, name, {"system": name})


def fill(template: str, subject: Subject) -> str:
    """Fill a subject title's placeholders (checked at load: names only, all known for its kind)."""
    return template.format_map(subject.values)


def risk_subjects(
    risk: RiskResult, findings_by_risk: dict[str, Finding], flows: dict[str, Flow]
) -> list[tuple[str, str]]:
    """The (kind, id) subjects an analyser risk is about: its object or its flow; none for rules."""
    finding = findings_by_risk.get(risk.id)
    if finding is None or risk.source not in ("ownership", "flows"):
        return []
    return [("flow" if finding.subject in flows else "object", finding.subject)]


def convert(view: AnswerView, kind: str, pairs: list[tuple[str, str]]) -> list[str]:
    """Turn risk subjects into subjects of the wanted kind: a flow's objects or systems, an object's flows."""
    flows = {f.id: f for f in view.assessment.flows}
    found: list[str] = []
    for have, subject in pairs:
        if have == kind:
            found.append(subject)
        elif kind == "object" and have == "flow" and subject in flows:
            found.extend(flows[subject].objects)
        elif kind == "flow" and have == "object":
            found.extend(f.id for f in view.assessment.flows if subject in f.objects)
        elif kind == "system" and have == "flow" and subject in flows:
            found.extend([flows[subject].source, flows[subject].target])
        elif kind == "system" and have == "object":
            entry = view.assessment.ownership.get(subject)
            found.extend([*entry.create, *entry.update] if entry else [])
    return list(dict.fromkeys(found))


def matches(view: AnswerView, action: Action, kind: str, subject_id: str) -> bool:
    """Tell whether a subject passes the action's `objects` and `when_missing` filters."""
    if kind == "object":
        return not action.objects or subject_id in action.objects
    if kind == "system":
        return not action.systems or subject_id in action.systems
    if kind != "flow":
        return True
    flow = next((f for f in view.assessment.flows if f.id == subject_id), None)
    if flow is None:
        return False
    if action.objects and not set(action.objects) & set(flow.objects):
        return False
    return not action.when_missing or bool(set(action.when_missing) & set(flow_missing(view, flow)))


def from_filters(view: AnswerView, action: Action, kind: str) -> list[str]:
    """Subjects an action's filters pick out of the assessment when no finding names one."""
    if kind == "system":
        used = {role for role, name in view.assessment.systems.items() if name.strip()}
        used |= {end for f in view.assessment.flows for end in (f.source, f.target)}
        return [role for role in action.systems if role in used]
    if not action.objects and not action.when_missing:
        return []
    if kind == "object":
        return [o for o in action.objects if o in view.assessment.ownership]
    if kind == "flow":
        return [f.id for f in view.assessment.flows if matches(view, action, kind, f.id)]
    return []


def make_subject(view: AnswerView, kind: str, subject_id: str) -> Subject:
    """Build the subject of one kind and id."""
    if kind == "object":
        return object_subject(view, subject_id)
    if kind == "flow":
        flow = next(f for f in view.assessment.flows if f.id == subject_id)
        return flow_subject(view, flow)
    return system_subject(view, subject_id)


def critical_weight(view: AnswerView, kind: str, subject_id: str) -> int:
    """How many critical business objects a subject is or carries (0 for systems)."""
    if kind == "object":
        return int(view.is_critical_object(subject_id))
    if kind == "flow":
        flow = next((f for f in view.assessment.flows if f.id == subject_id), None)
        return sum(view.is_critical_object(o) for o in flow.objects) if flow is not None else 0
    return 0


def thin_related(kind: str, flow: Flow | None) -> set[str]:
    """The subjects of a kind that belong to the thin slice's flow: the flow itself, its objects, its systems."""
    if flow is None:
        return set()
    if kind == "flow":
        return {flow.id}
    if kind == "object":
        return set(flow.objects)
    if kind == "system":
        return {flow.source, flow.target}
    return set()


def owners_crossed(view: AnswerView, flow: Flow) -> list[str]:
    """The systems and teams a flow involves: its ends, its objects' creators and updaters, its failure owner."""
    crossed = [flow.source, flow.target]
    for object_id in flow.objects:
        entry = view.assessment.ownership.get(object_id)
        if entry is not None:
            crossed.extend([*entry.create, *entry.update])
    if flow.failure_owner.strip():
        crossed.append("team:" + flow.failure_owner.strip().lower())
    return list(dict.fromkeys(crossed))


def representative_flow(
    view: AnswerView, risks: list[RiskResult], findings: list[Finding]
) -> tuple[Flow, RepresentativeFlow] | None:
    """Choose the flow the thin slice goes through, by the documented rule, with the reasons.

    Among flows carrying a critical object (all flows when none does): the highest-scored risk raised on the
    flow, then the most owners crossed, then the total score of its risks, then inventory order.
    """
    flows = view.assessment.flows
    if not flows:
        return None
    scores: dict[str, list[int]] = {f.id: [] for f in flows}
    by_id = {r.id: r for r in risks}
    for finding in findings:
        risk = by_id.get(finding.risk)
        if finding.subject in scores and risk is not None:
            scores[finding.subject].append(risk.score)
    critical = [f for f in flows if any(view.is_critical_object(o) for o in f.objects)]
    pool = critical or flows
    order = {f.id: n for n, f in enumerate(flows)}

    def key(flow: Flow) -> tuple[int, int, int, int]:
        found = scores[flow.id]
        return (-max(found, default=0), -len(owners_crossed(view, flow)), -sum(found), order[flow.id])

    chosen = min(pool, key=key)
    subject = flow_subject(view, chosen)
    found = scores[chosen.id]
    crossed = owners_crossed(view, chosen)
    pool_words = "flows carrying a critical object" if critical else "all flows (none carries a critical object)"
    reasons = [
        Reason(
            text=f"Chosen among {len(pool)} {pool_words}: the highest-rated risk on it scores {max(found, default=0)}, "
            f"it crosses {len(crossed)} owners (systems and teams), and its risks score {sum(found)} in all.",
            refs=[chosen.id],
        ),
        Reason(
            text="The rule: the critical flow with the highest-rated risk, then the one crossing the most owners, "
            "then the highest total, then the first in the inventory.",
            refs=[],
        ),
    ]
    runner = sorted((f for f in pool if f.id != chosen.id), key=key)[:1]
    for other in runner:
        other_found = scores[other.id]
        reasons.append(
            Reason(
                text=f"Next in line: {other.name} (highest risk {max(other_found, default=0)}, "
                f"{len(owners_crossed(view, other))} owners crossed, total {sum(other_found)}).",
                refs=[other.id],
            )
        )
    missing = [requirement_label(m) for m in flow_missing(view, chosen)]
    return chosen, RepresentativeFlow(
        id=chosen.id,
        name=chosen.name,
        source=subject.values["source"],
        target=subject.values["target"],
        objects=[view.object_label(o) for o in chosen.objects],
        missing=missing,
        reasons=reasons,
    )
