"""Workshop speed: the palette's search for two- and three-word phrases (built-in questionnaire and a
1,000-question one, against a plain substring scan), and ⏎ from one question to the next as the terminal
receives it (against a bare app swapping a prompt and a list), with no blank frame in between."""

from __future__ import annotations

import itertools
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from generate import generate
from harness import Case, SelfTimed
from slicewise.core.loader import load_bundle
from slicewise.core.models.questionnaire import ChecklistQuestion, ChoiceQuestion, Questionnaire
from slicewise.tui.search_index import QuestionIndex
from terminal import Terminal

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


SRC = Path(__file__).resolve().parent.parent / "src"
SYNC_QUERY = b"\x1b[?2026$p"
"""Textual asks whether the terminal draws frames atomically; answering yes makes it mark every frame."""
SYNC_REPLY = "\x1b[?2026;2$y"
FRAME_START = b"\x1b[?2026h"
ESCAPES = re.compile(r"\x1b\[[0-9;?$]*[a-zA-Z]")

BARE_NEXT = """
import sys
from textual.app import App
from textual.widgets import Footer, OptionList, Static

class Bare(App):
    def compose(self):
        yield Static(sys.argv[1], id="prompt")
        yield OptionList(*sys.argv[3:7])
        yield Footer()

    def on_option_list_option_selected(self):
        self.query_one(Static).update(sys.argv[2])
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(sys.argv[7:])

Bare().run()
"""
"""The bare app: a prompt and a list; ⏎ swaps in the next prompt and list, as little work as a next question."""


def _demo_pair(folder: Path) -> tuple[Path, list[str], list[str]]:
    """Write the demo, resumed on a choice question followed by another; return it and both (prompt, labels)."""
    from slicewise.core.demo import write_demo
    from slicewise.core.models.questionnaire import ChoiceQuestion as Choice
    from slicewise.core.store import load_assessment, save_assessment

    bundle, _assessment, path = write_demo(folder)
    questions = bundle.questionnaire.questions
    first, second = next(
        (a, b) for a, b in itertools.pairwise(questions) if isinstance(a, Choice) and isinstance(b, Choice)
    )
    assert isinstance(first, Choice) and isinstance(second, Choice)
    assessment = load_assessment(path)
    assessment.progress.current = first.id
    save_assessment(assessment, path)
    return (
        path,
        [first.prompt, *(c.label for c in first.choices)],
        [second.prompt, *(c.label for c in second.choices)],
    )


def _frames_after_enter(argv: list[str], old: list[str], new: list[str]) -> tuple[float, int]:
    """Launch, wait for the old question, press ⏎; return ms until the new prompt and how many blank frames
    (a prompt drawn with none of the answers under it) the terminal received on the way."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "PYTHONPATH": str(SRC),
        "SLICEWISE_STATE_DIR": tempfile.mkdtemp(prefix="sw-state-"),
    }
    with Terminal(argv, env=env, size=(100, 30)) as terminal:
        terminal.wait_for(SYNC_QUERY.decode())
        terminal.type(SYNC_REPLY)
        terminal.wait_for(old[0][:20])
        terminal.wait_for("^p")  # the footer: the screen is up and takes keys
        at = terminal.type("\r")
        start = time.perf_counter()
        terminal.wait_for(new[0][:20], after=at)
        elapsed = (time.perf_counter() - start) * 1000
        written = terminal.written[at:]
    blank = 0
    for frame in written.split(FRAME_START)[1:]:
        text = ESCAPES.sub("", frame.decode("utf-8", "replace"))
        shows_prompt = old[0][:20] in text or new[0][:20] in text
        shows_answers = any(label[:15] in text for label in old[1:] + new[1:])
        if shows_prompt and not shows_answers:
            blank += 1
        if new[0][:20] in text:
            break
    return elapsed, blank


def _enter_row(quick: bool) -> Case:
    """⏎ on a choice question until the next is on screen, with no blank frame; against the bare app."""
    path, old, new = _demo_pair(Path(tempfile.mkdtemp(prefix="slicewise-bench-enter-")))
    python = sys.executable
    blanks: list[int] = []

    def ours() -> SelfTimed:
        elapsed, blank = _frames_after_enter([python, "-m", "slicewise", "open", str(path)], old, new)
        blanks.append(blank)
        return SelfTimed(elapsed if blank == 0 else float("inf"))  # a blank frame fails the row

    def bare() -> SelfTimed:
        argv = [python, "-c", BARE_NEXT, old[0], new[0], *old[1:5], *new[1:]]
        return SelfTimed(_frames_after_enter(argv, old, new)[0])

    return Case(
        name="TUI: ⏎ to the next question (no blank frame)",
        ours=ours,
        baseline=bare,
        goal=None,
        goal_text="no blank frame (∞ if one)",
        absolute_goal_ms=1000.0,
        repeats=5,
        quick_repeats=3,
        notes=["frames split on the synchronized-output marks Textual writes once the terminal says it has them"],
    )


def cases(quick: bool) -> list[Case]:
    """The palette rows and the ⏎ row."""
    workdir = Path(tempfile.mkdtemp(prefix="slicewise-bench-"))
    big_questionnaire, _assessment = generate(workdir / "big")
    return [
        _row("palette: 2-3 word phrases, built-in", load_bundle("commerce-integration").questionnaire),
        _row("palette: 2-3 word phrases, 1,000 questions", load_bundle(big_questionnaire).questionnaire),
        _enter_row(quick),
    ]
