"""Recording the consultant's judgement and the client's tracking: adjustments, custom items and milestones.

Every face (command line, TUI, workbook sync) records through these functions, which check the id and the
values against the current results and return a new assessment; saving stays with the caller (core/store).
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from slicewise.core.adjust import all_actions
from slicewise.core.errors import SlicewiseError
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import Results
from slicewise.core.models.tracking import (
    LATER,
    ActionMark,
    Adjustment,
    AreaMark,
    CustomAction,
    CustomRisk,
    Milestone,
    RiskMark,
    Snapshot,
)
from slicewise.core.slug import slugify

Custom = TypeVar("Custom", CustomRisk, CustomAction)

TITLE = "Cannot adjust"
RISK_FIELDS = ("response", "strategy", "likelihood", "impact", "dismissed")
ACTION_FIELDS = ("status", "slice", "dropped")


def now() -> str:
    """Return the current UTC time as an ISO text to the second (when adjustments and milestones were made)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def kind_of(results: Results, item_id: str) -> str | None:
    """Tell whether an id is a risk's or an action instance's in these results (dismissed and dropped included)."""
    if any(r.id == item_id for r in [*results.risks, *results.judgement.dismissed]):
        return "risk"
    if any(a.id == item_id for a in [*all_actions(results), *results.judgement.dropped]):
        return "action"
    return None


def slice_ids(results: Results) -> list[str]:
    """Return the slice ids an action may be moved to, with `later`."""
    return [*(piece.id for piece in results.roadmap), LATER]


def adjust(
    assessment: Assessment, results: Results, item_id: str, changes: dict[str, object], reason: str, by: str = ""
) -> Assessment:
    """Record one adjustment of a risk or action instance and return the new assessment.

    Refuses (SlicewiseError, exit 2) an id these results do not have, a field that does not fit the item,
    a slice that does not exist, an empty reason, or no change at all.
    """
    on = kind_of(results, item_id)
    if on is None:
        raise SlicewiseError.single(
            TITLE,
            item_id,
            "no risk or action instance has this id; `slicewise score FILE --json` lists the ids",
        )
    changes = {name: value for name, value in changes.items() if value is not None}
    wrong = [name for name in changes if name in (ACTION_FIELDS if on == "risk" else RISK_FIELDS)]
    if wrong:
        article = "an action" if on == "action" else "a risk"
        raise SlicewiseError.single(TITLE, item_id, f"{article} has no {', '.join(wrong)} to set")
    target = changes.get("slice")
    if target is not None and target not in slice_ids(results):
        raise SlicewiseError.single(TITLE, item_id, f"no slice '{target}'; choose from {', '.join(slice_ids(results))}")
    if not reason.strip():
        raise SlicewiseError.single(TITLE, item_id, "give a short reason (--reason): the plan says why it differs")
    set_fields = changes
    if not set_fields:
        raise SlicewiseError.single(TITLE, item_id, "nothing to change: give at least one field to set")
    try:
        entry = Adjustment.model_validate(
            {"id": item_id, "on": on, "reason": reason.strip(), "by": by.strip(), "at": now(), **set_fields}
        )
    except ValueError as error:
        raise SlicewiseError.single(TITLE, item_id, _first_error(error)) from None
    return assessment.model_copy(update={"adjustments": [*assessment.adjustments, entry]})


def add_custom_risk(assessment: Assessment, results: Results, **fields: object) -> Assessment:
    """Add the consultant's own risk (title and reason required); its id is `custom-` and a slug of the title."""
    fields = _required(results, assessment, fields)
    risk = _validated(CustomRisk, fields)
    return assessment.model_copy(update={"custom_risks": [*assessment.custom_risks, risk]})


def add_custom_action(assessment: Assessment, results: Results, **fields: object) -> Assessment:
    """Add the consultant's own action with its slice and dependencies (each must exist in the plan)."""
    fields = _required(results, assessment, fields)
    item = str(fields["id"])
    known = {a.id for a in all_actions(results)}
    missing = [dep for dep in _ids(fields.get("depends_on")) if dep not in known]
    if missing:
        raise SlicewiseError.single(
            TITLE, item, f"no action on the plan has the id {', '.join(missing)} (dependencies are action ids)"
        )
    unknown_risks = [risk for risk in _ids(fields.get("risks")) if all(r.id != risk for r in results.risks)]
    if unknown_risks:
        raise SlicewiseError.single(TITLE, item, f"no risk in the register has the id {', '.join(unknown_risks)}")
    if fields.get("slice") not in slice_ids(results):
        raise SlicewiseError.single(
            TITLE, item, f"no slice '{fields.get('slice')}'; choose from {', '.join(slice_ids(results))}"
        )
    effort = fields.get("effort", "M")
    if results.plan.effort_days and effort not in results.plan.effort_days:
        raise SlicewiseError.single(
            TITLE, item, f"no effort size '{effort}'; choose from {', '.join(results.plan.effort_days)}"
        )
    action = _validated(CustomAction, fields)
    return assessment.model_copy(update={"custom_actions": [*assessment.custom_actions, action]})


def _required(results: Results, assessment: Assessment, fields: dict[str, object]) -> dict[str, object]:
    """Trim the typed texts, refuse a missing title or reason plainly, and give the item its id and time."""
    fields = {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}
    title = str(fields.get("title") or "")
    item = str(fields.get("id") or "") or _new_id(results, assessment, title)
    if not title:
        raise SlicewiseError.single(TITLE, item or "custom item", "give it a title")
    if not str(fields.get("reason") or ""):
        raise SlicewiseError.single(TITLE, item, "give a short reason: why it is added to what the engine found")
    return {**fields, "id": item, "at": fields.get("at") or now()}


def _ids(value: object) -> list[str]:
    """Return the ids of a list field (dependencies, risks) as texts."""
    return [str(part) for part in value] if isinstance(value, list | tuple) else []


def _validated(model: type[Custom], fields: dict[str, object]) -> Custom:
    """Build a custom risk or action from its fields, refusing bad ones with one located message."""
    try:
        return model.model_validate(fields)
    except ValueError as error:
        raise SlicewiseError.single(TITLE, str(fields["id"]), _first_error(error)) from None


def _new_id(results: Results, assessment: Assessment, title: str) -> str:
    """Return a fresh `custom-` id from a title, numbered when taken."""
    base = "custom-" + slugify(title, "item")[:40].strip("-")
    taken = {r.id for r in assessment.custom_risks} | {a.id for a in assessment.custom_actions}
    taken |= {r.id for r in results.risks} | {a.id for a in all_actions(results)}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _first_error(error: ValueError) -> str:
    """Return the first validation message in plain words."""
    errors = getattr(error, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        return f"{where}: {first.get('msg', '')}" if where else str(first.get("msg", ""))
    return str(error)


def snapshot(assessment: Assessment, results: Results) -> Snapshot:
    """Capture levels, risks, plan and statuses as they stand (what milestones keep and `compare` reads)."""
    ref = assessment.questionnaire
    return Snapshot(
        client=assessment.engagement.client,
        date=assessment.engagement.date,
        questionnaire=ref.id or results.questionnaire_id,
        version=ref.version or results.questionnaire_version,
        digest=ref.digest,
        overall_score=results.overall.score,
        overall_level=results.overall.level,
        areas=[
            AreaMark(
                id=area.id,
                title=area.title,
                score=area.score,
                level=area.level,
                level_name=area.level_name,
                target=area.target,
            )
            for area in results.areas
            if area.scored
        ],
        risks=[
            RiskMark(
                id=risk.id,
                title=risk.title,
                score=risk.score,
                rating=risk.rating,
                owner=risk.owner,
                response=risk.response,
            )
            for risk in results.risks
        ],
        actions=[
            ActionMark(id=a.id, title=a.title, area=a.area, slice=a.slice, status=a.status)
            for a in all_actions(results)
        ],
    )


def record_milestone(assessment: Assessment, results: Results, name: str, by: str = "") -> Assessment:
    """Record a named milestone (a snapshot of now) inside the assessment; a name already used is refused."""
    name = name.strip()
    if not name:
        raise SlicewiseError.single("Cannot record the milestone", "", "give the milestone a name")
    if any(m.name == name for m in assessment.milestones):
        raise SlicewiseError.single(
            "Cannot record the milestone", name, "a milestone of this name is already recorded; choose another name"
        )
    milestone = Milestone(name=name, at=now(), by=by.strip(), snapshot=snapshot(assessment, results))
    return assessment.model_copy(update={"milestones": [*assessment.milestones, milestone]})
