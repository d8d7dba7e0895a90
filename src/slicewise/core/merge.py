"""Merge several respondents' self-assessments into one team assessment, recording where they disagree.

The merge is pure: it takes loaded assessments and the questionnaire bundle and returns a new
`Assessment`. Consensus rules, chosen to be conservative and to leave a single respondent's file
unchanged:

- choice: the lower median of the respondents' levels; among the choices at that level the most
  frequent one (ties go to the rubric's order). With an even split the lower level wins.
- checklist: the items ticked by a strict majority of those who answered it.
- text: the common text, or each respondent's text on its own line with their name.
- nobody gave a real answer: don't-know when at least as many said so as said N/A, else N/A.
- ownership: per object and role, the systems a strict majority named; when no creator reaches a
  majority, every creator tied at the top is kept, so the ambiguity shows as several creators.
- flows: flows with the same id, or the same source, target and objects, are one flow; its pattern,
  latency and failure owner are the most frequent, its safeguards those a strict majority named.

Every respondent's own answer and note is kept in `Answer.respondents`; disagreements go to
`Assessment.merge`, and the engine raises each as a risk of its own.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from slicewise.core import edits
from slicewise.core.answers import AnswerView
from slicewise.core.errors import Problem, SlicewiseError
from slicewise.core.identity import new_assessment_id
from slicewise.core.kinds import kind_of, level_from_share
from slicewise.core.models.assessment import (
    Answer,
    Assessment,
    Disagreement,
    Flow,
    MergeInfo,
    OwnershipEntry,
    OwnershipScope,
)
from slicewise.core.models.questionnaire import (
    PATTERN_LABELS,
    ChecklistQuestion,
    ChoiceQuestion,
    Question,
)
from slicewise.core.slug import unique

if TYPE_CHECKING:
    from slicewise.core.loader import Bundle

T = TypeVar("T")

MERGE_TITLE = "Cannot merge these assessments"
SPREAD_THRESHOLD = 2
"""Respondents whose levels differ by this much or more disagree."""


@dataclass
class Respondent:
    """One respondent's assessment, named, with the view that gives their levels."""

    name: str
    """Their name (unique within the merge)."""
    source: str
    """The file it came from."""
    assessment: Assessment
    """Their answers."""
    view: AnswerView
    """Their answers seen through the questionnaire."""


@dataclass
class _FlowGroup:
    """Flows that different respondents gave for the same integration."""

    members: list[tuple[str, Flow]] = field(default_factory=list)
    """(respondent name, their flow), in respondent order."""

    names: set[str] = field(default_factory=set)
    """The respondents with a flow in the group."""

    def open_to(self, name: str) -> bool:
        """Tell whether this respondent has no flow in the group yet (one flow per respondent per group)."""
        return name not in self.names


def merge_assessments(
    bundle: Bundle,
    assessments: Sequence[Assessment],
    sources: Sequence[str] | None = None,
) -> Assessment:
    """Merge respondents' assessments into one; raises `SlicewiseError` when they cannot be merged."""
    questionnaire, scoring = bundle.questionnaire, bundle.scoring
    names = list(sources) if sources is not None else [f"respondent {i + 1}" for i in range(len(assessments))]
    if len(names) != len(assessments):
        raise ValueError("one source name per assessment is needed")
    if not assessments:
        raise SlicewiseError(MERGE_TITLE, [Problem("", None, "no assessment files were given")])
    check_compatible(assessments, names)
    respondents = [
        Respondent(name, source, assessment, AnswerView(questionnaire, scoring, assessment))
        for name, source, assessment in zip(respondent_names(assessments, names), names, assessments, strict=True)
    ]
    disagreements: list[Disagreement] = []
    answers = _merge_answers(respondents, disagreements)
    ownership = _merge_ownership(respondents, disagreements)
    flows = _merge_flows(respondents, disagreements)
    first = assessments[0]
    engagement = first.engagement.model_copy(deep=True)
    engagement.respondent = ""
    for respondent in respondents:
        if respondent.name not in engagement.participants:
            engagement.participants.append(respondent.name)
    return Assessment(
        format=first.format,
        id=new_assessment_id(),
        questionnaire=first.questionnaire.model_copy(),
        engagement=engagement,
        targets=_first_wins(a.targets for a in assessments),
        systems=_first_wins(a.systems for a in assessments),
        answers=answers,
        ownership=ownership,
        flows=flows,
        progress=first.progress.model_copy(),
        merge=MergeInfo(
            respondents=[r.name for r in respondents],
            sources=[r.source for r in respondents],
            disagreements=disagreements,
        ),
    )


def check_compatible(assessments: Sequence[Assessment], sources: Sequence[str]) -> None:
    """Refuse to merge answers given against different questionnaires or versions, naming both."""
    problems = [
        Problem(
            source,
            None,
            "is already a merged team file; merge the respondents' own files again (its [merge] sources) "
            "together with the new ones",
        )
        for assessment, source in zip(assessments, sources, strict=True)
        if assessment.merge is not None
    ]
    if problems:
        raise SlicewiseError(MERGE_TITLE, problems)
    first = assessments[0].questionnaire
    for assessment, source in zip(assessments[1:], sources[1:], strict=True):
        ref = assessment.questionnaire
        if ref.id != first.id or ref.version != first.version:
            problems.append(
                Problem(
                    source,
                    None,
                    f"answers questionnaire '{ref.id}' version {ref.version or '?'}, but {sources[0]} "
                    f"answers '{first.id}' version {first.version or '?'}; merge files of one version only",
                )
            )
    if problems:
        raise SlicewiseError("Cannot merge answers to different questionnaire versions", problems)


def respondent_names(assessments: Sequence[Assessment], sources: Sequence[str]) -> list[str]:
    """Name each respondent (their recorded name, else the file name), made unique with a number."""
    names: list[str] = []
    for assessment, source in zip(assessments, sources, strict=True):
        base = assessment.engagement.respondent.strip() or _stem(source)
        names.append(unique(base, names, form="{base} ({number})"))
    return names


# -- answers ------------------------------------------------------------------------------------------


def _merge_answers(respondents: list[Respondent], disagreements: list[Disagreement]) -> dict[str, Answer]:
    """Merge every question anyone answered, in the questionnaire's order, then answers it no longer has."""
    questions = {q.id: q for q in respondents[0].view.questionnaire.questions}
    tables = [(r, r.assessment.answers) for r in respondents]
    seen: dict[str, None] = {}
    for _, answers in tables:
        seen.update(dict.fromkeys(answers))
    order = [qid for qid in questions if qid in seen]
    order.extend(qid for qid in seen if qid not in questions)
    merged: dict[str, Answer] = {}
    for qid in order:
        given = [(r, answers[qid]) for r, answers in tables if qid in answers]
        merged[qid] = _merge_answer(qid, questions.get(qid), given, disagreements)
    return merged


def _merge_answer(
    qid: str,
    question: Question | None,
    given: list[tuple[Respondent, Answer]],
    disagreements: list[Disagreement],
) -> Answer:
    """Merge one question's answers into the consensus, keeping each respondent's own."""
    scale = _Scale.of(question, given[0][0].view)
    levels: dict[str, int | None] = {}
    real: list[tuple[Respondent, Answer]] = []
    kept: list[dict[str, Any]] = []
    notes: list[tuple[str, str]] = []
    confidences: set[str | None] = set()
    done = False
    for respondent, answer in given:  # one pass: this loop runs once per respondent per question
        flag = _is_real(answer)
        level = _level(respondent, qid, scale, answer, flag)
        levels[respondent.name] = level
        if flag:
            real.append((respondent, answer))
        kept.append(_respondent_answer(respondent, answer, level))
        notes.append((respondent.name, answer.note))
        confidences.add(answer.confidence)
        done = done or answer.done
    answers = [a for _, a in given]
    merged: dict[str, Any] = {
        "note": _merged_text(notes),
        "confidence": next(iter(confidences)) if len(confidences) == 1 else "unsure",  # any doubt: unsure
        # Validated in one call with the merged answer: far cheaper than one model per respondent.
        "respondents": kept,
    }
    result = Answer.model_validate(merged)
    if real:
        if isinstance(question, ChoiceQuestion) or (question is None and real[0][1].choice is not None):
            edits.give_value(result, choice=_consensus_choice(question, real, levels), done=done)
        elif isinstance(question, ChecklistQuestion) or real[0][1].choices is not None:
            edits.give_value(result, choices=_majority([a.choices or [] for _, a in real], len(real)), done=done)
        else:
            edits.give_value(result, text=_merged_text([(r.name, a.text or "") for r, a in real]), done=done)
        _level_disagreements(qid, question, real, levels, disagreements)
        return result
    unknown = sum(1 for a in answers if a.unknown and not a.na)
    na = [a for a in answers if a.na]
    if done:  # someone finished the matrix or inventory: that is an answer, whatever the others said
        edits.give_value(result, done=True)
    elif na and len(na) > unknown:
        note = _merged_text([(r.name, a.na_note) for r, a in given if a.na])
        edits.mark_na(result, _most_frequent([a.na or "" for a in na]), note)
    elif unknown:
        edits.mark_unknown(result)
    return result


def _is_real(answer: Answer) -> bool:
    """Tell whether an answer gives a choice, ticks or text (not don't-know, not N/A)."""
    if answer.unknown or answer.na:
        return False
    return answer.choice is not None or answer.choices is not None or answer.text is not None


def _respondent_answer(respondent: Respondent, answer: Answer, level: int | None) -> dict[str, Any]:
    """Keep one respondent's own answer with the level it stood for (the fields of `RespondentAnswer`)."""
    return {
        "respondent": respondent.name,
        "choice": answer.choice,
        "choices": answer.choices,
        "text": answer.text,
        "level": level,
        "unknown": answer.unknown,
        "na": answer.na,
        "note": answer.note,
    }


@dataclass
class _Scale:
    """How one question's answers map to levels, worked out once per question rather than per respondent."""

    rubric: dict[str, int] | None = None
    """Choice id → level, for a choice question."""
    weights: dict[str, float] | None = None
    """Item id → weight, for a checklist."""
    total: float = 0.0
    """The checklist's total weight."""
    thresholds: list[float] = field(default_factory=list)
    """The scoring model's checklist thresholds."""
    levelless: bool = False
    """Context questions, text and answers the questionnaire no longer has: no level to compare."""
    conditional: bool = False
    """The question has a `show_if`, so each respondent's view decides whether it was asked."""

    @classmethod
    def of(cls, question: Question | None, view: AnswerView) -> _Scale:
        """Prepare the scale of a choice or checklist question (other kinds ask the answer view)."""
        if question is None or not view.counts(question):
            return cls(levelless=True)
        scoring = view.scoring
        conditional = question.show_if is not None
        if isinstance(question, ChoiceQuestion):
            return cls(rubric={c.id: c.level for c in question.choices}, conditional=conditional)
        if isinstance(question, ChecklistQuestion):
            weights = {item.id: item.weight for item in question.items}
            return cls(
                weights=weights,
                total=sum(weights.values()),
                thresholds=scoring.model.checklist_thresholds,
                conditional=conditional,
            )
        return cls(levelless=not kind_of(question).levelled)


def _level(respondent: Respondent, qid: str, scale: _Scale, answer: Answer, real: bool) -> int | None:
    """The level of one respondent's answer, as the answer view would give it (None when hidden or not real)."""
    if scale.levelless:
        return None
    if scale.rubric is None and scale.weights is None:
        return respondent.view.level(qid)
    if not real or (scale.conditional and not respondent.view.visible(qid)):
        return None
    if scale.rubric is not None:
        return scale.rubric.get(answer.choice or "")
    assert scale.weights is not None
    ticked = set(answer.choices or [])
    share = (
        sum(weight for item, weight in scale.weights.items() if item in ticked) / scale.total if scale.total else 0.0
    )
    return level_from_share(share, scale.thresholds)


def _consensus_choice(
    question: Question | None, real: list[tuple[Respondent, Answer]], levels: dict[str, int | None]
) -> str | None:
    """Pick the choice at the lower median level, the most frequent there, ties in rubric order."""
    scored: list[tuple[str | None, int]] = []
    for respondent, answer in real:
        level = levels.get(respondent.name)
        if level is not None:
            scored.append((answer.choice, level))
    if not scored:
        return _most_frequent([a.choice or "" for _, a in real]) or None
    median = statistics.median_low([level for _, level in scored])
    at_median = [choice for choice, level in scored if level == median]
    rubric = [c.id for c in question.choices] if isinstance(question, ChoiceQuestion) else []
    counts = Counter(at_median)
    best = max(counts.values())
    tied = [choice for choice in counts if counts[choice] == best]
    return min(tied, key=lambda c: rubric.index(c) if c in rubric else len(rubric))


def _level_disagreements(
    qid: str,
    question: Question | None,
    real: list[tuple[Respondent, Answer]],
    levels: dict[str, int | None],
    disagreements: list[Disagreement],
) -> None:
    """Record a level spread of two or more, or different choices where the level does not tell them apart."""
    levelled = [(r.name, levels[r.name]) for r, _ in real if levels[r.name] is not None]
    if levelled:
        values = [level for _, level in levelled if level is not None]
        spread = max(values) - min(values)
        if spread >= SPREAD_THRESHOLD:
            said = ", ".join(f"{name} level {level}" for name, level in levelled)
            disagreements.append(
                Disagreement(
                    kind="level_spread",
                    subject=qid,
                    detail=f"levels spread over {spread}: {said}",
                    respondents=[name for name, _ in levelled],
                    spread=spread,
                )
            )
            return
    if not isinstance(question, ChoiceQuestion):
        return
    chosen = {a.choice for _, a in real}
    if len(chosen) < 2:
        return
    same_level = len({level for _, level in levelled}) <= 1
    context = not real[0][0].view.counts(question)
    if not (same_level or context):
        return
    labels = {c.id: c.label for c in question.choices}
    said = "; ".join(f"{r.name}: {labels.get(a.choice or '', a.choice)}" for r, a in real)
    disagreements.append(
        Disagreement(
            kind="choice", subject=qid, detail=f"different answers: {said}", respondents=[r.name for r, _ in real]
        )
    )


# -- ownership ----------------------------------------------------------------------------------------


def _merge_ownership(respondents: list[Respondent], disagreements: list[Disagreement]) -> dict[str, OwnershipEntry]:
    """Merge the ownership matrix object by object, recording different creating systems."""
    objects: dict[str, None] = {}
    for respondent in respondents:
        objects.update(dict.fromkeys(respondent.assessment.ownership))
    merged: dict[str, OwnershipEntry] = {}
    for obj in objects:
        given = [(r, r.assessment.ownership[obj]) for r in respondents if obj in r.assessment.ownership]
        count = len(given)
        creators = _majority([e.create for _, e in given], count)
        if not creators:
            creators = _top_tied([e.create for _, e in given])
        merged[obj] = OwnershipEntry(
            create=creators,
            update=_majority([e.update for _, e in given], count),
            consume=_majority([e.consume for _, e in given], count),
            correction_owner=_most_frequent([e.correction_owner for _, e in given]),
            note=_merged_text([(r.name, e.note) for r, e in given]),
            scopes=_merge_scopes([e.scopes for _, e in given]),
        )
        claims = [(r, e.create) for r, e in given if e.create]
        if len({frozenset(create) for _, create in claims}) > 1:
            view = respondents[0].view
            said = "; ".join(f"{r.name}: {', '.join(view.system_name(s) for s in create)}" for r, create in claims)
            disagreements.append(
                Disagreement(
                    kind="creators",
                    subject=obj,
                    detail=f"different systems create {view.object_label(obj)}: {said}",
                    respondents=[r.name for r, _ in claims],
                )
            )
    return merged


def _merge_scopes(given: list[list[OwnershipScope]]) -> list[OwnershipScope]:
    """Merge ownership scopes by name (case aside): per scope, what a majority of those who named it said."""
    by_name: dict[str, list[OwnershipScope]] = {}
    for scopes in given:
        for scope in scopes:
            by_name.setdefault(scope.scope.strip().lower(), []).append(scope)
    merged = []
    for named in by_name.values():
        count = len(named)
        merged.append(
            OwnershipScope(
                scope=named[0].scope,
                kind=_most_frequent([s.kind for s in named]) or named[0].kind,
                create=_majority([s.create for s in named], count) or _top_tied([s.create for s in named]),
                update=_majority([s.update for s in named], count),
                consume=_majority([s.consume for s in named], count),
                correction_owner=_most_frequent([s.correction_owner for s in named]),
            )
        )
    return merged


# -- flows --------------------------------------------------------------------------------------------


def _merge_flows(respondents: list[Respondent], disagreements: list[Disagreement]) -> list[Flow]:
    """Group the respondents' flows that describe one integration and merge each group."""
    groups: list[_FlowGroup] = []
    by_id: dict[str, list[_FlowGroup]] = {}
    by_key: dict[tuple[str, str, frozenset[str]], list[_FlowGroup]] = {}
    for respondent in respondents:
        for flow in respondent.assessment.flows:
            key = _flow_key(flow)
            group = next((g for g in by_id.get(flow.id, []) if g.open_to(respondent.name)), None)
            if group is None:
                group = next((g for g in by_key.get(key, []) if g.open_to(respondent.name)), None)
            if group is None:
                group = _FlowGroup()
                groups.append(group)
            group.members.append((respondent.name, flow))
            group.names.add(respondent.name)
            if group not in by_id.setdefault(flow.id, []):
                by_id[flow.id].append(group)
            if group not in by_key.setdefault(key, []):
                by_key[key].append(group)
    merged: list[Flow] = []
    used: set[str] = set()
    for group in groups:
        flow = _merge_flow(group, used)
        merged.append(flow)
        _flow_disagreement(flow, group, disagreements)
    return merged


def _merge_flow(group: _FlowGroup, used: set[str]) -> Flow:
    """Merge one group: most frequent pattern, latency and owner; safeguards a majority named."""
    flows = [flow for _, flow in group.members]
    first = flows[0]
    flow_id = unique(first.id, used)
    used.add(flow_id)
    objects: dict[str, None] = {}
    for flow in flows:
        objects.update(dict.fromkeys(flow.objects))
    safeguards = _majority([f.safeguards for f in flows], len(flows))
    return Flow(
        id=flow_id,
        name=first.name,
        source=first.source,
        target=first.target,
        objects=list(objects),
        pattern=_most_frequent([f.pattern for f in flows]),
        latency=_most_frequent([f.latency for f in flows]),
        mode=_most_frequent([f.mode for f in flows]) or "delta",
        safeguards=safeguards,
        unknown_safeguards=[
            s for s in dict.fromkeys(u for f in flows for u in f.unknown_safeguards) if s not in safeguards
        ],
        failure_owner=_most_frequent([f.failure_owner for f in flows]),
        sla=_most_frequent([f.sla for f in flows]),
        note=_merged_text([(name, f.note) for name, f in group.members]),
    )


def _flow_disagreement(merged: Flow, group: _FlowGroup, disagreements: list[Disagreement]) -> None:
    """Record contradictory facts about one flow: pattern, latency, safeguards or failure owner."""
    if len(group.members) < 2:
        return
    facts: list[str] = []
    members = group.members
    if len({f.pattern for _, f in members}) > 1:
        facts.append("pattern " + _who_said(members, lambda f: PATTERN_LABELS.get(f.pattern, f.pattern)))
    if len({f.latency for _, f in members}) > 1:
        facts.append("latency " + _who_said(members, lambda f: f.latency))
    if len({f.mode for _, f in members}) > 1:
        facts.append("mode " + _who_said(members, lambda f: f.mode))
    if len({f.sla for _, f in members if f.sla}) > 1:
        facts.append("service level " + _who_said([(n, f) for n, f in members if f.sla], lambda f: f.sla))
    if len({frozenset(f.safeguards) for _, f in members}) > 1:
        facts.append("safeguards " + _who_said(members, lambda f: ", ".join(f.safeguards) or "none"))
    owners = {f.failure_owner.strip() for _, f in members if f.failure_owner.strip()}
    if len(owners) > 1:
        facts.append(
            "failure owner "
            + _who_said([(n, f) for n, f in members if f.failure_owner.strip()], lambda f: f.failure_owner.strip())
        )
    if facts:
        disagreements.append(
            Disagreement(
                kind="flow",
                subject=merged.id,
                detail=f"{merged.name}: " + "; ".join(facts),
                respondents=[name for name, _ in members],
            )
        )


def _who_said(members: list[tuple[str, Flow]], fact: Callable[[Flow], str]) -> str:
    """Say who gave which value, e.g. `(Ann: File transfer, Bo: Direct API)`."""
    parts = [f"{name}: {fact(flow)}" for name, flow in members]
    return "(" + ", ".join(parts) + ")"


def _flow_key(flow: Flow) -> tuple[str, str, frozenset[str]]:
    """Identify a flow by what it connects, for respondents who named it differently."""
    return (flow.source, flow.target, frozenset(flow.objects))


# -- small rules --------------------------------------------------------------------------------------


def _majority(lists: list[list[str]], voters: int) -> list[str]:
    """Return the values named by a strict majority of voters, in order of first appearance."""
    counts: dict[str, int] = {}
    for values in lists:
        for value in dict.fromkeys(values):
            counts[value] = counts.get(value, 0) + 1
    return [value for value, count in counts.items() if count * 2 > voters]


def _top_tied(lists: Iterable[list[str]]) -> list[str]:
    """Return every value named as often as the most named one, in order of first appearance."""
    counts: Counter[str] = Counter()
    for values in lists:
        counts.update(list(dict.fromkeys(values)))
    if not counts:
        return []
    best = max(counts.values())
    return [value for value in counts if counts[value] == best]


def _most_frequent(values: list[str]) -> str:
    """Return the most frequent non-empty value, ties to the first given; empty when all are empty."""
    counts = Counter(v for v in values if v)
    if not counts:
        return ""
    best = max(counts.values())
    return next(v for v in values if v and counts[v] == best)


def _merged_text(pairs: list[tuple[str, str]]) -> str:
    """Return the common text when everyone wrote the same, else each non-empty text with its author."""
    texts = {text for _, text in pairs}
    if len(texts) == 1:
        return next(iter(texts))
    return "\n".join(f"{name}: {text}" for name, text in pairs if text.strip())


def _first_wins(tables: Iterable[dict[str, T]]) -> dict[str, T]:
    """Union of tables where the first file to set a key wins."""
    merged: dict[str, T] = {}
    for table in tables:
        for key, value in table.items():
            merged.setdefault(key, value)
    return merged


def _stem(source: str) -> str:
    """Return a file name without folders and extension, as a fallback respondent name."""
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name or "respondent"
