"""Load-time checks of the plan's data: subject titles, placeholders, filters, moves, effort scale, and that every
risk has an action able to answer its cause."""

from __future__ import annotations

import string
from collections.abc import Iterator
from typing import TYPE_CHECKING

from slicewise.core.errors import Problem
from slicewise.core.flowcheck import FAILURE_OWNER
from slicewise.core.kinds import is_scored
from slicewise.core.models.questionnaire import SAFEGUARDS, Questionnaire
from slicewise.core.models.scoring import AnalyserRisk, ScoringBundle
from slicewise.core.plan.subjects import PLACEHOLDERS, SUBJECT_KIND

if TYPE_CHECKING:
    from slicewise.core.loader import Located, SourceIndex


def analyser_templates(scoring: ScoringBundle) -> Iterator[tuple[str, AnalyserRisk]]:
    """Yield (name, template) for every analyser risk, named as actions' `answers` name them."""
    analysers = scoring.model.analysers
    yield "ownership.no_creator", analysers.ownership.no_creator
    yield "ownership.several_creators", analysers.ownership.several_creators
    yield "ownership.uncorrected_updates", analysers.ownership.uncorrected_updates
    yield "flows.latency_mismatch", analysers.flows.latency_mismatch
    yield "flows.missing_safeguards", analysers.flows.missing_safeguards
    yield "flows.no_failure_owner", analysers.flows.no_failure_owner
    if analysers.disagreement is not None:
        yield "disagreement", analysers.disagreement


def placeholder_problems(template: str, allowed: tuple[str, ...]) -> list[str]:
    """Say what is wrong with a template's placeholders: only plain names from `allowed`, no format specs."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        return [f"cannot be read as a template ({error}); write a literal brace as {{{{ or }}}}"]
    found = []
    for _text, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion:
            found.append(f"placeholder {{{name}}} must be a plain name, without a format spec or conversion")
        elif name not in allowed:
            found.append(f"unknown placeholder {{{name}}} (known here: {', '.join(allowed)})")
    return found


def check_plan(questionnaire: Questionnaire, scoring: ScoringBundle, index: SourceIndex) -> list[Problem]:
    """Check every action's plan fields and that each risk can be answered by a change."""
    problems: list[Problem] = []
    rule_ids = {rule.id for rule in scoring.risks}
    analyser_names = {name for name, _ in analyser_templates(scoring)}
    objects = {o.id for o in questionnaire.objects}
    systems = {s.id for s in questionnaire.systems}
    requirements = {*SAFEGUARDS, FAILURE_OWNER}
    for number, action in enumerate(scoring.actions):

        def at(*loc: str | int, number: int = number) -> Located:
            return index.at("roadmap", "action", number, *loc)

        def add(where: Located, message: str, action_id: str = action.id) -> None:
            problems.append(Problem(where.path, where.line, f"action {action_id}: {message}"))

        kind = SUBJECT_KIND.get(action.per)
        if kind is None and action.subject_title:
            add(at("subject_title"), "subject_title is used only when `per` names what it is written for")
        if kind is not None and not action.subject_title.strip():
            add(at("per"), f"per = '{action.per}' needs a subject_title with placeholders such as {{{kind}}}")
        if kind is not None:
            for message in placeholder_problems(action.subject_title, PLACEHOLDERS[kind]):
                add(at("subject_title"), f"subject_title: {message}")
        if any(name is not None for _t, name, _s, _c in _safe_parse(action.title)):
            add(at("title"), "title is shown as written; placeholders belong in subject_title")
        for name in action.answers:
            if name not in rule_ids and name not in analyser_names:
                add(
                    at("answers"),
                    f"answers unknown risk '{name}' (a risk rule id or an analyser such as flows.latency_mismatch)",
                )
        for object_id in action.objects:
            if object_id not in objects:
                add(at("objects"), f"unknown object '{object_id}'")
        for role in action.systems:
            if role not in systems:
                add(at("systems"), f"unknown system '{role}'")
        for requirement in action.when_missing:
            if requirement not in requirements:
                add(at("when_missing"), f"unknown safeguard '{requirement}'")
        for question_id in action.moves:
            question = questionnaire.question(question_id)
            if question is None or not is_scored(question):
                add(at("moves"), f"moves '{question_id}', which is not a scored question")
        if action.effort not in scoring.plan.effort_days:
            where = index.at("roadmap", "plan", "effort_days")
            add(where, f"effort '{action.effort}' has no days on the plan's effort scale")
    return problems


def _safe_parse(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """Parse a text as a template, or treat it as plain text when it is not one."""
    try:
        return list(string.Formatter().parse(text))
    except ValueError:
        return []


def unanswerable(scoring: ScoringBundle, index: SourceIndex) -> list[Problem]:
    """Report every risk rule or analyser whose actions (listed or declaring it) include no change (for `validate`:
    such content still loads, so files written before action kinds existed keep working)."""
    kinds = {a.id: a.kind for a in scoring.actions}
    declared: dict[str, list[str]] = {}
    for action in scoring.actions:
        for name in action.answers:
            declared.setdefault(name, []).append(action.id)
    problems = []
    entries = [(rule.id, list(rule.actions), index.at("risks", "risk", n)) for n, rule in enumerate(scoring.risks)]
    for name, template in analyser_templates(scoring):
        if name == "disagreement":
            continue  # answered by finding out, not by a change: its follow-up is the plan's find-out step
        entries.append((name, list(template.actions), index.at("scoring", "analysers", *name.split("."))))
    for name, listed, where in entries:
        answering = list(dict.fromkeys([*listed, *declared.get(name, [])]))
        if any(kinds.get(a) == "change" for a in answering):
            continue
        which = "only decisions answer it: " + ", ".join(answering) if answering else "no action answers it"
        problems.append(
            Problem(
                where.path,
                where.line,
                f'risk {name}: no action can remove or reduce its cause ({which}); mark one `kind = "change"` '
                "or add a change action that lists it in `answers`",
            )
        )
    return problems
