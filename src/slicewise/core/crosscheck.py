"""Cross-checks that no single file can show: duplicate ids, dangling references, cycles, dead conditions."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from slicewise.core.conditions import evaluate, leaf_question, referenced_questions, walk
from slicewise.core.errors import Problem
from slicewise.core.kinds import State, is_scored, kind_of
from slicewise.core.models import conditions as c
from slicewise.core.models.questionnaire import (
    LATENCIES,
    PATTERNS,
    SAFEGUARDS,
    AreaFile,
    ChecklistQuestion,
    ChoiceQuestion,
    FlowInventoryQuestion,
    OwnershipMatrixQuestion,
    Question,
    Questionnaire,
    QuestionnaireHeader,
    area_of,
)
from slicewise.core.models.results import QuestionStatus
from slicewise.core.models.scoring import CRITICALITY_RANK, ScoringBundle
from slicewise.core.plan.check import check_plan

if TYPE_CHECKING:
    from slicewise.core.loader import Located, SourceIndex

MAX_STATES = 50_000
"""Conditions over more combinations than this are not searched for satisfiability."""


def _problem(where: Located, message: str) -> Problem:
    """Build a problem at a located definition."""
    return Problem(where.path, where.line, message)


def _duplicates(ids: list[str]) -> list[str]:
    """Return ids that occur more than once, in first-seen order."""
    counts = Counter(ids)
    return [i for i in dict.fromkeys(ids) if counts[i] > 1]


def check_header(header: QuestionnaireHeader, index: SourceIndex) -> list[Problem]:
    """Check the questionnaire header: unique area, object and system ids."""
    problems = []
    for key, entries in (("areas", header.areas), ("objects", header.objects), ("systems", header.systems)):
        ids = [entry.id for entry in entries]
        for dup in _duplicates(ids):
            where = index.at("questionnaire", key, len(ids) - 1 - ids[::-1].index(dup), "id")
            problems.append(_problem(where, f"duplicate {key[:-1]} id '{dup}'"))
    return problems


def check_area_file(area_id: str, area_file: AreaFile, index: SourceIndex) -> list[Problem]:
    """Check one area file: not empty, ids in this area, unique choice and item ids."""
    doc_key = f"area:{area_id}"
    problems = []
    if not area_file.question:
        problems.append(_problem(index.at(doc_key), f"area '{area_id}' has no questions"))
    for number, question in enumerate(area_file.question):
        if area_of(question.id) != area_id:
            problems.append(
                _problem(
                    index.at(doc_key, "question", number, "id"),
                    f"question id '{question.id}' must start with its area id '{area_id}.'",
                )
            )
        if isinstance(question, ChoiceQuestion):
            for dup in _duplicates([choice.id for choice in question.choices]):
                problems.append(
                    _problem(index.at(doc_key, "question", number), f"{question.id}: duplicate choice id '{dup}'")
                )
        if isinstance(question, ChecklistQuestion):
            for dup in _duplicates([item.id for item in question.items]):
                problems.append(
                    _problem(index.at(doc_key, "question", number), f"{question.id}: duplicate item id '{dup}'")
                )
    return problems


def check_bundle(questionnaire: Questionnaire, scoring: ScoringBundle, index: SourceIndex) -> list[Problem]:
    """Check everything that spans files: questions, conditions, scoring, risks and the roadmap."""
    problems: list[Problem] = []
    problems += _check_questions(questionnaire, index)
    problems += _check_scoring(questionnaire, scoring, index)
    problems += _check_risks(questionnaire, scoring, index)
    problems += _check_roadmap(questionnaire, scoring, index)
    problems += check_plan(questionnaire, scoring, index)
    return problems


def _check_questions(questionnaire: Questionnaire, index: SourceIndex) -> list[Problem]:
    """Check duplicate question ids, catalogue references and every show_if."""
    problems = []
    seen: set[str] = set()
    order = {q.id: n for n, q in enumerate(questionnaire.questions)}
    objects = {o.id for o in questionnaire.objects}
    systems = {s.id for s in questionnaire.systems}
    for position, question in enumerate(questionnaire.questions):
        where = index.question_sites[position]
        if question.id in seen:
            problems.append(_problem(where, f"duplicate question id '{question.id}'"))
            continue
        seen.add(question.id)
        if isinstance(question, (OwnershipMatrixQuestion, FlowInventoryQuestion)) and not objects:
            problems.append(_problem(where, f"{question.id}: the questionnaire defines no [[objects]] catalogue"))
        if isinstance(question, OwnershipMatrixQuestion):
            for obj in question.objects:
                if obj not in objects:
                    problems.append(_problem(where, f"{question.id}: unknown object '{obj}'"))
            for system in question.systems:
                if system not in systems:
                    problems.append(_problem(where, f"{question.id}: unknown system '{system}'"))
        if question.show_if is None:
            continue
        label = f"{question.id} show_if"
        problems += [_problem(where, m) for m in condition_problems(question.show_if, questionnaire, label)]
        for ref in referenced_questions(question.show_if):
            if ref in order and order[ref] >= order[question.id]:
                problems.append(_problem(where, f"{label} refers to '{ref}', which is not asked before it"))
    return problems


def _check_scoring(questionnaire: Questionnaire, scoring: ScoringBundle, index: SourceIndex) -> list[Problem]:
    """Check the scoring model against the questionnaire."""
    model = scoring.model
    problems = []
    if model.questionnaire != questionnaire.id:
        problems.append(
            _problem(
                index.at("scoring", "questionnaire"),
                f"scoring model is for '{model.questionnaire}', not for questionnaire '{questionnaire.id}'",
            )
        )
    if [d.level for d in model.levels] != [0, 1, 2, 3, 4]:
        problems.append(_problem(index.at("scoring", "levels"), "levels must define 0, 1, 2, 3 and 4 in order"))
    areas = {a.id for a in questionnaire.areas}
    for area_id in model.areas:
        if area_id not in areas:
            problems.append(_problem(index.at("scoring", "areas", area_id), f"unknown area '{area_id}'"))
    for question_id in model.question_weights:
        question = questionnaire.question(question_id)
        if question is None:
            problems.append(
                _problem(index.at("scoring", "question_weights", question_id), f"unknown question '{question_id}'")
            )
    thresholds = model.checklist_thresholds
    if any(not 0 < t <= 1 for t in thresholds) or thresholds != sorted(thresholds):
        problems.append(
            _problem(
                index.at("scoring", "checklist_thresholds"),
                "checklist_thresholds must be ascending shares between 0 (exclusive) and 1",
            )
        )
    minimums = [band.min_score for band in model.rating_bands]
    if minimums != sorted(set(minimums)) or minimums[0] != 1:
        problems.append(
            _problem(
                index.at("scoring", "rating_bands"),
                "rating_bands must start at min_score 1 and rise strictly",
            )
        )
    flows = model.analysers.flows
    for pattern, latency in flows.fastest_latency.items():
        where = index.at("scoring", "analysers", "flows", "fastest_latency", pattern)
        if pattern not in PATTERNS:
            problems.append(_problem(where, f"unknown pattern '{pattern}' (known: {', '.join(PATTERNS)})"))
        if latency not in LATENCIES:
            problems.append(_problem(where, f"unknown latency class '{latency}' (known: {', '.join(LATENCIES)})"))
    for latency, safeguards in flows.required_safeguards.items():
        where = index.at("scoring", "analysers", "flows", "required_safeguards", latency)
        if latency not in LATENCIES:
            problems.append(_problem(where, f"unknown latency class '{latency}'"))
        for safeguard in safeguards:
            if safeguard not in SAFEGUARDS:
                problems.append(_problem(where, f"unknown safeguard '{safeguard}' (known: {', '.join(SAFEGUARDS)})"))
    problems.extend(_check_judgement(questionnaire, scoring, index))
    action_ids = {a.id for a in scoring.actions}
    for name, template in _analyser_templates(scoring):
        for field_name in ("title", "cause", "effect", "owner", "trigger"):
            for bad in template_problems(getattr(template, field_name)):
                where = index.at("scoring", "analysers", *name.split("."), field_name)
                problems.append(_problem(where, f"{name}.{field_name}: {bad}"))
        for action in template.actions:
            if action not in action_ids:
                problems.append(
                    _problem(index.at("scoring", "analysers", *name.split(".")), f"unknown action '{action}'")
                )
    return problems


CALIBRATION_ROWS = (*SAFEGUARDS, "failure-owner", "latency-mismatch", "sla")
"""The findings the flow calibration table may rate."""


def _check_judgement(questionnaire: Questionnaire, scoring: ScoringBundle, index: SourceIndex) -> list[Problem]:
    """Check the criticality table, the flow calibration table, money and snapshot settings against the catalogues."""
    model = scoring.model
    flows = model.analysers.flows
    objects = {o.id for o in questionnaire.objects}
    systems = {s.id for s in questionnaire.systems}
    problems = []

    def check(where: Located, ids: list[str], known: set[str] | tuple[str, ...], what: str) -> None:
        for item in ids:
            if item not in known:
                problems.append(_problem(where, f"unknown {what} '{item}'"))

    for object_id in model.criticality:
        check(index.at("scoring", "criticality", object_id), [object_id], objects, "business object")
    for row, calibration in flows.calibration.items():
        where = index.at("scoring", "analysers", "flows", "calibration", row)
        if row not in CALIBRATION_ROWS:
            problems.append(_problem(where, f"unknown calibration row '{row}' (known: {', '.join(CALIBRATION_ROWS)})"))
        check(where, list(calibration.likelihood), LATENCIES, "latency class")
        absent = [latency for latency in LATENCIES if latency not in calibration.likelihood]
        if absent:
            problems.append(_problem(where, f"calibration '{row}': likelihood missing for {', '.join(absent)}"))
        absent = [c for c in CRITICALITY_RANK if c not in calibration.impact]
        if absent:
            problems.append(_problem(where, f"calibration '{row}': impact missing for {', '.join(absent)}"))
    if flows.money is not None:
        where = index.at("scoring", "analysers", "flows", "money")
        check(where, [*flows.money.objects, *flows.money.to_finance], objects, "business object")
        check(where, flows.money.finance_systems, systems, "system role")
        check(where, flows.money.requires, SAFEGUARDS, "safeguard")
    if flows.snapshot is not None:
        where = index.at("scoring", "analysers", "flows", "snapshot")
        check(where, [*flows.snapshot.replaces, *flows.snapshot.requires], SAFEGUARDS, "safeguard")
    check(index.at("scoring", "analysers", "flows", "sla_needed"), flows.sla_needed, LATENCIES, "latency class")
    for number, rule in enumerate(scoring.risks):
        check(index.at("risks", "risk", number, "objects"), rule.objects, objects, "business object")
    return problems


_BRACED = re.compile(r"\{([^{}]*)\}")


def template_problems(text: str) -> list[str]:
    """Check a risk template's placeholders: each is a known name in braces, with no format spec or index."""
    from slicewise.core.risks import PLACEHOLDERS

    problems = []
    for match in _BRACED.finditer(text):
        if match.group(1) not in PLACEHOLDERS:
            shown = match.group(0) if len(match.group(0)) <= 40 else match.group(0)[:37] + "...}"
            problems.append(
                f"'{shown}' is not a placeholder: use one of {', '.join('{' + p + '}' for p in PLACEHOLDERS)}"
            )
    return problems


def _analyser_templates(scoring: ScoringBundle) -> Iterator[tuple[str, Any]]:
    """Yield (dotted name, template) for every analyser risk template."""
    analysers = scoring.model.analysers
    for name in ("no_creator", "several_creators", "uncorrected_updates"):
        yield f"ownership.{name}", getattr(analysers.ownership, name)
    for name in ("latency_mismatch", "missing_safeguards", "no_failure_owner", "no_sla"):
        if getattr(analysers.flows, name) is not None:
            yield f"flows.{name}", getattr(analysers.flows, name)
    if analysers.disagreement is not None:
        yield "disagreement", analysers.disagreement


def _check_risks(questionnaire: Questionnaire, scoring: ScoringBundle, index: SourceIndex) -> list[Problem]:
    """Check risk rules: unique ids, valid conditions, known actions."""
    problems = []
    action_ids = {a.id for a in scoring.actions}
    ids = [rule.id for rule in scoring.risks]
    for dup in _duplicates(ids):
        problems.append(
            _problem(index.at("risks", "risk", len(ids) - 1 - ids[::-1].index(dup)), f"duplicate risk id '{dup}'")
        )
    for number, rule in enumerate(scoring.risks):
        where = index.at("risks", "risk", number)
        problems += [_problem(where, m) for m in condition_problems(rule.when, questionnaire, f"risk {rule.id} when")]
        for action in rule.actions:
            if action not in action_ids:
                problems.append(
                    _problem(
                        index.at("risks", "risk", number, "actions"),
                        f"risk {rule.id}: unknown action '{action}'",
                    )
                )
    return problems


def _check_roadmap(questionnaire: Questionnaire, scoring: ScoringBundle, index: SourceIndex) -> list[Problem]:
    """Check slices and actions: unique ids, known references, selectable actions, no dependency cycles."""
    problems = []
    slice_ids = [s.id for s in scoring.slices]
    for dup in _duplicates(slice_ids):
        problems.append(_problem(index.at("roadmap", "slice"), f"duplicate slice id '{dup}'"))
    action_ids = [a.id for a in scoring.actions]
    for dup in _duplicates(action_ids):
        where = index.at("roadmap", "action", len(action_ids) - 1 - action_ids[::-1].index(dup))
        problems.append(_problem(where, f"duplicate action id '{dup}'"))
    areas = {a.id for a in questionnaire.areas}
    known_actions = set(action_ids)
    listed_by_risks = {a for rule in scoring.risks for a in rule.actions}
    listed_by_risks |= {a for _name, template in _analyser_templates(scoring) for a in template.actions}
    for number, action in enumerate(scoring.actions):

        def at(*loc: str | int, number: int = number) -> Located:
            return index.at("roadmap", "action", number, *loc)

        if action.slice not in slice_ids:
            problems.append(_problem(at("slice"), f"action {action.id}: unknown slice '{action.slice}'"))
        if action.area not in areas:
            problems.append(_problem(at("area"), f"action {action.id}: unknown area '{action.area}'"))
        for question_id in action.questions:
            question = questionnaire.question(question_id)
            if question is None:
                problems.append(_problem(at("questions"), f"action {action.id}: unknown question '{question_id}'"))
            elif not is_scored(question):
                problems.append(
                    _problem(
                        at("questions"),
                        f"action {action.id}: question '{question_id}' is not scored, so it has no gap",
                    )
                )
        for dependency in action.depends_on:
            if dependency not in known_actions:
                problems.append(
                    _problem(at("depends_on"), f"action {action.id}: depends on unknown action '{dependency}'")
                )
        if not action.questions and not action.answers and action.id not in listed_by_risks:
            problems.append(
                _problem(
                    at(),
                    f"action {action.id} can never be selected: it names no questions, answers no risk "
                    "and no risk lists it",
                )
            )
    for cycle in _cycles({a.id: [d for d in a.depends_on if d in known_actions] for a in scoring.actions}):
        where = index.actions.get(cycle[0]) or index.at("roadmap")
        problems.append(_problem(where, "dependency cycle: " + " → ".join([*cycle, cycle[0]])))
    return problems


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Return one representative path for each dependency cycle in a graph."""
    found: list[list[str]] = []
    seen_sets: set[frozenset[str]] = set()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :]
                key = frozenset(cycle)
                if key not in seen_sets:
                    seen_sets.add(key)
                    found.append(cycle)
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node)
    return found


# ---- conditions -------------------------------------------------------------------------------------


def condition_problems(condition: Any, questionnaire: Questionnaire, label: str) -> list[str]:
    """Check a condition's references against the questionnaire and that it can ever be true."""
    messages = []
    for leaf in walk(condition):
        question_id = leaf_question(leaf)
        if question_id is None:
            continue
        question = questionnaire.question(question_id)
        if question is None:
            messages.append(f"{label} refers to unknown question '{question_id}'")
            continue
        messages += _leaf_kind_problems(leaf, question, label)
    if messages:
        return messages
    if not satisfiable(condition, questionnaire):
        messages.append(f"{label} can never be true for any answers")
    return messages


def _leaf_kind_problems(leaf: Any, question: Question, label: str) -> list[str]:
    """Check that a leaf predicate fits the kind of question it tests."""
    if isinstance(leaf, c.ChoiceIn):
        if not isinstance(question, ChoiceQuestion):
            return [f"{label}: choice_in needs a choice question, '{question.id}' is {question.kind}"]
        known = {choice.id for choice in question.choices}
        return [f"{label}: '{question.id}' has no choice '{x}'" for x in leaf.choice_in.choices if x not in known]
    if isinstance(leaf, (c.Has, c.Lacks)):
        ref = leaf.has if isinstance(leaf, c.Has) else leaf.lacks
        if not isinstance(question, ChecklistQuestion):
            return [f"{label}: has/lacks needs a checklist question, '{question.id}' is {question.kind}"]
        if ref.item not in {item.id for item in question.items}:
            return [f"{label}: '{question.id}' has no item '{ref.item}'"]
    if isinstance(leaf, (c.LevelAtMost, c.LevelAtLeast)) and not is_scored(question):
        return [f"{label}: '{question.id}' is not scored, so it has no level to compare"]
    return []


class _World:
    """Imagined answers to the questions a condition names, read through the same `Facts` as real ones."""

    def __init__(self, states: dict[str, State]) -> None:
        """Hold one state per question id."""
        self.states = states

    def status(self, question_id: str) -> QuestionStatus:
        """The imagined status."""
        return self.states[question_id].status

    def level(self, question_id: str) -> int | None:
        """The imagined level of an answered question."""
        state = self.states[question_id]
        return state.level if state.status == "answered" else None

    def choice(self, question_id: str) -> str | None:
        """The imagined choice of an answered question."""
        state = self.states[question_id]
        return state.choice if state.status == "answered" else None

    def ticked(self, question_id: str) -> set[str]:
        """The imagined ticks of an answered question."""
        state = self.states[question_id]
        return set(state.ticked) if state.status == "answered" else set()


def satisfiable(condition: Any, questionnaire: Questionnaire) -> bool:
    """Search the answer states of the referenced questions for one that makes the condition true."""
    items: dict[str, set[str]] = {}
    for leaf in walk(condition):
        if isinstance(leaf, c.Has):
            items.setdefault(leaf.has.question, set()).add(leaf.has.item)
        elif isinstance(leaf, c.Lacks):
            items.setdefault(leaf.lacks.question, set()).add(leaf.lacks.item)
    ids = referenced_questions(condition)
    questions = [questionnaire.question(question_id) for question_id in ids]
    total = 1
    for question_id, question in zip(ids, questions, strict=True):
        if question is None:
            return True
        total *= kind_of(question).state_count(question, len(items.get(question_id, ())))
        if total > MAX_STATES:  # counted before any state is built: too many to search, assume it can hold
            return True
    spaces = [kind_of(q).states(q, items.get(q.id, set())) for q in questions if q is not None]
    return any(evaluate(condition, _World(dict(zip(ids, combo, strict=True)))) for combo in itertools.product(*spaces))
