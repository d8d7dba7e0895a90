"""Load run of `slicewise serve`: memory and CPU per live respondent, and how many respondents answer with every
answer saved within 100 ms. `python bench/serve_load.py [--levels 1,5,10,20,30] [--rounds 10]`.

A round of the built-in questionnaire is served on 127.0.0.1 (port chosen by the system); scripted browsers
(the websocket protocol of the page, no Chromium) open sessions level by level and type into the first
question. Latency is from the key leaving the client until the respondent's file on disk holds it (polled
every 5 ms). Two patterns per level: *paced* (each respondent types one key every `--period` seconds, the
respondents spread over the period, as people answering) and *burst* (every respondent types at the same
instant, the worst case). Memory is the proportional set size (PSS) of the app processes, so shared pages
are counted once.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.serve.kit import FIRST_PROMPT, ScriptedBrowser, ServerProcess, answers  # noqa: E402

from slicewise.serve.invites import invite, round_folder_at  # noqa: E402

GOAL_MS = 100.0
POLL_SECONDS = 0.005
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def pss_kib(pid: int) -> int:
    """Proportional set size of a process in KiB (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of processes, in seconds."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


@dataclass
class Row:
    """The figures of one level."""

    live: int
    pss_mib: float
    idle_cpu_percent: float
    cpu_ms_per_answer: float
    paced: list[float]
    burst: list[float]


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def type_and_wait(browser: ScriptedBrowser, path: Path, text: str, key: str) -> tuple[str, float]:
    """Type one key; return the text now expected and the milliseconds until the file held it."""
    expected = text + key
    started = time.perf_counter()
    await browser.keys(key)
    deadline = started + 30
    while (answers(path).get("context.platform") or {}).get("text") != expected:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{path.name}: the key was never saved")
        await asyncio.sleep(POLL_SECONDS)
    return expected, (time.perf_counter() - started) * 1000


class Respondent:
    """One live scripted respondent and the text typed so far."""

    def __init__(self, browser: ScriptedBrowser, path: Path) -> None:
        self.browser = browser
        self.path = path
        self.text = ""
        self.typed = 0

    async def key(self, delay: float = 0.0) -> float:
        """Wait, type the next letter, and return its save latency in ms."""
        if delay:
            await asyncio.sleep(delay)
        letter = "abcdefghijklmnopqrstuvwxyz"[self.typed % 26]
        self.typed += 1
        self.text, latency = await type_and_wait(self.browser, self.path, self.text, letter)
        return latency


async def run(levels: list[int], rounds: int, period: float, idle_window: float) -> list[Row]:
    """Open sessions level by level and measure each level."""
    with tempfile.TemporaryDirectory() as folder:
        round_folder = round_folder_at(Path(folder) / "round", create=True)
        tokens = [
            (person, token)
            for person, token in (
                invite(round_folder, f"Respondent {n}", "commerce-integration") for n in range(max(levels))
            )
        ]
        server = ServerProcess(round_folder, "--max-sessions", str(max(levels) + 1), "--idle-timeout", "86400")
        rows: list[Row] = []
        try:
            async with aiohttp.ClientSession() as http:
                live: list[Respondent] = []

                async def join(index: int) -> Respondent:
                    person, token = tokens[index]
                    browser = ScriptedBrowser(http, server.base, token)
                    await browser.open()
                    await browser.wait_for(FIRST_PROMPT)
                    await browser.type_answer("")
                    return Respondent(browser, round_folder.folder / person.file)

                for level in levels:
                    live += await asyncio.gather(*(join(i) for i in range(len(live), level)))
                    await asyncio.sleep(1.0)  # let start-up work settle
                    sessions = server.sessions()
                    pids = [*sessions, server.process.pid]
                    before = cpu_seconds(pids)
                    await asyncio.sleep(idle_window)
                    idle = (cpu_seconds(pids) - before) / idle_window / level * 100
                    pss = sum(pss_kib(pid) for pid in sessions) / 1024 / level
                    before = cpu_seconds(pids)
                    paced: list[float] = []
                    for _ in range(rounds):
                        paced += await asyncio.gather(*(r.key(period * n / level) for n, r in enumerate(live)))
                    burst: list[float] = []
                    for _ in range(rounds):
                        burst += await asyncio.gather(*(r.key() for r in live))
                        await asyncio.sleep(0.2)
                    cpu_per_answer = (cpu_seconds(pids) - before) * 1000 / (2 * rounds * level)
                    rows.append(Row(level, pss, idle, cpu_per_answer, paced, burst))
                    print(f"  measured {level} live respondents", file=sys.stderr)
                for respondent in live:
                    await respondent.browser.close()
        finally:
            server.close()
        return rows


def table(rows: list[Row]) -> str:
    """The figures as a Markdown table, with the capacity line."""
    lines = [
        "| live respondents | PSS per respondent | idle CPU per respondent | CPU per answer | paced p50 / p95 / max | "
        "burst p50 / p95 / max | paced within 100 ms |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        paced = row.paced
        burst = row.burst
        lines.append(
            f"| {row.live} | {row.pss_mib:.0f} MiB | {row.idle_cpu_percent:.1f} % | {row.cpu_ms_per_answer:.0f} ms | "
            f"{statistics.median(paced):.0f} / {percentile(paced, 0.95):.0f} / {max(paced):.0f} ms | "
            f"{statistics.median(burst):.0f} / {percentile(burst, 0.95):.0f} / {max(burst):.0f} ms | "
            f"{'yes' if percentile(paced, 0.95) <= GOAL_MS else 'no'} |"
        )
    held = [r.live for r in rows if percentile(r.paced, 0.95) <= GOAL_MS]
    burst_held = [r.live for r in rows if percentile(r.burst, 0.95) <= GOAL_MS]
    lines.append("")
    lines.append(
        f"Holds with 95 % of answers saved within {GOAL_MS:.0f} ms: {max(held) if held else 0} respondents answering "
        f"at a person's pace; {max(burst_held) if burst_held else 0} when all type at the same instant."
    )
    return "\n".join(lines)


def main() -> int:
    """Parse the options, run the levels and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--levels", default="1,5,10,20,30", help="live respondents per step, ascending")
    parser.add_argument("--rounds", type=int, default=10, help="keys per respondent per pattern and level")
    parser.add_argument("--period", type=float, default=2.0, help="seconds between a respondent's paced keys")
    parser.add_argument("--idle-window", type=float, default=5.0, help="seconds of idle CPU measurement")
    args = parser.parse_args()
    levels = sorted({int(n) for n in args.levels.split(",")})
    rows = asyncio.run(run(levels, args.rounds, args.period, args.idle_window))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
