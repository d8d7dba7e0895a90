"""JSON schemas of the file formats, so editors can complete and check questionnaire and assessment files.

The models document each field with a docstring under it. Those docstrings become the schema's field
descriptions here, when a schema is asked for, rather than when the models are built: reading them means
parsing the models' source, which every command would otherwise pay for at start-up.
"""

from __future__ import annotations

import ast
import inspect
import sys
from functools import cache
from typing import Any

from pydantic import BaseModel

from slicewise.core.models.assessment import Assessment
from slicewise.core.models.questionnaire import AreaFile, QuestionnaireHeader
from slicewise.core.models.report import Report
from slicewise.core.models.scoring import RiskFile, RoadmapFile, ScoringModel

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "questionnaire": (QuestionnaireHeader, "questionnaires/<id>/questionnaire.toml"),
    "area": (AreaFile, "questionnaires/<id>/<area>.toml"),
    "scoring": (ScoringModel, "scoring/<id>/scoring.toml"),
    "risks": (RiskFile, "scoring/<id>/risks.toml"),
    "roadmap": (RoadmapFile, "scoring/<id>/roadmap.toml"),
    "assessment": (Assessment, "an assessment file"),
    "report": (Report, "the report: `export` TOML and `score --json`"),
}
"""Schema name → (model, the file it describes)."""


def json_schema(name: str) -> dict[str, Any]:
    """Return the JSON schema of one format, titled with the file it describes."""
    model, describes = SCHEMAS[name]
    schema = model.model_json_schema(by_alias=True)
    _describe_fields(schema, model)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"slicewise {name} ({describes})"
    return schema


def _describe_fields(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Give every field of the schema's models the docstring written under it, unless its type already
    describes it (an id, a level)."""
    models = {cls.__name__: cls for cls in _models_used(model)}
    _describe_model(schema, model)
    for name, definition in schema.get("$defs", {}).items():
        if name in models:
            _describe_model(definition, models[name])


def _describe_model(definition: dict[str, Any], model: type[BaseModel]) -> None:
    """Add the field docstrings of one model to its schema's properties, keeping the keys sorted."""
    properties = definition.get("properties", {})
    docs = _field_docstrings(model)
    for name, field in model.model_fields.items():
        prop = properties.get(field.alias or name)
        if prop is not None and "description" not in prop and name in docs:
            prop["description"] = docs[name]
            properties[field.alias or name] = dict(sorted(prop.items()))


def _models_used(model: type[BaseModel]) -> set[type[BaseModel]]:
    """Every model class reachable from a model's fields, the model included."""
    found: set[type[BaseModel]] = set()
    pending = [model]
    while pending:
        current = pending.pop()
        if current in found:
            continue
        found.add(current)
        for field in current.model_fields.values():
            pending.extend(_models_in(field.annotation))
    return found


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The model classes named anywhere in a field's type (inside lists, unions, dicts and so on)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in getattr(annotation, "__args__", ()) for model in _models_in(arg)]


def _field_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """The docstring under each field of a model and of the models it inherits from (its own win)."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__.startswith("slicewise."):
            docs.update(_module_docstrings(cls.__module__).get(cls.__name__, {}))
    return docs


@cache
def _module_docstrings(module_name: str) -> dict[str, dict[str, str]]:
    """Read a module's source once: class name → field name → the docstring written under the field.

    An install without the sources (bytecode only) gives no descriptions rather than failing.
    """
    try:
        tree = ast.parse(inspect.getsource(sys.modules[module_name]))
    except (OSError, TypeError):
        return {}
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs: dict[str, str] = {}
        for field, after in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[field.target.id] = inspect.cleandoc(after.value.value)
        found[node.name] = docs
    return found
