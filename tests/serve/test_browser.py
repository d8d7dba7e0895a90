"""A respondent's link in a real browser (headless Chromium from the system, driven by Playwright).

They run wherever Chromium is installed and always in CI (CI=true): there a missing browser fails them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from .kit import ANSI, BOUND, FIRST_PROMPT, SECOND_PROMPT, TYPE, TYPING, ServerProcess, answers, make_round, wait_until

CHROMIUM = os.environ.get("SLICEWISE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DOCS_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "images" / "serve-browser.png"
"""Where the documentation's picture of a respondent's browser goes (with SLICEWISE_DOCS_SCREENSHOT=1)."""
IDEMPOTENCY_PROMPT = "same order message"
FAILURE_AREA_ROW = 3
"""The sidebar's line of the mini questionnaire's second area (below the top bar and a blank line)."""

Start = Callable[..., ServerProcess]


def _browser_missing() -> str:
    """Why the browser tests cannot run here, or '' when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run installs it)"
    return ""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module's tests; skipped without one, except in CI where that fails."""
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run in CI: {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Tab:
    """A browser tab on a respondent's link, reading what the app draws from the page's own websocket."""

    def __init__(self, browser: Any, url: str) -> None:
        """Open the link in a new tab."""
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.screen = ""
        self.size = (0, 0)
        self.page.on("websocket", self._socket)
        self.response = self.page.goto(url)

    def _socket(self, socket: Any) -> None:
        """Follow the session's socket: the terminal size it asked for, and every frame the app sends."""
        query = parse_qs(urlparse(socket.url).query)
        self.size = (int(query["width"][0]), int(query["height"][0]))
        socket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        """Keep the app's output as plain text."""
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
        self.screen = (self.screen + ANSI.sub("", text))[-200_000:]

    def wait_for(self, text: str, since: int = 0) -> None:
        """Wait until the app has drawn some text, after the first `since` characters (events keep flowing)."""

        def shown() -> bool:
            self.page.wait_for_timeout(50)
            return text in self.screen[since:]

        wait_until(shown, f"the browser shows {text!r}", interval=0)

    def click_cell(self, column: int, row: int) -> None:
        """Click a cell of the terminal."""
        box = self.page.locator(".xterm-screen").bounding_box()
        assert box is not None and self.size[0]
        width, height = box["width"] / self.size[0], box["height"] / self.size[1]
        self.page.mouse.click(box["x"] + (column + 0.5) * width, box["y"] + (row + 0.5) * height)

    def focus(self) -> None:
        """Click the terminal's top bar, so the page sends keys (a click there changes nothing in the app)."""
        self.click_cell(self.size[0] // 2, 0)

    def type_answer(self, text: str) -> None:
        """Type into the text answer on screen: `t` first, then the text once the field has the keys."""
        mark = len(self.screen)
        self.page.keyboard.press(TYPE)
        self.wait_for(TYPING, since=mark)
        self.page.keyboard.type(text)

    def reload(self) -> None:
        """Reload the page, forgetting what the old session drew."""
        self.screen = ""
        self.page.reload()


def test_answering_in_the_browser_by_keys_and_clicks_with_a_reload_in_between(
    browser: Any, round_path: Path, start_server: Start, tmp_path: Path
) -> None:
    round_folder, tokens = make_round(round_path, ["Ana Silva"])
    server = start_server(round_folder)
    path = round_folder.folder / "ana-silva.toml"
    tab = Tab(browser, server.link(tokens["ana-silva"]))
    assert tab.response.status == 200

    tab.wait_for(FIRST_PROMPT)
    tab.focus()
    tab.type_answer("Shopify Plus")
    tab.page.keyboard.press("Enter")
    tab.wait_for(SECOND_PROMPT)
    tab.page.keyboard.press("1")
    wait_until(lambda: answers(path).get("context.marketplaces") == {"choice": "no"}, "the choice saved")
    assert answers(path)["context.platform"] == {"text": "Shopify Plus"}
    server.wait_for_line("Ana Silva: answering now, 2/")  # the consultant sees the first area done
    assert "1/3 areas complete" in server.wait_for_line("Ana Silva: answering now, 2/")

    tab.click_cell(10, FAILURE_AREA_ROW)  # a click on the sidebar opens the next area
    tab.wait_for(IDEMPOTENCY_PROMPT)
    mark = len(tab.screen)
    tab.page.keyboard.press("2")
    wait_until(
        lambda: answers(path).get("failure.idempotency") == {"choice": "some-flows"}, "the click's area answered"
    )
    tab.wait_for("answered:", since=mark)  # the page has the frame that shows it, for the picture
    tab.page.screenshot(path=str(tmp_path / "browser.png"))
    if os.environ.get("SLICEWISE_DOCS_SCREENSHOT"):
        DOCS_SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copy(tmp_path / "browser.png", DOCS_SCREENSHOT)

    tab.reload()  # the new page takes over from the old one and resumes on the same question
    tab.wait_for(IDEMPOTENCY_PROMPT)
    tab.focus()
    tab.page.keyboard.press("3")
    wait_until(lambda: answers(path).get("failure.idempotency") == {"choice": "most-flows"}, "the answer after reload")
    wait_until(lambda: len(server.sessions()) == 1, "one session after the reload")
    assert answers(path)["context.platform"] == {"text": "Shopify Plus"}
    tab.page.close()


def test_a_bad_link_in_the_browser_gets_403(browser: Any, round_path: Path, start_server: Start) -> None:
    round_folder, tokens = make_round(round_path, ["Ana"])
    server = start_server(round_folder)
    token = tokens["ana"]
    forged = ("Y" if token[0] == "X" else "X") + token[1:]  # one character off (a token may start with X)
    tab = Tab(browser, server.link(forged))
    assert tab.response.status == 403
    assert "not valid" in tab.page.content()
    assert server.sessions() == []
    tab.page.close()


def test_two_tabs_on_one_link_leave_one_writer(browser: Any, round_path: Path, start_server: Start) -> None:
    round_folder, tokens = make_round(round_path, ["Ana"])
    server = start_server(round_folder)
    path = round_folder.folder / "ana.toml"
    first = Tab(browser, server.link(tokens["ana"]))
    first.wait_for(FIRST_PROMPT)
    first.focus()
    first.type_answer("From the first tab")
    first.page.keyboard.press("Enter")
    first.wait_for(SECOND_PROMPT)  # every key of the answer handled, not only the first
    full = {"text": "From the first tab"}
    wait_until(lambda: answers(path).get("context.platform") == full, "the first tab's answer")

    second = Tab(browser, server.link(tokens["ana"]))
    first.page.wait_for_selector("body.-closed", timeout=BOUND * 1000)  # the first tab says its session ended
    second.wait_for(SECOND_PROMPT)
    second.focus()
    second.page.keyboard.press("2")
    wait_until(lambda: "context.marketplaces" in answers(path), "the second tab's answer")
    assert len(server.sessions()) == 1
    assert answers(path) == {
        "context.platform": {"text": "From the first tab"},
        "context.marketplaces": {"choice": "yes"},
    }
    assert server.stop() == 0
    assert "another tab took over" in round_folder.log.read_text()
