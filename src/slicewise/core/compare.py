"""Progress between two assessments of one client: area levels, risks and roadmap actions then and now."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from slicewise.core.models.base import Strict
from slicewise.core.models.tracking import LATER, ActionMark, AreaMark, RiskMark, Snapshot

FORMAT_TAG = "slicewise-comparison/1"


class Side(Strict):
    """One of the two assessments compared, named so a reader knows which is which."""

    name: str = ""
    """The file name (or a label) of the assessment."""
    client: str = ""
    """The client, as the assessment names it."""
    date: str = ""
    """The assessment date."""
    questionnaire: str = ""
    """The questionnaire id it was answered against."""
    version: str = ""
    """That questionnaire's version."""
    digest: str = ""
    """That questionnaire's content digest."""
    overall_score: float | None = None
    """The overall score."""
    overall_level: int | None = None
    """The overall level."""


class AreaChange(Strict):
    """One area's level then and now, the delta and any level crossed."""

    id: str
    """Area id."""
    title: str
    """Area title."""
    base_score: float | None = None
    """Score in the base assessment (None when unscored or absent)."""
    new_score: float | None = None
    """Score in the new assessment."""
    base_level: int | None = None
    """Whole level in the base assessment."""
    new_level: int | None = None
    """Whole level in the new assessment."""
    base_level_name: str = ""
    """Name of the base level."""
    new_level_name: str = ""
    """Name of the new level."""
    delta: float | None = None
    """New score minus base score, rounded to two places; None when either is missing."""
    crossing: Literal["up", "down", ""] = ""
    """Whether the whole level rose, fell or stayed."""
    target: int | None = None
    """The target level in the new assessment."""
    target_crossing: Literal["reached", "lost", ""] = ""
    """Whether the area reached its target since the base, or fell back below it."""


class RiskChange(Strict):
    """One risk that closed, appeared or was re-rated between the two assessments."""

    id: str
    """Risk id (rule id or `<analyser>:<subject>`)."""
    title: str
    """Its title (from the newer side where it exists)."""
    base_score: int | None = None
    """Likelihood × impact in the base assessment."""
    new_score: int | None = None
    """Likelihood × impact in the new assessment."""
    base_rating: str = ""
    """Rating band in the base assessment."""
    new_rating: str = ""
    """Rating band in the new assessment."""
    owner: str = ""
    """Owner role."""


class ActionChange(Strict):
    """One roadmap action that is no longer needed or newly needed."""

    id: str
    """Action id."""
    title: str
    """Title."""
    area: str
    """Area id."""
    slice: str
    """The slice it sits (or sat) in."""


class StatusChange(Strict):
    """A risk's response status or an action's delivery status, then and now."""

    id: str
    """Risk or action instance id."""
    title: str
    """Its title."""
    before: str
    """Status at the base."""
    after: str
    """Status now."""


class Comparison(Strict):
    """Everything that moved between a base and a newer assessment of the same client."""

    format: str = FORMAT_TAG
    """Format tag of the comparison file."""
    base: Side
    """The earlier assessment."""
    new: Side
    """The later assessment."""
    method_changed: bool = False
    """The questionnaire id, version or content differs: a change of method, not necessarily progress."""
    warnings: list[str] = Field(default_factory=list)
    """Readable warnings, starting with the method change when there is one."""
    overall_delta: float | None = None
    """Overall score delta."""
    areas: list[AreaChange] = Field(default_factory=list)
    """Per area, in the newer questionnaire's order, then areas only the base had."""
    risks_closed: list[RiskChange] = Field(default_factory=list)
    """Risks raised in the base but not any more."""
    risks_new: list[RiskChange] = Field(default_factory=list)
    """Risks raised now that were not raised in the base."""
    risks_rerated: list[RiskChange] = Field(default_factory=list)
    """Risks raised in both whose score or rating changed."""
    actions_no_longer_needed: list[ActionChange] = Field(default_factory=list)
    """Roadmap actions selected in the base but not now."""
    actions_newly_needed: list[ActionChange] = Field(default_factory=list)
    """Roadmap actions selected now but not in the base."""
    risk_responses: list[StatusChange] = Field(default_factory=list)
    """Risks in both whose response status changed (open → mitigating …)."""
    action_statuses: list[StatusChange] = Field(default_factory=list)
    """Action instances in both whose delivery status changed (not-started → done …)."""


def compare_snapshots(base: Snapshot, new: Snapshot, *, base_name: str = "", new_name: str = "") -> Comparison:
    """Compare two snapshots: two files, two milestones of one file, or a milestone and a file as it stands."""
    base_side = _side(base, base_name)
    new_side = _side(new, new_name)
    warnings = _method_warnings(base_side, new_side)
    method_changed = bool(warnings)
    if base_side.client.strip() and new_side.client.strip() and base_side.client != new_side.client:
        warnings.append(
            f"The two assessments name different clients ('{base_side.client}' and '{new_side.client}'): "
            "check that the right files are compared."
        )
    base_risks = {risk.id: risk for risk in base.risks}
    new_risks = {risk.id: risk for risk in new.risks}
    base_actions = _planned(base)
    new_actions = _planned(new)
    every_base = {action.id: action for action in base.actions}
    return Comparison(
        base=base_side,
        new=new_side,
        method_changed=method_changed,
        warnings=warnings,
        overall_delta=_delta(base.overall_score, new.overall_score),
        areas=_area_changes(base, new),
        risks_closed=[_risk_change(base_risks[rid], None) for rid in base_risks if rid not in new_risks],
        risks_new=[_risk_change(None, new_risks[rid]) for rid in new_risks if rid not in base_risks],
        risks_rerated=[
            _risk_change(base_risks[rid], risk)
            for rid, risk in new_risks.items()
            if rid in base_risks and (base_risks[rid].score != risk.score or base_risks[rid].rating != risk.rating)
        ],
        actions_no_longer_needed=[
            _action_change(action) for aid, action in base_actions.items() if aid not in new_actions
        ],
        actions_newly_needed=[_action_change(action) for aid, action in new_actions.items() if aid not in base_actions],
        risk_responses=[
            StatusChange(id=rid, title=risk.title, before=base_risks[rid].response, after=risk.response)
            for rid, risk in new_risks.items()
            if rid in base_risks and base_risks[rid].response != risk.response
        ],
        action_statuses=[
            StatusChange(id=action.id, title=action.title, before=every_base[action.id].status, after=action.status)
            for action in new.actions
            if action.id in every_base and every_base[action.id].status != action.status
        ],
    )


def _side(snap: Snapshot, name: str) -> Side:
    """Describe one side of the comparison."""
    return Side(
        name=name,
        client=snap.client,
        date=snap.date,
        questionnaire=snap.questionnaire,
        version=snap.version,
        digest=snap.digest,
        overall_score=snap.overall_score,
        overall_level=snap.overall_level,
    )


def _method_warnings(base: Side, new: Side) -> list[str]:
    """Warn when the questionnaire differs, so a change of method is not read as progress."""
    if base.questionnaire != new.questionnaire:
        return [
            f"The questionnaire changed from '{base.questionnaire}' to '{new.questionnaire}': "
            "levels were measured differently, so differences are not progress by themselves."
        ]
    if base.version != new.version:
        return [
            f"The questionnaire '{new.questionnaire}' changed from version {base.version or '?'} to "
            f"{new.version or '?'}: some differences may come from the new questions, not from progress."
        ]
    if base.digest and new.digest and base.digest != new.digest:
        return [
            f"The content of questionnaire '{new.questionnaire}' {new.version} changed between the two "
            f"assessments (digest {base.digest} → {new.digest}): some differences may come from the "
            "edited questions, not from progress."
        ]
    return []


def _delta(before: float | None, after: float | None) -> float | None:
    """Return after − before rounded to two places, or None when either is missing."""
    if before is None or after is None:
        return None
    return round(after - before, 2)


def _area_changes(base: Snapshot, new: Snapshot) -> list[AreaChange]:
    """Pair areas by id: the newer order first, then areas only the base had."""
    base_areas = {area.id: area for area in base.areas}
    new_ids = {area.id for area in new.areas}
    changes = [_area_change(base_areas.get(area.id), area) for area in new.areas]
    changes.extend(_area_change(area, None) for area in base.areas if area.id not in new_ids)
    return changes


def _area_change(before: AreaMark | None, after: AreaMark | None) -> AreaChange:
    """Compare one area's score, level and target between the two sides."""
    either = after or before
    assert either is not None
    base_level = before.level if before else None
    new_level = after.level if after else None
    crossing: Literal["up", "down", ""] = ""
    if base_level is not None and new_level is not None and base_level != new_level:
        crossing = "up" if new_level > base_level else "down"
    target = after.target if after else before.target if before else None
    target_crossing: Literal["reached", "lost", ""] = ""
    if target is not None and base_level is not None and new_level is not None:
        if base_level < target <= new_level:
            target_crossing = "reached"
        elif new_level < target <= base_level:
            target_crossing = "lost"
    return AreaChange(
        id=either.id,
        title=either.title,
        base_score=before.score if before else None,
        new_score=after.score if after else None,
        base_level=base_level,
        new_level=new_level,
        base_level_name=before.level_name if before else "",
        new_level_name=after.level_name if after else "",
        delta=_delta(before.score if before else None, after.score if after else None),
        crossing=crossing,
        target=target,
        target_crossing=target_crossing,
    )


def _risk_change(before: RiskMark | None, after: RiskMark | None) -> RiskChange:
    """Describe a risk on both sides (either may be absent)."""
    either = after or before
    assert either is not None
    return RiskChange(
        id=either.id,
        title=either.title,
        base_score=before.score if before else None,
        new_score=after.score if after else None,
        base_rating=before.rating if before else "",
        new_rating=after.rating if after else "",
        owner=either.owner,
    )


def _planned(snap: Snapshot) -> dict[str, ActionMark]:
    """Return the actions in the slices (not Later) by id, in delivery order."""
    return {action.id: action for action in snap.actions if action.slice != LATER}


def _action_change(action: ActionMark) -> ActionChange:
    """Describe one action that appeared or disappeared."""
    return ActionChange(id=action.id, title=action.title, area=action.area, slice=action.slice)


def dumps_comparison(comparison: Comparison) -> str:
    """Render a comparison as TOML: format tag first, missing values left out, same input same text."""
    from slicewise.core.tomlwrite import dumps_toml

    data = comparison.model_dump(mode="json", exclude_none=True)
    data = {"format": data.pop("format"), **data}
    return dumps_toml(data)
