"""Helpers for the serve tests: a round of invited respondents, the server as a process, a scripted browser."""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp

from slicewise.serve.invites import invite, round_folder_at
from slicewise.serve.roster import RoundFolder

MINI = Path(__file__).parent.parent / "data" / "mini"
BOUND = 90.0
"""The longest any wait in these tests lasts before failing (a generous bound, never a timing assertion)."""
ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
FIRST_PROMPT = "storefront"
"""A word of the mini questionnaire's first question, seen once the app is ready for keys."""
SECOND_PROMPT = "marketplaces"
TYPE = "t"
"""The key that starts typing into a text answer (letters are command keys until then)."""
TYPING = "esc Keys"
"""What the footer offers once a text answer has the keys."""


def wait_until(condition: Callable[[], Any], what: str, timeout: float = BOUND, interval: float = 0.05) -> Any:
    """Poll a condition until it holds (returning its value) or fail after the bound, saying what was awaited."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        give_up_after(deadline, what)
        time.sleep(interval)
    return value


def give_up_after(deadline: float, what: str) -> None:
    """Fail once a wait has passed its bound."""
    if time.monotonic() > deadline:
        raise AssertionError(f"gave up waiting for: {what}")


def make_round(folder: Path, names: list[str]) -> tuple[RoundFolder, dict[str, str]]:
    """Invite respondents to a round on the mini questionnaire; return the round and each id's token."""
    round_folder = round_folder_at(folder, create=True)
    tokens: dict[str, str] = {}
    for name in names:
        person, token = invite(round_folder, name, str(MINI), client="Northwind")
        tokens[person.id] = token
    return round_folder, tokens


def answers(path: Path) -> dict[str, Any]:
    """The answers in an assessment file as saved (an unreadable file fails the test)."""
    with open(path, "rb") as handle:
        return dict(tomllib.load(handle).get("answers", {}))


def children(pid: int) -> list[int]:
    """The live child processes of a process (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found.extend(int(c) for c in (task / "children").read_text().split())
    return found


def alive(pid: int) -> bool:
    """Whether a process still runs (a zombie counts as gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


class ServerProcess:
    """`slicewise serve ROUND --port 0` as a child process, with its output collected line by line."""

    def __init__(self, round_folder: RoundFolder, *options: str) -> None:
        """Start the server and wait until it says where it listens."""
        env = {**os.environ, "COLUMNS": "400", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "slicewise", "serve", str(round_folder.folder), "--port", "0", *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        line = self.wait_for_line("Serving the round")
        self.base = line.rsplit(" at ", 1)[1].strip()

    def _read(self) -> None:
        """Collect the server's output."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def wait_for_line(self, text: str) -> str:
        """Wait for a line of output containing text."""
        return wait_until(lambda: next((line for line in self.lines if text in line), None), f"server says {text!r}")

    def link(self, token: str) -> str:
        """A respondent's link on this server."""
        return f"{self.base}/a/{token}"

    def sessions(self) -> list[int]:
        """The respondent app processes running now."""
        return [pid for pid in children(self.process.pid) if alive(pid)]

    def stop(self, sig: int = signal.SIGINT) -> int:
        """Send a signal and wait for the server to exit; return its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        return self.process.wait(timeout=BOUND)

    def close(self) -> None:
        """Make sure the server and its sessions are gone (for fixtures' teardown)."""
        sessions = self.sessions() if self.process.poll() is None else []
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.stop(signal.SIGINT)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=BOUND)
        for pid in sessions:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


class ScriptedBrowser:
    """A respondent's session driven over the websocket the way the page drives it, without a browser."""

    def __init__(self, http: aiohttp.ClientSession, base: str, token: str) -> None:
        """Prepare a session on a link (call `open`)."""
        self.http = http
        self.url = f"{base.replace('http', 'ws', 1)}/a/{token}/ws?width=110&height=32"
        self.screen = ""
        self.closed = asyncio.Event()
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None

    async def open(self) -> None:
        """Connect and keep reading what the app draws."""
        self.socket = await self.http.ws_connect(self.url)
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        """Keep the app's output as plain text (escapes removed), until the socket closes."""
        assert self.socket is not None
        async for message in self.socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen += ANSI.sub("", message.data.decode("utf-8", "replace"))
                self.screen = self.screen[-200_000:]
        self.closed.set()

    async def wait_for(self, text: str, since: int = 0) -> None:
        """Wait until the app has drawn some text (after the first `since` characters of its output)."""
        deadline = time.monotonic() + BOUND
        while text not in self.screen[since:]:
            if self.closed.is_set() or time.monotonic() > deadline:
                raise AssertionError(f"the app never showed {text!r}")
            await asyncio.sleep(0.05)

    async def type_answer(self, text: str) -> None:
        """Type into the text answer on screen: `t` first, then the text once the field has the keys."""
        mark = len(self.screen)
        await self.keys(TYPE)
        await self.wait_for(TYPING, since=mark)
        if text:
            await self.keys(text)

    async def keys(self, data: str) -> None:
        """Send keys as the browser's terminal does."""
        assert self.socket is not None
        await self.socket.send_json(["stdin", data])

    async def close(self) -> None:
        """Leave, as closing the tab does."""
        if self.socket is not None:
            await self.socket.close()
        if self._reader is not None:
            await self._reader


async def wait_for_file(condition: Callable[[], Any], what: str) -> Any:
    """Async form of `wait_until`, for checks of the files while sessions run."""
    deadline = time.monotonic() + BOUND
    while not (value := condition()):
        give_up_after(deadline, what)
        await asyncio.sleep(0.05)
    return value
