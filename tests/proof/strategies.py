"""Hypothesis strategies that build random but valid assessments for a loaded questionnaire bundle."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from slicewise.core.loader import Bundle
from slicewise.core.models.assessment import Answer, Assessment, Engagement, Flow, OwnershipEntry, QuestionnaireRef
from slicewise.core.models.questionnaire import (
    LATENCIES,
    PATTERNS,
    SAFEGUARDS,
    ChecklistQuestion,
    ChoiceQuestion,
    FlowInventoryQuestion,
    OwnershipMatrixQuestion,
    Question,
    TextQuestion,
)

NA_REASONS = ("out-of-scope", "not-applicable", "later-phase")

# Any Unicode scalar value (control characters, NUL, emoji, right-to-left text) but no lone surrogates,
# which UTF-8 cannot hold; surrogates have their own test.
TEXT_CHARS = st.characters(blacklist_categories=("Cs",))
TRICKY = (
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\x00",
    "\x1b[31m",
    "\x7f",
    '"""',
    "'''",
    "\\",
    '\\"',
    "=SUM(A1)",
    "\u2028",
    "\ufeff",
    "\u202e",
    "😀",
    "[x]",
    "# not a comment",
)
"""Snippets that break naive TOML writing or readers: line endings, quotes, escapes, BOM, bidi, formulas."""
any_text = st.lists(st.one_of(st.text(TEXT_CHARS, max_size=8), st.sampled_from(TRICKY)), max_size=6).map("".join)
short_text = st.text(TEXT_CHARS, max_size=12)


def _subset(values: list[str] | tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    """A sorted-by-source-order subset of the given ids."""
    return st.lists(st.sampled_from(list(values)), unique=True, max_size=len(values)).map(
        lambda chosen: [v for v in values if v in chosen]
    )


def answer_for(question: Question, texts: st.SearchStrategy[str] = short_text) -> st.SearchStrategy[Answer | None]:
    """An answer to one question: missing, don't-know, N/A or a real answer of the right kind."""
    extras = st.fixed_dictionaries(
        {},
        optional={"note": texts, "confidence": st.sampled_from(["sure", "unsure"])},
    )
    real: st.SearchStrategy[dict[str, Any]]
    if isinstance(question, ChoiceQuestion):
        real = st.sampled_from([c.id for c in question.choices]).map(lambda c: {"choice": c})
    elif isinstance(question, ChecklistQuestion):
        real = _subset([i.id for i in question.items]).map(lambda items: {"choices": items})
    elif isinstance(question, TextQuestion):
        real = texts.map(lambda t: {"text": t})
    elif isinstance(question, (OwnershipMatrixQuestion, FlowInventoryQuestion)):
        real = st.booleans().map(lambda d: {"done": d})
    else:  # pragma: no cover - every kind is listed above
        raise AssertionError(question.kind)
    special = st.one_of(
        st.just({"unknown": True}),
        st.tuples(st.sampled_from(NA_REASONS), texts).map(lambda p: {"na": p[0], "na_note": p[1]}),
    )
    body = st.one_of(real, real, real, special)
    return st.one_of(
        st.none(),
        st.tuples(body, extras).map(lambda pair: Answer.model_validate({**pair[0], **pair[1]})),
    )


def ownership_for(
    bundle: Bundle, texts: st.SearchStrategy[str] = short_text
) -> st.SearchStrategy[dict[str, OwnershipEntry]]:
    """A random ownership matrix over the questionnaire's objects and system roles."""
    objects = [o.id for o in bundle.questionnaire.objects]
    systems = [s.id for s in bundle.questionnaire.systems]
    entry = st.builds(
        OwnershipEntry,
        create=_subset(systems[:4]),
        update=_subset(systems[:4]),
        consume=_subset(systems[:4]),
        correction_owner=st.one_of(st.just(""), texts),
        note=texts,
    )
    return st.dictionaries(st.sampled_from(objects), entry, max_size=min(len(objects), 5))


def flows_for(bundle: Bundle, texts: st.SearchStrategy[str] = short_text) -> st.SearchStrategy[list[Flow]]:
    """A random flow inventory with unique flow ids."""
    objects = [o.id for o in bundle.questionnaire.objects]
    systems = [s.id for s in bundle.questionnaire.systems]
    flow = st.fixed_dictionaries(
        {
            "name": texts.filter(bool),
            "source": st.sampled_from(systems),
            "target": st.sampled_from(systems),
            "objects": _subset(objects[:5]),
            "pattern": st.sampled_from(PATTERNS),
            "latency": st.sampled_from(LATENCIES),
            "safeguards": _subset(SAFEGUARDS),
            "failure_owner": st.one_of(st.just(""), texts),
            "note": texts,
        }
    )
    return st.lists(flow, max_size=4).map(
        lambda items: [Flow.model_validate({"id": f"flow-{n}", **item}) for n, item in enumerate(items)]
    )


@st.composite
def assessments(draw: st.DrawFn, bundle: Bundle, texts: st.SearchStrategy[str] = short_text) -> Assessment:
    """A whole random assessment for a bundle: answers, targets, system names, ownership and flows."""
    questionnaire = bundle.questionnaire
    answers: dict[str, Answer] = {}
    for question in questionnaire.questions:
        answer = draw(answer_for(question, texts))
        if answer is not None:
            answers[question.id] = answer
    scored_areas = [a.id for a in questionnaire.areas if a.scored]
    targets = draw(st.dictionaries(st.sampled_from(scored_areas), st.integers(0, 4), max_size=len(scored_areas)))
    systems = draw(st.dictionaries(st.sampled_from([s.id for s in questionnaire.systems]), texts, max_size=3))
    engagement = Engagement(
        client=draw(texts),
        title=draw(texts),
        consultant=draw(texts),
        participants=draw(st.lists(texts, max_size=3)),
        date="2026-11-27",
        respondent=draw(texts),
        notes=draw(texts),
    )
    return Assessment(
        id=draw(st.from_regex(r"[0-9a-f]{32}", fullmatch=True)),  # every saved file has one
        questionnaire=QuestionnaireRef(id=questionnaire.id, version=questionnaire.version, digest=questionnaire.digest),
        engagement=engagement,
        targets=targets,
        systems=systems,
        answers=answers,
        ownership=draw(ownership_for(bundle, texts)),
        flows=draw(flows_for(bundle, texts)),
    )
