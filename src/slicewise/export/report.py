"""The TOML report (`slicewise-report/1`): everything an assessment produced, as plain deterministic data.

`build_report` is pure: the same bundle, assessment and results always give an equal dict, and
`render_report_toml` turns it into the same bytes. TOML has no null, so absent values are left out.
"""

from __future__ import annotations

from typing import Any

from slicewise import __version__
from slicewise.core.models.assessment import Answer, Assessment, RespondentAnswer
from slicewise.core.models.results import (
    AreaResult,
    Finding,
    PlannedAction,
    QuestionResult,
    Reason,
    Results,
    RiskResult,
)
from slicewise.core.tomlwrite import dumps_toml
from slicewise.export.labels import BundleLike, Labels

REPORT_FORMAT = "slicewise-report/1"
"""The format tag written as the report's first key."""

Table = dict[str, Any]


def build_report(bundle: BundleLike, assessment: Assessment, results: Results) -> Table:
    """Return the whole report as a dict of TOML-ready values, in the order they are written."""
    labels = Labels(bundle, assessment)
    findings_by_domain = split_findings(assessment, results)
    report: Table = {
        "format": REPORT_FORMAT,
        "generator": f"slicewise {__version__}",
        "questionnaire": _clean(
            {
                "id": results.questionnaire_id,
                "title": bundle.questionnaire.title,
                "version": results.questionnaire_version,
                "digest": bundle.questionnaire.digest,
                "answered_version": assessment.questionnaire.version,
            }
        ),
        "engagement": _clean(assessment.engagement.model_dump()),
        "systems": {role: assessment.systems[role] for role in sorted(assessment.systems)},
        "targets": {area.id: area.target for area in results.areas if area.scored},
        "context": [_context(q, assessment, labels) for q in results.questions if _is_context(q, labels)],
        "overall": _clean(
            {
                "score": _num(results.overall.score),
                "level": results.overall.level,
                "level_name": results.overall.level_name,
                "asked": results.overall.counts.asked,
                "answered": results.overall.answered,
                "unknown": results.overall.counts.unknown,
                "na": results.overall.counts.na,
                "applicable": results.overall.applicable,
                "scored": results.overall.counts.scored,
                "coverage": _num(results.overall.coverage),
                "provisional": results.overall.provisional,
                "provisional_areas": list(results.overall.provisional_areas),
                "weakest_area": results.overall.weakest_area,
                "reasons": _reasons(results.overall.reasons),
            }
        ),
        "areas": [_area(area) for area in results.areas],
        "risks": [_risk(risk) for risk in results.risks],
        "roadmap": [
            _clean(
                {
                    "id": piece.id,
                    "title": piece.title,
                    "goal": piece.goal,
                    "limit": piece.limit or None,
                    "effort_days": _num(piece.effort_days),
                    "actions": [_action(action, labels) for action in piece.actions],
                }
            )
            for piece in results.roadmap
        ],
        "plan": _plan(results, labels),
        "follow_ups": [_clean(item.model_dump()) for item in results.follow_ups],
        "ownership": _ownership(assessment, labels, findings_by_domain["ownership"]),
        "flows": _flows(assessment, labels, findings_by_domain["flows"]),
        "findings": [_clean(finding.model_dump()) for finding in results.findings],
        "answers": [_answer(q, assessment.answers.get(q.id), labels) for q in report_questions(results, assessment)],
        "orphan_answers": [
            _raw_answer({"id": qid}, assessment.answers[qid])
            for qid in results.orphan_answers
            if qid in assessment.answers
        ],
        "warnings": list(results.warnings),
        "adjustments": [_clean(note.model_dump()) for note in results.judgement.adjustments],
        "dismissed_risks": [_risk(risk) for risk in results.judgement.dismissed],
        "dropped_actions": [_action(action, labels) for action in results.judgement.dropped],
        "milestones": [{"name": m.name, "at": m.at, "by": m.by} for m in assessment.milestones],
    }
    if assessment.merge is not None:
        report["merge"] = {
            "respondents": list(assessment.merge.respondents),
            "sources": list(assessment.merge.sources),
            "disagreements": [_clean(d.model_dump()) for d in assessment.merge.disagreements],
        }
    return {key: value for key, value in report.items() if value not in ({}, [])}


def render_report_toml(bundle: BundleLike, assessment: Assessment, results: Results) -> str:
    """Return the report as TOML text; the same input always gives the same text."""
    return dumps_report(build_report(bundle, assessment, results))


def dumps_report(report: Table) -> str:
    """Serialise a report dict built by `build_report`."""
    return dumps_toml(report)


def report_questions(results: Results, assessment: Assessment) -> list[QuestionResult]:
    """Return the questions the answer lists show: every one that applies, plus hidden ones that hold an answer."""
    return [q for q in results.questions if q.status != "hidden" or q.id in assessment.answers]


def _is_context(question: QuestionResult, labels: Labels) -> bool:
    """Tell whether a question describes the client rather than rates it, and was answered."""
    area = labels.questionnaire.area(question.area)
    unscored_area = area is not None and not area.scored
    return question.status == "answered" and (question.kind == "text" or unscored_area)


def _context(question: QuestionResult, assessment: Assessment, labels: Labels) -> Table:
    """One context answer: the question and what the client said."""
    answer = assessment.answers.get(question.id)
    return _clean(
        {
            "id": question.id,
            "prompt": labels.prompt(question.id),
            "answer": question.answer,
            "note": answer.note if answer else "",
        }
    )


def _area(area: AreaResult) -> Table:
    """One area's score, level, target, gap and coverage counts."""
    return _clean(
        {
            "id": area.id,
            "title": area.title,
            "scored": area.scored,
            "weight": _num(area.weight),
            "score": _num(area.score),
            "uncapped_score": _num(area.uncapped_score) if area.cap is not None else None,
            "level": area.level,
            "level_name": area.level_name,
            "target": area.target,
            "gap": _num(area.gap),
            "cap": _num(area.cap),
            "capped_by": list(area.capped_by),
            "coverage": _num(area.coverage),
            "provisional": area.provisional,
            "asked": area.counts.asked,
            "applicable": area.applicable,
            "answered": area.answered,
            "unknown": area.unknown,
            "na": area.na,
            "unanswered": area.unanswered,
            "scored_questions": area.counts.scored,
            "hidden": area.hidden,
            "reasons": _reasons(area.reasons),
        }
    )


def _risk(risk: RiskResult) -> Table:
    """One entry of the risk register."""
    data = risk.model_dump(exclude={"reasons"})
    data["reasons"] = _reasons(risk.reasons)
    return _clean(data)


def _action(action: PlannedAction, labels: Labels) -> Table:
    """One roadmap action with why it is there."""
    data = action.model_dump(exclude={"reasons"})
    data["area_title"] = labels.area(action.area)
    for key in ("effort_days", "value", "value_per_day"):
        data[key] = _num(data[key])
    data["critical"] = action.critical or None
    data["reasons"] = _reasons(action.reasons)
    return _clean(data)


def _plan(results: Results, labels: Labels) -> Table:
    """Everything the plan holds beside its slices: find out first, Later, projected levels, the thin slice's flow."""
    plan = results.plan
    return _clean(
        {
            "slice_limit": plan.slice_limit,
            "effort_days": {size: _num(days) for size, days in plan.effort_days.items()},
            "flow": _clean({**plan.flow.model_dump(exclude={"reasons"}), "reasons": _reasons(plan.flow.reasons)})
            if plan.flow is not None
            else None,
            "find_out": [
                {"role": group.role, "questions": [_clean(q.model_dump()) for q in group.questions]}
                for group in plan.find_out
            ],
            "later": [_action(action, labels) for action in plan.later],
            "projections": [
                _clean(
                    {
                        "area": item.area,
                        "title": item.title,
                        "score": _num(item.score),
                        "level": item.level,
                        "steps": [
                            _clean({"slice": s.slice, "score": _num(s.score), "level": s.level}) for s in item.steps
                        ],
                        "with_later": _clean({"score": _num(item.with_later.score), "level": item.with_later.level})
                        if item.with_later is not None
                        else None,
                        "target": item.target,
                    }
                )
                for item in plan.projections
            ],
            "critical": [_clean(item.model_dump()) for item in plan.critical],
            "not_selected": dict(sorted(plan.not_selected.items())),
        }
    )


def _answer(question: QuestionResult, answer: Answer | None, labels: Labels) -> Table:
    """One question with its status, level, answer in words and the raw answer fields."""
    base: Table = {
        "id": question.id,
        "area": question.area,
        "prompt": labels.prompt(question.id),
        "kind": question.kind,
        "status": question.status,
        "scored": question.scored,
        "level": question.level,
        "level_name": labels.level_name(question.level),
        "answer": question.answer,
    }
    if answer is None:
        return _clean(base)
    return _raw_answer(base, answer)


def _raw_answer(base: Table, answer: Answer) -> Table:
    """Add the stored answer fields (choice, items, text, note, confidence, N/A, respondents) to a row."""
    base.update(
        {
            "choice": answer.choice,
            "choices": answer.choices,
            "text": answer.text,
            "unknown": answer.unknown or None,
            "confidence": answer.confidence,
            "note": answer.note,
            "na": answer.na,
            "na_note": answer.na_note,
            "respondents": [_respondent(item) for item in answer.respondents],
        }
    )
    cleaned = _clean(base)
    if answer.choices == []:
        cleaned["choices"] = []
    return cleaned


def _respondent(item: RespondentAnswer) -> Table:
    """One respondent's own answer in a merged assessment."""
    data = _clean(item.model_dump())
    if item.choices == []:
        data["choices"] = []
    return data


def split_findings(assessment: Assessment, results: Results) -> dict[str, list[Finding]]:
    """Sort analyser findings into ownership and flow findings, by the analyser that raised them or (for the
    respondents' disagreements) their subject.

    The report and the workbook's Ownership and Flows sheets both use this, so they list the same findings.
    """
    flow_ids = {flow.id for flow in assessment.flows}
    split: dict[str, list[Finding]] = {"ownership": [], "flows": [], "other": []}
    for finding in results.findings:
        if finding.domain != "merge":
            split[finding.domain].append(finding)
        elif finding.subject in flow_ids:
            split["flows"].append(finding)
        elif finding.subject in assessment.ownership:
            split["ownership"].append(finding)
        else:
            split["other"].append(finding)
    return split


def ownership_objects(assessment: Assessment, labels: Labels, findings: list[Finding]) -> list[str]:
    """Return the objects to show: those with an ownership entry or a finding, in catalogue order."""
    wanted = set(assessment.ownership) | {finding.subject for finding in findings}
    ordered = [obj for obj in labels.object_order() if obj in wanted]
    return ordered + sorted(wanted - set(ordered))


def _ownership(assessment: Assessment, labels: Labels, findings: list[Finding]) -> list[Table]:
    """The ownership matrix, one entry per object, with its findings."""
    rows = []
    for obj in ownership_objects(assessment, labels, findings):
        entry = assessment.ownership.get(obj)
        rows.append(
            _clean(
                {
                    "object": obj,
                    "label": labels.object(obj),
                    "critical": labels.is_critical_object(obj) or None,
                    "create": list(entry.create) if entry else [],
                    "update": list(entry.update) if entry else [],
                    "consume": list(entry.consume) if entry else [],
                    "correction_owner": entry.correction_owner if entry else "",
                    "scopes": [_clean(scope.model_dump()) for scope in entry.scopes] if entry else [],
                    "note": entry.note if entry else "",
                    "findings": [_finding(f) for f in findings if f.subject == obj],
                }
            )
        )
    return rows


def _flows(assessment: Assessment, labels: Labels, findings: list[Finding]) -> list[Table]:
    """The flow inventory, one entry per flow, with its findings."""
    rows = []
    by_flow: dict[str, list[Finding]] = {}
    for finding in findings:  # grouped once: looking them up per flow was quadratic in flows
        by_flow.setdefault(finding.subject, []).append(finding)
    for flow in assessment.flows:
        data = flow.model_dump()
        data["findings"] = [_finding(f) for f in by_flow.get(flow.id, [])]
        rows.append(_clean(data))
    return rows


def _finding(finding: Finding) -> Table:
    """One finding, without its subject (the entry it sits under)."""
    return {"kind": finding.kind, "message": finding.message, "risk": finding.risk}


def _reasons(reasons: list[Reason]) -> list[Table]:
    """Reasons as small tables (text and refs)."""
    return [_clean({"text": reason.text, "refs": list(reason.refs)}) for reason in reasons]


def _num(value: float | None) -> float | None:
    """Round a computed number so float noise never changes the bytes."""
    return None if value is None else round(float(value), 3)


def _clean(data: Table) -> Table:
    """Drop None, empty strings and empty lists, which TOML cannot or need not carry."""
    return {key: value for key, value in data.items() if value is not None and value not in ("", [], {})}
