"""kill -9 of a process that saves answers in a loop never leaves an unreadable file or loses an
acknowledged revision."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from slicewise.core.store import read_assessment

from .saver import revision_of

SAVER = Path(__file__).with_name("saver.py")
SRC = Path(__file__).resolve().parents[2] / "src"
ROUNDS = int(os.environ.get("SLICEWISE_KILL_ROUNDS", "6"))
SEED = int(os.environ.get("SLICEWISE_KILL_SEED", "7"))


def start_saver(path: Path, pause: float = 0.0) -> subprocess.Popen[str]:
    """Start the save loop in a child process with the checkout on its path."""
    env = {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen(
        [sys.executable, str(SAVER), str(path), str(pause)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=SAVER.parent,
    )


def wait_for_ack(process: subprocess.Popen[str]) -> int:
    """Block until the child acknowledges its next save and return that revision."""
    assert process.stdout is not None
    line = process.stdout.readline()  # blocks until the save is acknowledged, or the child ends (empty line)
    assert line.startswith("saved "), (
        f"unexpected saver output {line!r}; stderr: {process.stderr.read() if process.stderr else ''}"
    )
    return int(line.split()[1])


def kill_and_collect(process: subprocess.Popen[str]) -> tuple[int, str]:
    """SIGKILL the child; return the last revision it acknowledged on a complete line, and its stderr."""
    process.send_signal(signal.SIGKILL)
    out, err = process.communicate(timeout=30)
    acked = [
        int(line.split()[1])
        for line in out.splitlines(keepends=True)
        if line.startswith("saved ") and line.endswith("\n")
    ]
    return (max(acked) if acked else 0), err


def test_kill_minus_nine_during_saves_never_loses_an_acknowledged_revision(tmp_path: Path) -> None:
    """Each round kills the loop after a random delay: the file always parses, holds the last acknowledged
    revision or the one in flight after it, and at most one temp file of the interrupted save remains."""
    rng = random.Random(SEED)
    path = tmp_path / "session.toml"
    in_flight = temp_left = total_acks = 0
    for round_number in range(ROUNDS):
        process = start_saver(path)
        first = wait_for_ack(process)
        time.sleep(rng.uniform(0.0, 0.25))
        last_in_stream, err = kill_and_collect(process)
        acknowledged = max(first, last_in_stream)
        assert process.returncode == -signal.SIGKILL, err
        saved = revision_of(read_assessment(path).assessment)
        assert acknowledged <= saved <= acknowledged + 1, (round_number, acknowledged, saved)
        leftovers = list(tmp_path.glob(".session.toml.*.tmp"))
        assert len(leftovers) <= 1, leftovers
        for leftover in leftovers:
            leftover.unlink()
        assert [p.name for p in tmp_path.iterdir()] == ["session.toml"]
        in_flight += saved > acknowledged
        temp_left += len(leftovers)
        total_acks += acknowledged
    print(
        f"kill -9: {ROUNDS} rounds (seed {SEED}), {total_acks} acknowledged saves, "
        f"{in_flight} kills after an unacknowledged save landed, {temp_left} interrupted temp files, 0 lost"
    )
