"""The question screen drives every kind's answer widget through one set of calls (`AnswerSlot`), so a new
kind brings its widget and a line in the kind → widget table, and the screen itself stays as it is."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from slicewise.core.kinds import KINDS
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.screens import question as question_module
from slicewise.tui.screens.question import ANSWER_WIDGETS, QuestionScreen
from slicewise.tui.session import Session
from slicewise.tui.widgets.answer_slot import AnswerSlot

SLOT_CALLS = [name for name, _ in inspect.getmembers(AnswerSlot) if not name.startswith("_")]
"""What the screen may ask of an answer widget."""

KIND_CLASSES = {"ChoiceRubric", "ChecklistField", "TextAnswer", "EditorLauncher"} | {
    f"{name.title().replace('_', '')}Question" for name in KINDS
}
"""The answer widgets' and the question kinds' class names."""


def test_the_screen_never_asks_what_class_an_answer_widget_or_question_is() -> None:
    """Outside the table's own builders, no code of the question screen tests a widget's or a question's kind."""
    builders = {function.__name__ for function in ANSWER_WIDGETS.values()}
    tree = ast.parse(Path(question_module.__file__).read_text())
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) or function.name in builders:
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance":
                named = {n.id for n in ast.walk(node.args[1]) if isinstance(n, ast.Name)}
                if named & KIND_CLASSES:
                    found.append(f"{function.name}: isinstance(..., {', '.join(sorted(named))})")
    assert found == []


async def test_every_kinds_widget_answers_every_slot_call(demo_session: Session) -> None:
    """Each kind's widget, built on the screen from the table, has every call the screen makes."""
    assert SLOT_CALLS and {"confirm", "pick", "show_answer", "arrive", "parts"} <= set(SLOT_CALLS)
    questions = {q.kind: q for q in demo_session.bundle.questionnaire.questions}
    assert set(questions) == set(KINDS)  # the demo asks a question of every kind
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        for kind, question in questions.items():
            widget = ANSWER_WIDGETS[kind](screen, question, demo_session.answer(question.id))
            missing = [name for name in SLOT_CALLS if not hasattr(widget, name)]
            assert missing == [], f"{kind}: {missing}"
            assert widget in widget.parts()
