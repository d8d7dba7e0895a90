"""The open assessment: bundle, answers, file path and latest results, with every edit the screens make."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from slicewise.core import counts as tally
from slicewise.core import edits
from slicewise.core.edits import Role
from slicewise.core.engine import evaluate, question_statuses, warnings
from slicewise.core.labels import object_label, system_label
from slicewise.core.models.assessment import Answer, Assessment, Engagement, Flow
from slicewise.core.models.questionnaire import (
    ChecklistQuestion,
    OwnershipMatrixQuestion,
    Question,
    area_of,
)
from slicewise.core.store import FileHold, save_held

if TYPE_CHECKING:
    from slicewise.core.loader import Bundle
    from slicewise.core.models.results import Counts, QuestionResult, QuestionStatus, Results


@dataclass
class Session:
    """One assessment open in the app: every edit goes through here, then `refresh` and `save`."""

    bundle: Bundle
    """The questionnaire and scoring model the assessment is answered against."""
    assessment: Assessment
    """The answers, ownership matrix and flows being edited."""
    path: Path
    """The assessment file, rewritten atomically after every change."""
    hold: FileHold | None = None
    """The file's content as last read or written here, so a save never replaces another writer's change."""
    _results: Results | None = field(default=None, init=False, repr=False)
    """The engine's results for the answers as they are, once asked for (None: not computed since the last change)."""
    _by_id: dict[str, QuestionResult] | None = field(default=None, init=False, repr=False)
    """What the engine says of each question, by id (the screens ask for statuses many times per redraw)."""

    @classmethod
    def open(cls, bundle: Bundle, assessment: Assessment, path: Path, hold: FileHold | None = None) -> Session:
        """Wrap a loaded assessment, held by its absolute path."""
        hold = hold or FileHold.empty(Path(path))
        return cls(bundle, assessment, hold.path, hold)

    @property
    def results(self) -> Results:
        """Scores, risks, the plan and visibility for the current answers, computed on first use after a change
        (a question is drawn from `question_result` alone, so the first screen never waits for the plan)."""
        if self._results is None:
            self._results = evaluate(self.bundle, self.assessment)
            self._by_id = {result.id: result for result in self._results.questions}
        return self._results

    def refresh(self) -> None:
        """Forget the results after a change: they are computed again, from the new answers, when next needed."""
        self._results = None
        self._by_id = None

    def question_result(self, question_id: str) -> QuestionResult | None:
        """Return what the engine says of one question now: asked or hidden, its status, level and words."""
        if self._by_id is None:
            self._by_id = {result.id: result for result in question_statuses(self.bundle, self.assessment)}
        return self._by_id.get(question_id)

    def warnings(self) -> list[str]:
        """Say where the answers and the questionnaire no longer fit each other (as the results do)."""
        return warnings(self.bundle.questionnaire, self.assessment)

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
        """Return a question's status for the current answers."""
        result = self.question_result(question_id)
        return result.status if result else "unanswered"

    def is_visible(self, question_id: str) -> bool:
        """Tell whether a question is asked, given the answers so far (its `show_if` holds)."""
        return self.status(question_id) != "hidden"

    def visible_questions(self, area_id: str | None = None) -> list[Question]:
        """Return the questions currently asked, optionally of one area."""
        return [q for q in self.questions if (area_id is None or area_of(q.id) == area_id) and self.is_visible(q.id)]

    def area_counts(self, area_id: str) -> Counts:
        """Return an area's counts (every question of it, scored or not) through the core's one definition."""
        results = (self.question_result(q.id) for q in self.questions if area_of(q.id) == area_id)
        return tally.count(result for result in results if result is not None)

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

    def choose(self, question_id: str, choice_id: str) -> None:
        """Answer a choice question (see `core.edits`)."""
        edits.choose(self.assessment, question_id, choice_id)

    def toggle_item(self, question_id: str, item_id: str) -> None:
        """Tick or untick one checklist item."""
        question = self.question(question_id)
        checklist = question if isinstance(question, ChecklistQuestion) else None
        edits.toggle_item(self.assessment, checklist, question_id, item_id)

    def set_items(self, question_id: str, items: list[str]) -> None:
        """Set the ticked items of a checklist at once (ticks made with space or the mouse)."""
        edits.set_items(self.assessment, question_id, items)

    def confirm_checklist(self, question_id: str) -> None:
        """Record a checklist confirmed with nothing ticked as an answer (none of the items)."""
        edits.confirm_checklist(self.assessment, question_id)

    def set_text(self, question_id: str, text: str) -> None:
        """Set a text answer; an empty text removes it."""
        edits.set_text(self.assessment, question_id, text)

    def set_note(self, question_id: str, note: str) -> None:
        """Set the consultant's note on a question."""
        edits.set_note(self.assessment, question_id, note)

    def toggle_unknown(self, question_id: str) -> bool:
        """Toggle don't-know (it replaces any value and N/A); return the new state."""
        return edits.toggle_unknown(self.assessment, question_id)

    def set_na(self, question_id: str, reason: str | None, note: str = "") -> None:
        """Mark a question not applicable with a reason id and note, or clear the mark (`reason=None`)."""
        edits.set_na(self.assessment, question_id, reason, note)

    def cycle_confidence(self, question_id: str) -> str | None:
        """Cycle confidence: not said → sure → unsure → not said; return the new value."""
        return edits.cycle_confidence(self.assessment, question_id)

    def set_done(self, question_id: str, done: bool) -> None:
        """Mark the ownership matrix or flow inventory as finished by the room (or not)."""
        edits.set_done(self.assessment, question_id, done)

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
        return edits.role_of(self.assessment, object_id, system_id)

    def set_cell(self, object_id: str, system_id: str, role: Role | None) -> None:
        """Set what a system does with an object (one role per cell; None clears it)."""
        edits.set_cell(self.assessment, self.bundle.questionnaire, object_id, system_id, role)

    def set_correction_owner(self, object_id: str, owner: str) -> None:
        """Name who may correct bad data for an object."""
        edits.set_correction_owner(self.assessment, self.bundle.questionnaire, object_id, owner)

    def set_system_name(self, system_id: str, name: str) -> None:
        """Record the client's own name for a system role (empty removes it)."""
        edits.set_system_name(self.assessment, system_id, name)

    def system_label(self, system_id: str) -> str:
        """Return a system's label, with the client's name for it when known."""
        return system_label(self.bundle.questionnaire, self.assessment, system_id)

    def object_label(self, object_id: str) -> str:
        """Return a business object's label."""
        return object_label(self.bundle.questionnaire, object_id)

    # ----- flows --------------------------------------------------------------------------------------

    def new_flow_id(self, name: str) -> str:
        """Return a unique flow id derived from its name."""
        return edits.new_flow_id(self.assessment, name)

    def put_flow(self, flow: Flow) -> None:
        """Add a flow, or replace the one with the same id."""
        edits.put_flow(self.assessment, flow)

    def delete_flow(self, flow_id: str) -> None:
        """Remove a flow from the inventory."""
        edits.delete_flow(self.assessment, flow_id)

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
