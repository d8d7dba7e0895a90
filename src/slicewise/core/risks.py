"""Risks: rules whose conditions hold on the answers, and the ownership, flow and disagreement analysers."""

from __future__ import annotations

from dataclasses import dataclass, field

from slicewise.core.answers import AnswerView, requirement_label
from slicewise.core.conditions import clauses, evaluate, referenced_questions
from slicewise.core.models.assessment import Disagreement, Flow, OwnershipEntry
from slicewise.core.models.questionnaire import (
    LATENCIES,
    LATENCY_LABELS,
    PATTERN_LABELS,
    FlowInventoryQuestion,
    OwnershipMatrixQuestion,
)
from slicewise.core.models.results import Finding, FindingDomain, FindingKind, Reason, RiskResult
from slicewise.core.models.scoring import AnalyserRisk, RiskRule
from slicewise.core.slug import unique

DEFAULT_DISAGREEMENT = AnalyserRisk(
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
"""The disagreement risk used when the scoring model has no `analysers.disagreement` template."""

_ID_KINDS = {"latency_mismatch": "latency"}
"""Finding kinds whose risk ids use a shorter word (`flows.latency:<flow>`)."""


@dataclass
class _Fact:
    """One analyser observation before it becomes a risk and a finding."""

    source: FindingDomain
    kind: FindingKind
    subject: str
    template: AnalyserRisk
    values: dict[str, str]
    message: str
    critical: bool
    refs: list[str]
    reasons: list[Reason] = field(default_factory=list)


def assess_risks(view: AnswerView) -> tuple[list[RiskResult], list[Finding]]:
    """Return every fired risk (highest score first, then id) and the analysers' findings."""
    risks = [risk for rule in view.scoring.risks if (risk := rule_risk(rule, view)) is not None]
    facts = [*ownership_facts(view), *flow_facts(view), *disagreement_facts(view)]
    findings = []
    taken = {risk.id for risk in risks}
    for fact in facts:
        risk = _fact_risk(view, fact, taken)
        risks.append(risk)
        findings.append(
            Finding(domain=fact.source, kind=fact.kind, subject=fact.subject, message=fact.message, risk=risk.id)
        )
    risks.sort(key=lambda r: (-r.score, r.id))
    return risks, findings


def rule_risk(rule: RiskRule, view: AnswerView) -> RiskResult | None:
    """Return the risk a rule raises, or None when its condition does not hold or only looks at hidden questions."""
    refs = referenced_questions(rule.when)
    if refs and all(view.status(ref) == "hidden" for ref in refs):
        return None
    if not evaluate(rule.when, view):
        return None
    reasons = [Reason(text="  " * clause.depth + clause.text, refs=clause.refs) for clause in clauses(rule.when, view)]
    score = rule.likelihood * rule.impact
    band = view.scoring.band_for(score)
    return RiskResult(
        id=rule.id,
        source="rule",
        title=rule.title,
        cause=rule.cause,
        effect=rule.effect,
        category=rule.category,
        likelihood=rule.likelihood,
        impact=rule.impact,
        score=score,
        rating=band.name,
        colour=band.colour,
        owner=rule.owner,
        trigger=rule.trigger,
        actions=list(rule.actions),
        playbook=rule.playbook,
        refs=refs,
        reasons=reasons,
    )


def _fact_risk(view: AnswerView, fact: _Fact, taken: set[str]) -> RiskResult:
    """Turn an analyser observation into a risk from its template."""
    template = fact.template
    kind = _ID_KINDS.get(fact.kind, fact.kind.replace("_", "-"))
    base = f"{fact.source}.{kind}:{fact.subject}"
    risk_id = unique(base, taken)
    taken.add(risk_id)
    reasons = [Reason(text=fact.message, refs=fact.refs), *fact.reasons]
    impact = template.impact
    if fact.critical:
        bonus = view.scoring.model.analysers.critical_impact_bonus
        raised = min(5, impact + bonus)
        if raised != impact:
            reasons.append(
                Reason(text=f"It touches a critical object: impact raised from {impact} to {raised}.", refs=fact.refs)
            )
        impact = raised
    score = template.likelihood * impact
    band = view.scoring.band_for(score)
    return RiskResult(
        id=risk_id,
        source=fact.source,
        title=_fill(template.title, fact.values),
        cause=_fill(template.cause, fact.values),
        effect=_fill(template.effect, fact.values),
        category=template.category,
        likelihood=template.likelihood,
        impact=impact,
        score=score,
        rating=band.name,
        colour=band.colour,
        owner=_fill(template.owner, fact.values),
        trigger=_fill(template.trigger, fact.values),
        actions=list(template.actions),
        playbook=template.playbook,
        refs=fact.refs,
        reasons=reasons,
    )


PLACEHOLDERS = ("object", "systems", "flow", "pattern", "latency", "missing", "subject", "detail")
"""The placeholders analyser templates may use; those an analyser does not fill become empty."""


class _Values(dict[str, str]):
    """Template values: a known placeholder the analyser does not fill is empty, an unknown one stays as written."""

    def __missing__(self, key: str) -> str:
        """Return an empty text for a known placeholder, `{key}` for anything else."""
        return "" if key in PLACEHOLDERS else "{" + key + "}"


def _fill(text: str, values: dict[str, str]) -> str:
    """Fill a template's placeholders; braces that are not placeholders stay as they are."""
    try:
        return text.format_map(_Values(values))
    except (ValueError, IndexError, AttributeError):
        return text


def _join(names: list[str]) -> str:
    """Join names as `A`, `A and B`, `A, B and C`."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _unique(items: list[str]) -> list[str]:
    """Drop repeats, keeping order."""
    return list(dict.fromkeys(items))


# -- ownership ----------------------------------------------------------------------------------------


def _in_scope(view: AnswerView, kind: type) -> tuple[bool, list[str]]:
    """Tell whether an analyser runs (a question of this kind is asked and not N/A, or none exists) and name them."""
    questions = [q for q in view.questionnaire.questions if isinstance(q, kind)]
    live = [q.id for q in questions if view.status(q.id) not in ("hidden", "na")]
    return (bool(live) or not questions), live


def ownership_facts(view: AnswerView) -> list[_Fact]:
    """Find objects with no creator, several creators, or several updaters and no correction owner."""
    runs, question_ids = _in_scope(view, OwnershipMatrixQuestion)
    if not runs:
        return []
    templates = view.scoring.model.analysers.ownership
    facts: list[_Fact] = []
    for object_id, entry in view.assessment.ownership.items():
        label = view.object_label(object_id)
        values = {"object": label, "subject": label}
        refs = [object_id, *question_ids]
        critical = view.is_critical_object(object_id)
        summary = Reason(text=_ownership_summary(view, label, entry), refs=refs)
        creators = _unique(entry.create)
        updaters = _unique(entry.update)
        users = _unique([*updaters, *entry.consume])
        if not creators and users:
            names = [view.system_label(s) for s in users]
            facts.append(
                _Fact(
                    "ownership",
                    "no_creator",
                    object_id,
                    templates.no_creator,
                    {**values, "systems": _join(names)},
                    f"{label} is used by {_join(names)}, but no system creates it.",
                    critical,
                    refs,
                    [summary],
                )
            )
        if len(creators) > 1:
            names = [view.system_label(s) for s in creators]
            facts.append(
                _Fact(
                    "ownership",
                    "several_creators",
                    object_id,
                    templates.several_creators,
                    {**values, "systems": _join(names)},
                    f"{label} is created by {len(names)} systems ({_join(names)}): there is no single source.",
                    critical,
                    refs,
                    [summary],
                )
            )
        if len(updaters) > 1 and not entry.correction_owner.strip():
            names = [view.system_label(s) for s in updaters]
            facts.append(
                _Fact(
                    "ownership",
                    "uncorrected_updates",
                    object_id,
                    templates.uncorrected_updates,
                    {**values, "systems": _join(names)},
                    f"{label} is updated by {_join(names)} and nobody is named to correct bad data.",
                    critical,
                    refs,
                    [summary],
                )
            )
    return facts


def _ownership_summary(view: AnswerView, label: str, entry: OwnershipEntry) -> str:
    """Describe one object's row of the matrix."""

    def names(roles: list[str]) -> str:
        return _join([view.system_label(r) for r in _unique(roles)]) or "nobody"

    owner = entry.correction_owner.strip() or "nobody named"
    return (
        f"Ownership of {label}: created by {names(entry.create)}; updated by {names(entry.update)}; "
        f"consumed by {names(entry.consume)}; corrections by {owner}."
    )


# -- flows --------------------------------------------------------------------------------------------


def flow_facts(view: AnswerView) -> list[_Fact]:
    """Find flows whose pattern cannot meet their latency class, that lack safeguards, or have no failure owner."""
    runs, question_ids = _in_scope(view, FlowInventoryQuestion)
    if not runs:
        return []
    settings = view.scoring.model.analysers.flows
    rank = {latency: index for index, latency in enumerate(LATENCIES)}
    facts: list[_Fact] = []
    for flow, _share, missing in view.flow_shares():
        values = _flow_values(view, flow)
        refs = [flow.id, *question_ids]
        critical = any(view.is_critical_object(o) for o in flow.objects)
        summary = Reason(text=_flow_summary(view, flow), refs=refs)
        fastest = settings.fastest_latency.get(flow.pattern)
        if fastest in rank and flow.latency in rank and rank[fastest] > rank[flow.latency]:
            facts.append(
                _Fact(
                    "flows",
                    "latency_mismatch",
                    flow.id,
                    settings.latency_mismatch,
                    values,
                    f"{flow.name} must be {values['latency'].lower()}, but {values['pattern']} can at best be "
                    f"{LATENCY_LABELS.get(fastest, fastest).lower()}.",
                    critical,
                    refs,
                    [summary],
                )
            )
        safeguards = [m for m in missing if m != "failure-owner"]
        if safeguards:
            labels = _join([requirement_label(m) for m in safeguards])
            facts.append(
                _Fact(
                    "flows",
                    "missing_safeguards",
                    flow.id,
                    settings.missing_safeguards,
                    {**values, "missing": labels},
                    f"{flow.name} is {values['latency'].lower()} and lacks {labels}.",
                    critical,
                    refs,
                    [summary],
                )
            )
        if not flow.failure_owner.strip():
            facts.append(
                _Fact(
                    "flows",
                    "no_failure_owner",
                    flow.id,
                    settings.no_failure_owner,
                    values,
                    f"Nobody is named to decide whether to retry, repair, suppress or escalate when {flow.name} fails.",
                    critical,
                    refs,
                    [summary],
                )
            )
    return facts


def _flow_values(view: AnswerView, flow: Flow) -> dict[str, str]:
    """Human labels for a flow's template placeholders."""
    objects = _join([view.object_label(o) for o in flow.objects])
    return {
        "flow": flow.name,
        "subject": flow.name,
        "object": objects,
        "systems": f"{view.system_label(flow.source)} → {view.system_label(flow.target)}",
        "pattern": PATTERN_LABELS.get(flow.pattern, flow.pattern),
        "latency": LATENCY_LABELS.get(flow.latency, flow.latency),
        "missing": "",
    }


def _flow_summary(view: AnswerView, flow: Flow) -> str:
    """Describe one flow of the inventory."""
    values = _flow_values(view, flow)
    safeguards = _join([requirement_label(s) for s in flow.safeguards]) or "none"
    owner = flow.failure_owner.strip() or "nobody named"
    carries = f", carrying {values['object']}" if values["object"] else ""
    return (
        f"{flow.name}: {values['systems']}{carries}, by {values['pattern']}, {values['latency'].lower()}; "
        f"safeguards: {safeguards}; failure owner: {owner}."
    )


# -- merged assessments -------------------------------------------------------------------------------


def disagreement_facts(view: AnswerView) -> list[_Fact]:
    """Raise one observation per disagreement recorded in a merged assessment."""
    merge = view.assessment.merge
    if merge is None:
        return []
    template = view.scoring.model.analysers.disagreement or DEFAULT_DISAGREEMENT
    flow_names = {flow.id: flow.name for flow in view.assessment.flows}
    facts = []
    for disagreement in merge.disagreements:
        label = _subject_label(view, disagreement, flow_names)
        values = {"subject": label, "detail": disagreement.detail, "object": label, "flow": label}
        facts.append(
            _Fact(
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
