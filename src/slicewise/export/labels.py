"""Readable names for the ids in results and answers, shared by the TOML report and the workbook."""

from __future__ import annotations

from typing import Protocol

from slicewise.core.labels import system_label
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.questionnaire import (
    LATENCY_LABELS,
    PATTERN_LABELS,
    SAFEGUARD_LABELS,
    Questionnaire,
)
from slicewise.core.models.scoring import ScoringBundle


class BundleLike(Protocol):
    """What the exports need from a loaded bundle: the questionnaire and its scoring model."""

    @property
    def questionnaire(self) -> Questionnaire:
        """The questionnaire."""
        ...

    @property
    def scoring(self) -> ScoringBundle:
        """The scoring bundle."""
        ...


class Labels:
    """Look up the words people read for area, question, object, system, pattern and latency ids."""

    def __init__(self, bundle: BundleLike, assessment: Assessment) -> None:
        """Index the catalogues once so lookups stay cheap."""
        questionnaire = bundle.questionnaire
        self.questionnaire = questionnaire
        self.scoring = bundle.scoring
        self._areas = {area.id: area.title for area in questionnaire.areas}
        self._objects = {entry.id: entry.label for entry in questionnaire.objects}
        self._critical = {
            entry.id
            for entry in questionnaire.objects
            if bundle.scoring.criticality(entry.id, entry.critical) == "critical"
        }
        self.assessment = assessment
        self._actions = {action.id: action.title for action in bundle.scoring.actions}

    def area(self, area_id: str) -> str:
        """Return an area's title, or its id when the questionnaire does not know it."""
        return self._areas.get(area_id, area_id)

    def prompt(self, question_id: str) -> str:
        """Return a question's prompt, or its id for an answer the questionnaire no longer has."""
        question = self.questionnaire.question(question_id)
        return question.prompt if question is not None else question_id

    def object(self, object_id: str) -> str:
        """Return a business object's label."""
        return self._objects.get(object_id, object_id)

    def is_critical_object(self, object_id: str) -> bool:
        """Tell whether an ownership gap on this object is critical."""
        return object_id in self._critical

    def system(self, role: str) -> str:
        """Return a system role's label with the client's own name for it, e.g. `ERP (SAP S/4HANA)`."""
        return system_label(self.questionnaire, self.assessment, role)

    def pattern(self, pattern_id: str) -> str:
        """Return an integration pattern's label."""
        return PATTERN_LABELS.get(pattern_id, pattern_id)

    def latency(self, latency_id: str) -> str:
        """Return a latency class's label."""
        return LATENCY_LABELS.get(latency_id, latency_id)

    def safeguard(self, safeguard_id: str) -> str:
        """Return a safeguard's label."""
        return SAFEGUARD_LABELS.get(safeguard_id, safeguard_id)

    def action(self, action_id: str) -> str:
        """Return a roadmap action's title."""
        return self._actions.get(action_id, action_id)

    def level_name(self, level: int | None) -> str:
        """Return a level's name, or an empty string when there is no level."""
        return "" if level is None else self.scoring.level_name(level)

    def object_order(self) -> list[str]:
        """Return the business object ids in catalogue order."""
        return list(self._objects)

    def system_order(self) -> list[str]:
        """Return the system role ids in catalogue order."""
        return [entry.id for entry in self.questionnaire.systems]
