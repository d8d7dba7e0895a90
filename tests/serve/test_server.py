"""The round's server over HTTP and websockets (scripted, no browser): links, one writer, limits, saving."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest

from slicewise.cli.team_commands import merge_files
from slicewise.core.store import load_assessment
from slicewise.serve.invites import revoke

from .kit import (
    FIRST_PROMPT,
    SECOND_PROMPT,
    ScriptedBrowser,
    ServerProcess,
    alive,
    answers,
    make_round,
    wait_for_file,
    wait_until,
)

Start = Callable[..., ServerProcess]


def test_a_request_without_a_live_link_gets_403_and_starts_no_process(round_path: Path, start_server: Start) -> None:
    round_folder, tokens = make_round(round_path, ["Ana Silva"])
    server = start_server(round_folder)
    token = tokens["ana-silva"]

    async def probe() -> dict[str, int]:
        statuses: dict[str, int] = {}
        async with aiohttp.ClientSession() as http:
            for name, path in {
                "root": "/",
                "unknown token": "/a/not-a-token",
                "longer token": f"/a/{token}x",
                "empty token": "/a/",
                "other path": "/download/anything",
                "page": f"/a/{token}",
            }.items():
                async with http.get(server.base + path) as response:
                    statuses[name] = response.status
                    if name == "page":
                        assert response.headers["Referrer-Policy"] == "no-referrer"
                        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
            for name, path in {"socket, unknown token": "/a/not-a-token/ws", "socket, no token": "/ws"}.items():
                try:
                    async with http.ws_connect(server.base.replace("http", "ws") + path):
                        statuses[name] = 101
                except aiohttp.WSServerHandshakeError as error:
                    statuses[name] = error.status
            try:
                async with http.ws_connect(
                    server.base.replace("http", "ws") + f"/a/{token}/ws", headers={"Origin": "http://evil.example"}
                ):
                    statuses["socket from another site"] = 101
            except aiohttp.WSServerHandshakeError as error:
                statuses["socket from another site"] = error.status
        return statuses

    statuses = asyncio.run(probe())
    assert statuses.pop("page") == 200
    assert statuses == dict.fromkeys(statuses, 403)
    assert server.sessions() == []
    assert server.stop() == 0
    log = round_folder.log.read_text()
    assert "refused" in log
    assert token not in log and token not in "".join(server.lines)


def test_twenty_respondents_answering_at_once_lose_no_answer(round_path: Path, start_server: Start) -> None:
    names = [f"Respondent {number}" for number in range(20)]
    round_folder, tokens = make_round(round_path, names)
    server = start_server(round_folder)

    async def answer(http: aiohttp.ClientSession, respondent_id: str, token: str) -> None:
        browser = ScriptedBrowser(http, server.base, token)
        await browser.open()
        await browser.wait_for(FIRST_PROMPT)
        await browser.type_answer(f"Platform of {respondent_id}\r")
        await browser.wait_for(SECOND_PROMPT)
        await browser.keys("2")
        path = round_folder.folder / f"{respondent_id}.toml"
        await wait_for_file(
            lambda: answers(path).get("context.marketplaces", {}).get("choice") == "yes", f"{respondent_id} saved"
        )
        await browser.close()

    async def everyone() -> None:
        async with aiohttp.ClientSession() as http:
            await asyncio.gather(*(answer(http, rid, token) for rid, token in tokens.items()))

    asyncio.run(everyone())
    for respondent_id in tokens:
        saved = answers(round_folder.folder / f"{respondent_id}.toml")
        assert saved["context.platform"] == {"text": f"Platform of {respondent_id}"}
        assert saved["context.marketplaces"] == {"choice": "yes"}
    wait_until(lambda: not server.sessions(), "every session ended as its browser left")
    assert server.stop() == 0
    merged = merge_files(sorted(round_folder.folder.glob("*.toml")))
    assert merged.merge is not None and len(merged.merge.respondents) == 20


def test_a_second_tab_on_a_link_takes_over_and_leaves_one_writer(round_path: Path, start_server: Start) -> None:
    round_folder, tokens = make_round(round_path, ["Ana"])
    server = start_server(round_folder)
    path = round_folder.folder / "ana.toml"

    async def two_tabs() -> None:
        async with aiohttp.ClientSession() as http:
            first = ScriptedBrowser(http, server.base, tokens["ana"])
            await first.open()
            await first.wait_for(FIRST_PROMPT)
            await first.type_answer("From the first tab\r")
            await first.wait_for(SECOND_PROMPT)  # every key of the answer handled, not only the first
            full = {"text": "From the first tab"}
            await wait_for_file(lambda: answers(path).get("context.platform") == full, "the first tab's answer")
            second = ScriptedBrowser(http, server.base, tokens["ana"])
            await second.open()
            await asyncio.wait_for(first.closed.wait(), 90)  # the first tab is told its session ended
            await second.wait_for(SECOND_PROMPT)  # and the second resumes where the first left off
            assert len(server.sessions()) == 1
            await second.keys("1")
            await wait_for_file(lambda: "context.marketplaces" in answers(path), "the second tab's answer")
            await second.close()

    asyncio.run(two_tabs())
    assert answers(path) == {
        "context.platform": {"text": "From the first tab"},
        "context.marketplaces": {"choice": "no"},
    }
    assert server.stop() == 0
    assert "ended: ana (another tab took over" in round_folder.log.read_text()


def test_killing_the_server_loses_no_acknowledged_answer_and_a_restart_resumes(
    round_path: Path, start_server: Start
) -> None:
    round_folder, tokens = make_round(round_path, ["Ana"])
    server = start_server(round_folder)
    path = round_folder.folder / "ana.toml"

    async def answer_then_kill() -> list[int]:
        async with aiohttp.ClientSession() as http:
            browser = ScriptedBrowser(http, server.base, tokens["ana"])
            await browser.open()
            await browser.wait_for(FIRST_PROMPT)
            await browser.type_answer("Acknowledged platform\r")
            await browser.wait_for(SECOND_PROMPT)
            await wait_for_file(lambda: "context.platform" in answers(path), "the first answer saved")
            sessions = server.sessions()
            await browser.keys("2")  # in flight as the server dies: saved or not, never half-saved
            server.process.kill()
            server.process.wait(timeout=90)
            return sessions

    sessions = asyncio.run(answer_then_kill())
    assert len(sessions) == 1
    wait_until(lambda: not alive(sessions[0]), "the orphaned session to save and exit")
    assert answers(path)["context.platform"] == {"text": "Acknowledged platform"}
    load_assessment(path)  # still a whole, valid assessment
    assert not list(round_folder.folder.glob(".*.tmp"))

    restarted = start_server(round_folder)

    async def resume() -> None:
        async with aiohttp.ClientSession() as http:
            browser = ScriptedBrowser(http, restarted.base, tokens["ana"])
            await browser.open()
            await browser.wait_for(SECOND_PROMPT)
            await browser.keys("1")
            await wait_for_file(
                lambda: answers(path).get("context.marketplaces") == {"choice": "no"}, "the answer after the restart"
            )
            await browser.close()

    asyncio.run(resume())
    assert restarted.stop() == 0


def test_ctrl_c_ends_every_session_after_saving(round_path: Path, start_server: Start) -> None:
    round_folder, tokens = make_round(round_path, ["Ana", "Bo"])
    server = start_server(round_folder)

    async def open_both() -> list[int]:
        async with aiohttp.ClientSession() as http:
            browsers = [ScriptedBrowser(http, server.base, token) for token in tokens.values()]
            for browser in browsers:
                await browser.open()
                await browser.wait_for(FIRST_PROMPT)
                await browser.type_answer("Answered before ctrl+c\r")
                await browser.wait_for(SECOND_PROMPT)
            sessions = server.sessions()
            assert server.stop(signal.SIGINT) == 0
            for browser in browsers:
                await asyncio.wait_for(browser.closed.wait(), 90)
            return sessions

    sessions = asyncio.run(open_both())
    assert len(sessions) == 2 and not any(alive(pid) for pid in sessions)
    for respondent_id in tokens:
        assert answers(round_folder.folder / f"{respondent_id}.toml")["context.platform"] == {
            "text": "Answered before ctrl+c"
        }
    assert "stopped: 2 sessions ended after saving" in round_folder.log.read_text()


def test_an_idle_session_ends_after_the_timeout_and_the_log_says_so(round_path: Path, start_server: Start) -> None:
    round_folder, tokens = make_round(round_path, ["Ana"])
    server = start_server(round_folder, "--idle-timeout", "1")

    async def go_idle() -> None:
        async with aiohttp.ClientSession() as http:
            browser = ScriptedBrowser(http, server.base, tokens["ana"])
            await browser.open()
            await asyncio.wait_for(browser.closed.wait(), 90)

    asyncio.run(go_idle())
    assert "started: ana" in round_folder.log.read_text()
    wait_until(lambda: not server.sessions(), "the idle session's process to end")
    wait_until(lambda: "ended: ana (idle for more than 1 s" in round_folder.log.read_text(), "the idle end logged")


def test_revoking_a_link_ends_its_session_and_refuses_it(round_path: Path, start_server: Start) -> None:
    round_folder, tokens = make_round(round_path, ["Ana"])
    server = start_server(round_folder)

    async def revoked() -> int:
        async with aiohttp.ClientSession() as http:
            browser = ScriptedBrowser(http, server.base, tokens["ana"])
            await browser.open()
            await browser.wait_for(FIRST_PROMPT)
            revoke(round_folder, "Ana")
            await asyncio.wait_for(browser.closed.wait(), 90)
            async with http.get(server.link(tokens["ana"])) as response:
                return response.status

    assert asyncio.run(revoked()) == 403
    wait_until(lambda: "ended: ana (the link was revoked" in round_folder.log.read_text(), "the revocation logged")


def test_sessions_beyond_the_limit_are_refused_without_a_process(round_path: Path, start_server: Start) -> None:
    round_folder, tokens = make_round(round_path, ["Ana", "Bo"])
    server = start_server(round_folder, "--max-sessions", "1")

    async def crowd() -> int:
        async with aiohttp.ClientSession() as http:
            first = ScriptedBrowser(http, server.base, tokens["ana"])
            await first.open()
            await first.wait_for(FIRST_PROMPT)
            try:
                await ScriptedBrowser(http, server.base, tokens["bo"]).open()
            except aiohttp.WSServerHandshakeError as error:
                return error.status
            finally:
                assert len(server.sessions()) == 1
                await first.close()
            return 101

    assert asyncio.run(crowd()) == 503


@pytest.mark.parametrize("option", [["--port", "70000"], ["--max-sessions", "0"]])
def test_bad_options_are_one_clear_message(
    option: list[str], round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from slicewise.cli import main

    make_round(round_path, ["Ana"])
    assert main(["serve", str(round_path), *option]) == 2
    assert "Bad option" in capsys.readouterr().err


def test_a_session_cannot_choose_what_runs_and_bad_messages_change_nothing(
    round_path: Path, start_server: Start
) -> None:
    round_folder, tokens = make_round(round_path, ["Ana"])
    server = start_server(round_folder)
    path = round_folder.folder / "ana.toml"

    async def hostile() -> list[str]:
        async with aiohttp.ClientSession() as http:
            browser = ScriptedBrowser(http, server.base, tokens["ana"])
            browser.url += "&command=rm%20-rf%20~&path=/etc/passwd&questionnaire=/tmp/evil&respondent=bo"
            await browser.open()
            await browser.wait_for(FIRST_PROMPT)
            assert browser.socket is not None
            for junk in (
                "not json",
                "{}",
                "[]",
                '[42, "x"]',
                '["resize", {"width": "1e99", "height": -5}]',
                '["quit"]',
                '["stdin", 7]',
                '["stdin", ""]',
                '["open_url", "file:///etc/passwd"]',
            ):
                await browser.socket.send_str(junk)
            await browser.socket.send_str('["resize", {"width": 110, "height": 32}]')  # back to a usable size
            await browser.type_answer("Still answering\r")
            await browser.wait_for(SECOND_PROMPT)  # every key of the answer handled, not only the first
            full = {"text": "Still answering"}
            await wait_for_file(lambda: answers(path).get("context.platform") == full, "the answer after the junk")
            [session] = server.sessions()
            command = Path(f"/proc/{session}/cmdline").read_bytes().decode().split("\0")[:-1]
            await browser.close()
            return command

    command = asyncio.run(hostile())
    assert command[1:] == ["-m", "slicewise.serve.respondent", str(round_folder.folder), "ana"]
    assert answers(path) == {"context.platform": {"text": "Still answering"}}
