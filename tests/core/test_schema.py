"""The JSON schemas describe every field with the docstring written under it in the models."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from slicewise.core.schema import SCHEMAS, json_schema


def _properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every property of a schema and its definitions, as `Model.field` → the property's schema."""
    found = {f"(root).{key}": prop for key, prop in schema.get("properties", {}).items()}
    for name, definition in schema.get("$defs", {}).items():
        found.update({f"{name}.{key}": prop for key, prop in definition.get("properties", {}).items()})
    return found


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_field_is_described(name: str) -> None:
    undescribed = [key for key, prop in _properties(json_schema(name)).items() if not prop.get("description")]
    assert undescribed == []


def test_descriptions_are_the_field_docstrings_and_a_described_type_keeps_its_own() -> None:
    properties = _properties(json_schema("assessment"))
    assert properties["Engagement.client"]["description"] == "The client's name."
    assert properties["(root).questionnaire"]["description"] == "The questionnaire answered."
    # An id field's type says what an id is; the field's docstring does not replace it.
    assert properties["QuestionnaireRef.id"]["description"] == "A lower-case id: letters, digits, - and _."


def test_an_aliased_field_and_an_inherited_one_are_described() -> None:
    properties = _properties(json_schema("area"))
    assert any(key.endswith(".not") and prop.get("description") for key, prop in properties.items())


def test_building_the_models_does_not_read_their_source() -> None:
    """Reading docstrings parses source files; the models must not do it at import (every command pays)."""
    code = (
        "import inspect\n"
        "calls = []\n"
        "real = inspect.findsource\n"
        "inspect.findsource = lambda obj: calls.append(obj) or real(obj)\n"
        "import slicewise.core.engine, slicewise.core.store\n"
        "from slicewise.core.models.assessment import Engagement\n"
        "assert calls == [], calls\n"
        "assert Engagement.model_fields['client'].description is None\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_without_the_models_source_the_schema_still_builds() -> None:
    # A fresh interpreter, so no docstring read earlier is remembered.
    code = (
        "import inspect\n"
        "def no_source(obj):\n"
        "    raise OSError('could not get source code')\n"
        "inspect.getsource = no_source\n"
        "from slicewise.core.schema import json_schema\n"
        "built = json_schema('assessment')\n"
        "assert built['properties'] and built['title'].startswith('slicewise assessment')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
