"""At 80 columns: the footer shows whole labels only (Review, Help and Quit first), the scorecard's header
does not run together and its area names wrap instead of being cut."""

from __future__ import annotations

import pytest

from slicewise.tui.app import SlicewiseApp
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.screens.scorecard import ScorecardScreen
from slicewise.tui.session import Session
from slicewise.tui.widgets.key_footer import KeyFooter

from .helpers import screen_rows


def _whole_labels(app: SlicewiseApp) -> list[str]:
    """Check that every key shown ends before the palette key; return their descriptions."""
    footer = app.screen.query_one(KeyFooter)
    keys, palette = footer.shown()
    limit = palette.start - 1 if palette else footer.size.width  # the thin rule before the palette key
    row = screen_rows(app)[-1]
    for key in keys:
        assert key.end <= limit, f"{key} runs under the palette key at {limit}"
        drawn = f"{key.display} {key.description}" if key.description else key.display
        assert row[key.start : key.end] == drawn, (row, key)
    return [key.tooltip for key in sorted(keys, key=lambda key: key.start)]


FIRST = ["Review gaps and export", "Every key and screen", "Quit (everything is saved)"]
"""The tooltips of Review, Help and Quit."""


@pytest.mark.parametrize("question", ["context.platform", "failure.idempotency"], ids=["text", "rubric"])
async def test_the_footer_leaves_out_a_key_rather_than_cut_it(demo_session: Session, question: str) -> None:
    assert demo_session.question(question) is not None
    demo_session.assessment.progress.current = question
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        labels = _whole_labels(app)
        assert labels[:3] == FIRST, labels  # ahead of the focused rubric's own keys too
        footer = screen_rows(app)[-1]
        assert "Confidenc" not in footer.replace("Confidence", ""), footer
        await pilot.resize_terminal(160, 45)  # wider: the keys left out come back
        await pilot.pause()
        await pilot.pause()
        assert "Cycle confidence: sure / unsure" in _whole_labels(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert _whole_labels(app)[:3] == FIRST


async def test_the_scorecard_wraps_area_names_and_keeps_its_header_apart(demo_session: Session) -> None:
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_scorecard()
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        rows = screen_rows(app)
        text = "\n".join(rows)
        header = next(row for row in rows if row.strip().startswith("Area"))
        assert "target" not in header and "level" in header and "score" in header, header
        assert "┃ marks the area's target" in text
        for area in demo_session.results.areas:
            if area.scored:
                assert all(word in text for word in area.title.split()), area.title  # every word, none cut
        assert "Integration pattern…" not in text and "and latency" in text
        for row in rows[2:12]:  # the area table: no name cut with an ellipsis
            assert "…" not in row[:24], row


async def test_the_review_lists_help_and_quit_first(demo_session: Session) -> None:
    app = SlicewiseApp(demo_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_review()
        await pilot.pause()
        await pilot.pause()
        assert _whole_labels(app)[:2] == FIRST[1:]  # the review screen is Review itself
