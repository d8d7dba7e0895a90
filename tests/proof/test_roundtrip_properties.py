"""Assessment files round-trip: any text the room types comes back from disk exactly as it was saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slicewise.core.models.assessment import Assessment
from slicewise.core.store import dumps_assessment, parse_assessment, read_assessment, save_assessment

from .bundles import BUNDLES, examples
from .strategies import TRICKY, any_text, assessments

EXAMPLES = {"mini": 50, "builtin": 10}


@pytest.mark.parametrize("name", sorted(BUNDLES))
def test_dumps_then_parse_gives_an_equal_model(name: str) -> None:
    """dumps → parse gives back an equal assessment for any text, control characters and unicode included."""
    bundle = BUNDLES[name]()

    @settings(max_examples=examples(EXAMPLES[name]), deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(assessments(bundle, any_text))
    def check(assessment: Assessment) -> None:
        text = dumps_assessment(assessment)
        loaded = parse_assessment(text.encode("utf-8"), Path("roundtrip.toml")).assessment
        assert loaded == assessment
        assert dumps_assessment(loaded) == text

    check()


@settings(max_examples=examples(40), deadline=None)
@given(st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200), any_text))
def test_any_note_survives_a_save_to_disk(note: str) -> None:
    """A note with any characters (NUL, CR, tabs, quotes, triple quotes, emoji) is read back unchanged."""
    import tempfile

    assessment = Assessment.model_validate(
        {"questionnaire": {"id": "mini"}, "answers": {"failure.idempotency": {"choice": "duplicates", "note": note}}}
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.toml"
        save_assessment(assessment, path)
        assert read_assessment(path).assessment.answers["failure.idempotency"].note == note


def test_a_lone_surrogate_in_a_note_still_saves(tmp_path: Path) -> None:
    """Text with a lone surrogate (possible from a broken paste) saves as a readable file instead of crashing
    the save; the unencodable character becomes U+FFFD and everything else is kept."""
    path = tmp_path / "a.toml"
    note = "before \ud800 after 😀"
    assessment = Assessment.model_validate(
        {"questionnaire": {"id": "mini"}, "answers": {"failure.idempotency": {"choice": "duplicates", "note": note}}}
    )
    save_assessment(assessment, path)
    loaded = read_assessment(path).assessment
    assert loaded.answers["failure.idempotency"].note == "before \ufffd after 😀"
    assert loaded.answers["failure.idempotency"].choice == "duplicates"


@pytest.mark.parametrize("snippet", TRICKY)
def test_each_tricky_snippet_round_trips_in_every_text_field(snippet: str, tmp_path: Path) -> None:
    """Each snippet (CRLF line ends included, which a multi-line TOML string would turn into LF) comes back
    unchanged from a note, a text answer, a client name, a flow name and an ownership note."""
    text = f"one{snippet}two\nthree{snippet}"
    assessment = Assessment.model_validate(
        {
            "id": "a1b2c3",  # every saved file has one (a file without is given one when read)
            "questionnaire": {"id": "mini"},
            "engagement": {"client": text, "participants": [text]},
            "answers": {"context.platform": {"text": text, "note": text, "na_note": text}},
            "ownership": {"price": {"create": ["erp"], "note": text, "correction_owner": text}},
            "flows": [
                {
                    "id": "f",
                    "name": text,
                    "source": "erp",
                    "target": "commerce",
                    "pattern": "file",
                    "latency": "same-day",
                    "note": text,
                }
            ],
        }
    )
    path = tmp_path / "a.toml"
    save_assessment(assessment, path)
    assert read_assessment(path).assessment == assessment
