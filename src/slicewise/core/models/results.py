"""What the engine computes from an assessment: scores, risks, findings and the roadmap, each with reasons."""

from typing import Literal

from pydantic import Field, computed_field

from slicewise.core.models.assessment import DisagreementKind
from slicewise.core.models.base import Computed

QuestionStatus = Literal["answered", "unknown", "na", "unanswered", "hidden"]
"""answered: a real answer; unknown: don't-know; na: not applicable; unanswered: not yet; hidden: show_if false."""


class Reason(Computed):
    """One sentence saying why a number, risk or action is what it is, with the ids it rests on."""

    text: str
    """The explanation, readable on its own."""
    refs: list[str] = Field(default_factory=list)
    """Question ids, object ids or flow ids the reason rests on."""


class Counts(Computed):
    """How many questions were asked and what became of them: the one definition every output prints."""

    asked: int = 0
    """Questions shown (their show_if holds), whatever their status."""
    answered: int = 0
    """Of those, with a real answer."""
    unknown: int = 0
    """Of those, answered don't-know."""
    na: int = 0
    """Of those, marked not applicable (left out of coverage)."""
    unanswered: int = 0
    """Of those, not answered yet."""
    scored: int = 0
    """Of the answered, those whose level counts in a score."""
    hidden: int = 0
    """Questions not asked because their show_if does not hold."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def applicable(self) -> int:
        """Asked questions that apply: asked minus N/A."""
        return self.asked - self.na

    @computed_field  # type: ignore[prop-decorator]
    @property
    def coverage(self) -> float:
        """Answered / applicable (0 when nothing applies)."""
        return self.answered / self.applicable if self.applicable else 0.0

    @property
    def dealt_with(self) -> int:
        """Asked questions with an answer, a don't-know or an N/A: the workshop's progress."""
        return self.answered + self.unknown + self.na


class QuestionResult(Computed):
    """One question's status and level."""

    id: str
    """Question id."""
    area: str
    """Area id."""
    kind: str
    """Question kind."""
    status: QuestionStatus
    """See `QuestionStatus`."""
    scored: bool
    """Whether it counts in its area's score."""
    level: int | None = None
    """Its level when answered and scored."""
    weight: float = 1.0
    """Its effective weight."""
    answer: str = ""
    """The answer in words (choice label, ticked items, text)."""
    reasons: list[Reason] = Field(default_factory=list)
    """How the level came about."""


class AreaResult(Computed):
    """One area's score with its coverage, cap and gap to target."""

    id: str
    """Area id."""
    title: str
    """Area title."""
    scored: bool
    """False for context areas."""
    weight: float
    """Its weight in the overall score."""
    score: float | None
    """Weighted mean level of applicable answered questions after any cap, or None when nothing is answered."""
    uncapped_score: float | None
    """The mean before caps."""
    level: int | None
    """The whole level reached (the score rounded down)."""
    level_name: str = ""
    """The name of that level."""
    cap: float | None = None
    """The cap applied by critical questions, when lower than the mean."""
    capped_by: list[str] = Field(default_factory=list)
    """Critical question ids that set the cap."""
    target: int
    """The target level."""
    gap: float | None
    """Target minus score, never negative; None when there is no score."""
    counts: Counts
    """Asked, answered, don't-know, N/A, applicable and scored questions (see `core/counts.py`)."""
    applicable: int
    """Same as `counts.applicable`: asked questions minus N/A."""
    answered: int
    """Same as `counts.answered`."""
    unknown: int
    """Same as `counts.unknown`."""
    na: int
    """Same as `counts.na`."""
    unanswered: int
    """Same as `counts.unanswered`."""
    hidden: int
    """Same as `counts.hidden`."""
    coverage: float
    """answered / applicable, 0 when nothing applies."""
    provisional: bool = False
    """Coverage is below the scoring model's threshold: the level rests on too few answers to rely on."""
    reasons: list[Reason] = Field(default_factory=list)
    """How the score came about."""


class OverallResult(Computed):
    """The weighted mean of area scores."""

    score: float | None
    """Weighted mean of scored areas that have a score."""
    level: int | None
    """The whole level reached."""
    level_name: str = ""
    """Its name."""
    counts: Counts
    """The counts summed over scored areas (see `core/counts.py`)."""
    answered: int
    """Same as `counts.answered`."""
    applicable: int
    """Same as `counts.applicable`: asked scored questions minus N/A."""
    coverage: float
    """answered / applicable."""
    provisional: bool = False
    """Coverage is below the scoring model's threshold."""
    provisional_areas: list[str] = Field(default_factory=list)
    """Ids of the scored areas that are provisional."""
    weakest_area: str | None = None
    """The weakest scored area: largest gap among confident areas; provisional areas rank after them."""
    reasons: list[Reason] = Field(default_factory=list)
    """How it came about."""


class AdjustmentNote(Computed):
    """One adjustment as the outputs show it: what it changed, by whom, when and why, and whether it is stale."""

    id: str
    """The risk or action instance id."""
    on: str
    """`risk` or `action`."""
    summary: str
    """What it changed, in words."""
    reason: str
    """Why."""
    by: str = ""
    """Who."""
    at: str = ""
    """When."""
    stale: bool = False
    """Its risk or action no longer arises from the answers: kept, shown, not applied."""


RiskSource = Literal["rule", "ownership", "flows", "merge", "custom"]

RiskStatus = Literal["confirmed", "unverified"]
"""confirmed: the answers say so; unverified: it would hold if a don't-know (or an unknown flow fact) went badly."""


class RiskResult(Computed):
    """A risk raised by a rule or an analyser, with its rating and the answers that raised it."""

    id: str
    """Rule id, or `<analyser>:<subject>` for analyser risks."""
    source: RiskSource
    """What raised it."""
    title: str
    """Short statement."""
    cause: str
    """Cause."""
    effect: str
    """Effect."""
    category: str
    """Category."""
    likelihood: int
    """1–5."""
    impact: int
    """1–5."""
    score: int
    """likelihood × impact."""
    rating: str
    """The rating band's name."""
    colour: str
    """The band's colour (RGB hex)."""
    owner: str
    """Owner role."""
    trigger: str
    """Early-warning signal."""
    actions: list[str] = Field(default_factory=list)
    """Mitigating action ids."""
    playbook: str = ""
    """Playbook reference."""
    refs: list[str] = Field(default_factory=list)
    """Question, object or flow ids that raised it."""
    reasons: list[Reason] = Field(default_factory=list)
    """Clause by clause, why it fired."""
    status: RiskStatus = "confirmed"
    """Whether the answers say so, or it hangs on don't-know answers or unknown flow facts."""
    follow_ups: list[str] = Field(default_factory=list)
    """For an unverified risk: the question, flow or object ids to find out to settle it."""
    ask: str = ""
    """For an unverified risk: the role to ask."""
    criticality: int = 0
    """Rank of the most critical object it touches (0 none … 3 critical), the first tie-break after score."""
    breadth: int = 1
    """How many objects, flows or questions it touches, the second tie-break."""
    response: str = "open"
    """Response status: open, mitigating, accepted or closed (tracked in the assessment's adjustments)."""
    strategy: str = ""
    """How it is handled: avoid, mitigate, transfer or accept; empty until someone chooses."""
    named_owner: str = ""
    """The named person who owns it, when one was set."""
    due: str = ""
    """Its due date, when one was set."""
    engine: dict[str, str | int] = Field(default_factory=dict)
    """What the engine said of each field an adjustment changed (empty when nothing was re-rated)."""
    adjustments: list[AdjustmentNote] = Field(default_factory=list)
    """The adjustments applied to it: what, by whom, when and why."""


FindingDomain = Literal["ownership", "flows", "merge"]
"""Which analyser raised a finding: the ownership matrix, the flow inventory, or the respondents' disagreements."""

OwnershipFindingKind = Literal["no_creator", "several_creators", "uncorrected_updates"]
"""What the ownership analyser observes of an object: nobody creates it, several systems do in one scope, or
several update it and nobody is named to correct bad data."""

FlowFindingKind = Literal["latency_mismatch", "missing_safeguards", "no_failure_owner", "no_sla"]
"""What the flow analyser observes of a flow: a pattern too slow for its latency, missing safeguards, no
failure owner, or no agreed service level where one is needed."""

FindingKind = Literal[OwnershipFindingKind, FlowFindingKind, DisagreementKind]
"""Every kind of finding the analysers raise (a merge finding's kind is its `Disagreement` kind); written as
its string in score --json, the report and TOML files."""


class Finding(Computed):
    """An observation from the ownership, flow or disagreement analysers."""

    domain: FindingDomain
    """The analyser that raised it, so a screen picks its findings without a list of kinds."""
    kind: FindingKind
    """What its analyser observed, e.g. `no_creator`, `several_creators`, `latency_mismatch` (a merge finding's
    kind is its `Disagreement` kind)."""
    subject: str
    """The object or flow id."""
    message: str
    """A readable sentence."""
    risk: str
    """The id of the risk it raised."""


class PlannedAction(Computed):
    """One instance of an action in the plan: the action written for one subject, with why it is there and where."""

    id: str
    """Stable instance id: the action id, then `:<subject>` when it is written for an object, flow or system."""
    action: str = ""
    """The action id in the model (the instance id when empty, as in older results)."""
    subject: str = ""
    """The object, flow or system id it is written for; empty when it is written once for the client."""
    subject_kind: str = ""
    """`object`, `flow` or `system` (empty for once)."""
    subject_label: str = ""
    """The subject as the client names it."""
    more: list[str] = Field(default_factory=list)
    """Further subjects the same action covers beyond the instance cap ('and N more'), as labels."""
    title: str
    """Title, written for the subject."""
    area: str
    """Area id."""
    slice: str
    """The slice it landed in (or would land in, for Later)."""
    planned_slice: str
    """The slice the model put it in, before dependencies pushed it."""
    effort: str
    """S / M / L / XL."""
    effort_days: float = 0.0
    """The days its effort size stands for on the model's scale."""
    owner: str
    """Owner role."""
    kind: str = "change"
    """`decision` (settles and records) or `change` (removes or reduces a cause)."""
    depends_on: list[str] = Field(default_factory=list)
    """Instance ids it waits for."""
    evidence: str
    """What proves it done."""
    description: str = ""
    """Detail."""
    risks: list[str] = Field(default_factory=list)
    """Fired risks it answers."""
    gaps: list[str] = Field(default_factory=list)
    """Questions below the level that select it."""
    unknowns: list[str] = Field(default_factory=list)
    """Don't-know questions it touches (its own questions, or those behind the risks that select it)."""
    priority: int = 0
    """The highest score among the risks it answers (0 when selected by gaps only)."""
    value: float = 0.0
    """Risk reduced: the scores of the risks it answers plus the worth of the gaps it closes."""
    value_per_day: float = 0.0
    """`value` divided by its effort days: what ranks it for a place in its slice."""
    critical: bool = False
    """Whether it is a change that answers a Critical risk."""
    moves: dict[str, int] = Field(default_factory=dict)
    """Question id → the level it reaches when this is done (what the projected levels assume)."""
    waits: str = ""
    """In Later: why it waits (empty in a slice)."""
    reasons: list[Reason] = Field(default_factory=list)
    """Why it is on the plan, why for this subject and why in this slice."""
    status: str = "not-started"
    """Delivery status: not-started, in-progress, done or blocked."""
    named_owner: str = ""
    """The named person who owns it, when one was set."""
    due: str = ""
    """Its target date, when one was set."""
    engine: dict[str, str | int] = Field(default_factory=dict)
    """What the engine said of each field an adjustment changed, e.g. its slice before a move."""
    adjustments: list[AdjustmentNote] = Field(default_factory=list)
    """The adjustments applied to it: what, by whom, when and why."""


class SliceResult(Computed):
    """One slice of the plan with its actions in order."""

    id: str
    """Slice id."""
    title: str
    """Title."""
    goal: str
    """What it proves."""
    limit: int = 0
    """The most actions it may hold."""
    effort_days: float = 0.0
    """The sum of its actions' effort days."""
    actions: list[PlannedAction] = Field(default_factory=list)
    """Actions in delivery order: dependencies first, then the most risk reduced per effort day."""


class FindOutQuestion(Computed):
    """A don't-know answer the plan needs before some of its actions can start."""

    question: str
    """Question id (for a flow, the flow inventory question)."""
    subject: str = ""
    """For a flow with unknown facts: the flow id."""
    prompt: str
    """The question, or for a flow what to find out about it."""
    note: str = ""
    """The note taken."""
    affects: list[str] = Field(default_factory=list)
    """Instance ids that rest on it or touch it (in a slice or waiting in Later)."""


class FindOutGroup(Computed):
    """The questions to ask one role."""

    role: str
    """Who to ask: the role the follow-up names, else the owner of the first action it touches."""
    questions: list[FindOutQuestion] = Field(default_factory=list)
    """Its questions in walking order."""


class ProjectedStep(Computed):
    """An area's expected score after one slice is done."""

    slice: str
    """Slice id."""
    score: float | None
    """The expected score."""
    level: int | None
    """The whole level it reaches."""


class AreaProjection(Computed):
    """One area's level now, after each slice, and its target."""

    area: str
    """Area id."""
    title: str
    """Area title."""
    score: float | None
    """The score now."""
    level: int | None
    """The level now."""
    steps: list[ProjectedStep] = Field(default_factory=list)
    """After slice 1, 2, ... in order."""
    with_later: ProjectedStep | None = None
    """After every slice and everything in Later too (slice `later`): how far the whole selection would go."""
    target: int
    """The target level."""


class RepresentativeFlow(Computed):
    """The flow the thin slice goes through, and why that one."""

    id: str
    """Flow id."""
    name: str
    """Flow name."""
    source: str
    """Source system as the client names it."""
    target: str
    """Target system as the client names it."""
    objects: list[str] = Field(default_factory=list)
    """Object labels it carries."""
    missing: list[str] = Field(default_factory=list)
    """Safeguard requirements it lacks, in words: what the slice must prove."""
    reasons: list[Reason] = Field(default_factory=list)
    """Why this flow."""


class CriticalAnswer(Computed):
    """How the plan answers one Critical risk, or plainly why it does not."""

    risk: str
    """Risk id."""
    title: str
    """Risk title."""
    answered_by: list[str] = Field(default_factory=list)
    """Instance ids in the slices that remove or reduce its cause."""
    text: str
    """One sentence: which action answers it, or why none does."""


class PlanResult(Computed):
    """What the plan holds beside its slices: find out first, Later, projected levels, the thin slice's flow."""

    slice_limit: int = 7
    """The default most actions per slice."""
    effort_days: dict[str, float] = Field(default_factory=dict)
    """The effort scale: size → days."""
    find_out: list[FindOutGroup] = Field(default_factory=list)
    """Questions to answer before the slices, grouped by the role to ask."""
    later: list[PlannedAction] = Field(default_factory=list)
    """Selected actions that wait, each with `waits` saying why."""
    projections: list[AreaProjection] = Field(default_factory=list)
    """Each scored area: now, after each slice, target."""
    flow: RepresentativeFlow | None = None
    """The thin slice's flow, when the assessment has flows."""
    critical: list[CriticalAnswer] = Field(default_factory=list)
    """One entry per Critical risk."""
    not_selected: dict[str, str] = Field(default_factory=dict)
    """Action id → why a risk that lists it did not select it (its practice is already at target)."""


class Judgement(Computed):
    """What the consultant's adjustments did to the engine's output."""

    adjustments: list[AdjustmentNote] = Field(default_factory=list)
    """Every adjustment in the file, oldest first, stale ones marked."""
    dismissed: list[RiskResult] = Field(default_factory=list)
    """Risks dismissed as not applicable (as the engine raised them)."""
    dropped: list[PlannedAction] = Field(default_factory=list)
    """Action instances dropped from the plan."""
    warnings: list[str] = Field(default_factory=list)
    """Where adjustments no longer fit the plan (e.g. a custom action's dependency is gone)."""

    @property
    def stale(self) -> list[AdjustmentNote]:
        """The adjustments whose risk or action no longer arises."""
        return [note for note in self.adjustments if note.stale]


class FollowUp(Computed):
    """A don't-know answer that needs someone to find out."""

    question: str
    """Question id (for a flow, the flow inventory question)."""
    prompt: str
    """The question, or for a flow what to find out about it."""
    subject: str = ""
    """For a flow with unknown facts: the flow id."""
    note: str = ""
    """The note taken."""
    risks: list[str] = Field(default_factory=list)
    """Unverified risks that finding out would settle."""
    ask: list[str] = Field(default_factory=list)
    """The roles to ask."""


class Results(Computed):
    """Everything computed from one assessment."""

    questionnaire_id: str
    """Questionnaire id."""
    questionnaire_version: str
    """Questionnaire version used to score."""
    questions: list[QuestionResult]
    """Per question."""
    areas: list[AreaResult]
    """Per area, in questionnaire order."""
    overall: OverallResult
    """Overall."""
    risks: list[RiskResult]
    """Highest score first, then id."""
    findings: list[Finding]
    """Analyser findings."""
    roadmap: list[SliceResult]
    """Slices in delivery order."""
    plan: PlanResult = Field(default_factory=PlanResult)
    """Find-out step, Later, projected levels, the thin slice's flow and how Critical risks are answered."""
    follow_ups: list[FollowUp]
    """Don't-know answers."""
    judgement: Judgement = Field(default_factory=Judgement)
    """The consultant's adjustments applied on top of the engine's output, and what they left aside."""
    orphan_answers: list[str] = Field(default_factory=list)
    """Answer ids the questionnaire no longer has (kept in the file, not scored)."""
    warnings: list[str] = Field(default_factory=list)
    """e.g. the questionnaire changed since the answers were given."""

    def area(self, area_id: str) -> AreaResult | None:
        """Return one area's result."""
        return next((a for a in self.areas if a.id == area_id), None)

    def question(self, question_id: str) -> QuestionResult | None:
        """Return one question's result."""
        return next((q for q in self.questions if q.id == question_id), None)
