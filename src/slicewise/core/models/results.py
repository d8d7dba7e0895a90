"""What the engine computes from an assessment: scores, risks, findings and the roadmap, each with reasons."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

QuestionStatus = Literal["answered", "unknown", "na", "unanswered", "hidden"]
"""answered: a real answer; unknown: don't-know; na: not applicable; unanswered: not yet; hidden: show_if false."""


class Reason(BaseModel):
    """One sentence saying why a number, risk or action is what it is, with the ids it rests on."""

    text: str
    """The explanation, readable on its own."""
    refs: list[str] = Field(default_factory=list)
    """Question ids, object ids or flow ids the reason rests on."""


class QuestionResult(BaseModel):
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


class AreaResult(BaseModel):
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
    applicable: int
    """Scored questions that apply (shown, whatever their status)."""
    answered: int
    """Of those, answered with a real answer."""
    unknown: int
    """Of those, don't-know."""
    na: int
    """Of those, marked N/A."""
    unanswered: int
    """Of those, not yet answered."""
    hidden: int
    """Scored questions hidden by their show_if."""
    coverage: float
    """answered / (applicable − N/A), 0 when nothing applies."""
    reasons: list[Reason] = Field(default_factory=list)
    """How the score came about."""


class OverallResult(BaseModel):
    """The weighted mean of area scores."""

    score: float | None
    """Weighted mean of scored areas that have a score."""
    level: int | None
    """The whole level reached."""
    level_name: str = ""
    """Its name."""
    answered: int
    """Answered scored questions across areas."""
    applicable: int
    """Applicable scored questions across areas."""
    coverage: float
    """answered / (applicable − N/A)."""
    reasons: list[Reason] = Field(default_factory=list)
    """How it came about."""


RiskSource = Literal["rule", "ownership", "flows", "merge"]


class RiskResult(BaseModel):
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


FindingDomain = Literal["ownership", "flows", "merge"]
"""Which analyser raised a finding: the ownership matrix, the flow inventory, or the respondents' disagreements."""
FindingKind = Literal[
    "no_creator",
    "several_creators",
    "uncorrected_updates",
    "latency_mismatch",
    "missing_safeguards",
    "no_failure_owner",
    "level_spread",
    "choice",
    "creators",
    "flow",
]
"""What a finding observed (the merge kinds are those of `Disagreement`)."""


class Finding(BaseModel):
    """An observation from the ownership, flow or disagreement analysers."""

    domain: FindingDomain
    """The analyser that raised it, so a screen picks its findings without a list of kinds."""
    kind: FindingKind
    """e.g. `no_creator`, `several_creators`, `latency_mismatch`."""
    subject: str
    """The object or flow id."""
    message: str
    """A readable sentence."""
    risk: str
    """The id of the risk it raised."""


class PlannedAction(BaseModel):
    """An action placed on the roadmap, with why it is there and where it landed."""

    id: str
    """Action id."""
    title: str
    """Title."""
    area: str
    """Area id."""
    slice: str
    """The slice it landed in."""
    planned_slice: str
    """The slice the model put it in, before dependencies pushed it."""
    effort: str
    """S / M / L / XL."""
    owner: str
    """Owner role."""
    depends_on: list[str] = Field(default_factory=list)
    """Selected actions it waits for."""
    evidence: str
    """What proves it done."""
    description: str = ""
    """Detail."""
    risks: list[str] = Field(default_factory=list)
    """Fired risks it mitigates."""
    gaps: list[str] = Field(default_factory=list)
    """Questions below the level that select it."""
    priority: int = 0
    """The highest score among the risks it mitigates (0 when selected by gaps only)."""
    reasons: list[Reason] = Field(default_factory=list)
    """Why it is on the roadmap and why in this slice."""


class SliceResult(BaseModel):
    """One slice of the roadmap with its actions in order."""

    id: str
    """Slice id."""
    title: str
    """Title."""
    goal: str
    """What it proves."""
    actions: list[PlannedAction] = Field(default_factory=list)
    """Actions in delivery order: dependencies first, then highest risk."""


class FollowUp(BaseModel):
    """A don't-know answer that needs someone to find out."""

    question: str
    """Question id."""
    prompt: str
    """The question."""
    note: str = ""
    """The note taken."""


class Results(BaseModel):
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
    follow_ups: list[FollowUp]
    """Don't-know answers."""
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
