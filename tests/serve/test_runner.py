"""The run around the server: where it listens, the warning beyond this machine, links, and the log's redaction."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest

from slicewise.serve.runner import EXPOSED_WARNING, Address, Redact

from .kit import MINI, ServerProcess, make_round

Start = Callable[..., ServerProcess]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("192.168.1.20", False)],
)
def test_only_loopback_addresses_count_as_this_machine(host: str, loopback: bool) -> None:
    assert Address(host, 8000).loopback is loopback


def test_the_exposed_warning_says_links_are_the_only_protection_and_names_a_tls_proxy() -> None:
    text = EXPOSED_WARNING.format(host="0.0.0.0")
    assert "links are the only protection" in text and "TLS-terminating reverse proxy" in text


def test_links_use_the_public_url_behind_a_proxy() -> None:
    assert Address("127.0.0.1", 8000, "https://survey.example.com/").link("T") == "https://survey.example.com/a/T"
    assert Address("::1", 8000).link("T") == "http://[::1]:8000/a/T"


def test_the_log_filter_blanks_any_link_path() -> None:
    record = logging.LogRecord(
        "aiohttp.server", logging.ERROR, __file__, 1, "Error handling %s", ("/a/secret-tok/ws",), None
    )
    assert Redact().filter(record)
    assert record.getMessage() == "Error handling /a/<token>/ws"


def test_behind_a_tls_proxy_the_page_opens_its_socket_with_wss(round_path: Path, start_server: Start) -> None:
    round_folder, tokens = make_round(round_path, ["Ana"])
    server = start_server(round_folder, "--public-url", "https://survey.example.com")

    async def page() -> str:
        async with aiohttp.ClientSession() as http, http.get(server.link(tokens["ana"])) as response:
            return await response.text()

    assert 'data-session-websocket-url="wss://' in asyncio.run(page())
    assert server.sessions() == []


def test_later_invitations_print_links_to_where_the_round_is_served(
    round_path: Path, start_server: Start, capsys: pytest.CaptureFixture[str]
) -> None:
    from slicewise.cli import main

    round_folder, _tokens = make_round(round_path, ["Ana"])
    server = start_server(round_folder)
    assert main(["serve", str(round_path), "-q", str(MINI), "--invite", "Cy"]) == 0
    link = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("Cy: "))
    assert link.startswith(f"Cy: {server.base}/a/")

    async def status() -> int:
        async with aiohttp.ClientSession() as http, http.get(link.split(": ", 1)[1]) as response:
            return response.status

    assert asyncio.run(status()) == 200  # the running server knows the new respondent at once


def test_the_board_shows_who_has_started_how_far_each_is_and_when_their_link_was_issued(round_path: Path) -> None:
    from rich.console import Console

    from slicewise.serve.board import rows, table
    from slicewise.serve.progress import ProgressReader
    from slicewise.serve.roster import load_roster

    round_folder, _tokens = make_round(round_path, ["Ana Silva", "Bo"])
    text = (round_path / "bo.toml").read_text()
    (round_path / "bo.toml").write_text(text + '\n[answers."context.platform"]\ntext = "Shopify"\n')
    people = load_roster(round_folder)
    board = rows(round_folder.folder, people, {"ana-silva"}, ProgressReader())
    assert [(row.name, row.state, row.progress.dealt) for row in board] == [
        ("Ana Silva", "answering now", 0),
        ("Bo", "started", 1),
    ]
    console = Console(width=160, record=True)
    console.print(table(board, "http://127.0.0.1:8000"))
    shown = console.export_text()
    assert "Ana Silva" in shown and "1/7" in shown and people[0].invited[:10] in shown
