"""The shape of the report (`slicewise-report/1`): what `slicewise export` writes as TOML and `score --json`
prints as JSON, so `slicewise schema report` can publish it.

Keys holding nothing (no value, empty text, an empty list) are left out, as TOML has no null; so every key
but `format` is optional here. Readers must accept keys added later within version 1, so every table
allows more keys than these.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    """A report table: the keys below, and possibly keys added later within the same format version."""

    model_config = ConfigDict(extra="allow", defer_build=True)


class Reason(Open):
    """Why something came about."""

    text: str
    """A sentence readable on its own."""
    refs: list[str] = Field(default_factory=list)
    """The ids it rests on."""


class QuestionnaireInfo(Open):
    """The questionnaire the assessment was scored with."""

    id: str
    """Questionnaire id."""
    title: str = ""
    """Its title."""
    version: str = ""
    """The version scored with."""
    digest: str = ""
    """Digest of its content."""
    answered_version: str = ""
    """The version the answers were given against."""


class EngagementInfo(Open):
    """Who, when and for whom."""

    client: str = ""
    """Client name."""
    title: str = ""
    """Engagement title."""
    consultant: str = ""
    """Consultant."""
    participants: list[str] = Field(default_factory=list)
    """People in the room."""
    date: str = ""
    """Assessment date (ISO)."""
    respondent: str = ""
    """Self-assessment respondent."""
    notes: str = ""
    """Engagement notes."""


class ContextAnswer(Open):
    """An answer that describes the client rather than rates it."""

    id: str
    """Question id."""
    prompt: str = ""
    """The question."""
    answer: str = ""
    """The answer in words."""
    note: str = ""
    """The note taken."""


class Overall(Open):
    """The overall maturity."""

    score: float | None = None
    """Weighted mean of area scores, 0–4."""
    level: int | None = None
    """Whole level reached."""
    level_name: str = ""
    """Its name."""
    answered: int = 0
    """Questions answered."""
    applicable: int = 0
    """Questions that apply."""
    coverage: float | None = None
    """Answered ÷ (applicable − N/A), 0–1."""
    reasons: list[Reason] = Field(default_factory=list)
    """How the score came about."""


class Area(Open):
    """One area's score against its target, with counts."""

    id: str
    """Area id."""
    title: str = ""
    """Area title."""
    scored: bool = False
    """False for context areas."""
    weight: float | None = None
    """Weight in the overall score."""
    score: float | None = None
    """Score after any cap."""
    uncapped_score: float | None = None
    """Score before a cap."""
    level: int | None = None
    """Whole level reached."""
    level_name: str = ""
    """Its name."""
    target: int | None = None
    """Target level."""
    gap: float | None = None
    """Target − score, never negative."""
    cap: float | None = None
    """The cap critical questions set."""
    capped_by: list[str] = Field(default_factory=list)
    """Question ids that capped it."""
    coverage: float | None = None
    """Answered ÷ (applicable − N/A)."""
    applicable: int = 0
    """Questions that apply."""
    answered: int = 0
    """Questions answered."""
    unknown: int = 0
    """Don't-know answers."""
    na: int = 0
    """N/A answers."""
    unanswered: int = 0
    """Questions not answered."""
    hidden: int = 0
    """Questions hidden by their conditions."""
    reasons: list[Reason] = Field(default_factory=list)
    """How the score came about."""


class AdjustmentEntry(Open):
    """One adjustment of a risk or action: what it changed, by whom, when, why, and whether it is stale."""

    id: str
    """The risk or action instance id."""
    on: str = ""
    """`risk` or `action`."""
    summary: str = ""
    """What it changed, in words."""
    reason: str = ""
    """Why."""
    by: str = ""
    """Who."""
    at: str = ""
    """When."""
    stale: bool = False
    """Its risk or action no longer arises: kept, not applied."""


class Tracked(Open):
    """What risks and actions carry beside the engine's view: the named owner, a date and the adjustments."""

    named_owner: str = ""
    """The named person who owns it, when set."""
    due: str = ""
    """Its due (risk) or target (action) date, when set."""
    engine: dict[str, Any] = Field(default_factory=dict)
    """What the engine said of each field the consultant adjusted."""
    adjustments: list[AdjustmentEntry] = Field(default_factory=list)
    """The adjustments applied to it."""


class Risk(Tracked):
    """One entry of the risk register."""

    id: str
    """A rule id, or `<analyser>:<subject>`."""
    source: str = ""
    """`rule`, `ownership`, `flows` or `merge`."""
    title: str = ""
    """The risk."""
    cause: str = ""
    """Why it can happen."""
    effect: str = ""
    """What happens if it does."""
    category: str = ""
    """Category."""
    likelihood: int = Field(default=1, ge=1, le=5)
    """1–5."""
    impact: int = Field(default=1, ge=1, le=5)
    """1–5."""
    score: int = 0
    """Likelihood × impact."""
    rating: str = ""
    """The band's name."""
    colour: str = ""
    """The band's RGB hex."""
    owner: str = ""
    """Owner role."""
    trigger: str = ""
    """Early-warning signal."""
    actions: list[str] = Field(default_factory=list)
    """Ids of the actions answering it."""
    playbook: str = ""
    """Playbook section."""
    refs: list[str] = Field(default_factory=list)
    """Question, object or flow ids that raised it."""
    reasons: list[Reason] = Field(default_factory=list)
    """Why it fired."""
    response: str = "open"
    """Response status: open, mitigating, accepted or closed."""
    strategy: str = ""
    """How it is handled: avoid, mitigate, transfer or accept; empty until someone chooses."""


class Action(Tracked):
    """One action of the plan."""

    id: str
    """Action id."""
    title: str = ""
    """What to do."""
    area: str = ""
    """Area id."""
    area_title: str = ""
    """Area title."""
    slice: str = ""
    """The slice it landed in."""
    planned_slice: str = ""
    """The slice the model put it in before dependencies moved it."""
    effort: str = ""
    """S, M, L or XL."""
    owner: str = ""
    """Owner role."""
    depends_on: list[str] = Field(default_factory=list)
    """Action ids it waits for."""
    evidence: str = ""
    """What proves it done."""
    description: str = ""
    """Detail."""
    risks: list[str] = Field(default_factory=list)
    """Risk ids it answers."""
    gaps: list[str] = Field(default_factory=list)
    """Question ids below the level that selects it."""
    priority: int = 0
    """Highest score among its risks."""
    reasons: list[Reason] = Field(default_factory=list)
    """Why it is on the plan."""
    status: str = "not-started"
    """Delivery status: not-started, in-progress, blocked or done."""


class Slice(Open):
    """One slice of the plan, its actions in delivery order."""

    id: str
    """Slice id."""
    title: str = ""
    """Title."""
    goal: str = ""
    """What it proves."""
    actions: list[Action] = Field(default_factory=list)
    """Its actions."""


class Projection(Open):
    """One scored area's level now, after each slice, and its target."""

    area: str
    """Area id."""
    title: str = ""
    """Area title."""
    score: float | None = None
    """Score now."""
    level: int | None = None
    """Level now."""
    steps: list[dict[str, Any]] = Field(default_factory=list)
    """`slice`, `score`, `level` after each slice."""
    with_later: dict[str, Any] | None = None
    """`score`, `level` if Later were done too."""
    target: int | None = None
    """Target level."""


class Plan(Open):
    """What the plan holds beside its slices."""

    slice_limit: int | None = None
    """The default most actions per slice."""
    effort_days: dict[str, float] = Field(default_factory=dict)
    """The effort scale: size → days."""
    flow: dict[str, Any] | None = None
    """The thin slice's representative flow."""
    find_out: list[dict[str, Any]] = Field(default_factory=list)
    """`role` and `questions`: the step before slice 1."""
    later: list[Action] = Field(default_factory=list)
    """Instances that wait, each with `waits`."""
    projections: list[Projection] = Field(default_factory=list)
    """Per scored area: now, after each slice, target."""
    critical: list[dict[str, Any]] = Field(default_factory=list)
    """How each risk of the highest band is answered."""
    not_selected: dict[str, str] = Field(default_factory=dict)
    """Action id → why a risk listing it did not select it."""


class FollowUp(Open):
    """A don't-know answer someone must find out."""

    question: str
    """Question id."""
    prompt: str = ""
    """The question."""
    note: str = ""
    """The note taken."""


class ReportFinding(Open):
    """A finding of the ownership, flow or disagreement analysers."""

    domain: str = ""
    """The analyser that raised it: `ownership`, `flows` or `merge` (left out where it sits under its subject)."""
    kind: str
    """What kind of finding: `no_creator`, `several_creators`, `uncorrected_updates` (ownership),
    `latency_mismatch`, `missing_safeguards`, `no_failure_owner`, `no_sla` (flows), or a disagreement's kind
    `level_spread`, `choice`, `creators`, `flow` (merge); readers accept kinds added later."""
    subject: str = ""
    """The object or flow it is about (left out where it sits under its subject)."""
    message: str = ""
    """In words."""
    risk: str = ""
    """The risk it raised."""


class OwnershipEntry(Open):
    """One business object's ownership, with its findings."""

    object: str
    """Object id."""
    label: str = ""
    """Its name."""
    critical: bool = False
    """A critical object."""
    create: list[str] = Field(default_factory=list)
    """System roles that create it."""
    update: list[str] = Field(default_factory=list)
    """System roles that update it."""
    consume: list[str] = Field(default_factory=list)
    """System roles that consume it."""
    correction_owner: str = ""
    """Who corrects bad data."""
    note: str = ""
    """Note."""
    findings: list[ReportFinding] = Field(default_factory=list)
    """Its findings."""


class FlowEntry(Open):
    """One flow of the inventory, with its findings."""

    id: str
    """Flow id."""
    name: str = ""
    """Flow name."""
    findings: list[ReportFinding] = Field(default_factory=list)
    """Its findings."""


class AnswerEntry(Open):
    """One question that applies (or a hidden one holding an answer), with the stored answer."""

    id: str
    """Question id."""
    area: str = ""
    """Area id."""
    prompt: str = ""
    """The question."""
    kind: str = ""
    """Question kind."""
    status: str = ""
    """`answered`, `unknown`, `na`, `unanswered` or `hidden`."""
    scored: bool = False
    """Whether it counts in its area."""
    level: int | None = None
    """Level reached."""
    level_name: str = ""
    """Its name."""
    answer: str = ""
    """The answer in words."""
    choice: str = ""
    """Stored choice."""
    choices: list[str] | None = None
    """Stored ticked items (an empty list: nothing ticked)."""
    text: str = ""
    """Stored text."""
    unknown: bool = False
    """Don't know."""
    confidence: str = ""
    """`sure` or `unsure`."""
    note: str = ""
    """Note."""
    na: str = ""
    """N/A reason id."""
    na_note: str = ""
    """N/A explanation."""
    respondents: list[dict[str, Any]] = Field(default_factory=list)
    """In a merged assessment: each respondent's own answer."""


class MergeInfo(Open):
    """How a merged assessment came about."""

    respondents: list[str] = Field(default_factory=list)
    """Respondents in the order merged."""
    sources: list[str] = Field(default_factory=list)
    """Their file names."""
    disagreements: list[dict[str, Any]] = Field(default_factory=list)
    """Where they disagree."""


class Report(Open):
    """Everything an assessment produced: `slicewise export` writes it as TOML, `score --json` as JSON."""

    format: str = Field(pattern=r"^slicewise-report/1$")
    """Always `slicewise-report/1`; check it first."""
    generator: str = ""
    """The slicewise version that wrote it."""
    questionnaire: QuestionnaireInfo | None = None
    """The questionnaire scored with."""
    engagement: EngagementInfo = Field(default_factory=EngagementInfo)
    """Who, when and for whom."""
    systems: dict[str, str] = Field(default_factory=dict)
    """System role → the client's system."""
    targets: dict[str, int] = Field(default_factory=dict)
    """Area id → target level."""
    context: list[ContextAnswer] = Field(default_factory=list)
    """Answers that describe the client."""
    overall: Overall = Field(default_factory=Overall)
    """The overall maturity."""
    areas: list[Area] = Field(default_factory=list)
    """Per area, in questionnaire order."""
    risks: list[Risk] = Field(default_factory=list)
    """The risk register, highest score first."""
    roadmap: list[Slice] = Field(default_factory=list)
    """The slices in delivery order."""
    plan: Plan | None = None
    """Find out first, Later, projected levels, the thin slice's flow, Critical risks."""
    follow_ups: list[FollowUp] = Field(default_factory=list)
    """Don't-know answers to find out."""
    ownership: list[OwnershipEntry] = Field(default_factory=list)
    """The ownership matrix."""
    flows: list[FlowEntry] = Field(default_factory=list)
    """The flow inventory."""
    findings: list[ReportFinding] = Field(default_factory=list)
    """Every analyser finding."""
    answers: list[AnswerEntry] = Field(default_factory=list)
    """Every question that applies."""
    orphan_answers: list[dict[str, Any]] = Field(default_factory=list)
    """Answers to questions the questionnaire no longer has."""
    warnings: list[str] = Field(default_factory=list)
    """e.g. the questionnaire changed since the answers were given."""
    merge: MergeInfo | None = None
    """Only for a merged assessment."""
    adjustments: list[AdjustmentEntry] = Field(default_factory=list)
    """Every adjustment of the consultant's (or synced from the workbook), oldest first, stale ones marked."""
    dismissed_risks: list[Risk] = Field(default_factory=list)
    """Risks dismissed as not applicable, as the engine raised them."""
    dropped_actions: list[Action] = Field(default_factory=list)
    """Action instances dropped from the plan."""
    milestones: list[dict[str, Any]] = Field(default_factory=list)
    """Milestones recorded in the assessment (name, at, by)."""
