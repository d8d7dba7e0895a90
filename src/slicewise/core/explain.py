"""Explain results in words: the whole story, or one area, question, risk, action or slice by id."""

from __future__ import annotations

import difflib

from slicewise.core import counts as tally
from slicewise.core.engine import BundleLike
from slicewise.core.errors import Problem, SlicewiseError
from slicewise.core.models.results import (
    AdjustmentNote,
    AreaResult,
    PlannedAction,
    QuestionResult,
    Reason,
    Results,
    RiskResult,
    SliceResult,
)
from slicewise.core.scoring import rank_weakest
from slicewise.core.words import plural

INDENT = "  "


def explain_lines(bundle: BundleLike, results: Results, item_id: str | None = None) -> list[str]:
    """Return the explanation as lines: everything without an id, else just that item (unknown id → error)."""
    story = _Story(bundle, results)
    if item_id is None:
        return story.everything()
    return story.item(item_id)


class _Story:
    """Writes the explanation from results, with the bundle supplying prompts and titles."""

    def __init__(self, bundle: BundleLike, results: Results) -> None:
        """Index the results by id so each item is found at once."""
        self.bundle = bundle
        self.results = results
        self.areas = {a.id: a for a in results.areas}
        self.questions = {q.id: q for q in results.questions}
        self.risks = {r.id: r for r in results.risks}
        self.slices = {s.id: s for s in results.roadmap}
        self.planned: dict[str, tuple[int, SliceResult, PlannedAction]] = {}
        for index, slice_ in enumerate(results.roadmap, start=1):
            for action in slice_.actions:
                self.planned[action.id] = (index, slice_, action)
        self.later = {a.id: a for a in results.plan.later}
        self.instances: dict[str, list[str]] = {}
        for action in [*(a for s in results.roadmap for a in s.actions), *results.plan.later]:
            self.instances.setdefault(action.action or action.id, []).append(action.id)

    # -- dispatch -----------------------------------------------------------------------------------

    def item(self, item_id: str) -> list[str]:
        """Explain one item by id."""
        if item_id == "overall":
            return self.overall()
        if item_id in self.areas:
            return self.area(self.areas[item_id])
        if item_id in self.questions:
            return self.question(self.questions[item_id])
        if item_id in self.risks:
            return self.risk(self.risks[item_id])
        if item_id in self.planned or item_id in self.later:
            return self.action(item_id)
        if item_id in self.slices:
            return self.slice(self.slices[item_id])
        judged = self.judged(item_id)
        if judged:
            return judged
        if item_id in self.instances:
            lines = []
            for instance_id in self.instances[item_id]:
                lines.extend(self.action(instance_id))
            return lines
        if self.bundle.scoring.action(item_id) is not None:
            action = self.bundle.scoring.action(item_id)
            assert action is not None
            why = self.results.plan.not_selected.get(item_id)
            because = (
                f"a risk lists it, but {why}"
                if why
                else "no fired risk calls for it and none of its questions is answered below the level it needs"
            )
            return [f"Action {item_id}: {action.title}", f"{INDENT}Not on the plan: {because}."]
        rule = next((r for r in self.bundle.scoring.risks if r.id == item_id), None)
        if rule is not None:
            return [f"Risk {item_id}: {rule.title}", f"{INDENT}Not raised: its condition does not hold."]
        raise self._unknown(item_id)

    def _unknown(self, item_id: str) -> SlicewiseError:
        """Build the error for an id nothing has, naming close matches."""
        known = [
            "overall",
            *self.areas,
            *self.questions,
            *self.risks,
            *self.slices,
            *self.planned,
            *self.later,
            *(a.id for a in self.bundle.scoring.actions),
            *(r.id for r in self.bundle.scoring.risks),
        ]
        close = difflib.get_close_matches(item_id, list(dict.fromkeys(known)), n=5, cutoff=0.5)
        hint = f" Did you mean: {', '.join(close)}?" if close else " Ids are area, question, risk, action or slice ids."
        return SlicewiseError(
            f"Nothing to explain for '{item_id}'",
            [Problem("", None, f"'{item_id}' is not an area, question, risk, action or slice.{hint}")],
        )

    def judged(self, item_id: str) -> list[str]:
        """Explain a dismissed risk, a dropped action or a stale adjustment by id (empty when none)."""
        judgement = self.results.judgement
        dismissed = next((r for r in judgement.dismissed if r.id == item_id), None)
        if dismissed is not None:
            return [*self.risk(dismissed), f"{INDENT}Dismissed as not applicable: left out of the register."]
        dropped = next((a for a in judgement.dropped if a.id == item_id), None)
        if dropped is not None:
            lines = self._later_lines(dropped, "")
            lines[0] = lines[0].replace("(Later;", "(dropped from the plan;")
            return lines
        stale = [n for n in judgement.stale if n.id == item_id]
        if stale:
            return [
                f"{item_id}: no longer arises from the answers; its adjustments are kept as stale:",
                *(f"{INDENT}{_note(n)}" for n in stale),
            ]
        return []

    def adjustments(self) -> list[str]:
        """Every adjustment, with the risks dismissed, actions dropped and stale adjustments called out."""
        judgement = self.results.judgement
        if not judgement.adjustments and not judgement.dismissed and not judgement.dropped:
            return []
        lines = [f"Adjustments ({plural(len(judgement.adjustments), 'adjustment')}, oldest first)"]
        lines.extend(
            f"{INDENT}{n.on} {n.id}: {_note(n)}" + (" [STALE]" if n.stale else "") for n in judgement.adjustments
        )
        for risk in judgement.dismissed:
            lines.append(f"{INDENT}Dismissed risk {risk.id}: {risk.title} (engine: {risk.rating} {risk.score}).")
        for action in judgement.dropped:
            lines.append(f"{INDENT}Dropped action {action.id}: {action.title}.")
        if judgement.stale:
            lines.append(f"{INDENT}Stale: their risk or action no longer arises; kept in the file, not applied.")
        lines.extend(f"{INDENT}{warning}" for warning in judgement.warnings)
        return lines

    # -- the whole story ----------------------------------------------------------------------------

    def everything(self) -> list[str]:
        """The whole story: overall, areas, risks, roadmap, follow-ups and anything that needs care."""
        lines = [*self.overall(), ""]
        brief = self.brief()
        if brief:
            lines.extend(["In brief", *brief, ""])
        lines.append("Areas")
        for area in self.results.areas:
            lines.extend(self.area(area, INDENT))
        lines.append("")
        if self.results.risks:
            lines.append(f"Risks ({plural(len(self.results.risks), 'risk')}, highest first)")
            for risk in self.results.risks:
                lines.extend(self.risk(risk, INDENT))
        else:
            lines.append("Risks: none raised by these answers.")
        lines.append("")
        lines.extend(self.plan())
        lines.append("")
        if self.results.follow_ups:
            lines.append(f"Follow-ups ({tally.follow_up_phrase(self.results.follow_ups)} to find out)")
            for follow in self.results.follow_ups:
                note = f" Note: {follow.note}" if follow.note else ""
                lines.append(f"{INDENT}{follow.subject or follow.question}: {follow.prompt}{note}")
                if follow.risks:
                    ask = f"; ask the {', '.join(follow.ask)}" if follow.ask else ""
                    lines.append(f"{INDENT * 2}Settles {', '.join(follow.risks)}{ask}.")
        else:
            lines.append("Follow-ups: none; every asked question has an answer or a reason it does not apply.")
        judged = self.adjustments()
        if judged:
            lines.extend(["", *judged])
        if self.results.warnings:
            lines.append("")
            lines.append("Take care")
            lines.extend(f"{INDENT}{warning}" for warning in self.results.warnings)
        return lines

    def brief(self) -> list[str]:
        """The headline findings: the areas furthest from target, the top risks and where to start."""
        lines = []
        behind = [a for a in rank_weakest(self.results.areas) if a.gap]
        for area in behind[:3]:
            capped = f", held down by {', '.join(area.capped_by)}" if area.capped_by else ""
            provisional = " (provisional: too few answers to rely on)" if area.provisional else ""
            lines.append(
                f"{INDENT}{area.title} is {area.gap:.2f} below its target: {area.score:.2f} against "
                f"{area.target}{capped}{provisional}."
            )
        if self.results.risks:
            top = "; ".join(f"{r.title} ({r.rating}, {r.score})" for r in self.results.risks[:3])
            lines.append(f"{INDENT}Top risks: {top}.")
        plan = self.results.plan
        if plan.find_out:
            asked = sum(len(g.questions) for g in plan.find_out)
            roles = ", ".join(g.role for g in plan.find_out)
            lines.append(f"{INDENT}First find out: {plural(asked, 'question')} for {roles} hold up part of the plan.")
        first = next((s for s in self.results.roadmap if s.actions), None)
        if first is not None:
            titles = ", ".join(a.title for a in first.actions[:3])
            more = f" and {len(first.actions) - 3} more" if len(first.actions) > 3 else ""
            lines.append(f"{INDENT}Start with {first.title}: {titles}{more}.")
        if self.results.follow_ups:
            count = plural(len(self.results.follow_ups), "question")
            lines.append(f"{INDENT}{count} answered don't-know: find out before relying on these scores.")
        return lines

    # -- items --------------------------------------------------------------------------------------

    def overall(self) -> list[str]:
        """Explain the overall score."""
        overall = self.results.overall
        if overall.score is None:
            head = "Overall: no score yet."
        else:
            head = (
                f"Overall: {overall.score:.2f}, level {overall.level} ({overall.level_name}); "
                f"{tally.coverage_sentence(overall.counts, 'applicable scored question')}."
            )
        return [head, *_reasons(overall.reasons, INDENT)]

    def area(self, area: AreaResult, indent: str = "") -> list[str]:
        """Explain one area's score, cap, gap and coverage."""
        if not area.scored:
            head = f"{area.title} ({area.id}): context, not scored; {tally.answered_phrase(area.counts)}."
        elif area.score is None:
            head = f"{area.title} ({area.id}): no score yet; target {area.target}."
        else:
            cap = f", capped from {area.uncapped_score:.2f}" if area.cap is not None else ""
            verdict = f"gap {area.gap:.2f}" if area.gap else "target met"
            head = (
                f"{area.title} ({area.id}): {area.score:.2f}{cap}, level {area.level} ({area.level_name}); "
                f"target {area.target}, {verdict}; {tally.answered_phrase(area.counts)}"
                + ("; PROVISIONAL." if area.provisional else ".")
            )
        return [indent + head, *_reasons(area.reasons, indent + INDENT)]

    def question(self, result: QuestionResult) -> list[str]:
        """Explain one question's status and level, and what it feeds."""
        question = self.bundle.questionnaire.question(result.id)
        prompt = question.prompt if question is not None else ""
        lines = [f"Question {result.id}: {prompt}"]
        if result.status == "answered":
            level = f", level {result.level}" if result.level is not None else ""
            counted = f", weight {result.weight:g} in its area" if result.scored else ", context only (not scored)"
            lines.append(f"{INDENT}Answered '{result.answer}'{level}{counted}.")
        lines.extend(_reasons(result.reasons, INDENT))
        raised = [r for r in self.results.risks if result.id in r.refs]
        for risk in raised:
            lines.append(f"{INDENT}Raises risk {risk.id}: {risk.title} ({risk.rating}, score {risk.score}).")
        for index, slice_, action in self.planned.values():
            if result.id in action.gaps:
                lines.append(f"{INDENT}Selects action {action.id}: {action.title} (slice {index}, {slice_.title}).")
        for action in self.results.plan.later:
            if result.id in action.gaps or result.id in action.unknowns:
                lines.append(f"{INDENT}Touches {action.id}, waiting in Later: {action.waits}.")
        return lines

    def risk(self, risk: RiskResult, indent: str = "") -> list[str]:
        """Explain why a risk fired, what it means and what mitigates it."""
        inner = indent + INDENT
        lines = [
            f"{indent}[{risk.rating} {risk.score}] {risk.title} ({risk.id})",
            f"{inner}Likelihood {risk.likelihood} × impact {risk.impact} = {risk.score}; "
            f"category {risk.category}; owner {risk.owner}.",
            f"{inner}Cause: {risk.cause}",
            f"{inner}Effect: {risk.effect}",
            f"{inner}Why it fired:",
            *_reasons(risk.reasons, inner + INDENT),
            f"{inner}Early warning: {risk.trigger}",
        ]
        if risk.status == "unverified":
            lines[0] = f"{indent}[{risk.rating} {risk.score}, UNVERIFIED] {risk.title} ({risk.id})"
            lines.append(f"{inner}Unverified: find out {', '.join(risk.follow_ups)}; ask the {risk.ask}.")
        if risk.playbook:
            lines.append(f"{inner}Playbook: {risk.playbook}")
        lines.extend(_judgement(risk.engine, risk.adjustments, inner))
        tracked = [f"response {risk.response}"]
        tracked += [f"response strategy {risk.strategy}"] if risk.strategy else []
        tracked += [f"named owner {risk.named_owner}"] if risk.named_owner else []
        tracked += [f"due {risk.due}"] if risk.due else []
        if risk.adjustments or risk.response != "open" or risk.strategy:
            lines.append(f"{inner}Tracking: {', '.join(tracked)}.")
        answering = [(i, sl, a) for i, sl, a in self.planned.values() if risk.id in a.risks]
        for index, slice_, action in answering:
            lines.append(f"{inner}Mitigated by {action.id}: {action.title} (slice {index}, {slice_.title}).")
        for action in self.results.plan.later:
            if risk.id in action.risks:
                lines.append(f"{inner}Mitigated later by {action.id}: {action.title} (waits: {action.waits}).")
        shown = {a.action or a.id for _, _, a in answering} | {
            a.action for a in self.results.plan.later if risk.id in a.risks
        }
        for action_id in risk.actions:
            if action_id not in shown:
                why = self.results.plan.not_selected.get(action_id)
                lines.append(f"{inner}Listed: {action_id}" + (f", not selected: {why}." if why else "."))
        critical = next((c for c in self.results.plan.critical if c.risk == risk.id), None)
        if critical is not None:
            lines.append(f"{inner}In the plan: {critical.text}")
        if not risk.actions and not answering:
            lines.append(f"{inner}No roadmap action is listed against it: decide a response with its owner.")
        return lines

    def action(self, action_id: str, indent: str = "") -> list[str]:
        """Explain why an action instance is on the plan, why for its subject and why in its slice (or Later)."""
        if action_id in self.later:
            return self._later_lines(self.later[action_id], indent)
        index, slice_, action = self.planned[action_id]
        return self._action_lines(index, slice_, action, indent)

    def _action_lines(self, index: int, slice_: SliceResult, action: PlannedAction, indent: str) -> list[str]:
        """The lines for one planned action."""
        inner = indent + INDENT
        lines = [
            f"{indent}{action.id}: {action.title} (slice {index}, {slice_.title}; {action.kind}; effort "
            f"{action.effort}, {action.effort_days:g} days; owner {action.owner})",
            *_reasons(action.reasons, inner),
            *self._moves(action, inner),
            f"{inner}Done when: {action.evidence}",
            *_action_tracking(action, inner),
        ]
        if action.description:
            lines.append(f"{inner}Detail: {action.description}")
        return lines

    def _later_lines(self, action: PlannedAction, indent: str) -> list[str]:
        """The lines for one action waiting in Later."""
        inner = indent + INDENT
        return [
            f"{indent}{action.id}: {action.title} (Later; {action.kind}; effort {action.effort}; owner {action.owner})",
            *_reasons(action.reasons, inner),
            f"{inner}Done when: {action.evidence}",
            *_action_tracking(action, inner),
        ]

    def _moves(self, action: PlannedAction, indent: str) -> list[str]:
        """Say which questions the action moves and to which level."""
        if not action.moves:
            return []
        moved = ", ".join(f"{q} to {level}" for q, level in action.moves.items())
        return [f"{indent}When done: {moved} (what the projected levels assume)."]

    def plan(self) -> list[str]:
        """The plan: find out first, the thin slice's flow, the slices, Later, projected levels, Critical risks."""
        plan = self.results.plan
        lines = ["Plan"]
        if plan.find_out:
            lines.append(f"{INDENT}Find out first (don't-know answers the plan rests on), by the role to ask:")
            for group in plan.find_out:
                lines.append(f"{INDENT * 2}{group.role}:")
                for question in group.questions:
                    note = f" Note: {question.note}" if question.note else ""
                    lines.append(
                        f"{INDENT * 3}{question.question}: {question.prompt}{note} (affects "
                        + ", ".join(question.affects)
                        + ")"
                    )
        if plan.flow is not None:
            flow = plan.flow
            carries = f", carrying {', '.join(flow.objects)}" if flow.objects else ""
            lines.append(f"{INDENT}Thin slice through {flow.name} ({flow.source} → {flow.target}{carries}).")
            lines.extend(_reasons(flow.reasons, INDENT * 2))
        for slice_ in self.results.roadmap:
            lines.extend(self.slice(slice_, INDENT))
        if plan.later:
            lines.append(f"{INDENT}Later ({plural(len(plan.later), 'action')}, each with the reason it waits)")
            for action in plan.later:
                lines.append(f"{INDENT * 2}{action.id}: {action.title}. Waits: {action.waits}.")
        if plan.projections:
            lines.append(f"{INDENT}Projected levels (now → after each slice → target)")
            for projection in plan.projections:
                steps = " → ".join(_level(step.level) for step in projection.steps)
                later = projection.with_later
                beyond = f"; with Later too: {_level(later.level)}" if later is not None else ""
                lines.append(
                    f"{INDENT * 2}{projection.title}: {_level(projection.level)} → {steps}; target "
                    f"{projection.target}{beyond}"
                )
        for critical in plan.critical:
            lines.append(f"{INDENT}Critical risk {critical.risk}: {critical.text}")
        return lines

    def slice(self, slice_: SliceResult, indent: str = "") -> list[str]:
        """Explain one slice: its goal and its actions in order."""
        index = next(i for i, s in enumerate(self.results.roadmap, start=1) if s.id == slice_.id)
        size = (
            f" {len(slice_.actions)} of at most {slice_.limit} actions, {slice_.effort_days:g} effort days."
            if slice_.actions
            else ""
        )
        lines = [f"{indent}Slice {index}: {slice_.title} ({slice_.id}). Goal: {slice_.goal}{size}"]
        if not slice_.actions:
            lines.append(f"{indent}{INDENT}Nothing selected here by these answers.")
        for position, action in enumerate(slice_.actions, start=1):
            action_lines = self._action_lines(index, slice_, action, indent + INDENT)
            action_lines[0] = f"{indent}{INDENT}{position}. {action_lines[0].lstrip()}"
            lines.extend(action_lines)
        return lines


def _note(note: AdjustmentNote) -> str:
    """One adjustment in words: what, by whom, when and why."""
    who = f" by {note.by}" if note.by else ""
    when = f" on {note.at[:10]}" if note.at else ""
    return f"{note.summary}{who}{when}. Why: {note.reason}"


def _judgement(engine: dict[str, str | int], notes: list[AdjustmentNote], indent: str) -> list[str]:
    """What the engine said before the adjustments, and each adjustment applied."""
    lines = []
    if engine:
        lines.append(f"{indent}Engine said: " + ", ".join(f"{name} {value}" for name, value in engine.items()) + ".")
    lines.extend(f"{indent}Adjusted: {_note(note)}" for note in notes)
    return lines


def _action_tracking(action: PlannedAction, indent: str) -> list[str]:
    """An action's adjustments and tracked status, owner and date (nothing when untouched)."""
    lines = _judgement(action.engine, action.adjustments, indent)
    if action.adjustments or action.status != "not-started":
        tracked = [f"status {action.status}"]
        tracked += [f"named owner {action.named_owner}"] if action.named_owner else []
        tracked += [f"target {action.due}"] if action.due else []
        lines.append(f"{indent}Tracking: {', '.join(tracked)}.")
    return lines


def _reasons(reasons: list[Reason], indent: str) -> list[str]:
    """Render reasons as indented lines."""
    return [indent + reason.text for reason in reasons]


def _level(level: int | None) -> str:
    """A level, or a dash when there is none yet."""
    return "—" if level is None else str(level)
