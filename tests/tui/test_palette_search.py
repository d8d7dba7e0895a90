"""The palette's word index: prompts, guidance, areas, ids and choice texts; every word typed must match."""

from __future__ import annotations

from slicewise.core.loader import load_bundle
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.search_index import QuestionIndex
from slicewise.tui.session import Session

from .helpers import run_from_palette


def _index() -> QuestionIndex:
    """The index of the built-in questionnaire."""
    return QuestionIndex(load_bundle("commerce-integration").questionnaire)


def test_a_phrase_finds_the_question_that_uses_it_first() -> None:
    found = _index().search("dead letter")
    assert found and found[0].question_id == "failure.dead-letter"


def test_every_word_must_match_and_words_match_by_their_start() -> None:
    index = _index()
    assert index.search("dead lett store")  # prefixes of words in the prompt, guidance or choices
    assert index.search("dead letter zebra") == []
    assert index.search("") == []


def test_ids_area_names_and_choice_texts_are_searched() -> None:
    index = _index()
    assert "failure.dead-letter" in [f.question_id for f in index.search("failure dead")]
    assert any(f.question_id.startswith("failure.") for f in index.search("failure design"))
    assert "failure.dead-letter" in [f.question_id for f in index.search("payload reviewed daily")]


async def test_palette_jumps_by_a_phrase_and_u_walks_the_unanswered(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "retry back")
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.question_id == "failure.retry"
        await pilot.press("u")  # the next question not answered yet
        await pilot.pause()
        marked = screen.question_id
        assert marked != "failure.retry" and app.current_session.status(marked) == "unanswered"
        await pilot.press("d", "u")  # mark it don't know, walk on to the next unanswered
        await pilot.pause()
        assert screen.question_id != marked
        await pilot.press("D")  # back to the one marked don't know
        await pilot.pause()
        assert screen.question_id == marked
