"""The content cache: a built-in bundle read back equal, keyed by every file and the core, damage ignored."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from slicewise.core import content, contentcache
from slicewise.core.engine import evaluate
from slicewise.core.errors import SlicewiseError
from slicewise.core.loader import load_bundle, load_bundle_checked
from slicewise.core.store import new_assessment


@pytest.fixture
def kept(tmp_path: Path) -> Iterator[Path]:
    """Keep bundles in a fresh folder for the test, and nowhere afterwards."""
    folder = tmp_path / "kept"
    contentcache.keep_bundles_in(folder)
    yield folder
    contentcache.keep_bundles_in(None)


@pytest.fixture
def builtin_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the content roots, taken as slicewise's own content, so a test may change a file."""
    (source,) = content.content_roots()[:1]
    root = tmp_path / "root"
    for part in ("questionnaires", "scoring"):
        shutil.copytree(source / part, root / part)
    monkeypatch.setattr(content, "content_roots", lambda: [root])
    return root / "questionnaires" / "commerce-integration"


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("bundle-*.pickle")) if folder.exists() else []


def test_a_second_load_is_read_back_equal_and_scores_the_same(kept: Path) -> None:
    first = load_bundle("commerce-integration")
    assert len(_entries(kept)) == 1
    second = load_bundle("commerce-integration")
    assert second is not first
    assert second.questionnaire == first.questionnaire
    assert second.scoring == first.scoring
    assert (second.questionnaire_path, second.scoring_path, second.builtin) == (
        first.questionnaire_path,
        first.scoring_path,
        first.builtin,
    )
    assessment = new_assessment(first, client="Acme")
    assert evaluate(second, assessment) == evaluate(first, assessment)


def test_any_change_to_a_content_file_is_a_different_entry(kept: Path, builtin_copy: Path) -> None:
    load_bundle(builtin_copy)
    area = sorted(builtin_copy.glob("*.toml"))[-1]
    area.write_text(area.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    load_bundle(builtin_copy)
    assert len(_entries(kept)) == 2


def test_a_content_file_made_bad_is_reported_with_its_line_despite_the_entry(kept: Path, builtin_copy: Path) -> None:
    load_bundle(builtin_copy)
    header = builtin_copy / "questionnaire.toml"
    header.write_text(header.read_text(encoding="utf-8") + "\nbroken =\n", encoding="utf-8")
    with pytest.raises(SlicewiseError) as caught:
        load_bundle(builtin_copy)
    problem = caught.value.problems[0]
    assert problem.path.endswith("questionnaire.toml") and problem.line is not None


@pytest.mark.parametrize(
    "damage",
    [
        lambda stored: stored[: len(stored) // 2],  # torn
        lambda stored: stored[:-40] + bytes(40),  # altered payload
        lambda stored: b"",  # empty
    ],
)
def test_a_damaged_entry_is_ignored_and_the_content_loaded(kept: Path, damage: object) -> None:
    first = load_bundle("commerce-integration")
    (entry,) = _entries(kept)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert load_bundle("commerce-integration").questionnaire == first.questionnaire


def test_an_entry_that_would_run_code_is_refused(kept: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import hashlib

    folder = load_bundle("commerce-integration").questionnaire_path
    (entry,) = _entries(kept)

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (print, ("ran",))

    payload = pickle.dumps(Evil())
    entry.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)  # a valid digest
    assert contentcache.recall_bundle(entry, folder) is None
    assert "ran" not in capsys.readouterr().out


def test_nothing_is_kept_without_a_folder_for_content_not_built_in_or_when_asked_for_advice(
    kept: Path, mini_copy: Path
) -> None:
    load_bundle(mini_copy)
    folder = load_bundle("commerce-integration").questionnaire_path
    before = _entries(kept)
    load_bundle_checked(folder, advice=True)
    assert _entries(kept) == before
    contentcache.keep_bundles_in(None)
    assert contentcache.bundle_entry(folder) is None


def test_a_folder_that_refuses_writes_changes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "kept"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    contentcache.keep_bundles_in(blocker)
    try:
        assert load_bundle("commerce-integration").questionnaire.questions
    finally:
        contentcache.keep_bundles_in(None)


def test_only_the_newest_entries_are_kept(kept: Path, builtin_copy: Path) -> None:
    area = sorted(builtin_copy.glob("*.toml"))[-1]
    text = area.read_text(encoding="utf-8")
    for number in range(contentcache.KEPT + 2):
        area.write_text(text + f"\n# change {number}\n", encoding="utf-8")
        load_bundle(builtin_copy)
        assert len(_entries(kept)) == min(number + 1, contentcache.KEPT)
    assert contentcache.recall_bundle(contentcache.bundle_entry(builtin_copy) or kept, builtin_copy) is not None
