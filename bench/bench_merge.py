"""Merge speed: loading, checking and merging 200 respondents' files against just parsing them with tomllib."""

from __future__ import annotations

import random
import tempfile
import tomllib
from pathlib import Path

from harness import Case
from slicewise.cli.team_commands import merge_files
from slicewise.core.loader import Bundle, load_bundle
from slicewise.core.models.assessment import Answer, Assessment, Flow, OwnershipEntry
from slicewise.core.models.questionnaire import (
    LATENCIES,
    PATTERNS,
    SAFEGUARDS,
    ChecklistQuestion,
    ChoiceQuestion,
    FlowInventoryQuestion,
    OwnershipMatrixQuestion,
    TextQuestion,
)
from slicewise.core.store import dumps_assessment, new_assessment

RESPONDENTS = 200
QUICK_RESPONDENTS = 200
FLOWS_PER_RESPONDENT = 8


def respondent(bundle: Bundle, number: int, rng: random.Random) -> Assessment:
    """A plausible, fully answered self-assessment with notes, ownership and flows."""
    questionnaire = bundle.questionnaire
    assessment = new_assessment(bundle, client="Northwind", respondent=f"Respondent {number}", date="2026-11-20")
    for question in questionnaire.questions:
        roll = rng.random()
        note = f"Note from respondent {number} on {question.id}" if rng.random() < 0.3 else ""
        if roll < 0.05:
            assessment.answers[question.id] = Answer(unknown=True, note=note)
        elif isinstance(question, ChoiceQuestion):
            assessment.answers[question.id] = Answer(choice=rng.choice(question.choices).id, note=note)
        elif isinstance(question, ChecklistQuestion):
            items = [item.id for item in question.items if rng.random() < 0.5]
            assessment.answers[question.id] = Answer(choices=items, note=note)
        elif isinstance(question, TextQuestion):
            assessment.answers[question.id] = Answer(text=rng.choice(["Shopware 6", "SAP S/4HANA", "Akeneo"]))
        elif isinstance(question, (OwnershipMatrixQuestion, FlowInventoryQuestion)):
            assessment.answers[question.id] = Answer(done=True, note=note)
    systems = [s.id for s in questionnaire.systems]
    for obj in questionnaire.objects:
        assessment.ownership[obj.id] = OwnershipEntry(
            create=[rng.choice(systems[:3])],
            update=rng.sample(systems, 2),
            consume=rng.sample(systems, 3),
        )
    objects = [o.id for o in questionnaire.objects]
    for index in range(FLOWS_PER_RESPONDENT):
        source, target = rng.sample(systems, 2)
        assessment.flows.append(
            Flow(
                id=f"flow-{index}",
                name=f"Flow {index}",
                source=source,
                target=target,
                objects=rng.sample(objects, 2),
                pattern=rng.choice(PATTERNS),
                latency=rng.choice(LATENCIES),
                safeguards=rng.sample(SAFEGUARDS, 3),
                failure_owner=rng.choice(["Integration team", "ERP team", ""]),
            )
        )
    return assessment


def write_respondents(folder: Path, count: int) -> list[Path]:
    """Write `count` respondents' files of the built-in questionnaire into `folder`."""
    bundle = load_bundle("commerce-integration")
    rng = random.Random(20261127)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"respondent-{number:03d}.toml"
        path.write_text(dumps_assessment(respondent(bundle, number, rng)), encoding="utf-8")
        paths.append(path)
    return paths


def _parse_all(paths: list[Path]) -> None:
    """The baseline: parse the same files with tomllib and nothing else."""
    for path in paths:
        tomllib.loads(path.read_text(encoding="utf-8"))


def cases(quick: bool) -> list[Case]:
    """One row: merge 200 respondents (read, validate, check against the questionnaire, merge)."""
    count = QUICK_RESPONDENTS if quick else RESPONDENTS
    paths = write_respondents(Path(tempfile.mkdtemp(prefix="slicewise-bench-merge-")), count)
    return [
        Case(
            name=f"merge {count} respondent files (load + check + merge)",
            ours=lambda: merge_files(paths),
            baseline=lambda: _parse_all(paths),
            goal=2.0,
            goal_text="< 2× tomllib parsing",
            repeats=7,
            quick_repeats=3,
        )
    ]
