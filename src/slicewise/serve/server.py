"""The round's web server: checks the link, then runs one restricted app process per respondent over a websocket.

Built on textual-serve's public `AppService` (one app process per browser session) and aiohttp, which it
uses. Every request passes `guard` first: only the terminal's static files and a live respondent's link get
through, everything else is 403 before any process starts. The command of a session comes from the roster,
never from the request.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shlex
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from slicewise.serve.page import SECURITY_HEADERS, page
from slicewise.serve.roster import Respondent, RoundFolder, find_by_token, load_roster

log = logging.getLogger("slicewise.serve")

MAX_MESSAGE_BYTES = 256 * 1024
"""The largest websocket message accepted from a browser (a long pasted answer fits)."""
STOP_WAIT_SECONDS = 30.0
"""How long ending a session waits for its app to save and exit."""


class RespondentService(AppService):
    """An app process for one session, closing the browser's socket when the process ends by itself."""

    async def run(self) -> None:
        """Relay the app's output until it exits, then close the websocket (the page shows the end)."""
        await super().run()
        await self.remote_close()


@dataclass
class Live:
    """One running session."""

    respondent: Respondent
    websocket: web.WebSocketResponse
    service: RespondentService
    last_input: float = field(default_factory=time.monotonic)
    """When the browser last sent a key or a click (monotonic)."""
    ending: str = ""
    """Why the server is ending this session, once it is."""


@dataclass(frozen=True)
class Limits:
    """What a round's server allows."""

    max_sessions: int = 30
    """Live sessions (app processes) at once."""
    idle_seconds: float = 1800.0
    """A session without a key or a click for this long is ended (after saving)."""


class RoundServer:
    """Serves a round's respondents, one live session per link."""

    def __init__(
        self, round_folder: RoundFolder, limits: Limits, *, public_url: str = "", python: str = sys.executable
    ) -> None:
        """Serve a round with limits; an https `public_url` (a TLS proxy in front) makes the page use wss."""
        self.round_folder = round_folder
        self.behind_tls = public_url.lower().startswith("https://")
        self.limits = limits
        self.python = python
        self.live: dict[str, Live] = {}
        self._roster_key: tuple[int, int] | None = None
        self._people: list[Respondent] = []
        self._turns: dict[str, asyncio.Lock] = {}
        self._downloads = DownloadManager()
        self.refused = 0
        """Requests refused for a missing, unknown or revoked link."""

    def people(self) -> list[Respondent]:
        """The roster, re-read when its file changed (invitations made while the server runs count at once)."""
        try:
            stat = self.round_folder.roster.stat()
            key = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            key = (0, 0)
        if key != self._roster_key:
            self._people = load_roster(self.round_folder)
            self._roster_key = key
        return self._people

    def application(self) -> web.Application:
        """Build the aiohttp application: the guard, the link's page and socket, the terminal's static files."""
        app = web.Application(middlewares=[self.guard], client_max_size=MAX_MESSAGE_BYTES)
        static = Path(str(files("textual_serve") / "static"))
        app.add_routes(
            [
                web.get("/a/{token}", self.handle_page, name="page"),
                web.get("/a/{token}/ws", self.handle_socket, name="socket"),
                web.static("/static", static, show_index=False, follow_symlinks=False, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Let through the static files and a live link's page and socket; answer 403 to everything else."""
        route = request.match_info.route.name
        if route == "static":
            response = await handler(request)
        else:
            person = None
            if route in ("page", "socket"):
                try:
                    person = find_by_token(self.people(), request.match_info["token"])
                except Exception:
                    log.exception("cannot read the invitations")
            if person is None:
                self.refused += 1
                log.warning("refused: %s %s (no live link) from %s", request.method, route or "-", request.remote)
                response = web.Response(status=403, text="This link is not valid (it may have been revoked).\n")
            else:
                request["respondent"] = person
                response = await handler(request)
        if not response.prepared:
            response.headers.update(SECURITY_HEADERS)
        return response

    async def handle_page(self, request: web.Request) -> web.StreamResponse:
        """Serve the page that opens the respondent's session."""
        person: Respondent = request["respondent"]
        scheme = "wss" if self.behind_tls or request.secure else "ws"
        url = f"{scheme}://{request.host}/a/{request.match_info['token']}/ws"
        return web.Response(text=page(f"slicewise · {person.name}", url), content_type="text/html")

    async def handle_socket(self, request: web.Request) -> web.StreamResponse:
        """Run the respondent's session: take over any earlier one, start the app, relay until either side ends."""
        person: Respondent = request["respondent"]
        origin = request.headers.get("Origin")
        if origin is not None and origin.split("://", 1)[-1] != request.host:
            log.warning("refused: socket of %s from another site", person.id)
            return web.Response(status=403, text="Cross-site connection refused.\n")
        if person.id not in self.live and len(self.live) >= self.limits.max_sessions:
            log.warning("refused: %s, %d sessions already live (the limit)", person.id, len(self.live))
            return web.Response(status=503, text="The server is busy; try again in a few minutes.\n")
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
        await websocket.prepare(request)
        width = _bounded(request.query.get("width"), 80, 20, 400)
        height = _bounded(request.query.get("height"), 24, 8, 200)
        async with self._turn(person.id):
            earlier = self.live.get(person.id)
            if earlier is not None:
                await self.end(earlier, "another tab took over")
            elif len(self.live) >= self.limits.max_sessions:  # filled up while this socket was being opened
                log.warning("refused: %s, %d sessions already live (the limit)", person.id, len(self.live))
                await websocket.close(message=b"the server is busy")
                return websocket

            async def close() -> None:
                await websocket.close()

            service = RespondentService(
                self.command_for(person),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self._downloads,
            )
            session = Live(person, websocket, service)
            self.live[person.id] = session  # counted from now, so the limit holds while it starts
            try:
                await service.start(width, height)
            except OSError as error:
                del self.live[person.id]
                log.error("cannot start the session of %s: %s", person.id, error)
                await websocket.close(message=b"the session could not start")
                return websocket
            log.info("started: %s (%d live)", person.id, len(self.live))
        try:
            await self._relay(session)
        finally:
            async with self._turn(person.id):
                if self.live.get(person.id) is session:
                    await self.end(session, "the browser left")
        return websocket

    def command_for(self, person: Respondent) -> str:
        """The shell command of a respondent's app process, built from the roster alone."""
        arguments = [self.python, "-m", "slicewise.serve.respondent", str(self.round_folder.folder), person.id]
        return "exec " + shlex.join(arguments)

    async def _relay(self, session: Live) -> None:
        """Pass the browser's keys, clicks and size to the app until the socket closes."""
        service = session.service
        async for message in session.websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str) and data:  # an empty packet would derail the app's input
                session.last_input = time.monotonic()
                await service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                width = _bounded(data.get("width"), 80, 20, 400)
                height = _bounded(data.get("height"), 24, 8, 200)
                await service.set_terminal_size(width, height)
            elif kind == "ping":
                await session.websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def end(self, session: Live, reason: str) -> None:
        """End a session: the app saves and exits, then the browser's socket closes. Logged with the reason."""
        if self.live.get(session.respondent.id) is session:
            del self.live[session.respondent.id]
        if session.ending:
            return
        session.ending = reason
        try:
            await asyncio.wait_for(session.service.stop(), STOP_WAIT_SECONDS)
        except TimeoutError:
            log.error("session of %s did not end within %d s", session.respondent.id, STOP_WAIT_SECONDS)
        await session.websocket.close(message=reason.encode("utf-8")[:120])
        log.info("ended: %s (%s; %d live)", session.respondent.id, reason, len(self.live))

    def _turn(self, respondent_id: str) -> asyncio.Lock:
        """The lock that orders starting and ending one respondent's sessions."""
        return self._turns.setdefault(respondent_id, asyncio.Lock())

    async def sweep(self) -> None:
        """End idle sessions and sessions whose link was revoked or replaced."""
        now = time.monotonic()
        try:
            current = {p.id: p for p in self.people()}
        except Exception:
            log.exception("cannot read the invitations")
            current = {s.respondent.id: s.respondent for s in self.live.values()}
        for session in list(self.live.values()):
            person = current.get(session.respondent.id)
            if person is None or person.revoked or person.token_sha256 != session.respondent.token_sha256:
                reason = "the link was revoked or replaced"
            elif now - session.last_input > self.limits.idle_seconds:
                reason = f"idle for more than {self.limits.idle_seconds:g} s"
            else:
                continue
            async with self._turn(session.respondent.id):
                if self.live.get(session.respondent.id) is session:
                    await self.end(session, reason)

    async def on_shutdown(self, app: web.Application) -> None:
        """End every session (each app saves first) as the server stops."""
        sessions = list(self.live.values())
        await asyncio.gather(*(self.end(s, "the server stopped") for s in sessions))
        log.info("stopped: %d sessions ended after saving", len(sessions))


def _bounded(value: object, default: int, low: int, high: int) -> int:
    """Read a size from the browser as an int within bounds (anything else gives the default)."""
    try:
        number = int(str(value))
    except ValueError:
        return default
    return min(max(number, low), high)
