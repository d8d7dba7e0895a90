"""Selection: which actions the answers call for, written for which subjects, and how much risk each reduces."""

from __future__ import annotations

from dataclasses import dataclass, field

from slicewise.core.answers import AnswerView
from slicewise.core.kinds import is_scored
from slicewise.core.models.assessment import Flow
from slicewise.core.models.questionnaire import area_of
from slicewise.core.models.results import Finding, RiskResult
from slicewise.core.models.scoring import DEFAULT_EFFORT_DAYS, Action
from slicewise.core.plan import subjects as s


@dataclass
class Candidate:
    """One instance of a selected action: the action, its subject, what selects it and what it is worth."""

    action: Action
    subject: s.Subject | None
    risks: list[RiskResult]
    gaps: list[tuple[str, int, int]]
    """(question id, its level, the level it must reach)."""
    unknowns: list[str]
    only_unknown: bool
    value: float
    days: float
    critical: bool
    moves: dict[str, int]
    more: list[s.Subject] = field(default_factory=list)
    chosen_by: str = ""
    """How the subject was chosen, in words."""
    on_thin_flow: bool = False
    """Whether it is written for the thin slice's flow or an object that flow carries."""
    for_critical: bool = False
    """Set when placing: a Critical cause's change, or something one of them waits for."""
    for_thin_flow: bool = False
    """Set when placing: written for the thin slice's flow, or something such an instance waits for."""
    moved_in: bool = False
    """Set when placing: moved on from a full earlier slice."""

    id: str = field(init=False)
    """The stable instance id: the action id, then `:<subject>` when written for one."""

    def __post_init__(self) -> None:
        """Derive the instance id once from the action and its subject."""
        self.id = f"{self.action.id}:{self.subject.id}" if self.subject is not None else self.action.id

    @property
    def priority(self) -> int:
        """The highest score among the risks it answers."""
        return max((r.score for r in self.risks), default=0)

    @property
    def per_day(self) -> float:
        """Risk reduced per effort day."""
        return self.value / self.days if self.days else self.value


@dataclass
class Selection:
    """Every candidate instance, and the actions a risk listed that were left out because the practice is met."""

    candidates: list[Candidate]
    not_selected: dict[str, str]


def target(view: AnswerView, action: Action, question_id: str) -> int:
    """The level a question must reach for an action: its `below`, else the area's target."""
    if action.below is not None:
        return action.below
    area = area_of(question_id)
    return view.assessment.targets.get(area, view.scoring.area_scoring(area).target)


def moves(view: AnswerView, action: Action) -> dict[str, int]:
    """The levels an action brings its questions to: declared, else each of its scored questions to its target."""
    if action.moves:
        return dict(action.moves)
    return {
        q: target(view, action, q) for q in action.questions if (question := view.question(q)) and is_scored(question)
    }


def analyser_key(risk: RiskResult, findings_by_risk: dict[str, Finding]) -> str:
    """The analyser name an analyser risk comes from (`flows.latency_mismatch`), or '' for a rule."""
    finding = findings_by_risk.get(risk.id)
    if finding is None:
        return ""
    return "disagreement" if risk.source == "merge" else f"{risk.source}.{finding.kind}"


def rests_on_unknowns(view: AnswerView, risk: RiskResult) -> bool:
    """Tell whether a risk stands only on don't-know answers: it is unverified, or it is a rule none of whose
    questions has a real answer."""
    if risk.status == "unverified":
        return True
    if risk.source != "rule":
        return False
    statuses = [view.status(ref) for ref in risk.refs if view.question(ref) is not None]
    return "unknown" in statuses and "answered" not in statuses


def select(view: AnswerView, risks: list[RiskResult], findings: list[Finding], thin_flow: Flow | None) -> Selection:
    """Select every action a fired risk calls for or a gap on its questions needs, instance by instance."""
    findings_by_risk = {f.risk: f for f in findings}
    flows = {f.id: f for f in view.assessment.flows}
    top_band = max(view.scoring.model.rating_bands, key=lambda b: b.min_score).name
    settings = view.scoring.plan
    candidates: list[Candidate] = []
    not_selected: dict[str, str] = {}
    order = {r.id: n for n, r in enumerate(risks)}
    listing: dict[str, list[RiskResult]] = {}
    named: dict[str, list[RiskResult]] = {}
    for risk in risks:
        for action_id in risk.actions:
            listing.setdefault(action_id, []).append(risk)
        for name in {risk.id, analyser_key(risk, findings_by_risk)} - {""}:
            named.setdefault(name, []).append(risk)
    for action in view.scoring.actions:
        found = {r.id: r for r in listing.get(action.id, [])}
        found.update((r.id, r) for name in action.answers for r in named.get(name, []))
        calling = sorted(found.values(), key=lambda r: order[r.id])
        gaps: list[tuple[str, int, int]] = []
        met: list[tuple[str, int, int]] = []
        unknown: list[str] = []
        for question_id in action.questions:
            status = view.status(question_id)
            level = view.level(question_id)
            if status == "unknown":
                unknown.append(question_id)
            elif level is not None:
                needed = target(view, action, question_id)
                (gaps if level < needed else met).append((question_id, level, needed))
        if not calling and not gaps:
            continue
        if not gaps and not unknown and met:
            if calling:
                words = ", ".join(f"{q} at level {level}" for q, level, _ in met)
                not_selected[action.id] = f"its practice is already at target ({words})"
            continue
        kind = s.SUBJECT_KIND.get(action.per)
        general = [r for r in calling if not kind or not s.risk_subjects(r, findings_by_risk, flows)]
        by_subject: dict[str, list[RiskResult]] = {}
        if kind:
            for risk in calling:
                pairs = s.risk_subjects(risk, findings_by_risk, flows)
                for subject_id in s.convert(view, kind, pairs):
                    is_thin = thin_flow is not None and kind == "flow" and subject_id == thin_flow.id
                    keep = is_thin if action.per == "thin-flow" else not (is_thin and action.skip_thin_flow)
                    if keep and s.matches(view, action, kind, subject_id):
                        by_subject.setdefault(subject_id, []).append(risk)
            # A subject-specific risk whose subjects all fail the filters does not call for this action.
            calling = general + [r for found in by_subject.values() for r in found]
        if not calling and not gaps:
            continue
        behind = [q for r in calling for q in r.refs if view.status(q) == "unknown"]
        unverified = [item for r in calling if r.status == "unverified" for item in r.follow_ups]
        unknowns = list(dict.fromkeys([*unknown, *behind, *unverified]))
        only_unknown = not gaps and all(rests_on_unknowns(view, r) for r in calling)
        days = settings.effort_days.get(action.effort, DEFAULT_EFFORT_DAYS[action.effort])
        gap_worth = settings.gap_value * sum(needed - level for _, level, needed in gaps)
        moved = moves(view, action)
        instances = _instances(view, action, kind, by_subject, general, gaps, thin_flow)
        thin_subjects = s.thin_related(kind or "", thin_flow)
        share = (sum(r.score for r in general) + gap_worth) / max(1, len(instances))
        for subject, own, more, chosen_by in instances:
            answered = list({r.id: r for r in [*own, *general]}.values())
            answered.sort(key=lambda r: (-r.score, r.id))
            value = sum(r.score for r in own) + share
            critical = action.kind == "change" and any(r.rating == top_band for r in answered)
            candidates.append(
                Candidate(
                    action=action,
                    subject=subject,
                    gaps=gaps,
                    unknowns=unknowns,
                    only_unknown=only_unknown,
                    days=days,
                    moves=moved,
                    risks=answered,
                    value=round(value, 3),
                    critical=critical,
                    more=more,
                    chosen_by=chosen_by,
                    on_thin_flow=subject is not None and subject.id in thin_subjects,
                )
            )
    return Selection(candidates, not_selected)


Instance = tuple[s.Subject | None, list[RiskResult], list[s.Subject], str]
"""(subject, the subject's own risks, further subjects it stands for, how the subject was chosen)."""


def _instances(
    view: AnswerView,
    action: Action,
    kind: str | None,
    by_subject: dict[str, list[RiskResult]],
    general: list[RiskResult],
    gaps: list[tuple[str, int, int]],
    thin_flow: Flow | None,
) -> list[Instance]:
    """Write an action for its subjects, highest risk first, capped; one general instance when it has none."""
    if kind is None:
        return [(None, [], [], "")]
    if action.per == "thin-flow":
        if thin_flow is None:
            return [(None, [], [], "")]
        own = by_subject.get(thin_flow.id, [])
        return [
            (s.flow_subject(view, thin_flow), own, [], "the thin slice's representative flow (see the plan's flow)")
        ]
    ranked = list(by_subject)
    chosen_by = "named by the risks it answers"
    if not ranked and (general or gaps):
        ranked = s.from_filters(view, action, kind)
        chosen_by = "picked by the action's filters from the assessment"
    thin = s.thin_related(kind, thin_flow)
    if action.skip_thin_flow and kind == "flow":
        ranked = [subject_id for subject_id in ranked if subject_id not in thin]

    def key(subject_id: str) -> tuple[bool, int, int, int]:
        """The thin slice's own subject first, then the highest risk, the most critical objects, the total."""
        found = [r.score for r in by_subject.get(subject_id, [])]
        return (subject_id not in thin, -max(found, default=0), -s.critical_weight(view, kind, subject_id), -sum(found))

    ranked.sort(key=key)
    if not ranked:
        return [(None, [], [], "")]
    cap = action.instance_cap or view.scoring.plan.instance_cap
    kept, rest = ranked[:cap], ranked[cap:]
    made: list[Instance] = []
    for number, subject_id in enumerate(kept):
        own = list(by_subject.get(subject_id, []))
        more: list[s.Subject] = []
        if number == len(kept) - 1 and rest:
            more = [s.make_subject(view, kind, r) for r in rest]
            own += [risk for r in rest for risk in by_subject.get(r, [])]
        made.append((s.make_subject(view, kind, subject_id), own, more, chosen_by))
    return made
