"""Run a program in a pseudo-terminal: time how long until given text is written to its screen, type keys.

This measures start-up as a person sees it: from the moment the program is started to the moment the text
reaches the terminal, through Textual's real terminal driver. For timing, the program is killed as soon as
the text appears, so neither side is charged for shutting down. Tests use the same terminal to drive the
real command line.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType

ENV = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}
"""The terminal every program sees."""


@dataclass(frozen=True)
class Timing:
    """Milliseconds from launch until each awaited text appeared."""

    shown_ms: float
    """Until the first text was on screen."""
    then_ms: float | None = None
    """Until the second text was on screen, after the keys were typed (None: no keys typed)."""


class NotShown(RuntimeError):
    """The text never appeared (the program failed or showed something else)."""


class Terminal:
    """A program running in a pseudo-terminal of a given size, and everything it has written so far."""

    def __init__(
        self, argv: Sequence[str], *, env: dict[str, str], size: tuple[int, int] = (100, 30), timeout: float = 30.0
    ) -> None:
        """Start `argv` in a terminal of `size` (columns, rows); waits give up `timeout` seconds after start."""
        self.master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.start = time.perf_counter()
        self.deadline = self.start + timeout
        self.child = subprocess.Popen(
            list(argv), stdin=slave, stdout=slave, stderr=slave, env={**env, **ENV}, start_new_session=True
        )
        os.close(slave)
        self.written = b""
        self.closed = False

    def __enter__(self) -> Terminal:
        """Use as a context manager: the program is killed on leaving, if still running."""
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Kill the program if it still runs and close the terminal."""
        self.kill()

    def wait_for(self, text: str, *, after: int = 0) -> float:
        """Read until `text` has been written (at or after byte `after`); return milliseconds since launch."""
        wanted = text.encode()
        while wanted not in self.written[after:]:
            if not self._read():
                raise NotShown(f"the program ended before showing {text!r}; its screen ends {self.tail()!r}")
        return (time.perf_counter() - self.start) * 1000

    def type(self, keys: str) -> int:
        """Type keys as a person would; returns how much had been written before, to wait for what follows."""
        os.write(self.master, keys.encode())
        return len(self.written)

    def wait_exit(self) -> int:
        """Read until the program exits and its terminal closes; return its exit code."""
        while self._read():
            pass
        return self.child.wait(max(0.1, self.deadline - time.perf_counter()))

    def tail(self, size: int = 1200) -> bytes:
        """The last bytes written, for a failure message."""
        return self.written[-size:]

    def kill(self) -> None:
        """Stop the program at once and close the terminal."""
        if self.child.poll() is None:
            self.child.kill()
        self.child.wait()
        if not self.closed:
            self.closed = True
            os.close(self.master)

    def _read(self) -> bool:
        """Read what the program wrote next; False once it has exited and closed the terminal."""
        while True:
            left = self.deadline - time.perf_counter()
            if left <= 0:
                raise NotShown(f"timed out; the screen ends {self.tail()!r}")
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if ready:
                break
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the program exited and its side of the terminal closed
            return False
        self.written += chunk
        return bool(chunk)


def time_to_text(
    argv: Sequence[str],
    text: str,
    *,
    env: dict[str, str],
    size: tuple[int, int] = (100, 30),
    then_type: str = "",
    then_text: str = "",
) -> Timing:
    """Run `argv` until `text` is on screen, then kill it; with `then_type`, type it the moment `text` appears
    and also time until `then_text` is on screen."""
    with Terminal(argv, env=env, size=size) as terminal:
        shown = terminal.wait_for(text)
        if not then_type:
            return Timing(shown)
        typed_at = terminal.type(then_type)
        return Timing(shown, terminal.wait_for(then_text, after=typed_at))
