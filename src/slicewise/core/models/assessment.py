"""The assessment file: one client's answers, ownership matrix and flows, saved after every change."""

from typing import Literal

from pydantic import Field, model_validator

from slicewise.core.models.base import Level, Slug, Strict
from slicewise.core.models.tracking import Adjustment, CustomAction, CustomRisk, Milestone

FORMAT_NAME = "slicewise-assessment"
FORMAT_VERSION = 2
FORMAT_TAG = f"{FORMAT_NAME}/{FORMAT_VERSION}"
OLDEST_VERSION = 1
"""The oldest format version still read; older files are migrated in memory and saved in the current one."""

UNKNOWN = "unknown"
"""The value a flow's pattern, latency, mode, SLA or failure owner takes when nobody in the room knows it."""

FlowMode = Literal["delta", "snapshot", "unknown"]
"""What a flow moves: changes or events (`delta`), or a full copy replacing the target's (`snapshot`)."""

ServiceLevel = Literal["", "none", "informal", "measured", "unknown"]
"""A flow's agreed service level: not recorded, none, informal, agreed and measured, or unknown."""

ScopeKind = Literal["channel", "market", "fields"]
"""What an ownership scope splits an object by: a sales channel, a market, or a named group of fields."""


class QuestionnaireRef(Strict):
    """Which questionnaire, at which version and content digest, the answers were given against."""

    id: Slug
    """The questionnaire id (a folder under `questionnaires/`, or the id of an author's own folder)."""
    version: str = ""
    """Its version when the assessment was started or last saved."""
    digest: str = ""
    """Its content digest at that time."""
    path: str = ""
    """Where an author's own questionnaire folder was loaded from, when it is not a built-in one."""


class Engagement(Strict):
    """Who the assessment is for and who took part."""

    client: str = ""
    """The client's name."""
    title: str = ""
    """The engagement's title, e.g. `Integration discovery`."""
    consultant: str = ""
    """Who ran the workshop."""
    participants: list[str] = Field(default_factory=list)
    """Names and roles of the people in the room."""
    date: str = ""
    """The assessment date (ISO `YYYY-MM-DD`); export file names use it."""
    respondent: str = ""
    """For a self-assessment: the person who answered."""
    notes: str = ""
    """Free notes on the engagement."""


class RespondentAnswer(Strict):
    """One respondent's answer to a question, kept in a merged assessment."""

    respondent: str
    """Their name."""
    choice: str | None = None
    """Their choice, for a choice question."""
    choices: list[str] | None = None
    """Their ticked items, for a checklist."""
    text: str | None = None
    """Their text, for a text question."""
    level: Level | None = None
    """The level their answer stood for."""
    unknown: bool = False
    """They did not know."""
    na: str | None = None
    """They marked it not applicable, with this reason."""
    note: str = ""
    """Their note."""


class Answer(Strict):
    """The answer to one question, with its note, confidence and don't-know / N/A marks."""

    choice: str | None = None
    """The chosen choice id, for a `choice` question."""
    choices: list[str] | None = None
    """The ticked item ids, for a `checklist` question (an empty list means none ticked)."""
    text: str | None = None
    """The text, for a `text` question."""
    done: bool = False
    """For the ownership matrix and flow inventory: the room has finished filling it in."""
    note: str = ""
    """The consultant's note on this answer."""
    confidence: Literal["sure", "unsure"] | None = None
    """How sure the room was."""
    unknown: bool = False
    """Don't know: becomes a follow-up item and lowers coverage; never counts as a zero."""
    na: str | None = None
    """Not applicable, with a reason id such as `out-of-scope`."""
    na_note: str = ""
    """Why it does not apply."""
    respondents: list[RespondentAnswer] = Field(default_factory=list)
    """In a merged assessment: every respondent's own answer."""

    def has_value(self) -> bool:
        """Tell whether it holds a value: a choice, ticks, a text, or a finished matrix or inventory."""
        return self.choice is not None or self.choices is not None or self.text is not None or self.done

    @model_validator(mode="after")
    def _one_of_value_unknown_na(self) -> "Answer":
        """Refuse an answer that holds more than one of a value, don't-know and N/A (see `core.edits`)."""
        held = [
            name
            for name, present in (
                ("a value", self.has_value()),
                ("don't know", self.unknown),
                ("N/A", self.na is not None),
            )
            if present
        ]
        if len(held) > 1:
            raise ValueError(
                f"an answer is one of a value, don't know or N/A, but this one holds {' and '.join(held)}: "
                "keep the one that is true and delete the other"
            )
        if self.na is not None and not self.na.strip():
            raise ValueError("N/A needs a reason id")
        return self


class OwnershipScope(Strict):
    """Who creates, updates and consumes an object within one scope (a channel, a market or a field group)."""

    scope: str = Field(min_length=1)
    """The scope's name as the client says it, e.g. `marketplace`, `DE`, `web price`."""
    kind: ScopeKind = "channel"
    """What the scope splits the object by."""
    create: list[Slug] = Field(default_factory=list)
    """System roles that create the object in this scope; when empty, the entry's own creators apply."""
    update: list[Slug] = Field(default_factory=list)
    """System roles that update it in this scope, besides the entry's own."""
    consume: list[Slug] = Field(default_factory=list)
    """System roles that only read it in this scope."""
    correction_owner: str = ""
    """Who corrects bad data in this scope; when empty, the entry's own correction owner."""


class OwnershipEntry(Strict):
    """Which systems create, update and consume one business object, and who corrects bad data."""

    create: list[Slug] = Field(default_factory=list)
    """System roles that create the object."""
    update: list[Slug] = Field(default_factory=list)
    """System roles that update it."""
    consume: list[Slug] = Field(default_factory=list)
    """System roles that only read it."""
    correction_owner: str = ""
    """Who may correct bad data (a system role or a team); others can only request a correction."""
    note: str = ""
    """A note on this object."""
    scopes: list[OwnershipScope] = Field(default_factory=list)
    """Splits by channel, market or field group; two creators in one scope conflict, in different scopes not."""


class Flow(Strict):
    """One integration flow in the inventory."""

    id: Slug
    """Stable id within the assessment."""
    name: str = Field(min_length=1)
    """e.g. `Order export to ERP`."""
    source: Slug
    """The system role data comes from."""
    target: Slug
    """The system role data goes to."""
    objects: list[Slug] = Field(default_factory=list)
    """Business objects it carries."""
    pattern: Slug
    """Integration pattern id (`direct-api`, `file`, ...), or `unknown`."""
    latency: Slug
    """Latency class id (`checkout-blocking`, ...), or `unknown`."""
    mode: FlowMode = "delta"
    """Whether it moves changes/events or full snapshots (judged on staleness and completeness instead)."""
    safeguards: list[Slug] = Field(default_factory=list)
    """Safeguards known to be in place (`idempotency`, `retry`, ...)."""
    unknown_safeguards: list[Slug] = Field(default_factory=list)
    """Safeguards nobody could confirm either way; a safeguard in neither list is missing."""
    failure_owner: str = ""
    """Who decides whether to retry, repair, suppress or escalate when it fails; `unknown` when nobody knows."""
    sla: ServiceLevel = ""
    """The agreed service level: none, informal, agreed and measured (`measured`), or unknown."""
    note: str = ""
    """A note on this flow."""

    def owner_state(self) -> Literal["named", "unknown", "missing"]:
        """Tell whether a failure owner is named, not known, or known to be missing."""
        owner = self.failure_owner.strip()
        if not owner:
            return "missing"
        return "unknown" if owner.lower() == UNKNOWN else "named"


class Progress(Strict):
    """Where the consultant was, so reopening resumes there."""

    current: str = ""
    """The question id on screen when last saved."""


DisagreementKind = Literal["level_spread", "choice", "creators", "flow"]
"""What respondents disagree on: a question's level, its choice, an object's creators, or a flow's facts."""


class Disagreement(Strict):
    """Where respondents of a merged assessment disagree: itself a finding."""

    kind: DisagreementKind
    """A spread of levels, different choices, different creating systems, or contradictory flow facts."""
    subject: str
    """The question id, object id or flow id concerned."""
    detail: str
    """A readable sentence saying who said what."""
    respondents: list[str] = Field(default_factory=list)
    """The respondents involved."""
    spread: int = 0
    """For level spreads: highest minus lowest level."""


class MergeInfo(Strict):
    """How a merged assessment came about."""

    respondents: list[str] = Field(default_factory=list)
    """The respondents merged, in the order given."""
    sources: list[str] = Field(default_factory=list)
    """The file names merged."""
    disagreements: list[Disagreement] = Field(default_factory=list)
    """Every disagreement found."""


class Assessment(Strict):
    """A whole assessment file."""

    format: str = FORMAT_TAG
    """Format tag and version: `slicewise-assessment/2` (files in `/1` are read and saved as `/2`)."""
    id: str = Field(default="", max_length=64, pattern=r"^[A-Za-z0-9-]*$")
    """Stable identity, generated when the assessment is created; a file without one gets it on its next save."""
    questionnaire: QuestionnaireRef
    """The questionnaire answered."""
    engagement: Engagement = Field(default_factory=Engagement)
    """Who it is for."""
    targets: dict[str, Level] = Field(default_factory=dict)
    """Area id → target level, overriding the scoring model's defaults."""
    systems: dict[str, str] = Field(default_factory=dict)
    """System role → the client's own name for it (`erp` = `SAP S/4HANA`)."""
    answers: dict[str, Answer] = Field(default_factory=dict)
    """Question id → answer."""
    ownership: dict[str, OwnershipEntry] = Field(default_factory=dict)
    """Business object id → its ownership."""
    flows: list[Flow] = Field(default_factory=list)
    """The flow inventory."""
    progress: Progress = Field(default_factory=Progress)
    """Where work stopped."""
    merge: MergeInfo | None = None
    """Present in an assessment merged from several respondents."""
    adjustments: list[Adjustment] = Field(default_factory=list)
    """The consultant's adjustments and tracked statuses of risks and actions, oldest first (latest wins)."""
    custom_risks: list[CustomRisk] = Field(default_factory=list)
    """Risks the consultant added."""
    custom_actions: list[CustomAction] = Field(default_factory=list)
    """Actions the consultant added to the plan."""
    milestones: list[Milestone] = Field(default_factory=list)
    """Named snapshots of levels, risks, plan and statuses, oldest first."""
