"""docs/coverage.md maps every playbook practice to real question, risk and action ids, and misses none."""

from __future__ import annotations

import re
from dataclasses import dataclass

from slicewise.core.models.scoring import AnalyserRisk, FlowAnalysers, OwnershipAnalysers

from .kit import FULL, ROOT, bundle, scored_questions

COVERAGE = ROOT / "docs" / "coverage.md"
TOKEN = re.compile(r"`([^`]+)`")
ANALYSERS = {
    name
    for model in (OwnershipAnalysers, FlowAnalysers)
    for name, field in model.model_fields.items()
    if field.annotation is AnalyserRisk
}
"""The analysers that raise risks (their templates are keyed by these names in scoring.toml)."""


@dataclass
class Row:
    """One practice row of a coverage table."""

    line: int
    practice: str
    questions: list[str]
    risks: list[str]
    actions: list[str]


def rows() -> list[Row]:
    """Parse every four-column table row of the coverage page (headers and rules skipped)."""
    found = []
    for number, line in enumerate(COVERAGE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.startswith("|") or line.startswith("|---") or line.startswith("| Practice"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        assert len(cells) == 4, f"coverage.md:{number}: expected 4 columns, got {len(cells)}"
        practice, questions, risks, actions = cells
        found.append(Row(number, practice, TOKEN.findall(questions), TOKEN.findall(risks), TOKEN.findall(actions)))
    return found


def test_the_page_has_practice_rows() -> None:
    """The page is parsed into a substantial number of practice rows."""
    assert len(rows()) >= 40


def test_every_row_maps_to_questions_risks_and_actions() -> None:
    """No practice is left without a question that asks about it, a risk and an action."""
    for row in rows():
        where = f"coverage.md:{row.line} ({row.practice[:40]})"
        assert row.questions and row.risks and row.actions, where


def test_every_named_id_exists() -> None:
    """Question, risk rule, analyser and action ids named on the page all exist in the content."""
    loaded = bundle(FULL)
    questions = {q.id for q in loaded.questionnaire.questions}
    risks = {r.id for r in loaded.scoring.risks}
    actions = {a.id for a in loaded.scoring.actions}
    for row in rows():
        where = f"coverage.md:{row.line}"
        for question_id in row.questions:
            assert question_id in questions, f"{where}: unknown question {question_id}"
        for risk_id in row.risks:
            if risk_id.startswith("analyser:"):
                assert risk_id.removeprefix("analyser:") in ANALYSERS, f"{where}: unknown analyser {risk_id}"
            else:
                assert risk_id in risks, f"{where}: unknown risk rule {risk_id}"
        for action_id in row.actions:
            assert action_id in actions, f"{where}: unknown action {action_id}"


def test_question_ids_in_prose_exist() -> None:
    """Question ids mentioned outside the tables (e.g. the context list) exist too."""
    loaded = bundle(FULL)
    areas = {a.id for a in loaded.questionnaire.areas}
    questions = {q.id for q in loaded.questionnaire.questions}
    mentioned = [t for t in TOKEN.findall(COVERAGE.read_text(encoding="utf-8")) if t.split(".")[0] in areas]
    assert mentioned
    for token in mentioned:
        assert token in questions, token


def test_nothing_in_the_content_is_left_unmapped() -> None:
    """Every scored question, every risk rule and every action appears on the page."""
    loaded = bundle(FULL)
    text = COVERAGE.read_text(encoding="utf-8")
    named = set(TOKEN.findall(text))
    missing_questions = [q.id for q in scored_questions(loaded) if q.id not in named]
    missing_risks = [r.id for r in loaded.scoring.risks if r.id not in named]
    missing_actions = [a.id for a in loaded.scoring.actions if a.id not in named]
    assert missing_questions == []
    assert missing_risks == []
    assert missing_actions == []
    used_analysers = {r.removeprefix("analyser:") for row in rows() for r in row.risks if r.startswith("analyser:")}
    assert used_analysers == ANALYSERS
