"""End to end: fuzzed questionnaire folders and assessment files through the real command line give exit
code 0, 1 or 2 with one clear message, never a traceback nor the last-resort 'unexpected error'."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

from . import fuzz
from .bundles import DATA, MINI, REPO

FOLDERS = int(os.environ.get("SLICEWISE_CLI_FUZZ_FOLDERS", "24"))
FILES = int(os.environ.get("SLICEWISE_CLI_FUZZ_FILES", "4"))
SEED = 4242
LOCATED = re.compile(r"^  \S.*: .+$")


def slicewise(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line from the checkout, with the debug switch off."""
    env = {k: v for k, v in os.environ.items() if k != "SLICEWISE_DEBUG"}
    env["PYTHONPATH"] = str(REPO / "src")
    return subprocess.run(
        [sys.executable, "-m", "slicewise", *args], env=env, capture_output=True, text=True, check=False, timeout=120
    )


def mutated(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """One to three stacked mutations, or random bytes now and then."""
    if rng.random() < 0.1:
        return fuzz.random_bytes(rng)
    for name in rng.sample(sorted(fuzz.MUTATIONS), k=rng.choice((1, 2, 3))):
        data = fuzz.MUTATIONS[name](data, rng, donor)
    return data


def assert_clean(done: subprocess.CompletedProcess[str]) -> None:
    """No traceback, no unexpected error, a known exit code."""
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    assert "unexpected error" not in output, output
    assert done.returncode in (0, 1, 2), (done.returncode, output)


def test_validate_on_fuzzed_questionnaire_folders(tmp_path: Path) -> None:
    """`slicewise validate` over many mutated copies of the mini questionnaire reports problems as
    `file:line: message` and exits 1 (or 0 when a mutation was harmless)."""
    rng = random.Random(SEED)
    files = sorted(p.relative_to(MINI) for p in MINI.rglob("*.toml"))
    folders = []
    for number in range(FOLDERS):
        folder = tmp_path / f"q{number}"
        shutil.copytree(MINI, folder)
        target = rng.choice(files)
        donor = (MINI / rng.choice(files)).read_bytes()
        (folder / target).write_bytes(mutated((folder / target).read_bytes(), rng, donor))
        folders.append(str(folder))
    done = slicewise("validate", *folders)
    assert_clean(done)
    assert done.returncode == 1
    assert re.search(r"\d+ problems? found\.", done.stdout + done.stderr)


def test_score_on_fuzzed_assessment_files(tmp_path: Path) -> None:
    """`slicewise score` on mutated assessment files prints a title and located problems and exits 2, or
    scores the file when the mutation left it valid."""
    rng = random.Random(SEED)
    shutil.copytree(MINI, tmp_path / "mini")
    original = (DATA / "assessment_valid.toml").read_bytes()
    refused = 0
    for number in range(FILES):
        path = tmp_path / f"a{number}.toml"
        path.write_bytes(mutated(original, rng, original))
        done = slicewise("score", str(path))
        assert_clean(done)
        if done.returncode == 2:
            refused += 1
            lines = done.stderr.splitlines()
            assert lines[0].startswith("slicewise: ") and len(lines) >= 2, done.stderr
            assert all(LOCATED.match(line) for line in lines[1:]), done.stderr
    assert refused >= 1
