"""Answer edits: any sequence of them leaves every answer one of a value, don't-know or N/A, and saves and
reloads to the same assessment."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from slicewise.core import edits
from slicewise.core.labels import NA_REASONS
from slicewise.core.loader import Bundle, load_bundle
from slicewise.core.models.assessment import Assessment, Flow
from slicewise.core.models.questionnaire import ChecklistQuestion
from slicewise.core.store import load_assessment, new_assessment, save_assessment
from slicewise.tui.session import Session

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
BUNDLE: Bundle = load_bundle(MINI)
QUESTIONS = [q.id for q in BUNDLE.questionnaire.questions]
CHECKLIST = next(q for q in BUNDLE.questionnaire.questions if isinstance(q, ChecklistQuestion))
SYSTEMS = [s.id for s in BUNDLE.questionnaire.systems]
OBJECTS = [o.id for o in BUNDLE.questionnaire.objects]
WORDS = st.sampled_from(["", "  ", "Order export", "ERP", "Kühne & Nagel", "=1+1"])

Edit = Callable[[Assessment], None]


def _flow(name: str) -> Edit:
    def put(assessment: Assessment) -> None:
        edits.put_flow(
            assessment,
            Flow(
                id=edits.new_flow_id(assessment, name or "flow"),
                name=name or "A flow",
                source=SYSTEMS[0],
                target=SYSTEMS[1],
                pattern="queue",
                latency="same-day",
            ),
        )

    return put


QUESTION = st.sampled_from(QUESTIONS)
EDITS: st.SearchStrategy[Edit] = st.one_of(
    st.builds(lambda q, c: lambda a: edits.choose(a, q, c), QUESTION, st.sampled_from(["yes", "no", "duplicates"])),
    st.builds(
        lambda i: lambda a: edits.toggle_item(a, CHECKLIST, CHECKLIST.id, i),
        st.sampled_from([i.id for i in CHECKLIST.items]),
    ),
    st.builds(
        lambda q, i: lambda a: edits.set_items(a, q, i), QUESTION, st.lists(st.sampled_from(["backoff", "limit"]))
    ),
    st.builds(lambda q: lambda a: edits.confirm_checklist(a, q), QUESTION),
    st.builds(lambda q, t: lambda a: edits.set_text(a, q, t), QUESTION, WORDS),
    st.builds(lambda q, t: lambda a: edits.set_note(a, q, t), QUESTION, WORDS),
    st.builds(lambda q: lambda a: edits.toggle_unknown(a, q) and None, QUESTION),
    st.builds(lambda q, u: lambda a: edits.set_unknown(a, q, u), QUESTION, st.booleans()),
    st.builds(
        lambda q, r, t: lambda a: edits.set_na(a, q, r, t),
        QUESTION,
        st.one_of(st.none(), st.sampled_from(list(NA_REASONS))),
        WORDS,
    ),
    st.builds(lambda q: lambda a: edits.cycle_confidence(a, q) and None, QUESTION),
    st.builds(lambda q, d: lambda a: edits.set_done(a, q, d), QUESTION, st.booleans()),
    st.builds(
        lambda o, s, r: lambda a: edits.set_cell(a, BUNDLE.questionnaire, o, s, r),
        st.sampled_from(OBJECTS),
        st.sampled_from(SYSTEMS),
        st.sampled_from([None, "create", "update", "consume"]),
    ),
    st.builds(
        lambda o, t: lambda a: edits.set_correction_owner(a, BUNDLE.questionnaire, o, t),
        st.sampled_from(OBJECTS),
        WORDS,
    ),
    st.builds(
        lambda o, c, u: lambda a: edits.set_roles(a, BUNDLE.questionnaire, o, create=c, update=u),
        st.sampled_from(OBJECTS),
        st.lists(st.sampled_from(SYSTEMS), max_size=2),
        st.lists(st.sampled_from(SYSTEMS), max_size=2),
    ),
    st.builds(_flow, WORDS),
    st.builds(lambda s, t: lambda a: edits.set_system_name(a, s, t), st.sampled_from(SYSTEMS), WORDS),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(EDITS, max_size=25))
def test_any_edit_sequence_keeps_one_of_value_unknown_na_and_reloads_the_same(sequence: list[Edit]) -> None:
    assessment = new_assessment(BUNDLE, client="Acme")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.toml"
        for edit in sequence:
            edit(assessment)
            for answer in assessment.answers.values():
                held = [answer.has_value(), answer.unknown, answer.na is not None]
                assert sum(held) <= 1, answer
        save_assessment(assessment, path)
        assert load_assessment(path) == assessment


def test_ticking_then_dont_know_keeps_only_dont_know(tmp_path: Path) -> None:
    """The TUI once saved a ticked item together with don't-know."""
    session = Session.open(BUNDLE, new_assessment(BUNDLE, client="Acme"), tmp_path / "a.toml")
    session.toggle_item(CHECKLIST.id, CHECKLIST.items[0].id)
    assert session.toggle_unknown(CHECKLIST.id)
    session.save()
    answer = load_assessment(tmp_path / "a.toml").answers[CHECKLIST.id]
    assert (answer.unknown, answer.choices) == (True, None)


def test_a_value_replaces_na_and_keeps_the_note_and_confidence() -> None:
    assessment = new_assessment(BUNDLE, client="Acme")
    edits.set_note(assessment, "failure.idempotency", "from the ERP team")
    edits.set_confidence(assessment, "failure.idempotency", "unsure")
    edits.set_na(assessment, "failure.idempotency", "third-party", "run by the agency")
    edits.choose(assessment, "failure.idempotency", "some-flows")
    answer = assessment.answers["failure.idempotency"]
    assert (answer.choice, answer.na, answer.na_note) == ("some-flows", None, "")
    assert (answer.note, answer.confidence) == ("from the ERP team", "unsure")
