"""The consultant's adjustments applied on top of the engine's output, keeping what the engine said beside them.

`apply_adjustments` folds the assessment's adjustment log (latest value of each field wins) onto the engine's
fresh results: re-rates, response and delivery statuses, named owners and dates, dismissed risks, moved and
dropped actions, and the consultant's own risks and actions. An adjustment whose risk or action no longer
arises is kept in the file and reported as stale, never dropped. When actions moved or were dropped, the
projected levels are computed again over the adjusted plan, by the engine's own projection.
"""

from __future__ import annotations

from collections.abc import Iterable

from slicewise.core.answers import AnswerView
from slicewise.core.models.results import (
    AdjustmentNote,
    Judgement,
    PlannedAction,
    Reason,
    Results,
    RiskResult,
)
from slicewise.core.models.scoring import ScoringBundle
from slicewise.core.models.tracking import LATER, Adjustment, CustomAction, CustomRisk
from slicewise.core.plan.project import project

FIELD_WORDS = {
    "response": "response",
    "strategy": "response strategy",
    "likelihood": "likelihood",
    "impact": "impact",
    "dismissed": "dismissed",
    "status": "status",
    "slice": "slice",
    "dropped": "dropped",
    "owner": "named owner",
    "due": "due",
}
"""How each adjusted field is named in summaries."""


def apply_adjustments(results: Results, view: AnswerView) -> Results:
    """Apply the assessment's adjustments and custom items to results fresh from the engine, in place (a deep
    copy would double the cost of every re-score in the app), and return them."""
    assessment, scoring = view.assessment, view.scoring
    if not (assessment.adjustments or assessment.custom_risks or assessment.custom_actions):
        return results
    judgement = Judgement()
    for custom in assessment.custom_risks:
        if all(risk.id != custom.id for risk in results.risks):
            results.risks.append(_custom_risk(custom, scoring))
    for action in assessment.custom_actions:
        _place(results, _custom_action(action, results), action.slice, judgement)
    risks = {risk.id: risk for risk in results.risks}
    actions = {action.id: action for action in all_actions(results)}
    folded = fold(assessment.adjustments)
    for adjustment in assessment.adjustments:
        live = adjustment.id in (risks if adjustment.on == "risk" else actions)
        judgement.adjustments.append(note_of(adjustment, stale=not live))
    replanned = False
    for (on, item_id), fields in folded.items():
        notes = [n for n in judgement.adjustments if n.on == on and n.id == item_id and not n.stale]
        if on == "risk" and item_id in risks:
            _adjust_risk(risks[item_id], fields, notes, scoring, judgement)
        elif on == "action" and item_id in actions:
            replanned |= _adjust_action(results, actions[item_id], fields, notes, judgement)
    dismissed = {id(risk) for risk in judgement.dismissed}
    results.risks = [risk for risk in results.risks if id(risk) not in dismissed]
    results.risks.sort(key=lambda risk: -risk.score)
    _check_dependencies(results, judgement)
    _total_effort(results, judgement)
    if replanned:
        reproject(results, view)
    results.judgement = judgement
    return results


def reproject(results: Results, view: AnswerView) -> None:
    """Project the areas' levels over the plan as it stands: a moved action counts in its new slice, one in
    Later only in `with_later`, a dropped one nowhere."""
    results.plan.projections = project(
        view,
        results.questions,
        results.areas,
        [piece.id for piece in results.roadmap],
        [piece.actions for piece in results.roadmap],
        results.plan.later,
    )


def fold(adjustments: Iterable[Adjustment]) -> dict[tuple[str, str], dict[str, object]]:
    """Return, for each (risk|action, id), the latest value each adjusted field was given, in first-seen order."""
    folded: dict[tuple[str, str], dict[str, object]] = {}
    for adjustment in adjustments:
        folded.setdefault((adjustment.on, adjustment.id), {}).update(adjustment.changes())
    return folded


def all_actions(results: Results) -> list[PlannedAction]:
    """Return every action instance of the plan: the slices' in delivery order, then Later's."""
    return [*(action for piece in results.roadmap for action in piece.actions), *results.plan.later]


def note_of(adjustment: Adjustment, *, stale: bool = False) -> AdjustmentNote:
    """Describe one adjustment for the outputs."""
    return AdjustmentNote(
        id=adjustment.id,
        on=adjustment.on,
        summary=summary(adjustment.changes()),
        reason=adjustment.reason,
        by=adjustment.by,
        at=adjustment.at,
        stale=stale,
    )


def summary(changes: dict[str, object]) -> str:
    """Say in words what an adjustment sets, e.g. `likelihood 2, named owner Dana`."""
    parts = []
    for name, value in changes.items():
        word = FIELD_WORDS.get(name, name)
        if isinstance(value, bool):
            parts.append(word if value else f"not {word}")
        elif value == "":
            parts.append(f"{word} cleared")
        else:
            parts.append(f"{word} {value}")
    return ", ".join(parts) or "no change"


def _adjust_risk(
    risk: RiskResult,
    fields: dict[str, object],
    notes: list[AdjustmentNote],
    scoring: ScoringBundle,
    judgement: Judgement,
) -> None:
    """Apply the folded fields to one risk, keeping the engine's rating beside the new one."""
    risk.adjustments = notes
    likelihood = fields.get("likelihood", risk.likelihood)
    impact = fields.get("impact", risk.impact)
    assert isinstance(likelihood, int) and isinstance(impact, int)
    if (likelihood, impact) != (risk.likelihood, risk.impact):
        risk.engine = {
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "score": risk.score,
            "rating": risk.rating,
        }
        band = scoring.band_for(likelihood * impact)
        risk.likelihood, risk.impact, risk.score = likelihood, impact, likelihood * impact
        risk.rating, risk.colour = band.name, band.colour
    risk.response = str(fields.get("response", risk.response))
    risk.strategy = str(fields.get("strategy", risk.strategy))
    risk.named_owner = str(fields.get("owner", risk.named_owner))
    risk.due = str(fields.get("due", risk.due))
    if fields.get("dismissed") is True:
        judgement.dismissed.append(risk)


def _adjust_action(
    results: Results,
    action: PlannedAction,
    fields: dict[str, object],
    notes: list[AdjustmentNote],
    judgement: Judgement,
) -> bool:
    """Apply the folded fields to one action instance: status, owner, date, a move or a drop; return whether
    it left its slice."""
    action.adjustments = notes
    action.status = str(fields.get("status", action.status))
    action.named_owner = str(fields.get("owner", action.named_owner))
    action.due = str(fields.get("due", action.due))
    why = notes[-1].reason if notes else ""
    target = fields.get("slice")
    dropped = fields.get("dropped") is True
    if not dropped and not (isinstance(target, str) and target != _where(results, action)):
        return False
    engine_slice = _where(results, action)
    _remove(results, action)
    action.engine = {"slice": engine_slice}
    if dropped:
        judgement.dropped.append(action)
        return True
    assert isinstance(target, str)
    action.reasons.append(
        Reason(text=f"Moved from {engine_slice} to {target} by {notes[-1].by or 'the consultant'}: {why}")
    )
    _place(results, action, target, judgement)
    return True


def _where(results: Results, action: PlannedAction) -> str:
    """Return the slice id an action sits in, or `later`."""
    for piece in results.roadmap:
        if any(a is action for a in piece.actions):
            return piece.id
    return LATER


def _remove(results: Results, action: PlannedAction) -> None:
    """Take an action out of its slice or Later."""
    for piece in results.roadmap:
        piece.actions = [a for a in piece.actions if a is not action]
    results.plan.later = [a for a in results.plan.later if a is not action]


def _place(results: Results, action: PlannedAction, target: str, judgement: Judgement) -> None:
    """Put an action at the end of a slice, or in Later (an unknown slice sends it to Later with a warning)."""
    piece = next((p for p in results.roadmap if p.id == target), None)
    if piece is not None:
        action.slice = piece.id
        piece.actions.append(action)
        return
    if target != LATER:
        judgement.warnings.append(f"{action.id}: slice '{target}' no longer exists; it waits in Later.")
    action.slice = LATER
    reason = action.adjustments[-1].reason if action.adjustments else ""
    action.waits = action.waits or f"moved to Later by the consultant: {reason}".rstrip(": ")
    results.plan.later.append(action)


def _custom_risk(custom: CustomRisk, scoring: ScoringBundle) -> RiskResult:
    """Build the risk the consultant added."""
    score = custom.likelihood * custom.impact
    band = scoring.band_for(score)
    return RiskResult(
        id=custom.id,
        source="custom",
        title=custom.title,
        cause=custom.cause,
        effect=custom.effect,
        category=custom.category,
        likelihood=custom.likelihood,
        impact=custom.impact,
        score=score,
        rating=band.name,
        colour=band.colour,
        owner=custom.owner,
        trigger=custom.trigger,
        reasons=[Reason(text=f"Added by {custom.by or 'the consultant'}: {custom.reason}")],
    )


def _custom_action(custom: CustomAction, results: Results) -> PlannedAction:
    """Build the action the consultant added."""
    return PlannedAction(
        id=custom.id,
        action=custom.id,
        title=custom.title,
        area="",
        slice=custom.slice,
        planned_slice=custom.slice,
        effort=custom.effort,
        effort_days=results.plan.effort_days.get(custom.effort, 0.0),
        owner=custom.owner,
        kind="custom",
        depends_on=list(custom.depends_on),
        evidence=custom.evidence,
        description=custom.description,
        risks=list(custom.risks),
        reasons=[Reason(text=f"Added by {custom.by or 'the consultant'}: {custom.reason}")],
        waits=f"added to Later by the consultant: {custom.reason}" if custom.slice == LATER else "",
    )


def _check_dependencies(results: Results, judgement: Judgement) -> None:
    """Warn where an action now sits before an action it depends on, or depends on one no longer planned."""
    order = {piece.id: index for index, piece in enumerate(results.roadmap)}
    where = {a.id: order.get(a.slice, len(order)) for a in all_actions(results)}
    for action in all_actions(results):
        for dep in action.depends_on:
            if dep not in where:
                if action.kind == "custom":
                    judgement.warnings.append(f"{action.id}: it depends on {dep}, which is not on the plan.")
            elif where[dep] > where[action.id]:
                judgement.warnings.append(f"{action.id}: it now comes before {dep}, which it depends on.")


def _total_effort(results: Results, judgement: Judgement) -> None:
    """Recompute each slice's effort days after moves, drops and additions; warn where a slice is over its limit."""
    for piece in results.roadmap:
        piece.effort_days = round(sum(action.effort_days for action in piece.actions), 2)
        if piece.limit and len(piece.actions) > piece.limit:
            judgement.warnings.append(
                f"Slice '{piece.title}' now holds {len(piece.actions)} actions, more than its limit of {piece.limit}."
            )
