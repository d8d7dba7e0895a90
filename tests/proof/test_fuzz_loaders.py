"""Random bytes and mutations of valid questionnaire, scoring and assessment files give only clear
`SlicewiseError`s: never another exception, never a hang, never a change to the file read."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from . import fuzz

CASES = int(os.environ.get("SLICEWISE_FUZZ_CASES", "1000"))
SEED = int(os.environ.get("SLICEWISE_FUZZ_SEED", str(fuzz.DEFAULT_SEED)))


def test_fuzzed_inputs_only_ever_give_clear_errors(tmp_path: Path) -> None:
    """A fixed-seed run over the mini and built-in questionnaires and two assessments finds no crash, hang,
    unclear error or modified file; failing inputs are kept in the test's temp folder for a fixture."""
    outcome = fuzz.run(CASES, SEED, keep=tmp_path / "failing")
    print(fuzz.format_outcome(outcome))
    assert outcome.failures == [], fuzz.format_outcome(outcome)
    assert outcome.cases == CASES
    names = {target.name for target in fuzz.targets()}
    refused = {target for (target, result), count in outcome.by_target.items() if result == "refused" and count}
    assert refused == names, "every target must have been exercised with inputs it refuses"


def test_the_harness_reports_a_hang() -> None:
    """The per-case time limit turns a stuck loader into a Hang instead of stalling the run."""
    with pytest.raises(fuzz.Hang), fuzz.time_limit(1):
        time.sleep(3)


def test_the_harness_reports_memory_over_the_limit(tmp_path: Path) -> None:
    """A loader that allocates past the per-case budget is a crash, and the limit is lifted afterwards."""
    path = tmp_path / "f.toml"
    path.write_bytes(b"x = 1")

    def balloon(work: Path) -> object:
        return bytearray(fuzz.MEMORY_BUDGET * 2)

    assert fuzz.one_case(fuzz.Target("t", [], balloon, 1), tmp_path, path, b"x = 1").startswith("crash: MemoryError")
    assert len(bytearray(fuzz.MEMORY_BUDGET * 2)) == fuzz.MEMORY_BUDGET * 2


def test_the_harness_reports_a_crash_and_a_changed_file(tmp_path: Path) -> None:
    """A loader raising a foreign exception is a crash; a loader writing to its input is a change."""
    path = tmp_path / "f.toml"
    path.write_bytes(b"x = 1")

    def crash(work: Path) -> object:
        raise KeyError("boom")

    def scribble(work: Path) -> object:
        path.write_bytes(b"y = 2")
        return None

    assert fuzz.one_case(fuzz.Target("t", [], crash, 1), tmp_path, path, b"x = 1").startswith("crash: KeyError")
    assert fuzz.one_case(fuzz.Target("t", [], scribble, 1), tmp_path, path, b"x = 1").startswith("changed")


@pytest.mark.parametrize("name", sorted(fuzz.MUTATIONS))
def test_each_mutation_changes_a_valid_file_deterministically(name: str) -> None:
    """Every mutation operator changes the file and gives the same output for the same seed."""
    import random

    original = (fuzz.MINI / "failure.toml").read_bytes()
    donor = (fuzz.MINI / "questionnaire.toml").read_bytes()
    outputs = [fuzz.MUTATIONS[name](original, random.Random(seed), donor) for seed in (1, 1, 2, 3, 4)]
    assert outputs[0] == outputs[1]
    assert any(out != original for out in outputs)
