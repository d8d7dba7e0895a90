"""What each question kind means, in one place: its description, whether it is scored, which answer fields
apply to it and how an answer to it is checked, the answer states the load-time condition search imagines
for it, and how an answer to it becomes a status, a level and words.

Adding a kind means a model in `models/questionnaire.py`, an entry here (with its level function), and a
widget in the TUI's kind → widget table; nothing else in the core names a kind.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from slicewise.core.labels import requirement_label
from slicewise.core.models.assessment import Answer, DisagreementKind
from slicewise.core.models.questionnaire import (
    ChecklistQuestion,
    ChoiceQuestion,
    FlowInventoryQuestion,
    OwnershipMatrixQuestion,
    Question,
    Questionnaire,
    TextQuestion,
)
from slicewise.core.models.results import QuestionStatus, Reason
from slicewise.core.ownership import creator_conflicts, creator_gaps, is_used, ownership_problems
from slicewise.core.words import percent, plural

if TYPE_CHECKING:
    from slicewise.core.answers import AnswerView

ANSWER_FIELDS = ("choice", "choices", "text", "done")
"""The answer fields that hold a value; each kind takes some of them."""


@dataclass(frozen=True)
class State:
    """One imagined answer state of a question: enough to decide any condition on it."""

    status: QuestionStatus
    choice: str | None = None
    ticked: frozenset[str] = frozenset()
    level: int | None = None


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


UNANSWERED = (State("unknown"), State("na"), State("unanswered"))
"""The states every kind can be in without a value."""


@dataclass(frozen=True)
class Kind:
    """One question kind."""

    name: str
    """The `kind` written in questionnaire files."""
    description: str
    """What it asks for and how its level comes about, for people."""
    fields: tuple[str, ...]
    """The answer fields that apply to it."""
    scored: Callable[[Question], bool]
    """Whether a question of this kind gives its area a level."""
    states: Callable[[Question, set[str]], list[State]]
    """Its imagined answer states, given the checklist items a condition names."""
    state_count: Callable[[Question, int], int]
    """How many states `states` would build, given how many items are named, without building them."""
    level: Callable[[AnswerView, Question, Answer | None], QuestionState]
    """Work out the status, level and words of a value answer to it (or of no answer); don't-know and N/A are
    the same for every kind and settled before."""
    levelled: bool = True
    """Whether an answer to it can stand for a level at all (text never does)."""
    labels: Callable[[Question], dict[str, str]] = lambda question: {}
    """Its options' labels by id (choices or checklist items), to say who picked what in a merged file."""
    merge_kind: DisagreementKind | None = None
    """The merge disagreement about its whole answer (the matrix's creators, a flow), if it has one."""

    def answer_problems(self, question: Question, answer: Answer) -> list[tuple[str, str]]:
        """Return (field, message) for every part of an answer that does not fit the question."""
        problems = [
            (name, f"{question.id} is a {self.name} question; '{name}' does not apply")
            for name in ANSWER_FIELDS
            if name not in self.fields and getattr(answer, name) not in (None, False)
        ]
        unknown = unknown_values(question, answer)
        if unknown.get("choice"):
            known = ", ".join(c.id for c in question.choices) if isinstance(question, ChoiceQuestion) else ""
            problems.append(("choice", f"{question.id} has no choice '{unknown['choice'][0]}' (choices: {known})"))
        problems += [("choices", f"{question.id} has no item '{item}'") for item in unknown.get("choices", [])]
        return problems


def unknown_values(question: Question, answer: Answer) -> dict[str, list[str]]:
    """The values an answer holds that its question does not offer, by answer field: a choice or ticked items
    the questionnaire does not have (a file refuses them; a newer questionnaire version may have dropped them)."""
    choice = answer.choice
    if isinstance(question, ChoiceQuestion) and choice is not None and all(c.id != choice for c in question.choices):
        return {"choice": [choice]}
    if isinstance(question, ChecklistQuestion) and answer.choices:
        items = {i.id for i in question.items}
        stale = [item for item in answer.choices if item not in items]
        if stale:
            return {"choices": stale}
    return {}


def _choice_states(question: Question, items: set[str]) -> list[State]:
    """A choice question: each choice, with its level."""
    assert isinstance(question, ChoiceQuestion)
    return [*UNANSWERED, *(State("answered", choice=c.id, level=c.level) for c in question.choices)]


def _checklist_states(question: Question, items: set[str]) -> list[State]:
    """A checklist: every combination of the items conditions name, at every level."""
    ordered = sorted(items)
    subsets = [frozenset(s) for size in range(len(ordered) + 1) for s in itertools.combinations(ordered, size)]
    return [*UNANSWERED, *(State("answered", ticked=subset, level=level) for subset in subsets for level in range(5))]


def _text_states(question: Question, items: set[str]) -> list[State]:
    """A text question: answered or not, never a level."""
    return [*UNANSWERED, State("answered")]


def _share_states(question: Question, items: set[str]) -> list[State]:
    """The matrix and the inventory: any level."""
    return [*UNANSWERED, *(State("answered", level=level) for level in range(5))]


def _choice_count(question: Question, named_items: int) -> int:
    """How many states a choice question has."""
    assert isinstance(question, ChoiceQuestion)
    return len(UNANSWERED) + len(question.choices)


def _checklist_count(question: Question, named_items: int) -> int:
    """How many states a checklist has (capped, so a huge count is computed without building anything)."""
    return len(UNANSWERED) + 5 * 2 ** min(named_items, 64)


def _own_flag(question: Question) -> bool:
    """The matrix and the inventory are scored unless the questionnaire says otherwise."""
    assert isinstance(question, (OwnershipMatrixQuestion, FlowInventoryQuestion))
    return question.scored


def _text_level(view: AnswerView, question: Question, answer: Answer | None) -> QuestionState:
    """A text question is answered by any text that is not blank; it has no level."""
    assert isinstance(question, TextQuestion)
    text = (answer.text or "").strip() if answer is not None else ""
    return QuestionState(question, "answered" if text else "unanswered", words=text)


def _choice_level(view: AnswerView, question: Question, answer: Answer | None) -> QuestionState:
    """A choice question's level is its chosen choice's level."""
    assert isinstance(question, ChoiceQuestion)
    if answer is None or answer.choice is None:
        return QuestionState(question, "unanswered")
    chosen = next((c for c in question.choices if c.id == answer.choice), None)
    if chosen is None:
        return QuestionState(question, "unanswered", words=f"unknown choice '{answer.choice}'")
    reason = Reason(text=f"{question.id}: '{chosen.label}' stands for level {chosen.level}.", refs=[question.id])
    return QuestionState(question, "answered", chosen.level, chosen.label, reasons=[reason])


def _share_level(view: AnswerView, question_id: str, summary: str, share: float) -> tuple[int, Reason]:
    """Map a share (ticked weight, cleanly owned objects, safeguards met) to a level through the model's
    thresholds, with the reason that says so."""
    thresholds = view.scoring.model.checklist_thresholds
    level = level_from_share(share, thresholds)
    text = f"{question_id}: {summary} → level {level} (thresholds {_thresholds(thresholds)})."
    return level, Reason(text=text, refs=[question_id])


def _checklist_level(view: AnswerView, question: Question, answer: Answer | None) -> QuestionState:
    """A checklist's level is its weighted share of ticked items, mapped through the thresholds."""
    assert isinstance(question, ChecklistQuestion)
    if answer is None or answer.choices is None:
        return QuestionState(question, "unanswered")
    ticked = set(answer.choices)
    items = [item for item in question.items if item.id in ticked]
    total = sum(item.weight for item in question.items)
    share = sum(item.weight for item in items) / total if total else 0.0
    summary = f"{len(items)} of {len(question.items)} items ticked, weighted share {percent(share)}"
    level, reason = _share_level(view, question.id, summary, share)
    words = ", ".join(item.label for item in items) if items else "none ticked"
    missing = [item.label for item in question.items if item.id not in ticked]
    reasons = [reason]
    if missing:
        reasons.append(Reason(text=f"{question.id}: not ticked: {', '.join(missing)}.", refs=[question.id]))
    return QuestionState(question, "answered", level, words, share, reasons)


def _ownership_level(view: AnswerView, question: Question, answer: Answer | None) -> QuestionState:
    """The matrix's level is the share of in-scope objects that are cleanly owned.

    Until the room marks the matrix complete, an object no system touches yet is counted as not cleanly
    owned, so the level rises as the matrix fills instead of starting from the few rows done; once it is
    marked complete, such an object is used by no system and is left out of the share.
    """
    assert isinstance(question, OwnershipMatrixQuestion)
    objects = in_scope_objects(question, view.questionnaire)
    ownership = view.assessment.ownership
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
    level, reason = _share_level(view, question.id, f"{words} ({percent(share)})", share)
    reasons = [reason]
    cap = view.scoring.model.critical_object_cap
    hit = [
        o
        for o in mapped
        if view.is_critical_object(o) and (creator_gaps(entry := ownership[o]) or creator_conflicts(entry))
    ]
    if cap is not None and hit and level > cap:
        labels = ", ".join(view.object_label(o) for o in hit)
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
        labels = ", ".join(view.object_label(o) for o in objs)
        reasons.append(Reason(text=f"{question.id}: {problem}: {labels}.", refs=[question.id, *objs]))
    labels = ", ".join(view.object_label(o) for o in untouched)
    if untouched and done:
        reasons.append(Reason(text=f"{question.id}: not used by any system, left out of the share: {labels}."))
    elif untouched:
        text = f"{question.id}: not mapped yet, counted as not cleanly owned until the matrix is marked complete"
        reasons.append(Reason(text=f"{text}: {labels}.", refs=[question.id]))
    return QuestionState(question, "answered", level, words, share, reasons)


def _flows_level(view: AnswerView, question: Question, answer: Answer | None) -> QuestionState:
    """The inventory's level is the mean share of requirements met per flow."""
    assert isinstance(question, FlowInventoryQuestion)
    flows = view.assessment.flows
    done = answer is not None and answer.done
    if not flows and not done:
        return QuestionState(question, "unanswered")
    checks = view.flow_checks()
    share = sum(c.share for c in checks) / len(checks) if checks else 0.0
    words = f"{plural(len(flows), 'flow')}, {percent(share)} of safeguard requirements met on average"
    if not question.scored:
        return QuestionState(question, "answered", None, words, share)
    level, reason = _share_level(view, question.id, words, share)
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


def _thresholds(thresholds: list[float]) -> str:
    """Format the thresholds for levels 1–4 as percentages."""
    return "/".join(percent(t) for t in thresholds)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "choice",
            "Pick one choice of a rubric; the level is the chosen choice's level.",
            ("choice",),
            lambda question: True,
            _choice_states,
            _choice_count,
            _choice_level,
            labels=lambda question: (
                {c.id: c.label for c in question.choices} if isinstance(question, ChoiceQuestion) else {}
            ),
        ),
        Kind(
            "checklist",
            "Tick any items; the level comes from the weighted share ticked, through the model's thresholds.",
            ("choices",),
            lambda question: True,
            _checklist_states,
            _checklist_count,
            _checklist_level,
            labels=lambda question: (
                {i.id: i.label for i in question.items} if isinstance(question, ChecklistQuestion) else {}
            ),
        ),
        Kind(
            "text",
            "Free text for the report; never scored.",
            ("text",),
            lambda question: False,
            _text_states,
            lambda question, named: len(UNANSWERED) + 1,
            _text_level,
            levelled=False,
        ),
        Kind(
            "ownership_matrix",
            "Which systems create, update and consume each business object; the level is the share of objects "
            "cleanly owned.",
            ("done",),
            _own_flag,
            _share_states,
            lambda question, named: len(UNANSWERED) + 5,
            _ownership_level,
            merge_kind="creators",
        ),
        Kind(
            "flow_inventory",
            "The integration flows with their pattern, latency, safeguards and failure owner; the level is the mean "
            "share of each flow's requirements met.",
            ("done",),
            _own_flag,
            _share_states,
            lambda question, named: len(UNANSWERED) + 5,
            _flows_level,
            merge_kind="flow",
        ),
    )
}
"""Every question kind by name."""


def kind_of(question: Question) -> Kind:
    """Return the kind of a question."""
    return KINDS[question.kind]


def is_scored(question: Question) -> bool:
    """Tell whether a question contributes a level to its area."""
    return kind_of(question).scored(question)
