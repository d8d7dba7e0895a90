"""Workshop speed: the palette's search for two- and three-word phrases, on the built-in questionnaire and on
a 1,000-question one, against a plain substring scan of the same texts."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from generate import generate
from harness import Case, SelfTimed
from slicewise.core.loader import load_bundle
from slicewise.core.models.questionnaire import ChecklistQuestion, ChoiceQuestion, Questionnaire
from slicewise.tui.search_index import QuestionIndex

PHRASES = [
    "dead letter",
    "order export",
    "stock feed",
    "price owner",
    "retry back off",
    "who fixes bad",
    "dead letter store",
    "release rollback plan",
    "q 1",
    "zebra crossing",
]
"""Two- and three-word phrases a room says aloud (and two that match little or nothing)."""


def _texts(questionnaire: Questionnaire) -> list[str]:
    """Every searchable text of each question, lower-cased: what the baseline scans."""
    texts = []
    for question in questionnaire.questions:
        area = questionnaire.area(question.id.split(".", 1)[0])
        parts = [question.prompt, question.id, area.title if area else "", question.guidance]
        if isinstance(question, ChoiceQuestion):
            parts += [c.label for c in question.choices]
        if isinstance(question, ChecklistQuestion):
            parts += [i.label for i in question.items]
        texts.append(" ".join(parts).lower())
    return texts


def _slowest(search: object) -> SelfTimed:
    """Run every phrase once and report the slowest, in milliseconds: the palette must keep up with any."""
    assert callable(search)
    slowest = 0.0
    for phrase in PHRASES:
        start = time.perf_counter()
        search(phrase)
        slowest = max(slowest, (time.perf_counter() - start) * 1000)
    return SelfTimed(slowest)


def _row(name: str, questionnaire: Questionnaire) -> Case:
    """One palette row: our index (built once, as the app does) against a substring scan."""
    index = QuestionIndex(questionnaire)
    texts = _texts(questionnaire)

    def scan(phrase: str) -> list[int]:
        words = phrase.lower().split()
        return [n for n, text in enumerate(texts) if all(word in text for word in words)]

    return Case(
        name=name,
        ours=lambda: _slowest(index.search),
        baseline=lambda: _slowest(scan),
        goal=None,
        goal_text="slowest phrase < 50 ms",
        absolute_goal_ms=50.0,
        notes=["the index itself is built once, on the first palette search"],
    )


def cases(quick: bool) -> list[Case]:
    """The palette rows."""
    workdir = Path(tempfile.mkdtemp(prefix="slicewise-bench-"))
    big_questionnaire, _assessment = generate(workdir / "big")
    return [
        _row("palette: 2-3 word phrases, built-in", load_bundle("commerce-integration").questionnaire),
        _row("palette: 2-3 word phrases, 1,000 questions", load_bundle(big_questionnaire).questionnaire),
    ]
