"""The scoring model format: levels, weights, targets, thresholds, caps, risk rules and the slice roadmap."""

from typing import Literal

from pydantic import Field

from slicewise.core.models.base import Level, QuestionId, Rating1to5, Slug, Strict
from slicewise.core.models.conditions import Condition


class LevelDefinition(Strict):
    """The name and meaning of one maturity level."""

    level: Level
    """The level number, 0–4."""
    name: str = Field(min_length=1)
    """A short name, e.g. `Defined`."""
    meaning: str = Field(min_length=1)
    """One line on what this level looks like."""


class AreaScoring(Strict):
    """How one area counts: its weight in the overall score and its default target."""

    weight: float = Field(default=1.0, gt=0)
    """The area's weight in the overall mean."""
    target: Level = 3
    """The level the client should reach; the assessment may override it."""


class RatingBand(Strict):
    """A band of risk scores (likelihood × impact) with a name and a colour."""

    name: str = Field(min_length=1)
    """e.g. `High`."""
    min_score: int = Field(ge=1, le=25)
    """The lowest likelihood × impact in this band."""
    colour: str = Field(pattern=r"^[0-9A-Fa-f]{6}$")
    """RGB hex without `#`, used by exports and the TUI."""


class RiskText(Strict):
    """What every risk says: statement, cause, effect, rating, owner, early warning and mitigations."""

    title: str = Field(min_length=1)
    """A short statement of the risk."""
    cause: str = Field(min_length=1)
    """What in the client's practice causes it."""
    effect: str = Field(min_length=1)
    """What happens to the business when it materialises."""
    likelihood: Rating1to5
    """1–5."""
    impact: Rating1to5
    """1–5 (analyser risks on critical objects add `critical_impact_bonus`)."""
    category: str = Field(min_length=1)
    """Risk category, e.g. `Failure design`."""
    owner: str = Field(min_length=1)
    """The role that owns the response."""
    trigger: str = Field(min_length=1)
    """The early-warning signal that it is happening."""
    actions: list[Slug] = Field(default_factory=list)
    """Roadmap actions that mitigate it."""
    playbook: str = ""
    """The playbook section it comes from."""
    unverified_title: str = ""
    """The title when it hangs on don't-know answers (default: `Unverified: ` and the title)."""
    unverified_cause: str = ""
    """The cause when it hangs on don't-know answers (default: says who could not answer, then the cause)."""
    ask: str = ""
    """The role to ask to settle an unverified finding (default: the owner)."""


class AnalyserRisk(RiskText):
    """The template for a risk raised by a built-in analyser.

    Its texts may use `{object}`, `{systems}`, `{flow}`, `{pattern}`, `{latency}`, `{missing}`, `{subject}` and
    `{detail}`, filled in with the finding's labels.
    """


Criticality = Literal["critical", "high", "standard", "low"]
"""How much a failure touching a business object costs the business."""

CRITICALITY_RANK: dict[str, int] = {"low": 0, "standard": 1, "high": 2, "critical": 3}
"""Criticalities from least to most: the first tie-break between equal risk scores."""


class Calibration(Strict):
    """One row of the flow calibration table: a finding's likelihood by latency class, impact by criticality."""

    likelihood: dict[str, Rating1to5]
    """Latency class → likelihood (1–5); every latency class must be listed."""
    impact: dict[Criticality, Rating1to5]
    """Object criticality → impact (1–5); every criticality must be listed."""


class MoneyFlows(Strict):
    """Which flows move money, and what they need whatever their latency class."""

    objects: list[Slug] = Field(min_length=1)
    """A flow carrying any of these objects moves money (payment, refund, settlement)."""
    to_finance: list[Slug] = Field(default_factory=list)
    """A flow carrying one of these objects into a `finance_systems` role also moves money (order to finance)."""
    finance_systems: list[Slug] = Field(default_factory=list)
    """System roles that keep the books."""
    requires: list[Slug] = Field(min_length=1)
    """Safeguards every money flow needs, at any latency (dead-letter handling and replay)."""


class SnapshotFlows(Strict):
    """How a flow that moves full snapshots is judged instead of by per-message safeguards."""

    replaces: list[Slug] = Field(default_factory=list)
    """Safeguards that mean nothing for a full snapshot (idempotency, duplicate detection, dead letters)."""
    requires: list[Slug] = Field(min_length=1)
    """Safeguards every snapshot flow needs (staleness and completeness checks)."""


class OwnershipAnalysers(Strict):
    """Risk templates for findings in the ownership matrix."""

    no_creator: AnalyserRisk
    """An object that systems use but no system creates."""
    several_creators: AnalyserRisk
    """An object created by more than one system."""
    uncorrected_updates: AnalyserRisk
    """An object updated by several systems with no correction owner named."""


class FlowAnalysers(Strict):
    """Risk templates and thresholds for findings in the flow inventory."""

    latency_mismatch: AnalyserRisk
    """A pattern that cannot meet the flow's latency class."""
    missing_safeguards: AnalyserRisk
    """A flow lacking safeguards its latency class requires."""
    no_failure_owner: AnalyserRisk
    """A flow with no named failure owner."""
    no_sla: AnalyserRisk | None = None
    """A flow that needs an agreed service level and has none, or only an informal one."""
    fastest_latency: dict[str, str]
    """Pattern id → the strictest latency class it can meet (e.g. `file` → `same-day`)."""
    required_safeguards: dict[str, list[str]]
    """Latency class → safeguards every flow of that class needs."""
    money: MoneyFlows | None = None
    """Money flows and the safeguards they need at any latency."""
    snapshot: SnapshotFlows | None = None
    """How full-snapshot flows are judged."""
    sla_needed: list[str] = Field(default_factory=list)
    """Latency classes whose flows need an agreed, measured service level (money flows always do)."""
    calibration: dict[str, Calibration] = Field(default_factory=dict)
    """Finding → likelihood by latency class and impact by criticality. Keys: a safeguard id, `failure-owner`,
    `latency-mismatch` or `sla`; a finding with no row uses its template's ratings."""


class Analysers(Strict):
    """Settings of the built-in analysers."""

    critical_impact_bonus: int = Field(default=1, ge=0, le=2)
    """Added to impact (capped at 5) when the object involved is critical."""
    ownership: OwnershipAnalysers
    """Ownership matrix findings."""
    flows: FlowAnalysers
    """Flow inventory findings."""
    disagreement: AnalyserRisk | None = None
    """Risk raised for each respondent disagreement in a merged assessment (`{subject}`, `{detail}`)."""


class ScoringModel(Strict):
    """The contents of `scoring.toml`."""

    questionnaire: Slug
    """The questionnaire id this model scores."""
    levels: list[LevelDefinition] = Field(min_length=5, max_length=5)
    """Names and meanings of levels 0–4, in order."""
    areas: dict[str, AreaScoring] = Field(default_factory=dict)
    """Area id → weight and default target; areas not listed weigh 1 with target 3."""
    question_weights: dict[str, float] = Field(default_factory=dict)
    """Question id → weight, overriding the weight written in the questionnaire."""
    checklist_thresholds: list[float] = Field(min_length=4, max_length=4)
    """Weighted share covered needed for levels 1, 2, 3 and 4 (ascending, each in 0–1)."""
    cap_margin: int = Field(default=1, ge=0, le=4)
    """A critical question at level L caps its area at L + cap_margin."""
    coverage_threshold: float = Field(default=0.7, gt=0, le=1)
    """An area answered below this share of its applicable questions is provisional."""
    unverified_likelihood_drop: int = Field(default=2, ge=0, le=4)
    """How much lower an unverified finding's likelihood is than the confirmed one's (never below 1)."""
    criticality: dict[str, Criticality] = Field(default_factory=dict)
    """Business object → criticality; an object not listed is `critical` when the catalogue marks it so, else
    `standard`."""
    critical_object_cap: Level | None = None
    """The ownership matrix's level is at most this while a critical object has no creator or conflicting ones."""
    rating_bands: list[RatingBand] = Field(min_length=1)
    """Risk rating bands, lowest first."""
    analysers: Analysers
    """Built-in analyser thresholds and risk templates."""


class RiskRule(RiskText):
    """A risk that fires when its condition holds on the answers (unverified when it hangs on don't-knows)."""

    id: Slug
    """Stable id."""
    when: Condition
    """The condition on the answers that raises it."""
    objects: list[Slug] = Field(default_factory=list)
    """Business objects it puts at risk: their criticality and number break ties between equal scores."""


class RiskFile(Strict):
    """The contents of `risks.toml`."""

    risk: list[RiskRule] = Field(default_factory=list)
    """The rules."""


class Slice(Strict):
    """One delivery slice of the roadmap, in delivery order."""

    id: Slug
    """Stable id."""
    title: str = Field(min_length=1)
    """e.g. `Thin vertical slice`."""
    goal: str = Field(min_length=1)
    """What the slice proves when it is done."""
    limit: int | None = Field(default=None, ge=1, le=100)
    """The most actions it may hold; default: the plan's `slice_limit`."""


Effort = Literal["S", "M", "L", "XL"]

Per = Literal["once", "object", "flow", "system", "thin-flow"]
"""What an action is written for: once for the client, per business object, per flow, per system, or for
the representative flow the thin slice goes through."""

DEFAULT_EFFORT_DAYS: dict[Effort, float] = {"S": 3.0, "M": 8.0, "L": 20.0, "XL": 40.0}
"""The effort scale a model uses when its `[plan.effort_days]` leaves a size out."""

ActionKind = Literal["decision", "change"]
"""A decision settles and writes something down; a change removes or reduces a risk's cause."""


class PlanSettings(Strict):
    """How the plan is cut: how much a slice holds, how far an action is repeated, what an effort size costs."""

    slice_limit: int = Field(default=7, ge=1, le=100)
    """The most actions a slice holds; the rest of what is selected waits in Later."""
    instance_cap: int = Field(default=3, ge=1, le=50)
    """The most instances one action gets; further subjects are named as 'and N more' in the last one."""
    effort_days: dict[Effort, float] = Field(default_factory=lambda: dict(DEFAULT_EFFORT_DAYS))
    """Effort size → working days it stands for, used for effort totals and risk reduced per day."""
    gap_value: float = Field(default=4.0, ge=0, le=25)
    """Risk points one level of gap on a selecting question is worth, beside the scores of the risks answered."""


class Action(Strict):
    """A roadmap action, selected by gaps on its questions or by the risks that list it."""

    id: Slug
    """Stable id."""
    title: str = Field(min_length=1)
    """What to do, as an imperative."""
    area: Slug
    """The area it improves."""
    slice: Slug
    """The earliest slice it belongs to; dependencies may push it later."""
    effort: Effort
    """T-shirt size: S (days), M (1–2 weeks), L (a month), XL (more)."""
    owner: str = Field(min_length=1)
    """The role that owns it."""
    depends_on: list[Slug] = Field(default_factory=list)
    """Actions that must land first."""
    questions: list[QuestionId] = Field(default_factory=list)
    """Questions whose gap selects it."""
    below: Level | None = None
    """Selected when one of `questions` is answered below this level; default: the area's target."""
    evidence: str = Field(min_length=1)
    """What proves it done."""
    description: str = ""
    """More detail for the delivery team."""
    kind: ActionKind = "change"
    """`decision` when it settles and records something; `change` when it removes or reduces a cause."""
    per: Per = "once"
    """What it is written for; anything but `once` needs a `subject_title`."""
    subject_title: str = ""
    """The title for one subject, with placeholders such as `{object}`, `{flow}`, `{source}`, `{creators}`."""
    answers: list[str] = Field(default_factory=list)
    """Risk rule ids or analyser names (`flows.latency_mismatch`) it answers, beside the risks that list it."""
    objects: list[Slug] = Field(default_factory=list)
    """Per object or flow: only these business objects (or flows carrying one of them)."""
    when_missing: list[Slug] = Field(default_factory=list)
    """Per flow: only flows that lack one of these safeguards."""
    systems: list[Slug] = Field(default_factory=list)
    """Per system: the system roles it is written for, when the client has them."""
    instance_cap: int | None = Field(default=None, ge=1, le=50)
    """The most instances of this action; default: the plan's `instance_cap`."""
    skip_thin_flow: bool = False
    """Per flow: not written for the thin slice's flow, whose own actions cover the same ground."""
    moves: dict[QuestionId, Level] = Field(default_factory=dict)
    """Question id → the level it reaches when the action is done; default: each of `questions` to its target."""


class RoadmapFile(Strict):
    """The contents of `roadmap.toml`."""

    plan: PlanSettings = Field(default_factory=PlanSettings)
    """Slice limit, instance cap, effort scale and the worth of a gap."""
    slice: list[Slice] = Field(min_length=1)
    """The slices in delivery order."""
    action: list[Action] = Field(default_factory=list)
    """The actions."""


class ScoringBundle(Strict):
    """A scoring model together with its risk rules and roadmap (built by the loader)."""

    model: ScoringModel
    """`scoring.toml`."""
    risks: list[RiskRule]
    """`risks.toml`."""
    slices: list[Slice]
    """The slices in order."""
    actions: list[Action]
    """The actions."""
    plan: PlanSettings = Field(default_factory=PlanSettings)
    """How the plan is cut (`[plan]` in `roadmap.toml`)."""

    def action(self, action_id: str) -> Action | None:
        """Return the action with this id, or None."""
        return next((a for a in self.actions if a.id == action_id), None)

    def area_scoring(self, area_id: str) -> AreaScoring:
        """Return an area's weight and target, defaulting when the model does not list it."""
        return self.model.areas.get(area_id, AreaScoring())

    def level_name(self, level: int) -> str:
        """Return a level's name."""
        return next((d.name for d in self.model.levels if d.level == level), str(level))

    def criticality(self, object_id: str, catalogue_critical: bool) -> str:
        """Return an object's criticality: the model's word for it, else from the catalogue's critical flag."""
        return self.model.criticality.get(object_id, "critical" if catalogue_critical else "standard")

    def band_for(self, score: int) -> RatingBand:
        """Return the rating band of a likelihood × impact score."""
        bands = sorted(self.model.rating_bands, key=lambda b: b.min_score)
        chosen = bands[0]
        for band in bands:
            if score >= band.min_score:
                chosen = band
        return chosen
