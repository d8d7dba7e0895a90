"""The questionnaire format: areas, catalogues and the five question kinds (a discriminated union)."""

from typing import Annotated, Literal, get_args

from pydantic import Field, PrivateAttr

from slicewise.core.models.base import Level, QuestionId, Slug, Strict
from slicewise.core.models.conditions import Condition

PATTERNS: tuple[str, ...] = (
    "direct-api",
    "ipaas",
    "middleware",
    "event-stream",
    "queue",
    "file",
    "edi",
    "scheduled-job",
)
"""Integration patterns a flow can use, as ids (labels live in `PATTERN_LABELS`)."""

PATTERN_LABELS: dict[str, str] = {
    "direct-api": "Direct API",
    "ipaas": "iPaaS",
    "middleware": "Middleware / ESB",
    "event-stream": "Event stream",
    "queue": "Message queue",
    "file": "File transfer",
    "edi": "EDI",
    "scheduled-job": "Scheduled job",
}

LATENCIES: tuple[str, ...] = (
    "checkout-blocking",
    "near-real-time",
    "same-day",
    "next-cycle",
    "finance-close",
)
"""Latency classes in business language, strictest first."""

LATENCY_LABELS: dict[str, str] = {
    "checkout-blocking": "Checkout-blocking",
    "near-real-time": "Near real time",
    "same-day": "Same-day operational",
    "next-cycle": "Next-cycle enrichment",
    "finance-close": "Finance-close reconciliation",
}

SAFEGUARDS: tuple[str, ...] = (
    "idempotency",
    "duplicate-detection",
    "retry",
    "dead-letter",
    "replay",
    "alert",
    "runbook",
    "staleness-check",
    "completeness-check",
)
"""Failure safeguards a flow can have (the last two judge full snapshots)."""

SAFEGUARD_LABELS: dict[str, str] = {
    "idempotency": "Idempotency",
    "duplicate-detection": "Duplicate detection",
    "retry": "Retry",
    "dead-letter": "Dead-letter handling",
    "replay": "Manual replay",
    "alert": "Alert",
    "runbook": "Runbook",
    "staleness-check": "Staleness check",
    "completeness-check": "Completeness check",
}

FLOW_MODE_LABELS: dict[str, str] = {
    "delta": "Changes / events",
    "snapshot": "Full snapshot",
    "unknown": "Unknown",
}
"""What a flow moves, in words."""

SLA_LABELS: dict[str, str] = {
    "": "Not recorded",
    "none": "None",
    "informal": "Informal",
    "measured": "Agreed and measured",
    "unknown": "Unknown",
}
"""A flow's agreed service level, in words."""

OWNERSHIP_ROLES: tuple[str, ...] = ("create", "update", "consume")
"""What a system may do with a business object in the ownership matrix."""


class CatalogueEntry(Strict):
    """One business object or system role the ownership matrix and the flows speak about."""

    id: Slug
    """Stable id used in assessment files (e.g. `price`, `erp`)."""
    label: str = Field(min_length=1)
    """The name shown to people."""
    critical: bool = False
    """For objects: whether an ownership gap on it is a critical finding."""
    description: str = ""
    """A line of explanation shown as help."""


class Area(Strict):
    """One assessed area, whose questions live in their own file."""

    id: Slug
    """Stable id; question ids in this area start with it (`<area>.<slug>`)."""
    title: str = Field(min_length=1)
    """The area's heading."""
    summary: str = ""
    """One or two sentences on what the area covers, shown when it is entered."""
    file: str = ""
    """The file holding its questions, relative to the questionnaire folder; defaults to `<id>.toml`."""
    scored: bool = True
    """False for context areas whose questions describe the client rather than rate it."""


class QuestionBase(Strict):
    """Fields every question kind shares."""

    id: QuestionId
    """Stable id `area.slug`; answers in assessment files are keyed by it."""
    prompt: str = Field(min_length=1)
    """The question as asked in the workshop."""
    guidance: str = Field(min_length=1)
    """Why it matters and what good looks like, in the workshop's language."""
    weight: float = Field(default=1.0, gt=0)
    """The question's weight in its area's mean (the scoring model may override it)."""
    critical: bool = False
    """A critical question at level L caps its area at L + 1."""
    show_if: Condition | None = None
    """Asked only when this condition holds; otherwise it is not applicable and not scored."""
    tags: list[str] = Field(default_factory=list)
    """Free tags, e.g. the playbook practice a question covers."""


class Choice(Strict):
    """One anchored rubric answer of a `choice` question."""

    id: Slug
    """Stable id stored in assessment files."""
    label: str = Field(min_length=1)
    """What this level looks like in practice, in the client's words."""
    level: Level
    """The maturity level this answer stands for."""


class ChoiceQuestion(QuestionBase):
    """One answer from an anchored rubric, each choice carrying a maturity level."""

    kind: Literal["choice"]
    """Discriminator."""
    choices: list[Choice] = Field(min_length=2)
    """The rubric, usually lowest level first."""


class ChecklistItem(Strict):
    """One item of a `checklist` question."""

    id: Slug
    """Stable id stored in assessment files."""
    label: str = Field(min_length=1)
    """The practice or case ticked when present."""
    weight: float = Field(default=1.0, gt=0)
    """Its share of the question's weighted coverage."""


class ChecklistQuestion(QuestionBase):
    """Pick any; the level comes from the weighted share covered, through the model's thresholds."""

    kind: Literal["checklist"]
    """Discriminator."""
    items: list[ChecklistItem] = Field(min_length=1)
    """The items that can be ticked."""


class TextQuestion(QuestionBase):
    """Context only, never scored (e.g. which commerce platform the client runs)."""

    kind: Literal["text"]
    """Discriminator."""
    placeholder: str = ""
    """An example answer shown in an empty field."""


class OwnershipMatrixQuestion(QuestionBase):
    """Business objects × systems; each cell says create, update, consume or nothing."""

    kind: Literal["ownership_matrix"]
    """Discriminator."""
    objects: list[Slug] = Field(default_factory=list)
    """Objects asked about (catalogue ids); empty means the whole catalogue."""
    systems: list[Slug] = Field(default_factory=list)
    """Systems offered (catalogue ids); empty means the whole catalogue."""
    scored: bool = True
    """Whether the share of cleanly owned objects gives this question a level."""


class FlowInventoryQuestion(QuestionBase):
    """The list of integration flows, each with pattern, latency class, safeguards and failure owner."""

    kind: Literal["flow_inventory"]
    """Discriminator."""
    scored: bool = True
    """Whether the share of required safeguards in place gives this question a level."""


Question = Annotated[
    ChoiceQuestion | ChecklistQuestion | TextQuestion | OwnershipMatrixQuestion | FlowInventoryQuestion,
    Field(discriminator="kind"),
]

QUESTION_KINDS: frozenset[str] = frozenset(
    get_args(model.model_fields["kind"].annotation)[0] for model in get_args(get_args(Question)[0])
)
"""Every question kind's name, read from the union above (pydantic tags its errors with them)."""


class AreaFile(Strict):
    """The contents of one area file: its questions in order."""

    question: list[Question] = Field(default_factory=list)
    """The questions, in the order they are asked."""


class QuestionnaireHeader(Strict):
    """The contents of `questionnaire.toml`."""

    id: Slug
    """Stable id; the scoring model in `scoring/<id>/` belongs to it."""
    title: str = Field(min_length=1)
    """The questionnaire's title."""
    version: str = Field(pattern=r"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$")
    """Semantic version; assessments record the version they were answered against."""
    description: str = ""
    """What the questionnaire covers and how long it takes."""
    areas: list[Area] = Field(min_length=1)
    """The areas in the order they are walked."""
    objects: list[CatalogueEntry] = Field(default_factory=list)
    """The business objects catalogue for the ownership matrix and flows."""
    systems: list[CatalogueEntry] = Field(default_factory=list)
    """The system roles catalogue."""


class Questionnaire(Strict):
    """A whole questionnaire once its header and area files are loaded (built by the loader)."""

    id: Slug
    """As in the header."""
    title: str
    """As in the header."""
    version: str
    """As in the header."""
    description: str = ""
    """As in the header."""
    digest: str = ""
    """A short hash of the content files, recorded in assessments to notice a changed questionnaire."""
    areas: list[Area]
    """The areas in order."""
    objects: list[CatalogueEntry]
    """The business objects catalogue."""
    systems: list[CatalogueEntry]
    """The system roles catalogue."""
    questions: list[Question]
    """Every question, in walking order (area by area)."""
    _question_index: dict[str, Question] | None = PrivateAttr(default=None)

    def question(self, question_id: str) -> Question | None:
        """Return the question with this id, or None."""
        return self._index().get(question_id)

    def area(self, area_id: str) -> Area | None:
        """Return the area with this id, or None."""
        return next((a for a in self.areas if a.id == area_id), None)

    def _index(self) -> dict[str, Question]:
        """Build (once) the id → question index (called per answer, so kept cheap)."""
        index = self._question_index
        if index is None:
            index = {q.id: q for q in self.questions}
            self._question_index = index
        return index


def area_of(question_id: str) -> str:
    """Return the area id part of a question id."""
    return question_id.split(".", 1)[0]
