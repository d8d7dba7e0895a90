"""Shared pydantic base classes and small value types used by every format."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
QUESTION_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9_.-]*$"

Slug = Annotated[str, Field(pattern=ID_PATTERN, description="A lower-case id: letters, digits, - and _.")]
QuestionId = Annotated[
    str,
    Field(pattern=QUESTION_ID_PATTERN, description="A question id of the form `area.slug`."),
]
Level = Annotated[int, Field(ge=0, le=4, description="A maturity level on the 0–4 scale.")]
Rating1to5 = Annotated[int, Field(ge=1, le=5, description="A likelihood or impact rating from 1 to 5.")]


class Strict(BaseModel):
    """A model that refuses unknown keys, so a typo in a file is an error rather than silently ignored."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Content(Strict):
    """A model of questionnaire or scoring content, built when first validated rather than when imported.

    A questionnaire kept by the TUI's content cache (`core/contentcache`) is read back already checked, so
    opening a file of a built-in questionnaire a second time never needs these validators at all.
    """

    model_config = ConfigDict(defer_build=True)
