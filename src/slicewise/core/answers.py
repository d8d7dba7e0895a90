"""AnswerView: the status and level of every question, shared by conditions, scoring, risks and roadmap."""

from __future__ import annotations

from dataclasses import dataclass, field

from slicewise.core.conditions import evaluate
from slicewise.core.flowcheck import FAILURE_OWNER, FlowCheck, check_flow
from slicewise.core.kinds import is_scored, kind_of
from slicewise.core.labels import na_reason_label
from slicewise.core.models.assessment import Answer, Assessment
from slicewise.core.models.questionnaire import (
    SAFEGUARD_LABELS,
    ChecklistQuestion,
    ChoiceQuestion,
    FlowInventoryQuestion,
    OwnershipMatrixQuestion,
    Question,
    Questionnaire,
    TextQuestion,
    area_of,
)
from slicewise.core.models.results import QuestionStatus, Reason
from slicewise.core.models.scoring import ScoringBundle
from slicewise.core.ownership import creator_conflicts, creator_gaps, is_used, ownership_problems
from slicewise.core.words import percent, plural

EPSILON = 1e-9
"""Tolerance when comparing a share with a threshold, so 0.75 computed as 3/4 meets a 0.75 threshold."""


@dataclass
class QuestionState:
    """What the view knows about one question: its status, level, the answer in words and why."""

    question: Question
    """The question."""
    status: QuestionStatus
    """answered / unknown / na / unanswered / hidden."""
    level: int | None = None
    """The level the answer stands for (None when unanswered, unknown, N/A, hidden or unscorable)."""
    words: str = ""
    """The answer in words: choice label, ticked items, text or a summary of the matrix or flows."""
    share: float | None = None
    """For checklists, the matrix and flows: the share that produced the level."""
    reasons: list[Reason] = field(default_factory=list)
    """How the level came about."""


def level_from_share(share: float, thresholds: list[float]) -> int:
    """Map a share (0–1) to a level: the number of thresholds (for levels 1..4) it meets."""
    return sum(1 for threshold in thresholds if share + EPSILON >= threshold)


def in_scope_objects(question: OwnershipMatrixQuestion, questionnaire: Questionnaire) -> list[str]:
    """Return the object ids a matrix question asks about (its own list, or the whole catalogue)."""
    return list(question.objects) if question.objects else [o.id for o in questionnaire.objects]


def requirement_label(requirement: str) -> str:
    """Name a flow requirement for people."""
    if requirement == FAILURE_OWNER:
        return "a named failure owner"
    return SAFEGUARD_LABELS.get(requirement, requirement)


class AnswerView:
    """The answers of one assessment seen through its questionnaire and scoring model.

    Statuses and levels are computed lazily and memoised; `show_if` conditions are evaluated on the
    view itself, and a question whose visibility is still being worked out counts as hidden, so a
    cycle cannot loop.
    """

    def __init__(self, questionnaire: Questionnaire, scoring: ScoringBundle, assessment: Assessment) -> None:
        """Keep the three inputs and prepare empty memo tables."""
        self.questionnaire = questionnaire
        self.scoring = scoring
        self.assessment = assessment
        self._areas_scored = {area.id: area.scored for area in questionnaire.areas}
        self._visible: dict[str, bool] = {}
        self._resolving: set[str] = set()
        self._primed = False
        self._raw: dict[str, QuestionState] = {}
        self._flow_checks: list[FlowCheck] | None = None
        self._object_labels = {entry.id: entry.label for entry in questionnaire.objects}
        self._system_labels = {entry.id: entry.label for entry in questionnaire.systems}
        self._criticality = {entry.id: scoring.criticality(entry.id, entry.critical) for entry in questionnaire.objects}

    # -- lookups ------------------------------------------------------------------------------------

    def question(self, question_id: str) -> Question | None:
        """Return the question with this id, or None."""
        return self.questionnaire.question(question_id)

    def answer(self, question_id: str) -> Answer | None:
        """Return the stored answer of a question, hidden or not."""
        return self.assessment.answers.get(question_id)

    def weight(self, question: Question) -> float:
        """Return a question's effective weight: the scoring model's override, else its own."""
        return self.scoring.model.question_weights.get(question.id, question.weight)

    def counts(self, question: Question) -> bool:
        """Tell whether a question counts in its area's score (a scored kind in a scored area)."""
        return is_scored(question) and self._areas_scored.get(area_of(question.id), True)

    # -- status and level ---------------------------------------------------------------------------

    def visible(self, question_id: str) -> bool:
        """Tell whether a question is asked: it has no `show_if`, or its `show_if` holds."""
        known = self._visible.get(question_id)
        if known is not None:
            return known
        question = self.question(question_id)
        if question is None or question.show_if is None:
            self._visible[question_id] = True
            return True
        if question_id in self._resolving:
            return False
        if not self._resolving and not self._primed:
            self._prime()
            return self._visible.get(question_id, True)
        self._resolving.add(question_id)
        try:
            shown = evaluate(question.show_if, self)
        finally:
            self._resolving.discard(question_id)
        self._visible[question_id] = shown
        return shown

    def _prime(self) -> None:
        """Work out every question's visibility in walking order, so show_if chains never recurse deeply."""
        self._primed = True
        for question in self.questionnaire.questions:
            self.visible(question.id)

    def state(self, question_id: str) -> QuestionState | None:
        """Return the full state of a question (None for an id the questionnaire does not have)."""
        question = self.question(question_id)
        if question is None:
            return None
        if not self.visible(question_id):
            raw = self._raw_state(question)
            return QuestionState(question, "hidden", words=raw.words)
        return self._raw_state(question)

    def status(self, question_id: str) -> QuestionStatus:
        """Return a question's status; an id the questionnaire does not have counts as unanswered."""
        state = self.state(question_id)
        return state.status if state is not None else "unanswered"

    def level(self, question_id: str) -> int | None:
        """Return the level of an answered question, or None."""
        state = self.state(question_id)
        return state.level if state is not None and state.status == "answered" else None

    def choice(self, question_id: str) -> str | None:
        """Return the chosen choice id of an answered choice question, or None."""
        if self.status(question_id) != "answered":
            return None
        answer = self.answer(question_id)
        return answer.choice if answer is not None else None

    def ticked(self, question_id: str) -> set[str]:
        """Return the ticked item ids of an answered checklist (empty otherwise)."""
        if self.status(question_id) != "answered":
            return set()
        answer = self.answer(question_id)
        return set(answer.choices or []) if answer is not None else set()

    def describe(self, question_id: str) -> str:
        """Describe a question's state in words for explanations, e.g. `answered 'Keys on some flows'`."""
        state = self.state(question_id)
        if state is None:
            return "is not in the questionnaire"
        if state.status == "answered":
            level = f" (level {state.level})" if state.level is not None else ""
            return f"answered '{state.words}'{level}"
        if state.status == "unknown":
            return "is don't-know"
        if state.status == "na":
            answer = self.answer(question_id)
            reason = na_reason_label(answer.na) if answer is not None and answer.na else "not applicable"
            return f"is N/A ({reason})"
        if state.status == "hidden":
            return "is not asked (its show_if does not hold)"
        return "is not answered"

    # -- computing one question ---------------------------------------------------------------------

    def _raw_state(self, question: Question) -> QuestionState:
        """Compute (once) a question's state from its stored answer, ignoring its show_if."""
        known = self._raw.get(question.id)
        if known is None:
            known = self._compute(question)
            self._raw[question.id] = known
        return known

    def _compute(self, question: Question) -> QuestionState:
        """Compute a question's state from its answer and, for the matrix and flows, the assessment."""
        answer = self.answer(question.id)
        if answer is not None and answer.na:
            note = f": {answer.na_note}" if answer.na_note else ""
            return QuestionState(question, "na", words=f"N/A ({na_reason_label(answer.na)}){note}")
        if answer is not None and answer.unknown:
            return QuestionState(question, "unknown", words="Don't know")
        state: QuestionState = getattr(self, kind_of(question).level_method)(question, answer)
        return state

    def text_state(self, question: TextQuestion, answer: Answer | None) -> QuestionState:
        """A text question is answered by any text that is not blank; it has no level."""
        text = (answer.text or "").strip() if answer is not None else ""
        return QuestionState(question, "answered" if text else "unanswered", words=text)

    def choice_state(self, question: ChoiceQuestion, answer: Answer | None) -> QuestionState:
        """A choice question's level is its chosen choice's level."""
        if answer is None or answer.choice is None:
            return QuestionState(question, "unanswered")
        chosen = next((c for c in question.choices if c.id == answer.choice), None)
        if chosen is None:
            return QuestionState(question, "unanswered", words=f"unknown choice '{answer.choice}'")
        reason = Reason(text=f"{question.id}: '{chosen.label}' stands for level {chosen.level}.", refs=[question.id])
        return QuestionState(question, "answered", chosen.level, chosen.label, reasons=[reason])

    def _share_level(self, question_id: str, summary: str, share: float) -> tuple[int, Reason]:
        """Map a share (ticked weight, cleanly owned objects, safeguards met) to a level through the model's
        thresholds, with the reason that says so."""
        thresholds = self.scoring.model.checklist_thresholds
        level = level_from_share(share, thresholds)
        text = f"{question_id}: {summary} → level {level} (thresholds {_thresholds(thresholds)})."
        return level, Reason(text=text, refs=[question_id])

    def checklist_state(self, question: ChecklistQuestion, answer: Answer | None) -> QuestionState:
        """A checklist's level is its weighted share of ticked items, mapped through the thresholds."""
        if answer is None or answer.choices is None:
            return QuestionState(question, "unanswered")
        ticked = set(answer.choices)
        items = [item for item in question.items if item.id in ticked]
        total = sum(item.weight for item in question.items)
        share = sum(item.weight for item in items) / total if total else 0.0
        summary = f"{len(items)} of {len(question.items)} items ticked, weighted share {percent(share)}"
        level, reason = self._share_level(question.id, summary, share)
        words = ", ".join(item.label for item in items) if items else "none ticked"
        missing = [item.label for item in question.items if item.id not in ticked]
        reasons = [reason]
        if missing:
            reasons.append(Reason(text=f"{question.id}: not ticked: {', '.join(missing)}.", refs=[question.id]))
        return QuestionState(question, "answered", level, words, share, reasons)

    def ownership_state(self, question: OwnershipMatrixQuestion, answer: Answer | None) -> QuestionState:
        """The matrix's level is the share of in-scope objects that are cleanly owned.

        Until the room marks the matrix complete, an object no system touches yet is counted as not cleanly
        owned, so the level rises as the matrix fills instead of starting from the few rows done; once it is
        marked complete, such an object is used by no system and is left out of the share.
        """
        objects = in_scope_objects(question, self.questionnaire)
        ownership = self.assessment.ownership
        filled = [o for o in objects if o in ownership]
        done = answer is not None and answer.done
        if not filled and not done:
            return QuestionState(question, "unanswered")
        untouched = [o for o in objects if not is_used(ownership.get(o))]
        mapped = [o for o in objects if o not in untouched]
        if done:
            objects = mapped
        problems = {o: ownership_problems(ownership.get(o)) for o in mapped}
        clean = [o for o in mapped if not problems[o]]
        share = len(clean) / len(objects) if objects else 0.0
        if done:
            words = f"{len(clean)} of {len(objects)} objects in use cleanly owned"
        else:
            words = f"{len(clean)} of {len(objects)} objects cleanly owned, {len(untouched)} not mapped yet"
        if not question.scored:
            return QuestionState(question, "answered", None, words, share)
        level, reason = self._share_level(question.id, f"{words} ({percent(share)})", share)
        reasons = [reason]
        cap = self.scoring.model.critical_object_cap
        hit = [
            o
            for o in mapped
            if self.is_critical_object(o) and (creator_gaps(entry := ownership[o]) or creator_conflicts(entry))
        ]
        if cap is not None and hit and level > cap:
            labels = ", ".join(self.object_label(o) for o in hit)
            reasons.append(
                Reason(
                    text=f"{question.id}: capped at level {cap}: critical objects without one creator per scope "
                    f"({labels}); the rest of the matrix cannot make up for them.",
                    refs=[question.id, *hit],
                )
            )
            level = cap
        by_problem: dict[str, list[str]] = {}
        for obj, found in problems.items():
            for problem in found:
                by_problem.setdefault(problem, []).append(obj)
        for problem, objs in by_problem.items():
            labels = ", ".join(self.object_label(o) for o in objs)
            reasons.append(Reason(text=f"{question.id}: {problem}: {labels}.", refs=[question.id, *objs]))
        labels = ", ".join(self.object_label(o) for o in untouched)
        if untouched and done:
            reasons.append(Reason(text=f"{question.id}: not used by any system, left out of the share: {labels}."))
        elif untouched:
            text = f"{question.id}: not mapped yet, counted as not cleanly owned until the matrix is marked complete"
            reasons.append(Reason(text=f"{text}: {labels}.", refs=[question.id]))
        return QuestionState(question, "answered", level, words, share, reasons)

    def flows_state(self, question: FlowInventoryQuestion, answer: Answer | None) -> QuestionState:
        """The inventory's level is the mean share of requirements met per flow."""
        flows = self.assessment.flows
        done = answer is not None and answer.done
        if not flows and not done:
            return QuestionState(question, "unanswered")
        checks = self.flow_checks()
        share = sum(c.share for c in checks) / len(checks) if checks else 0.0
        words = f"{plural(len(flows), 'flow')}, {percent(share)} of safeguard requirements met on average"
        if not question.scored:
            return QuestionState(question, "answered", None, words, share)
        level, reason = self._share_level(question.id, words, share)
        reasons = [reason]
        if not flows:
            reasons.append(Reason(text=f"{question.id}: no flows recorded.", refs=[question.id]))
        short = [c for c in checks if c.missing or c.unknown]
        for check in short[:10]:
            parts = []
            if check.missing:
                parts.append("lacks " + ", ".join(requirement_label(m) for m in check.missing))
            if check.unknown:
                unknown = ", ".join(requirement_label(m) for m in check.unknown)
                parts.append(f"nobody knows about {unknown} (left out of its share)")
            text = f"{question.id}: {check.flow.name} " + "; ".join(parts) + "."
            reasons.append(Reason(text=text, refs=[question.id, check.flow.id]))
        if len(short) > 10:
            reasons.append(
                Reason(text=f"{question.id}: {len(short) - 10} more flows lack requirements.", refs=[question.id])
            )
        return QuestionState(question, "answered", level, words, share, reasons)

    def flow_checks(self) -> list[FlowCheck]:
        """Return every flow's requirements, missing and unknown ones, computed once."""
        if self._flow_checks is None:
            settings = self.scoring.model.analysers.flows
            self._flow_checks = [check_flow(flow, settings) for flow in self.assessment.flows]
        return self._flow_checks

    # -- labels -------------------------------------------------------------------------------------

    def object_label(self, object_id: str) -> str:
        """Return a business object's label from the catalogue (its id when not listed)."""
        return self._object_labels.get(object_id, object_id)

    def system_label(self, role: str) -> str:
        """Return the client's own name for a system role, else the catalogue label, else the id."""
        own = self.assessment.systems.get(role, "").strip()
        if own:
            return own
        return self._system_labels.get(role, role)

    def criticality(self, object_id: str) -> str:
        """Return a business object's criticality from the scoring model (`standard` when not in the catalogue)."""
        return self._criticality.get(object_id, "standard")

    def is_critical_object(self, object_id: str) -> bool:
        """Tell whether the scoring model counts a business object as critical."""
        return self.criticality(object_id) == "critical"


def _thresholds(thresholds: list[float]) -> str:
    """Format the thresholds for levels 1–4 as percentages."""
    return "/".join(percent(t) for t in thresholds)
