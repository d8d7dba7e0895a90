"""Shared pydantic base classes and small value types used by every format."""

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

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)
    """Built when first validated, not when imported: start-up builds only the models its first screen uses,
    and content read back from the TUI's content cache (`core/contentcache`) is never validated again."""


class Computed(BaseModel):
    """A model of what the engine computes, built when first used rather than when imported."""

    model_config = ConfigDict(defer_build=True)
