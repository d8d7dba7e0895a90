"""Run a round's server until ctrl+c: log to the round folder, keep the board current, end sessions on the way out."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import re
import signal
from dataclasses import dataclass, replace

from aiohttp import web
from rich.console import Console
from rich.live import Live as LiveDisplay

from slicewise.core.errors import SlicewiseError
from slicewise.serve.board import Row, rows, table
from slicewise.serve.progress import ProgressReader
from slicewise.serve.roster import RoundFolder
from slicewise.serve.server import Limits, RoundServer, log

TICK_SECONDS = 2.0
"""How often the board is refreshed and idle or revoked sessions are swept."""
TOKEN_IN_TEXT = re.compile(r"/a/[^/\s?\"']+")
"""A link's path in any log text: replaced by `/a/<token>` so the log never holds one."""


class Redact(logging.Filter):
    """Blank out link tokens in every log record (aiohttp's own messages included)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the record's text by its redacted form."""
        text = record.getMessage()
        redacted = TOKEN_IN_TEXT.sub("/a/<token>", text)
        if redacted != text:
            record.msg, record.args = redacted, None
        return True


@dataclass(frozen=True)
class Address:
    """Where the server listens and the base of the links it hands out."""

    host: str
    port: int
    public_url: str = ""

    @property
    def listening(self) -> str:
        """The address the server itself listens on."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base(self) -> str:
        """The start of every link: the public URL when given, else the address itself."""
        return self.public_url.rstrip("/") if self.public_url else self.listening

    def link(self, token: str) -> str:
        """A respondent's personal link."""
        return f"{self.base}/a/{token}"

    @property
    def loopback(self) -> bool:
        """Whether only this machine can reach the server."""
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


EXPOSED_WARNING = (
    "Warning: listening on {host}, beyond this machine. The personal links are the only protection: anyone "
    "holding one can answer as that respondent. Put a TLS-terminating reverse proxy (nginx, Caddy) in front, "
    "give its https address with --public-url, and never send links over plain http beyond a trusted network."
)


def remember_links(round_folder: RoundFolder, base: str) -> None:
    """Note where the links of this round start (a failure only costs later invitations the default)."""
    import tomli_w

    from slicewise.core.atomic import atomic_write_text

    with contextlib.suppress(SlicewiseError, OSError):
        round_folder.private.mkdir(parents=True, exist_ok=True)
        atomic_write_text(round_folder.address, tomli_w.dumps({"links": base}))


def remembered_links(round_folder: RoundFolder) -> str:
    """The start of the links the round's server last used, or '' when none is known."""
    import tomllib

    try:
        links = tomllib.loads(round_folder.address.read_text(encoding="utf-8")).get("links", "")
    except (OSError, ValueError):
        return ""
    return links if isinstance(links, str) and links.startswith(("http://", "https://")) else ""


def open_log(round_folder: RoundFolder) -> logging.Handler:
    """Send the server's log (and aiohttp's and textual-serve's) to `serve.log` in the round folder."""
    handler = logging.FileHandler(round_folder.log, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(Redact())
    for name in ("slicewise.serve", "aiohttp", "textual-serve"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return handler


def serve_round(round_folder: RoundFolder, address: Address, limits: Limits, console: Console) -> int:
    """Serve until ctrl+c (or SIGTERM), then end every session after it saved."""
    handler = open_log(round_folder)
    try:
        asyncio.run(_serve(round_folder, address, limits, console))
    finally:
        logging.getLogger("slicewise.serve").removeHandler(handler)
        handler.close()
    return 0


async def _serve(round_folder: RoundFolder, address: Address, limits: Limits, console: Console) -> None:
    """Start the site, tick until asked to stop, then clean up."""
    server = RoundServer(round_folder, limits, public_url=address.public_url)
    server.people()  # a damaged roster stops here, before listening
    runner = web.AppRunner(server.application(), access_log=None, handle_signals=False, shutdown_timeout=60)
    await runner.setup()
    try:
        await web.TCPSite(runner, address.host, address.port).start()
    except OSError as error:
        await runner.cleanup()
        raise SlicewiseError.single(
            "Cannot start the server", f"{address.host}:{address.port}", error.strerror or str(error)
        ) from None
    if address.port == 0:  # the system chose a free port: links and the board use it
        address = replace(address, port=int(runner.addresses[0][1]))
    remember_links(round_folder, address.base)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    log.info(
        "serving %s on %s (at most %d sessions, idle after %g s)",
        round_folder.folder,
        address.base,
        limits.max_sessions,
        limits.idle_seconds,
    )
    console.print(f"Serving the round in {round_folder.folder} at {address.listening}", highlight=False)
    if address.public_url:
        console.print(f"Links start with {address.base}/a/ (the reverse proxy's address)", highlight=False)
    if not address.loopback:
        console.print(EXPOSED_WARNING.format(host=address.host), style="bold yellow", highlight=False)
    console.print(
        f"Links were shown when each respondent was invited; --relink NAME issues a new one. Log: {round_folder.log}",
        highlight=False,
    )
    try:
        await _tick_until(stop, server, address, console)
    finally:
        console.print("Stopping: every session saves and ends…", highlight=False)
        await runner.cleanup()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        console.print("Stopped. Every answer is in the round folder.", highlight=False)


async def _tick_until(stop: asyncio.Event, server: RoundServer, address: Address, console: Console) -> None:
    """Sweep sessions and refresh the board every tick until `stop` is set."""
    reader = ProgressReader()
    shown: dict[str, str] = {}

    def board() -> list[Row]:
        return rows(server.round_folder.folder, server.people(), set(server.live), reader)

    display = LiveDisplay(console=console, auto_refresh=False) if console.is_terminal else None
    with display if display is not None else contextlib.nullcontext():
        while not stop.is_set():
            await server.sweep()
            try:
                current = board()
            except SlicewiseError as error:
                log.error("cannot read the round: %s", error)
                current = []
            if display is not None:
                display.update(table(current, address.base), refresh=True)
            for row in current:
                if shown.get(row.file) != row.line():
                    shown[row.file] = row.line()
                    log.info("progress: %s", row.line())
                    if display is None:
                        console.print(row.line(), highlight=False, markup=False)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), TICK_SECONDS)
