"""Three-valued truth of a risk rule's condition: holds, does not hold, or hangs on don't-know answers.

A rule about a missing practice may only assert it when the answers say so. When the only thing
between a rule and firing is a don't-know, the rule's finding is *unverified*: it is raised with its own
wording and a lower likelihood, and names the questions to find out. The usual `evaluate` treats a
don't-know as "not this answer" (false), which is right for `show_if` but would silently drop the risk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from slicewise.core.conditions import evaluate, leaf_question
from slicewise.core.models.conditions import AllOf, Answered, AnyOf, Condition, Not, NotApplicable, Unknown

if TYPE_CHECKING:
    from slicewise.core.answers import AnswerView

UNSETTLED = None
"""The third truth value: the condition would hold or not depending on what a don't-know turns out to be."""


def verdict(condition: Condition, view: AnswerView) -> bool | None:
    """Return True when the condition holds, False when it does not, None when it hangs on don't-know answers.

    A predicate on a question answered don't-know is unsettled, except the predicates that ask about the
    answer's state itself (`answered`, `unknown`, `na`), which are always settled. `all`, `any` and `not`
    combine as in Kleene's three-valued logic, so a settled false branch still rules the rule out.
    """
    if isinstance(condition, AllOf):
        results = [verdict(inner, view) for inner in condition.all]
        if any(r is False for r in results):
            return False
        return UNSETTLED if any(r is UNSETTLED for r in results) else True
    if isinstance(condition, AnyOf):
        results = [verdict(inner, view) for inner in condition.any]
        if any(r is True for r in results):
            return True
        return UNSETTLED if any(r is UNSETTLED for r in results) else False
    if isinstance(condition, Not):
        inner = verdict(condition.not_, view)
        return UNSETTLED if inner is UNSETTLED else not inner
    if isinstance(condition, (Answered, Unknown, NotApplicable)):
        return evaluate(condition, view)
    question = leaf_question(condition)
    if question is not None and view.status(question) == "unknown":
        return UNSETTLED
    return evaluate(condition, view)


def unsettled_questions(condition: Condition, view: AnswerView) -> list[str]:
    """Return the don't-know questions an unsettled condition hangs on, each once, in order."""
    found: list[str] = []
    _collect(condition, view, found)
    return list(dict.fromkeys(found))


def _collect(condition: Condition, view: AnswerView, found: list[str]) -> None:
    """Walk the branches whose verdict is unsettled and note the don't-know leaves under them."""
    if verdict(condition, view) is not UNSETTLED:
        return
    if isinstance(condition, AllOf | AnyOf):
        for inner in condition.all if isinstance(condition, AllOf) else condition.any:
            _collect(inner, view, found)
        return
    if isinstance(condition, Not):
        _collect(condition.not_, view, found)
        return
    question = leaf_question(condition)
    if question is not None:
        found.append(question)
