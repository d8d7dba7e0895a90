"""AnswerView: the status and level of every question, shared by conditions, scoring, risks and roadmap."""

from __future__ import annotations

from slicewise.core.conditions import evaluate
from slicewise.core.flowcheck import FlowCheck, check_flow
from slicewise.core.kinds import QuestionState, is_scored, kind_of
from slicewise.core.labels import na_reason_label, system_name
from slicewise.core.models.assessment import Answer, Assessment
from slicewise.core.models.questionnaire import (
    Question,
    Questionnaire,
    area_of,
)
from slicewise.core.models.results import QuestionStatus
from slicewise.core.models.scoring import ScoringBundle


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
        return kind_of(question).level(self, question, answer)

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

    def system_name(self, role: str) -> str:
        """Name a system role in a sentence as the client calls it (see `labels.system_name`)."""
        return system_name(self.questionnaire, self.assessment, role)

    def criticality(self, object_id: str) -> str:
        """Return a business object's criticality from the scoring model (`standard` when not in the catalogue)."""
        return self._criticality.get(object_id, "standard")

    def is_critical_object(self, object_id: str) -> bool:
        """Tell whether the scoring model counts a business object as critical."""
        return self.criticality(object_id) == "critical"
