"""The respondent's app: the question screens for answering, and nothing that reaches past their own file."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from slicewise.serve.app import ANSWERING_ACTIONS, RespondentApp
from slicewise.tui.opening import open_session
from slicewise.tui.screens.question import QuestionScreen

from .kit import answers, make_round


def test_a_respondent_can_answer_but_not_review_export_score_or_use_the_palette(
    round_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLICEWISE_STATE_DIR", str(round_path / "state"))
    make_round(round_path, ["Ana"])
    path = round_path / "ana.toml"
    app = RespondentApp(open_session(path))

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen)
            await pilot.press("t", *"Shopify", "enter")  # on to a choice question, where letters are keys
            await pilot.pause()
            refused = ("review", "export", "engagement", "scorecard", "register", "plan", "command_palette")
            for action in (*refused, "change_theme", "screenshot", "suspend_process", "anything_added_later"):
                assert app.check_action(action, ()) is False, action
            assert all(app.check_action(action, ()) is not False for action in ANSWERING_ACTIONS)
            for key in ("r", "e", "s", "ctrl+p"):  # review/export, engagement, scorecard, palette
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, QuestionScreen), key
            shown = {binding.action for _ns, binding, _enabled, _tip in app.screen.active_bindings.values()}
            assert not shown & ({f"app.{action}" for action in refused} | {"command_palette"})
            for action in refused:  # called directly, as a screen might, they still do nothing
                await app.run_action(action)
                getattr(app, f"action_{action}", lambda: None)()
                await pilot.pause()
                assert isinstance(app.screen, QuestionScreen), action
            await pilot.press("2")
            await pilot.pause()

    asyncio.run(drive())
    assert answers(path) == {"context.platform": {"text": "Shopify"}, "context.marketplaces": {"choice": "yes"}}
    assert not (round_path / "exports").exists()
