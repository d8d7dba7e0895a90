"""Undo and redo of every change to the open assessment (answers, notes, the matrix, the flows, details) for
the whole session, recorded as small before/after differences and kept in the file's sidecar so they survive
a reopen."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from slicewise.core.models.assessment import Answer, Assessment

KEYED = ("answers", "ownership", "systems", "targets")
"""Fields recorded item by item, so a step holds one answer or one object rather than all of them."""
NOT_RECORDED = {"format", "questionnaire", "progress"}
"""Where the file was left and what it was saved against are not edits anybody wants undone."""
TYPED = {"text", "note", "na_note"}
"""Answer fields typed letter by letter: consecutive typing in one answer is a single step."""
LIMIT = 1000
"""Steps kept; the oldest go first."""

Snapshot = dict[str, Any]


@dataclass
class Change:
    """One field (or one item of a keyed field) before and after a step; None stands for absent."""

    field: str
    """The assessment field."""
    key: str | None
    """The item within a keyed field, or None for the whole field."""
    before: Any
    """Its value before (JSON), None when absent."""
    after: Any
    """Its value after (JSON), None when absent."""


def snapshot(assessment: Assessment) -> Snapshot:
    """Return the recorded part of an assessment as plain JSON values."""
    return assessment.model_dump(mode="json", exclude=NOT_RECORDED)


def digest(state: Snapshot) -> str:
    """Return a short fingerprint of a recorded state, to tell whether a stored history still fits its file."""
    return hashlib.sha256(json.dumps(state, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def differences(before: Snapshot, after: Snapshot) -> list[Change]:
    """Return what changed between two recorded states, item by item in the keyed fields."""
    changes: list[Change] = []
    for field in sorted(set(before) | set(after)):
        old, new = before.get(field), after.get(field)
        if old == new:
            continue
        if field in KEYED and isinstance(old, dict) and isinstance(new, dict):
            for key in sorted(set(old) | set(new)):
                if old.get(key) != new.get(key):
                    changes.append(Change(field, key, old.get(key), new.get(key)))
        else:
            changes.append(Change(field, None, old, new))
    return changes


def _typing(changes: list[Change]) -> bool:
    """Tell whether a step only typed into one answer's text or notes."""
    if len(changes) != 1 or changes[0].field != "answers":
        return False
    blank = Answer().model_dump(mode="json")  # an answer not given yet has every field at its default
    old, new = changes[0].before or blank, changes[0].after or blank
    return all(old.get(name) == new.get(name) for name in set(old) | set(new) if name not in TYPED)


def describe(changes: list[Change], prompts: dict[str, str]) -> str:
    """Say in a few words what a step changed."""
    first = changes[0]
    more = f" and {len(changes) - 1} more" if len(changes) > 1 else ""
    if first.field == "answers" and first.key is not None:
        prompt = prompts.get(first.key, first.key)
        short = prompt if len(prompt) <= 50 else prompt[:49] + "…"
        return f"the answer to “{short}”{more}"
    names = {
        "ownership": f"the ownership of {first.key}",
        "systems": "a system's name",
        "targets": "a target level",
        "flows": "the flows",
        "engagement": "the engagement details",
        "merge": "the merge record",
        "adjustments": "an adjustment",
        "custom_risks": "a risk of your own",
        "custom_actions": "an action of your own",
        "milestones": "a milestone",
    }
    return names.get(first.field, first.field) + more


def apply(assessment: Assessment, changes: list[Change], *, forward: bool) -> Assessment:
    """Return the assessment with a step undone (or redone), validated as a whole like any loaded file."""
    data = assessment.model_dump(mode="json")
    for change in changes:
        value = change.after if forward else change.before
        if change.key is None:
            data[change.field] = value
        elif value is None:
            data[change.field].pop(change.key, None)
        else:
            data[change.field][change.key] = value
    return Assessment.model_validate(data)


class History:
    """The steps of a session, undone and redone in order; a new change after an undo drops the redo steps."""

    def __init__(self, state: Snapshot) -> None:
        """Start with nothing to undo from the state given."""
        self.undo_steps: list[list[Change]] = []
        self.redo_steps: list[list[Change]] = []
        self.state = state
        self._typing_open = False

    def record(self, state: Snapshot) -> bool:
        """Record the step that led to a new state; return False when nothing recorded changed."""
        changes = differences(self.state, state)
        if not changes:
            return False
        self.state = state
        self.redo_steps.clear()
        typing = _typing(changes)
        top = self.undo_steps[-1] if self.undo_steps else None
        if (
            typing
            and self._typing_open
            and top is not None
            and (top[0].field, top[0].key)
            == (
                changes[0].field,
                changes[0].key,
            )
        ):
            top[0].after = changes[0].after  # more letters in the same answer: one step
        else:
            self.undo_steps.append(changes)
            del self.undo_steps[:-LIMIT]
        self._typing_open = typing
        return True

    def step(self, assessment: Assessment, *, forward: bool) -> tuple[Assessment, list[Change]] | None:
        """Undo (or redo) the latest step: return the assessment as it then stands and the step, or None."""
        source, target = (self.redo_steps, self.undo_steps) if forward else (self.undo_steps, self.redo_steps)
        if not source:
            return None
        changes = source.pop()
        restored = apply(assessment, changes, forward=forward)
        target.append(changes)
        self.state = snapshot(restored)
        self._typing_open = False
        return restored, changes

    def to_record(self) -> dict[str, object]:
        """Return the history as JSON values, with the fingerprint of the state it leads to."""

        def plain(steps: list[list[Change]]) -> list[list[list[Any]]]:
            return [[[c.field, c.key, c.before, c.after] for c in step] for step in steps]

        return {"digest": digest(self.state), "undo": plain(self.undo_steps), "redo": plain(self.redo_steps)}

    @classmethod
    def from_record(cls, record: object, state: Snapshot) -> History:
        """Return a stored history when it leads to exactly the state given (the file as opened), else a
        fresh one: a file changed elsewhere since keeps its content, only the steps are forgotten."""
        history = cls(state)
        if not isinstance(record, dict) or record.get("digest") != digest(state):
            return history
        try:
            history.undo_steps = [[Change(*c) for c in step] for step in record.get("undo", [])]
            history.redo_steps = [[Change(*c) for c in step] for step in record.get("redo", [])]
        except TypeError:
            return cls(state)
        return history
