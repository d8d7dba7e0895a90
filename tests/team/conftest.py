"""Fixtures for the team self-assessment tests: the small team questionnaire and a keyboard for the prompts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from slicewise.core.loader import Bundle, load_bundle

from .helpers import TEAM_QUESTIONNAIRE, Keyboard


@pytest.fixture(scope="session")
def team_bundle() -> Bundle:
    """The team test questionnaire: one question of every kind, with its scoring model beside it."""
    return load_bundle(TEAM_QUESTIONNAIRE)


@pytest.fixture
def keyboard() -> Iterator[Keyboard]:
    """Keys typed into the real questionary prompts through a pipe."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe:
        yield Keyboard(pipe, DummyOutput())
