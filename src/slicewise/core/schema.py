"""JSON schemas of the file formats, so editors can complete and check questionnaire and assessment files."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from slicewise.core.models.assessment import Assessment
from slicewise.core.models.questionnaire import AreaFile, QuestionnaireHeader
from slicewise.core.models.scoring import RiskFile, RoadmapFile, ScoringModel

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "questionnaire": (QuestionnaireHeader, "questionnaires/<id>/questionnaire.toml"),
    "area": (AreaFile, "questionnaires/<id>/<area>.toml"),
    "scoring": (ScoringModel, "scoring/<id>/scoring.toml"),
    "risks": (RiskFile, "scoring/<id>/risks.toml"),
    "roadmap": (RoadmapFile, "scoring/<id>/roadmap.toml"),
    "assessment": (Assessment, "an assessment file"),
}
"""Schema name → (model, the file it describes)."""


def json_schema(name: str) -> dict[str, Any]:
    """Return the JSON schema of one format, titled with the file it describes."""
    model, describes = SCHEMAS[name]
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"slicewise {name} ({describes})"
    return schema
