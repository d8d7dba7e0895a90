"""The open assessment: bundle, answers, file path and latest results, with every edit the screens make."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from slicewise.core.engine import evaluate
from slicewise.core.models.assessment import Answer, Assessment, Engagement, Flow, OwnershipEntry
from slicewise.core.models.questionnaire import (
    OWNERSHIP_ROLES,
    ChecklistQuestion,
    OwnershipMatrixQuestion,
    Question,
    area_of,
    system_with_client_name,
)
from slicewise.core.slug import slugify, unique
from slicewise.core.store import FileHold, save_held

if TYPE_CHECKING:
    from slicewise.core.loader import Bundle
    from slicewise.core.models.results import QuestionResult, QuestionStatus, Results

NA_REASONS: dict[str, str] = {
    "out-of-scope": "Out of scope for this engagement",
    "not-used": "The client does not do this",
    "third-party": "Run entirely by a third party",
    "later-phase": "Decided in a later phase",
}
"""Reason ids offered when a question is marked not applicable, with their labels."""

Role = Literal["create", "update", "consume"]

OWNERSHIP_FINDINGS = frozenset({"no_creator", "several_creators", "uncorrected_updates"})
"""Finding kinds the ownership analyser raises (the rest of the analysers' findings are about flows)."""


@dataclass
class Session:
    """One assessment open in the app: every edit goes through here, then `refresh` and `save`."""

    bundle: Bundle
    """The questionnaire and scoring model the assessment is answered against."""
    assessment: Assessment
    """The answers, ownership matrix and flows being edited."""
    path: Path
    """The assessment file, rewritten atomically after every change."""
    results: Results
    """Scores, risks and visibility computed from the current answers."""
    hold: FileHold | None = None
    """The file's content as last read or written here, so a save never replaces another writer's change."""
    _by_id: dict[str, QuestionResult] = field(default_factory=dict, init=False, repr=False)
    """The results per question id, rebuilt with the results."""

    def __post_init__(self) -> None:
        """Index the first results."""
        self._index()

    def _index(self) -> None:
        """Index the results by question id (the screens ask for statuses many times per redraw)."""
        self._by_id = {result.id: result for result in self.results.questions}

    @classmethod
    def open(cls, bundle: Bundle, assessment: Assessment, path: Path, hold: FileHold | None = None) -> Session:
        """Wrap a loaded assessment (held by its absolute path) and compute its results."""
        hold = hold or FileHold.empty(Path(path))
        return cls(bundle, assessment, hold.path, evaluate(bundle, assessment), hold)

    def refresh(self) -> None:
        """Recompute the results after a change (pure and fast)."""
        self.results = evaluate(self.bundle, self.assessment)
        self._index()

    def save(self) -> None:
        """Write the assessment file atomically (raises `SlicewiseError` when the disk refuses, and
        `FileChangedError` when another writer changed the file since this session read or wrote it)."""
        if self.hold is None or self.hold.path != self.path:
            self.hold = FileHold.empty(self.path)
        save_held(self.assessment, self.hold)

    def restamp_questionnaire(self) -> bool:
        """Record the questionnaire's current version and digest as the one the file was last saved against.

        Returns True when they differed; answers to questions it no longer has stay in the file.
        """
        reference = self.assessment.questionnaire
        questionnaire = self.bundle.questionnaire
        if reference.version == questionnaire.version and reference.digest == questionnaire.digest:
            return False
        reference.version = questionnaire.version
        reference.digest = questionnaire.digest
        return True

    # ----- questions and visibility -------------------------------------------------------------

    @property
    def questions(self) -> list[Question]:
        """Every question in walking order."""
        return self.bundle.questionnaire.questions

    def question(self, question_id: str) -> Question | None:
        """Return a question by id."""
        return self.bundle.questionnaire.question(question_id)

    def status(self, question_id: str) -> QuestionStatus:
        """Return a question's status from the latest results."""
        result = self._by_id.get(question_id)
        return result.status if result else "unanswered"

    def is_visible(self, question_id: str) -> bool:
        """Tell whether a question is asked, given the answers so far (its `show_if` holds)."""
        return self.status(question_id) != "hidden"

    def visible_questions(self, area_id: str | None = None) -> list[Question]:
        """Return the questions currently asked, optionally of one area."""
        return [q for q in self.questions if (area_id is None or area_of(q.id) == area_id) and self.is_visible(q.id)]

    def area_progress(self, area_id: str) -> tuple[int, int]:
        """Return (dealt with, asked) for an area, counting don't-know and N/A as dealt with."""
        asked = self.visible_questions(area_id)
        done = sum(1 for q in asked if self.status(q.id) != "unanswered")
        return done, len(asked)

    def start_question(self) -> str:
        """Return the question to open on: where work stopped, else the first one asked."""
        current = self.assessment.progress.current
        if current and self.question(current) is not None and self.is_visible(current):
            return current
        if current and self.question(current) is not None:
            following = self.step(current, 1)
            if following != current:
                return following
        visible = self.visible_questions()
        return visible[0].id if visible else self.questions[0].id

    def step(self, question_id: str, offset: int) -> str:
        """Return the asked question `offset` places away (staying put at either end)."""
        order = [q.id for q in self.questions]
        if question_id not in order:
            return self.start_question()
        index = order.index(question_id)
        direction = 1 if offset > 0 else -1
        remaining = abs(offset)
        cursor = index
        while remaining:
            cursor += direction
            if cursor < 0 or cursor >= len(order):
                return question_id
            if self.is_visible(order[cursor]):
                question_id = order[cursor]
                remaining -= 1
        return question_id

    def first_of_area(self, area_id: str) -> str | None:
        """Return the first asked question of an area."""
        asked = self.visible_questions(area_id)
        return asked[0].id if asked else None

    def first_of_kind(self, kind: str) -> str | None:
        """Return the first question of a kind (`ownership_matrix`, `flow_inventory`)."""
        return next((q.id for q in self.questions if q.kind == kind), None)

    def set_current(self, question_id: str) -> bool:
        """Remember the question on screen so reopening resumes there; True when it changed."""
        if self.assessment.progress.current == question_id:
            return False
        self.assessment.progress.current = question_id
        return True

    # ----- answers ---------------------------------------------------------------------------------

    def answer(self, question_id: str) -> Answer:
        """Return the answer of a question (an empty one when there is none yet, not stored)."""
        return self.assessment.answers.get(question_id) or Answer()

    def _edit(self, question_id: str) -> Answer:
        """Return the stored answer of a question, creating it."""
        return self.assessment.answers.setdefault(question_id, Answer())

    def _tidy(self, question_id: str) -> None:
        """Drop an answer that holds nothing at all, so the file stays readable."""
        answer = self.assessment.answers.get(question_id)
        if answer is not None and answer == Answer():
            del self.assessment.answers[question_id]

    def choose(self, question_id: str, choice_id: str) -> None:
        """Answer a choice question; a real answer replaces don't-know and N/A."""
        answer = self._edit(question_id)
        answer.choice = choice_id
        _clear_marks(answer)

    def toggle_item(self, question_id: str, item_id: str) -> None:
        """Tick or untick one checklist item (ticking nothing still counts as an answer)."""
        question = self.question(question_id)
        answer = self._edit(question_id)
        ticked = set(answer.choices or [])
        ticked ^= {item_id}
        order = [i.id for i in question.items] if isinstance(question, ChecklistQuestion) else sorted(ticked)
        answer.choices = [i for i in order if i in ticked]
        _clear_marks(answer)

    def set_items(self, question_id: str, items: list[str]) -> None:
        """Set the ticked items of a checklist at once (ticks made with space or the mouse)."""
        answer = self._edit(question_id)
        answer.choices = list(items)
        _clear_marks(answer)

    def confirm_checklist(self, question_id: str) -> None:
        """Record a checklist confirmed with nothing ticked as an answer (none of the items)."""
        answer = self._edit(question_id)
        if answer.choices is None and not answer.unknown and answer.na is None:
            answer.choices = []

    def set_text(self, question_id: str, text: str) -> None:
        """Set a text answer; an empty text removes it."""
        answer = self._edit(question_id)
        answer.text = text if text.strip() else None
        if answer.text is not None:
            _clear_marks(answer)
        self._tidy(question_id)

    def set_note(self, question_id: str, note: str) -> None:
        """Set the consultant's note on a question."""
        self._edit(question_id).note = note
        self._tidy(question_id)

    def toggle_unknown(self, question_id: str) -> bool:
        """Toggle don't-know (it clears a chosen rubric answer and N/A); return the new state."""
        answer = self._edit(question_id)
        answer.unknown = not answer.unknown
        if answer.unknown:
            answer.choice = None
            answer.na = None
            answer.na_note = ""
        self._tidy(question_id)
        return answer.unknown

    def set_na(self, question_id: str, reason: str | None, note: str = "") -> None:
        """Mark a question not applicable with a reason id and note, or clear the mark (`reason=None`)."""
        answer = self._edit(question_id)
        answer.na = reason
        answer.na_note = note if reason else ""
        if reason:
            answer.unknown = False
            answer.choice = None
        self._tidy(question_id)

    def cycle_confidence(self, question_id: str) -> str | None:
        """Cycle confidence: not said → sure → unsure → not said; return the new value."""
        answer = self._edit(question_id)
        following: dict[str | None, Literal["sure", "unsure"] | None] = {
            None: "sure",
            "sure": "unsure",
            "unsure": None,
        }
        answer.confidence = following[answer.confidence]
        self._tidy(question_id)
        return answer.confidence

    def set_done(self, question_id: str, done: bool) -> None:
        """Mark the ownership matrix or flow inventory as finished by the room (or not)."""
        answer = self._edit(question_id)
        answer.done = done
        if done:
            _clear_marks(answer)
        self._tidy(question_id)

    # ----- ownership matrix -------------------------------------------------------------------------

    def matrix_question(self) -> OwnershipMatrixQuestion | None:
        """Return the ownership matrix question, when the questionnaire has one."""
        return next((q for q in self.questions if isinstance(q, OwnershipMatrixQuestion)), None)

    def matrix_objects(self) -> list[str]:
        """Return the object ids the matrix asks about, in catalogue order."""
        question = self.matrix_question()
        catalogue = [o.id for o in self.bundle.questionnaire.objects]
        if question is not None and question.objects:
            return [o for o in catalogue if o in question.objects] or list(question.objects)
        return catalogue

    def matrix_systems(self) -> list[str]:
        """Return the system role ids the matrix offers, in catalogue order."""
        question = self.matrix_question()
        catalogue = [s.id for s in self.bundle.questionnaire.systems]
        if question is not None and question.systems:
            return [s for s in catalogue if s in question.systems] or list(question.systems)
        return catalogue

    def cell(self, object_id: str, system_id: str) -> Role | None:
        """Return what a system does with an object: create, update, consume or nothing."""
        entry = self.assessment.ownership.get(object_id)
        if entry is None:
            return None
        for role in OWNERSHIP_ROLES:
            if system_id in getattr(entry, role):
                return role  # type: ignore[return-value]
        return None

    def set_cell(self, object_id: str, system_id: str, role: Role | None) -> None:
        """Set what a system does with an object (one role per cell; None clears it)."""
        entry = self.assessment.ownership.setdefault(object_id, OwnershipEntry())
        for name in OWNERSHIP_ROLES:
            members: list[str] = getattr(entry, name)
            if system_id in members:
                members.remove(system_id)
        if role is not None:
            getattr(entry, role).append(system_id)
            self._sort_entry(entry)
        if entry == OwnershipEntry():
            del self.assessment.ownership[object_id]

    def _sort_entry(self, entry: OwnershipEntry) -> None:
        """Keep system lists in catalogue order so saves are stable."""
        order = {s.id: n for n, s in enumerate(self.bundle.questionnaire.systems)}
        for name in OWNERSHIP_ROLES:
            getattr(entry, name).sort(key=lambda s: (order.get(s, len(order)), s))

    def set_correction_owner(self, object_id: str, owner: str) -> None:
        """Name who may correct bad data for an object."""
        entry = self.assessment.ownership.setdefault(object_id, OwnershipEntry())
        entry.correction_owner = owner.strip()
        if entry == OwnershipEntry():
            del self.assessment.ownership[object_id]

    def set_system_name(self, system_id: str, name: str) -> None:
        """Record the client's own name for a system role (empty removes it)."""
        if name.strip():
            self.assessment.systems[system_id] = name.strip()
        else:
            self.assessment.systems.pop(system_id, None)

    def system_label(self, system_id: str) -> str:
        """Return a system's label, with the client's name for it when known."""
        entry = next((s for s in self.bundle.questionnaire.systems if s.id == system_id), None)
        return system_with_client_name(entry.label if entry else system_id, self.assessment.systems.get(system_id, ""))

    def object_label(self, object_id: str) -> str:
        """Return a business object's label."""
        entry = next((o for o in self.bundle.questionnaire.objects if o.id == object_id), None)
        return entry.label if entry else object_id

    # ----- flows --------------------------------------------------------------------------------------

    def new_flow_id(self, name: str) -> str:
        """Return a unique flow id derived from its name."""
        return unique(slugify(name, fallback="flow"), {f.id for f in self.assessment.flows})

    def put_flow(self, flow: Flow) -> None:
        """Add a flow, or replace the one with the same id."""
        for index, existing in enumerate(self.assessment.flows):
            if existing.id == flow.id:
                self.assessment.flows[index] = flow
                return
        self.assessment.flows.append(flow)

    def delete_flow(self, flow_id: str) -> None:
        """Remove a flow from the inventory."""
        self.assessment.flows = [f for f in self.assessment.flows if f.id != flow_id]

    # ----- engagement ---------------------------------------------------------------------------------

    def set_engagement(self, engagement: Engagement, targets: dict[str, int], systems: dict[str, str]) -> None:
        """Replace the engagement details, target overrides and the client's system names."""
        self.assessment.engagement = engagement
        self.assessment.targets = dict(targets)
        self.assessment.systems = {k: v for k, v in systems.items() if v.strip()}

    def target_for(self, area_id: str) -> int:
        """Return an area's target: the assessment's override, else the scoring model's default."""
        if area_id in self.assessment.targets:
            return self.assessment.targets[area_id]
        return self.bundle.scoring.area_scoring(area_id).target

    def title(self) -> str:
        """Return a short title for the top bar: client, then questionnaire title."""
        client = self.assessment.engagement.client
        name = self.bundle.questionnaire.title
        return f"{client} · {name}" if client else name


def _clear_marks(answer: Answer) -> None:
    """Drop don't-know and N/A from an answer that has just been given for real."""
    answer.unknown = False
    answer.na = None
    answer.na_note = ""
