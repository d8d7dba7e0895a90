"""Fixtures of the serve tests: a round folder with invited respondents and a server that is always stopped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from slicewise.serve.roster import RoundFolder

from .kit import ServerProcess


@pytest.fixture
def start_server() -> Iterator[Callable[..., ServerProcess]]:
    """Start servers on rounds; every one still running is stopped (with its sessions) after the test."""
    started: list[ServerProcess] = []

    def start(round_folder: RoundFolder, *options: str) -> ServerProcess:
        server = ServerProcess(round_folder, *options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


@pytest.fixture
def round_path(tmp_path: Path) -> Path:
    """Where a test's round folder goes."""
    return tmp_path / "round"
