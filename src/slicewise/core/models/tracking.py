"""The consultant's judgement and the client's tracking, kept in the assessment file apart from the answers.

Adjustments are a log: each entry changes some fields of one risk or action instance (by its stable id) and
says why, who and when; the latest value of each field wins. Custom risks and actions are the consultant's
own additions. Milestones are named snapshots of levels, risks, plan and statuses. All are optional and
default empty, so format /2 files without them load unchanged.
"""

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from slicewise.core.models.base import Rating1to5, Strict

RiskResponse = Literal["open", "mitigating", "accepted", "closed"]
"""Where the response to a risk stands."""
RISK_RESPONSES: tuple[str, ...] = ("open", "mitigating", "accepted", "closed")

RiskStrategy = Literal["avoid", "mitigate", "transfer", "accept"]
"""How a risk is handled (the register's Response column), chosen by its owner."""
RISK_STRATEGIES: tuple[str, ...] = ("avoid", "mitigate", "transfer", "accept")

ActionStatus = Literal["not-started", "in-progress", "blocked", "done"]
"""Where delivery of an action stands."""
ACTION_STATUSES: tuple[str, ...] = ("not-started", "in-progress", "blocked", "done")

LATER = "later"
"""The slice value that moves an action to Later."""


class Adjustment(Strict):
    """One change the consultant (or a stakeholder, through the workbook) made to a risk or an action instance."""

    id: str = Field(min_length=1)
    """The stable id of the risk or action instance it applies to."""
    on: Literal["risk", "action"]
    """Whether the id is a risk's or an action instance's."""
    reason: str = Field(min_length=1)
    """Why, in a short sentence: required, so the plan handed over says why it differs from the engine's."""
    by: str = ""
    """Who made it."""
    at: str = ""
    """When (ISO date and time, UTC)."""
    response: RiskResponse | None = None
    """For a risk: its response status (accepting a risk sets `accepted`)."""
    strategy: RiskStrategy | None = None
    """For a risk: how it is handled (avoid, mitigate, transfer, accept)."""
    likelihood: Rating1to5 | None = None
    """For a risk: the likelihood it is re-rated to."""
    impact: Rating1to5 | None = None
    """For a risk: the impact it is re-rated to."""
    dismissed: bool | None = None
    """For a risk: true dismisses it as not applicable here, false brings it back."""
    status: ActionStatus | None = None
    """For an action: its delivery status."""
    slice: str | None = None
    """For an action: the slice id it is moved to, or `later`."""
    dropped: bool | None = None
    """For an action: true drops it from the plan, false brings it back."""
    owner: str | None = None
    """The named person who owns it (beside the engine's owner role)."""
    due: str | None = Field(default=None, pattern=r"^(\d{4}-\d{2}-\d{2})?$")
    """For a risk its due date, for an action its target date (ISO `YYYY-MM-DD`; empty clears it)."""

    @field_validator("due")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        """Refuse a date that does not exist (2027-13-01)."""
        if value:
            dt.date.fromisoformat(value)
        return value

    def changes(self) -> dict[str, object]:
        """Return the fields this entry sets (everything but id, on, reason, by and at)."""
        skip = {"id", "on", "reason", "by", "at"}
        return {k: v for k, v in self.model_dump().items() if k not in skip and v is not None}


class CustomRisk(Strict):
    """A risk the consultant adds that no rule raised."""

    id: str = Field(pattern=r"^custom-[a-z0-9][a-z0-9_-]*$")
    """Its id, starting with `custom-`."""
    title: str = Field(min_length=1)
    """Short statement."""
    cause: str = ""
    """Cause."""
    effect: str = ""
    """Effect."""
    trigger: str = ""
    """Early-warning signal."""
    category: str = "custom"
    """Category."""
    likelihood: Rating1to5 = 3
    """1–5."""
    impact: Rating1to5 = 3
    """1–5."""
    owner: str = ""
    """Owner role."""
    reason: str = Field(min_length=1)
    """Why it was added."""
    by: str = ""
    """Who added it."""
    at: str = ""
    """When."""


class CustomAction(Strict):
    """An action the consultant adds to the plan, with its slice and dependencies."""

    id: str = Field(pattern=r"^custom-[a-z0-9][a-z0-9_-]*$")
    """Its id, starting with `custom-`."""
    title: str = Field(min_length=1)
    """What to do."""
    slice: str = Field(min_length=1)
    """The slice id it belongs to, or `later`."""
    depends_on: list[str] = Field(default_factory=list)
    """Action instance ids it waits for."""
    risks: list[str] = Field(default_factory=list)
    """Risk ids it answers."""
    effort: str = "M"
    """Effort size (a key of the effort scale)."""
    owner: str = ""
    """Owner role."""
    evidence: str = ""
    """Evidence of done."""
    description: str = ""
    """Detail."""
    reason: str = Field(min_length=1)
    """Why it was added."""
    by: str = ""
    """Who added it."""
    at: str = ""
    """When."""


class AreaMark(Strict):
    """One area's score and level at a milestone."""

    id: str
    """Area id."""
    title: str = ""
    """Area title."""
    score: float | None = None
    """Score."""
    level: int | None = None
    """Whole level."""
    level_name: str = ""
    """Level name."""
    target: int | None = None
    """Target level."""


class RiskMark(Strict):
    """One risk at a milestone."""

    id: str
    """Risk id."""
    title: str = ""
    """Title."""
    score: int = 0
    """Likelihood × impact (as adjusted)."""
    rating: str = ""
    """Rating band."""
    owner: str = ""
    """Owner role."""
    response: str = "open"
    """Response status."""


class ActionMark(Strict):
    """One action instance at a milestone."""

    id: str
    """Instance id."""
    title: str = ""
    """Title."""
    area: str = ""
    """Area id."""
    slice: str = ""
    """Slice id, or `later`."""
    status: str = "not-started"
    """Delivery status."""


class Snapshot(Strict):
    """Levels, risks, plan and statuses at one moment: what `compare` reads on each side."""

    client: str = ""
    """The client."""
    date: str = ""
    """The assessment date."""
    questionnaire: str = ""
    """Questionnaire id."""
    version: str = ""
    """Questionnaire version."""
    digest: str = ""
    """Questionnaire content digest."""
    overall_score: float | None = None
    """Overall score."""
    overall_level: int | None = None
    """Overall level."""
    areas: list[AreaMark] = Field(default_factory=list)
    """Scored areas."""
    risks: list[RiskMark] = Field(default_factory=list)
    """Risks (dismissed ones left out)."""
    actions: list[ActionMark] = Field(default_factory=list)
    """Action instances in the slices and in Later (dropped ones left out)."""


class Milestone(Strict):
    """A named moment recorded inside the assessment file."""

    name: str = Field(min_length=1)
    """The name given, e.g. `workshop` or `after slice 1`."""
    at: str = ""
    """When it was recorded (ISO date and time, UTC)."""
    by: str = ""
    """Who recorded it."""
    snapshot: Snapshot
    """What stood at that moment."""


def label(value: str) -> str:
    """Return how a status reads in the workbook and on screen, e.g. `not-started` → `Not started`."""
    return value.replace("-", " ").capitalize()


def from_label(text: str, allowed: tuple[str, ...]) -> str | None:
    """Return the status a workbook label stands for (case and spacing forgiven), or None when it is none of them."""
    wanted = " ".join(text.replace("-", " ").split()).lower()
    return next((value for value in allowed if label(value).lower() == wanted), None)
