"""Answer editing, written once: every change a person makes to an assessment, for the TUI, `ask` and `merge`.

An answer is exactly one of a value (a choice, ticked items, a text, or a finished matrix or inventory),
don't-know, or N/A with a reason; every edit here keeps it so and leaves the note and confidence alone.
The model refuses a file that breaks the rule (`Answer`), so what these edits cannot produce cannot be read.
"""

from __future__ import annotations

from typing import Literal

from slicewise.core.models.assessment import Answer, Assessment, Flow, OwnershipEntry, OwnershipScope
from slicewise.core.models.questionnaire import OWNERSHIP_ROLES, ChecklistQuestion, Questionnaire
from slicewise.core.slug import slugify, unique

Role = Literal["create", "update", "consume"]
"""What a system does with a business object in the ownership matrix."""
Confidence = Literal["sure", "unsure"]
"""How sure the room was of an answer."""

NEXT_CONFIDENCE: dict[Confidence | None, Confidence | None] = {None: "sure", "sure": "unsure", "unsure": None}
"""Cycling confidence: not said → sure → unsure → not said."""


# ----- one answer ----------------------------------------------------------------------------------------


def clear_value(answer: Answer) -> None:
    """Drop the value of an answer (choice, ticks, text, finished mark)."""
    answer.choice = None
    answer.choices = None
    answer.text = None
    answer.done = False


def clear_marks(answer: Answer) -> None:
    """Drop don't-know and N/A from an answer."""
    answer.unknown = False
    answer.na = None
    answer.na_note = ""


def give_value(
    answer: Answer,
    *,
    choice: str | None = None,
    choices: list[str] | None = None,
    text: str | None = None,
    done: bool = False,
) -> None:
    """Make an answer hold exactly this value: don't-know and N/A go, and so does any other value."""
    clear_marks(answer)
    clear_value(answer)
    answer.choice = choice
    answer.choices = list(choices) if choices is not None else None
    answer.text = text
    answer.done = done


def mark_unknown(answer: Answer) -> None:
    """Make an answer don't-know: its value and any N/A go."""
    clear_value(answer)
    clear_marks(answer)
    answer.unknown = True


def mark_na(answer: Answer, reason: str, note: str = "") -> None:
    """Make an answer N/A with a reason id and the person's own words: its value and don't-know go."""
    if not reason:
        raise ValueError("N/A needs a reason")
    clear_value(answer)
    clear_marks(answer)
    answer.na = reason
    answer.na_note = note


# ----- answers in an assessment --------------------------------------------------------------------------


def stored(assessment: Assessment, question_id: str) -> Answer:
    """Return the stored answer of a question, creating an empty one."""
    return assessment.answers.setdefault(question_id, Answer())


def tidy(assessment: Assessment, question_id: str) -> None:
    """Drop an answer that holds nothing at all, so the file stays readable."""
    answer = assessment.answers.get(question_id)
    if answer is not None and answer == Answer():
        del assessment.answers[question_id]


def choose(assessment: Assessment, question_id: str, choice_id: str) -> None:
    """Answer a choice question."""
    give_value(stored(assessment, question_id), choice=choice_id)


def set_items(assessment: Assessment, question_id: str, items: list[str]) -> None:
    """Set the ticked items of a checklist at once (ticking nothing still counts as an answer)."""
    give_value(stored(assessment, question_id), choices=items)


def toggle_item(assessment: Assessment, question: ChecklistQuestion | None, question_id: str, item_id: str) -> None:
    """Tick or untick one checklist item, keeping the items in the questionnaire's order."""
    answer = stored(assessment, question_id)
    ticked = set(answer.choices or []) ^ {item_id}
    order = [item.id for item in question.items] if question is not None else sorted(ticked)
    give_value(answer, choices=[i for i in order if i in ticked])


def confirm_checklist(assessment: Assessment, question_id: str) -> None:
    """Record a checklist confirmed with nothing ticked as an answer (none of the items), unless it is
    already answered or marked."""
    answer = stored(assessment, question_id)
    if answer.choices is None and not answer.unknown and answer.na is None:
        give_value(answer, choices=[])


def set_text(assessment: Assessment, question_id: str, text: str) -> None:
    """Set a text answer; an empty text removes it (and leaves a don't-know or N/A mark as it was)."""
    answer = stored(assessment, question_id)
    if text.strip():
        give_value(answer, text=text)
    else:
        answer.text = None
    tidy(assessment, question_id)


def set_note(assessment: Assessment, question_id: str, note: str) -> None:
    """Set the note on a question."""
    stored(assessment, question_id).note = note
    tidy(assessment, question_id)


def set_unknown(assessment: Assessment, question_id: str, unknown: bool) -> None:
    """Mark a question don't-know, or clear the mark (leaving it unanswered)."""
    answer = stored(assessment, question_id)
    if unknown:
        mark_unknown(answer)
    else:
        answer.unknown = False
    tidy(assessment, question_id)


def toggle_unknown(assessment: Assessment, question_id: str) -> bool:
    """Toggle don't-know; return the new state."""
    now = not stored(assessment, question_id).unknown
    set_unknown(assessment, question_id, now)
    return now


def set_na(assessment: Assessment, question_id: str, reason: str | None, note: str = "") -> None:
    """Mark a question not applicable with a reason id and note, or clear the mark (`reason=None`)."""
    answer = stored(assessment, question_id)
    if reason:
        mark_na(answer, reason, note)
    else:
        clear_marks(answer)
    tidy(assessment, question_id)


def set_confidence(assessment: Assessment, question_id: str, confidence: Confidence | None) -> None:
    """Say how sure the room was of an answer (None: not said)."""
    stored(assessment, question_id).confidence = confidence
    tidy(assessment, question_id)


def cycle_confidence(assessment: Assessment, question_id: str) -> Confidence | None:
    """Cycle confidence: not said → sure → unsure → not said; return the new value."""
    following = NEXT_CONFIDENCE[stored(assessment, question_id).confidence]
    set_confidence(assessment, question_id, following)
    return following


def set_done(assessment: Assessment, question_id: str, done: bool) -> None:
    """Mark the ownership matrix or flow inventory as finished by the room (or not)."""
    answer = stored(assessment, question_id)
    if done:
        give_value(answer, done=True)
    else:
        answer.done = False
    tidy(assessment, question_id)


# ----- ownership matrix ----------------------------------------------------------------------------------


def _ownership_entry(assessment: Assessment, object_id: str) -> OwnershipEntry:
    """Return the ownership entry of an object, creating an empty one."""
    return assessment.ownership.setdefault(object_id, OwnershipEntry())


def _tidy_entry(assessment: Assessment, questionnaire: Questionnaire, object_id: str) -> None:
    """Keep system lists in catalogue order so saves are stable, and drop an entry that holds nothing."""
    entry = assessment.ownership.get(object_id)
    if entry is None:
        return
    order = {s.id: n for n, s in enumerate(questionnaire.systems)}
    for name in OWNERSHIP_ROLES:
        getattr(entry, name).sort(key=lambda s: (order.get(s, len(order)), s))
    if entry == OwnershipEntry():
        del assessment.ownership[object_id]


def role_of(assessment: Assessment, object_id: str, system_id: str) -> Role | None:
    """Return what a system does with an object: create, update, consume or nothing."""
    entry = assessment.ownership.get(object_id)
    if entry is None:
        return None
    for role in OWNERSHIP_ROLES:
        if system_id in getattr(entry, role):
            return role  # type: ignore[return-value]
    return None


def set_cell(
    assessment: Assessment, questionnaire: Questionnaire, object_id: str, system_id: str, role: Role | None
) -> None:
    """Set what a system does with an object (one role per cell; None clears it)."""
    entry = _ownership_entry(assessment, object_id)
    for name in OWNERSHIP_ROLES:
        members: list[str] = getattr(entry, name)
        if system_id in members:
            members.remove(system_id)
    if role is not None:
        getattr(entry, role).append(system_id)
    _tidy_entry(assessment, questionnaire, object_id)


def set_roles(
    assessment: Assessment,
    questionnaire: Questionnaire,
    object_id: str,
    *,
    create: list[str],
    update: list[str],
    note: str | None = None,
    scopes: list[OwnershipScope] | None = None,
) -> None:
    """Set the creating and updating systems of an object at once (as `ask` asks them), and its note and
    scopes when given; consumers stay, unless a system now creates or updates it."""
    entry = _ownership_entry(assessment, object_id)
    entry.create = list(dict.fromkeys(create))
    entry.update = [s for s in dict.fromkeys(update) if s not in entry.create]
    entry.consume = [s for s in entry.consume if s not in entry.create and s not in entry.update]
    if note is not None:
        entry.note = note
    if scopes is not None:
        entry.scopes = list(scopes)
    _tidy_entry(assessment, questionnaire, object_id)


def set_correction_owner(assessment: Assessment, questionnaire: Questionnaire, object_id: str, owner: str) -> None:
    """Name who may correct bad data for an object."""
    _ownership_entry(assessment, object_id).correction_owner = owner.strip()
    _tidy_entry(assessment, questionnaire, object_id)


# ----- flows, systems ------------------------------------------------------------------------------------


def new_flow_id(assessment: Assessment, name: str) -> str:
    """Return a unique flow id derived from a name."""
    return unique(slugify(name, fallback="flow"), {f.id for f in assessment.flows})


def put_flow(assessment: Assessment, flow: Flow) -> None:
    """Add a flow, or replace the one with the same id."""
    for index, existing in enumerate(assessment.flows):
        if existing.id == flow.id:
            assessment.flows[index] = flow
            return
    assessment.flows.append(flow)


def delete_flow(assessment: Assessment, flow_id: str) -> None:
    """Remove a flow from the inventory."""
    assessment.flows = [f for f in assessment.flows if f.id != flow_id]


def set_system_name(assessment: Assessment, system_id: str, name: str) -> None:
    """Record the client's own name for a system role (empty removes it)."""
    if name.strip():
        assessment.systems[system_id] = name.strip()
    else:
        assessment.systems.pop(system_id, None)
