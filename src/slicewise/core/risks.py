"""Risks: rules whose conditions hold (or hang on don't-knows) and the analysers' observations, rated and ranked."""

from __future__ import annotations

import re

from slicewise.core.analysers import Fact, disagreement_facts, flow_facts, ownership_facts
from slicewise.core.answers import AnswerView
from slicewise.core.conditions import clauses, referenced_questions
from slicewise.core.models.results import Finding, FindingDomain, FindingKind, Reason, RiskResult, RiskSource
from slicewise.core.models.scoring import CRITICALITY_RANK, RiskRule, RiskText
from slicewise.core.slug import unique
from slicewise.core.verdict import UNSETTLED, unsettled_questions, verdict

_ID_KINDS: dict[FindingKind, str] = {"latency_mismatch": "latency"}
"""Finding kinds whose risk ids use a shorter word (`flows.latency:<flow>`)."""


def _domain(source: RiskSource) -> FindingDomain:
    """The domain of an analyser's finding: the analyser that saw it (rules and the consultant's own risks
    raise risks, never findings)."""
    if source == "rule" or source == "custom":
        raise ValueError(f"a {source} risk is not an analyser's finding")
    return source


def assess_risks(view: AnswerView) -> tuple[list[RiskResult], list[Finding]]:
    """Return every raised risk, ranked by `rank_key`, and the analysers' findings."""
    risks = [risk for rule in view.scoring.risks if (risk := rule_risk(rule, view)) is not None]
    facts = [*ownership_facts(view), *flow_facts(view), *disagreement_facts(view)]
    findings = []
    taken = {risk.id for risk in risks}
    for fact in facts:
        risk = _fact_risk(view, fact, taken)
        risks.append(risk)
        findings.append(
            Finding(
                domain=_domain(fact.source), kind=fact.kind, subject=fact.subject, message=fact.message, risk=risk.id
            )
        )
    risks.sort(key=rank_key)
    return risks, findings


def rank_key(risk: RiskResult) -> tuple[int, int, int, bool, str]:
    """Order risks: highest score; on a tie, the most critical object hit, then the broadest; confirmed before
    unverified; then id, so the summary always names one top risk."""
    return (-risk.score, -risk.criticality, -risk.breadth, risk.status == "unverified", risk.id)


def rule_risk(rule: RiskRule, view: AnswerView) -> RiskResult | None:
    """Return the risk a rule raises (unverified when it hangs on don't-knows), or None when it does not hold."""
    refs = referenced_questions(rule.when)
    if refs and all(view.status(ref) == "hidden" for ref in refs):
        return None
    holds = verdict(rule.when, view)
    if holds is False:
        return None
    reasons = [Reason(text="  " * clause.depth + clause.text, refs=clause.refs) for clause in clauses(rule.when, view)]
    criticality = max((CRITICALITY_RANK[view.criticality(o)] for o in rule.objects), default=0)
    risk = RiskResult(
        id=rule.id,
        source="rule",
        title=rule.title,
        cause=rule.cause,
        effect=rule.effect,
        category=rule.category,
        likelihood=rule.likelihood,
        impact=rule.impact,
        score=rule.likelihood * rule.impact,
        rating="",
        colour="",
        owner=rule.owner,
        trigger=rule.trigger,
        actions=list(rule.actions),
        playbook=rule.playbook,
        refs=refs,
        reasons=reasons,
        criticality=criticality,
        breadth=max(1, len(rule.objects)),
    )
    if holds is UNSETTLED:
        unknown = unsettled_questions(rule.when, view)
        prompts = "; ".join(f"'{_prompt(view, q)}' ({q})" for q in unknown)
        _make_unverified(view, risk, rule, {}, unknown, f"Nobody in the room could answer {prompts}")
    return _banded(view, risk)


def _prompt(view: AnswerView, question_id: str) -> str:
    """A question's prompt (its id when unknown)."""
    question = view.question(question_id)
    return question.prompt if question is not None else question_id


def _make_unverified(
    view: AnswerView, risk: RiskResult, text: RiskText, values: dict[str, str], follow_ups: list[str], who: str
) -> None:
    """Turn a risk into its unverified form: own wording, lower likelihood, the follow-ups and the role to ask.

    The rule's or template's `unverified_title` / `unverified_cause` are used when written (placeholders filled,
    `{cause}` being the confirmed cause); otherwise the wording says who could not answer and what follows if
    the answer is the bad one.
    """
    drop = view.scoring.model.unverified_likelihood_drop
    likelihood = max(1, risk.likelihood - drop)
    filled = {**values, "cause": risk.cause}
    title = _fill(text.unverified_title, filled) if text.unverified_title else ""
    cause = _fill(text.unverified_cause, filled) if text.unverified_cause else ""
    risk.title = title or f"Unverified: {_lower_first(risk.title)}"
    risk.cause = cause or f"{who}. If the answer is the bad one: {_lower_first(risk.cause)}"
    risk.reasons.append(
        Reason(
            text=f"Unverified: it hangs on what nobody could say ({', '.join(follow_ups)}); likelihood lowered from "
            f"{risk.likelihood} to {likelihood} until someone finds out.",
            refs=follow_ups,
        )
    )
    risk.status = "unverified"
    risk.likelihood = likelihood
    risk.score = likelihood * risk.impact
    risk.follow_ups = list(follow_ups)
    risk.ask = _fill(text.ask, filled) if text.ask else risk.owner


def _banded(view: AnswerView, risk: RiskResult) -> RiskResult:
    """Set a risk's rating band and colour from its score."""
    band = view.scoring.band_for(risk.score)
    risk.rating = band.name
    risk.colour = band.colour
    return risk


def _lower_first(text: str) -> str:
    """Lower the first letter unless the first word is an acronym."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _fact_risk(view: AnswerView, fact: Fact, taken: set[str]) -> RiskResult:
    """Turn an analyser observation into a risk from its template, its calibrated rating and its status."""
    template = fact.template
    kind = _ID_KINDS.get(fact.kind, fact.kind.replace("_", "-"))
    base = f"{fact.source}.{kind}:{fact.subject}"
    risk_id = unique(base, taken)
    taken.add(risk_id)
    reasons = [Reason(text=fact.message, refs=fact.refs), *fact.reasons]
    if fact.rating is not None:
        likelihood, impact = fact.rating
    else:
        likelihood, impact = template.likelihood, template.impact
        if fact.critical:
            bonus = view.scoring.model.analysers.critical_impact_bonus
            raised = min(5, impact + bonus)
            if raised != impact:
                reasons.append(
                    Reason(
                        text=f"It touches a critical object: impact raised from {impact} to {raised}.", refs=fact.refs
                    )
                )
            impact = raised
    risk = RiskResult(
        id=risk_id,
        source=fact.source,
        title=_fill(template.title, fact.values),
        cause=_fill(template.cause, fact.values),
        effect=_fill(template.effect, fact.values),
        category=template.category,
        likelihood=likelihood,
        impact=impact,
        score=likelihood * impact,
        rating="",
        colour="",
        owner=_fill(template.owner, fact.values),
        trigger=_fill(template.trigger, fact.values),
        actions=list(template.actions),
        playbook=template.playbook,
        refs=fact.refs,
        reasons=reasons,
        criticality=fact.criticality,
        breadth=fact.breadth,
    )
    if fact.unverified:
        _make_unverified(view, risk, template, fact.values, fact.follow_ups, fact.message.rstrip("."))
    return _banded(view, risk)


PLACEHOLDERS = ("object", "systems", "flow", "pattern", "latency", "missing", "subject", "detail", "cause")
"""The placeholders analyser templates may use; those an analyser does not fill become empty."""


class _Values(dict[str, str]):
    """Template values: a known placeholder the analyser does not fill is empty, an unknown one stays as written."""

    def __missing__(self, key: str) -> str:
        """Return an empty text for a known placeholder, `{key}` for anything else."""
        return "" if key in PLACEHOLDERS else "{" + key + "}"


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _fill(text: str, values: dict[str, str]) -> str:
    """Fill a template's `{name}` placeholders; anything else in braces (a format spec) stays as written."""
    known = _Values(values)
    return _PLACEHOLDER.sub(lambda match: known[match.group(1)], text)
