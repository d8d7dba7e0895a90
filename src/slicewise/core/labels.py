"""The words people read for stored ids, in one place: N/A reasons, systems, objects and flow requirements.

The TUI, `ask`, the report and the workbook all name things through here, so they show the same words.
"""

from __future__ import annotations

from slicewise.core.flowcheck import FAILURE_OWNER
from slicewise.core.models.assessment import Answer, Assessment
from slicewise.core.models.questionnaire import SAFEGUARD_LABELS, Questionnaire

NA_REASONS: dict[str, str] = {
    "out-of-scope": "Out of scope for this engagement",
    "not-used": "The client does not do this",
    "third-party": "Run entirely by a third party",
    "later-phase": "Decided in a later phase",
}
"""Reason ids offered when a question is marked not applicable, with their labels (the first is the default)."""

DEFAULT_NA_REASON = next(iter(NA_REASONS))
"""The reason offered first."""


def na_reason_label(reason: str) -> str:
    """Name an N/A reason id (an id from an older or hand-written file reads as itself)."""
    return NA_REASONS.get(reason, reason)


def na_words(answer: Answer) -> str:
    """Say why an answer is N/A: the reason's label and the person's own words (empty when it is not N/A)."""
    if not answer.na:
        return ""
    note = answer.na_note.strip()
    return na_reason_label(answer.na) + (f": {note}" if note else "")


def system_label(questionnaire: Questionnaire, assessment: Assessment, role: str) -> str:
    """Label a system role for lists and tables: its catalogue label with the client's own name for it,
    e.g. `ERP (SAP S/4HANA)` (the label alone when the client's name is empty or the same)."""
    label = _catalogue_system(questionnaire, role)
    own = assessment.systems.get(role, "").strip()
    return f"{label} ({own})" if own and own != label else label


def system_name(questionnaire: Questionnaire, assessment: Assessment, role: str) -> str:
    """Name a system role in a sentence as the client calls it: their own name (`SAP S/4HANA`), else the
    catalogue label (`PIM`), else the role id."""
    return assessment.systems.get(role, "").strip() or _catalogue_system(questionnaire, role)


def _catalogue_system(questionnaire: Questionnaire, role: str) -> str:
    """A system role's catalogue label (its id when not listed)."""
    return next((s.label for s in questionnaire.systems if s.id == role), role)


def object_label(questionnaire: Questionnaire, object_id: str) -> str:
    """Name a business object from the catalogue (its id when not listed)."""
    return next((o.label for o in questionnaire.objects if o.id == object_id), object_id)


def requirement_label(requirement: str) -> str:
    """Name a flow requirement (a safeguard, or a named failure owner) inside a sentence, so in lower case."""
    if requirement == FAILURE_OWNER:
        return "a named failure owner"
    label = SAFEGUARD_LABELS.get(requirement, requirement)
    return label[:1].lower() + label[1:]
