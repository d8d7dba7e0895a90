"""Fixtures for the export tests: assessments loaded and scored with the real engine."""

from __future__ import annotations

import pytest
from export_helpers import Scored, scored


@pytest.fixture
def sample() -> Scored:
    """A complete assessment: every status, ownership and flow findings, an orphan answer."""
    return scored("export_sample.toml")


@pytest.fixture
def hostile() -> Scored:
    """An assessment full of formula-like, control-character, long, right-to-left and emoji text."""
    return scored("export_hostile.toml")


@pytest.fixture
def merged() -> Scored:
    """An assessment merged from three respondents, with disagreements."""
    return scored("export_merged.toml")
