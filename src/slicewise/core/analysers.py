"""The built-in analysers: observations on the ownership matrix, the flow inventory and merged answers.

Each observation (`Fact`) says what was seen, whether the answers confirm it or only an unknown stands
between it and a confirmed finding, and how it rates: flow findings are calibrated through the scoring
model's table (likelihood by latency class, impact by the criticality of what the flow carries, per
missing safeguard), never by a constant in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from slicewise.core.answers import AnswerView
from slicewise.core.flowcheck import FAILURE_OWNER, FlowCheck
from slicewise.core.labels import requirement_label
from slicewise.core.models.assessment import UNKNOWN, Disagreement, Flow, OwnershipEntry
from slicewise.core.models.questionnaire import (
    LATENCIES,
    LATENCY_LABELS,
    PATTERN_LABELS,
    SLA_LABELS,
    FlowInventoryQuestion,
    OwnershipMatrixQuestion,
)
from slicewise.core.models.results import FindingKind, FlowFindingKind, OwnershipFindingKind, Reason, RiskSource
from slicewise.core.models.scoring import CRITICALITY_RANK, AnalyserRisk
from slicewise.core.ownership import ScopeView, creator_conflicts, creator_gaps, scope_label, uncorrected
from slicewise.core.words import join_names


@cache
def default_disagreement() -> AnalyserRisk:
    """The disagreement risk used when the scoring model has no `analysers.disagreement` template (built on
    first use, so start-up does not build the risk model)."""
    return AnalyserRisk(
        title="Respondents disagree on {subject}",
        cause="{detail}",
        effect="Decisions built on this answer rest on one person's view; the team has not agreed what is true.",
        likelihood=3,
        impact=3,
        category="Alignment",
        owner="Engagement lead",
        trigger="The same question gets different answers from different people in the room.",
        actions=[],
        playbook="",
    )


@dataclass
class Fact:
    """One analyser observation before it becomes a risk and a finding."""

    source: RiskSource
    """Which analyser saw it."""
    kind: FindingKind
    """e.g. `several_creators`, `missing_safeguards`."""
    subject: str
    """The object, flow or question id."""
    template: AnalyserRisk
    """The risk template it fills."""
    values: dict[str, str]
    """Placeholder values for the template."""
    message: str
    """A readable sentence of what was seen."""
    critical: bool
    """It touches a critical object (templates without calibration add the model's impact bonus)."""
    refs: list[str]
    """The ids it rests on."""
    reasons: list[Reason] = field(default_factory=list)
    """More context (the row of the matrix, the flow's summary, the calibration)."""
    unverified: bool = False
    """Only an unknown stands between it and a confirmed finding."""
    follow_ups: list[str] = field(default_factory=list)
    """What to find out to settle it."""
    rating: tuple[int, int] | None = None
    """Calibrated (likelihood, impact), or None to use the template's."""
    criticality: int = 0
    """Rank of the most critical object it touches."""
    breadth: int = 1
    """How many objects, scopes or requirements it touches."""


def _in_scope(view: AnswerView, kind: type) -> tuple[bool, list[str]]:
    """Tell whether an analyser runs (a question of this kind is asked and not N/A, or none exists) and name them."""
    questions = [q for q in view.questionnaire.questions if isinstance(q, kind)]
    live = [q.id for q in questions if view.status(q.id) not in ("hidden", "na")]
    return (bool(live) or not questions), live


def _rank(view: AnswerView, objects: list[str]) -> int:
    """The criticality rank of the most critical of some objects (standard when there are none)."""
    return max((CRITICALITY_RANK[view.criticality(o)] for o in objects), default=CRITICALITY_RANK["standard"])


# -- ownership ----------------------------------------------------------------------------------------


def ownership_facts(view: AnswerView) -> list[Fact]:
    """Find objects with no creator or several creators in one scope, or several updaters and no correction owner."""
    runs, question_ids = _in_scope(view, OwnershipMatrixQuestion)
    if not runs:
        return []
    templates = view.scoring.model.analysers.ownership
    facts: list[Fact] = []
    for object_id, entry in view.assessment.ownership.items():
        label = view.object_label(object_id)
        refs = [object_id, *question_ids]
        summary = Reason(text=_ownership_summary(view, label, entry), refs=refs)

        def fact(kind: OwnershipFindingKind, template: AnalyserRisk, names: str, message: str, breadth: int) -> Fact:
            return Fact(
                "ownership",
                kind,
                object_id,  # noqa: B023 - used at once, inside the loop
                template,
                {"object": label, "subject": label, "systems": names},  # noqa: B023
                message,
                view.is_critical_object(object_id),  # noqa: B023
                list(refs),  # noqa: B023
                [summary],  # noqa: B023
                criticality=CRITICALITY_RANK[view.criticality(object_id)],  # noqa: B023
                breadth=breadth,
            )

        users = [*entry.update, *entry.consume, *(s for sc in entry.scopes for s in [*sc.update, *sc.consume])]
        gaps = creator_gaps(entry) if users else []
        if gaps:
            names = _names(view, users)
            message = f"{label} is used by {names}, but no system creates it{_scopes_text(gaps)}."
            facts.append(fact("no_creator", templates.no_creator, names, message, len(gaps)))
        conflicts = creator_conflicts(entry)
        if conflicts:
            parts = "; ".join(_creators_text(view, c) for c in conflicts)
            names = _names(view, [s for c in conflicts for s in c.creators])
            if entry.scopes:
                message = f"{label} has more than one creator in the same scope: {parts}."
            else:
                count = len(conflicts[0].creators)
                message = f"{label} is created by {count} systems ({names}): there is no single source."
            facts.append(fact("several_creators", templates.several_creators, names, message, len(conflicts)))
        loose = uncorrected(entry)
        if loose:
            names = _names(view, [s for v in loose for s in v.updaters])
            message = f"{label} is updated by {names}{_scopes_text(loose)} and nobody is named to correct bad data."
            facts.append(fact("uncorrected_updates", templates.uncorrected_updates, names, message, len(loose)))
    return facts


def _names(view: AnswerView, roles: list[str]) -> str:
    """Name system roles for people, each once."""
    return join_names([view.system_name(r) for r in roles])


def _scopes_text(views: list[ScopeView]) -> str:
    """Say in which scopes something holds (empty for the object as a whole)."""
    labels = [scope_label(v) for v in views if scope_label(v)]
    return f" in {join_names(labels)}" if labels else ""


def _creators_text(view: AnswerView, scope: ScopeView) -> str:
    """Say who creates an object within one scope."""
    names = join_names([view.system_name(s) for s in scope.creators])
    label = scope_label(scope)
    return f"{names} in {label}" if label else f"{names} for the object as a whole"


def _ownership_summary(view: AnswerView, label: str, entry: OwnershipEntry) -> str:
    """Describe one object's row of the matrix, scopes included."""

    def names(roles: list[str]) -> str:
        return join_names([view.system_name(r) for r in roles]) or "nobody"

    owner = entry.correction_owner.strip() or "nobody named"
    text = (
        f"Ownership of {label}: created by {names(entry.create)}; updated by {names(entry.update)}; "
        f"consumed by {names(entry.consume)}; corrections by {owner}."
    )
    for scope in entry.scopes:
        text += f" In {scope.scope} ({scope.kind}): created by {names(scope.create) if scope.create else 'the default'}"
        if scope.update:
            text += f", also updated by {names(scope.update)}"
        text += "."
    return text


# -- flows --------------------------------------------------------------------------------------------


def flow_facts(view: AnswerView) -> list[Fact]:
    """Find flows whose pattern cannot meet their latency, that lack safeguards, an owner or a service level."""
    runs, question_ids = _in_scope(view, FlowInventoryQuestion)
    if not runs:
        return []
    facts: list[Fact] = []
    for check in view.flow_checks():
        flow = check.flow
        base = _FlowContext(view, check, [flow.id, *question_ids])
        facts.extend(base.latency_fact())
        facts.extend(base.safeguard_fact())
        facts.extend(base.owner_fact())
        facts.extend(base.sla_fact())
    return facts


class _FlowContext:
    """Everything the flow analyser needs about one flow, and the facts it raises."""

    def __init__(self, view: AnswerView, check: FlowCheck, refs: list[str]) -> None:
        """Keep the flow's check, labels, criticality and summary."""
        self.view = view
        self.check = check
        self.flow = check.flow
        self.refs = refs
        self.settings = view.scoring.model.analysers.flows
        self.values = _flow_values(view, self.flow)
        self.criticality = _rank(view, self.flow.objects)
        self.critical = any(view.is_critical_object(o) for o in self.flow.objects)
        self.summary = Reason(text=_flow_summary(view, check), refs=refs)

    def _fact(self, kind: FlowFindingKind, template: AnalyserRisk, message: str, **extra: object) -> Fact:
        """Build a fact about this flow."""
        fact = Fact(
            "flows",
            kind,
            self.flow.id,
            template,
            dict(self.values),
            message,
            self.critical,
            list(self.refs),
            [self.summary],
            criticality=self.criticality,
            breadth=max(1, len(self.flow.objects)),
        )
        for key, value in extra.items():
            setattr(fact, key, value)
        return fact

    def rate(self, row: str) -> tuple[tuple[int, int], Reason] | None:
        """Look up (likelihood, impact) in the calibration table for one finding, with the reason that says so."""
        calibration = self.settings.calibration.get(row)
        if calibration is None:
            return None
        latency = self.flow.latency
        if latency in calibration.likelihood:
            likelihood = calibration.likelihood[latency]
            latency_text = f"{LATENCY_LABELS.get(latency, latency).lower()} latency"
        else:
            likelihood = max(calibration.likelihood.values())
            latency_text = "unknown latency (the strictest class assumed)"
        criticality = next((c for c, r in _RANKS.items() if r == self.criticality), "standard")
        impact = calibration.impact.get(criticality, 3)  # type: ignore[call-overload]
        label = requirement_label(row) if row not in _ROW_WORDS else _ROW_WORDS[row]
        text = (
            f"Calibrated: {label} on a flow of {latency_text} carrying {criticality} data → likelihood {likelihood}, "
            f"impact {impact}."
        )
        return (likelihood, impact), Reason(text=text, refs=[self.flow.id])

    def latency_fact(self) -> list[Fact]:
        """The pattern cannot meet the latency class (unverified when either is unknown)."""
        flow = self.flow
        rank = {latency: index for index, latency in enumerate(LATENCIES)}
        fastest = self.settings.fastest_latency.get(flow.pattern)
        template = self.settings.latency_mismatch
        rated = self.rate("latency-mismatch")
        extra: dict[str, object] = {}
        if rated is not None:
            extra = {"rating": rated[0]}
        if fastest in rank and flow.latency in rank and rank[fastest] > rank[flow.latency]:
            message = (
                f"{flow.name} must be {self.values['latency'].lower()}, but {self.values['pattern']} can at best be "
                f"{LATENCY_LABELS.get(fastest, fastest).lower()}."
            )
            fact = self._fact("latency_mismatch", template, message, **extra)
        elif flow.pattern == UNKNOWN or flow.latency == UNKNOWN:
            loosest = max((rank.get(v, 0) for v in self.settings.fastest_latency.values()), default=0)
            if flow.latency in rank and rank[flow.latency] >= loosest:
                return []  # any pattern meets a latency this loose
            if fastest in rank and rank[fastest] == 0:
                return []  # this pattern meets any latency
            missing = [w for w, v in (("pattern", flow.pattern), ("latency class", flow.latency)) if v == UNKNOWN]
            message = (
                f"Nobody knows the {join_names(missing)} of {flow.name}, so whether it is fresh enough is unverified."
            )
            fact = self._fact("latency_mismatch", template, message, unverified=True, follow_ups=[flow.id], **extra)
        else:
            return []
        if rated is not None:
            fact.reasons.append(rated[1])
        return [fact]

    def safeguard_fact(self) -> list[Fact]:
        """Required safeguards are missing (rated by the worst one), or only unknown (unverified)."""
        missing = [m for m in self.check.missing if m != FAILURE_OWNER]
        unknown = [m for m in self.check.unknown if m != FAILURE_OWNER]
        if not missing and not unknown:
            return []
        template = self.settings.missing_safeguards
        chosen = missing or unknown
        ratings = [(row, self.rate(row)) for row in chosen]
        rated = [(row, r) for row, r in ratings if r is not None]
        reasons = [r[1] for _, r in rated]
        rating = max((r[0] for _, r in rated), key=lambda li: li[0] * li[1], default=None)
        needs = join_names([f"{requirement_label(r)} ({self.check.why.get(r, '')})" for r in chosen])
        values = {**self.values, "missing": join_names([requirement_label(m) for m in chosen])}
        if missing:
            message = f"{self.flow.name} lacks {needs}."
            if unknown:
                message += f" Nobody could say whether it has {join_names([requirement_label(m) for m in unknown])}."
            breadth = len(self.flow.objects) + len(missing)
            fact = self._fact("missing_safeguards", template, message, rating=rating, breadth=breadth)
        else:
            message = f"Nobody could say whether {self.flow.name} has {needs}."
            fact = self._fact(
                "missing_safeguards",
                template,
                message,
                rating=rating,
                unverified=True,
                follow_ups=[self.flow.id],
                breadth=len(self.flow.objects) + len(unknown),
            )
        fact.values = values
        fact.reasons.extend(reasons)
        return [fact]

    def owner_fact(self) -> list[Fact]:
        """Nobody is named to own the flow's failures, or nobody knows who is."""
        state = self.flow.owner_state()
        if state == "named":
            return []
        rated = self.rate(FAILURE_OWNER)
        template = self.settings.no_failure_owner
        if state == "missing":
            message = (
                f"Nobody is named to decide whether to retry, repair, suppress or escalate when {self.flow.name} fails."
            )
            fact = self._fact("no_failure_owner", template, message)
        else:
            message = f"Nobody in the room knew who owns failures of {self.flow.name}."
            fact = self._fact("no_failure_owner", template, message, unverified=True, follow_ups=[self.flow.id])
        if rated is not None:
            fact.rating = rated[0]
            fact.reasons.append(rated[1])
        return [fact]

    def sla_fact(self) -> list[Fact]:
        """A flow that needs an agreed, measured service level has none, only an informal one, or nobody knows."""
        template = self.settings.no_sla
        sla = self.flow.sla
        if template is None or sla in ("", "measured"):
            return []
        if not (self.check.money or self.flow.latency in self.settings.sla_needed):
            return []
        why = "it moves money" if self.check.money else f"it is {self.values['latency'].lower()}"
        rated = self.rate("sla")
        values = {**self.values, "detail": SLA_LABELS[sla].lower()}
        if sla == UNKNOWN:
            message = f"Nobody knew whether {self.flow.name} has an agreed service level, which it needs as {why}."
            fact = self._fact("no_sla", template, message, unverified=True, follow_ups=[self.flow.id])
        else:
            kind = "no agreed service level" if sla == "none" else "only an informal service level, not measured"
            message = f"{self.flow.name} has {kind}, although {why}."
            fact = self._fact("no_sla", template, message)
        fact.values = values
        if rated is not None:
            fact.rating = rated[0]
            fact.reasons.append(rated[1])
        return [fact]


_RANKS = CRITICALITY_RANK
"""Criticality names by rank, for looking a rank's name up."""

_ROW_WORDS = {"latency-mismatch": "a pattern too slow for the latency class", "sla": "no agreed service level"}
"""Calibration rows that are not requirements, in words."""


def _flow_values(view: AnswerView, flow: Flow) -> dict[str, str]:
    """Human labels for a flow's template placeholders."""
    objects = join_names([view.object_label(o) for o in flow.objects])
    return {
        "flow": flow.name,
        "subject": flow.name,
        "object": objects,
        "systems": f"{view.system_name(flow.source)} → {view.system_name(flow.target)}",
        "pattern": "an unknown pattern" if flow.pattern == UNKNOWN else PATTERN_LABELS.get(flow.pattern, flow.pattern),
        "latency": "Unknown" if flow.latency == UNKNOWN else LATENCY_LABELS.get(flow.latency, flow.latency),
        "missing": "",
    }


def _flow_summary(view: AnswerView, check: FlowCheck) -> str:
    """Describe one flow of the inventory, unknowns said as such."""
    flow = check.flow
    values = _flow_values(view, flow)
    safeguards = join_names([requirement_label(s) for s in flow.safeguards]) or "none"
    unknown = join_names([requirement_label(s) for s in flow.unknown_safeguards])
    owner = {"missing": "nobody named", "unknown": "unknown"}.get(flow.owner_state(), flow.failure_owner.strip())
    carries = f", carrying {values['object']}" if values["object"] else ""
    mode = {"snapshot": ", full snapshots", "unknown": ", mode unknown"}.get(flow.mode, "")
    money = ", moves money" if check.money else ""
    sla = f"; service level: {SLA_LABELS[flow.sla].lower()}" if flow.sla else ""
    return (
        f"{flow.name}: {values['systems']}{carries}{mode}{money}, by {values['pattern']}, "
        f"{values['latency'].lower()}; safeguards: {safeguards}"
        + (f"; unknown: {unknown}" if unknown else "")
        + f"; failure owner: {owner}{sla}."
    )


# -- merged assessments -------------------------------------------------------------------------------


def disagreement_facts(view: AnswerView) -> list[Fact]:
    """Raise one observation per disagreement recorded in a merged assessment."""
    merge = view.assessment.merge
    if merge is None:
        return []
    template = view.scoring.model.analysers.disagreement or default_disagreement()
    flow_names = {flow.id: flow.name for flow in view.assessment.flows}
    facts = []
    for disagreement in merge.disagreements:
        label = _subject_label(view, disagreement, flow_names)
        values = {"subject": label, "detail": disagreement.detail, "object": label, "flow": label}
        facts.append(
            Fact(
                "merge",
                disagreement.kind,
                disagreement.subject,
                template,
                values,
                f"Respondents disagree on {label}: {disagreement.detail}",
                False,
                [disagreement.subject],
                [Reason(text="Respondents: " + ", ".join(disagreement.respondents) + ".", refs=[])]
                if disagreement.respondents
                else [],
            )
        )
    return facts


def _subject_label(view: AnswerView, disagreement: Disagreement, flow_names: dict[str, str]) -> str:
    """Name a disagreement's subject for people: a question's prompt, an object's or a flow's name."""
    subject = disagreement.subject
    question = view.question(subject)
    if question is not None:
        return f"'{question.prompt}' ({subject})"
    if subject in flow_names:
        return flow_names[subject]
    return view.object_label(subject)
