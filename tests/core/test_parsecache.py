"""The parse cache of built-in content: same data as parsing, keyed by the exact bytes, damaged entries ignored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from slicewise.core import parsecache
from slicewise.core.errors import SlicewiseError
from slicewise.core.loader import load_bundle
from slicewise.core.tomlsource import read_toml

TITLE = "Cannot read"


@pytest.fixture
def kept(tmp_path: Path) -> Iterator[Path]:
    """Keep parsed content in a fresh folder for the test, and nowhere afterwards."""
    folder = tmp_path / "parsed"
    parsecache.keep_parsed_in(folder)
    yield folder
    parsecache.keep_parsed_in(None)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_second_read_comes_from_the_cache_with_the_same_data_and_text(kept: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.toml", 'id = "a"\n[[question]]\nid = "a.one"\nweight = 1.5\nscored = true\n')
    first = read_toml(path, title=TITLE, reuse=True)
    assert len(list(kept.iterdir())) == 1
    second = read_toml(path, title=TITLE, reuse=True)
    assert second.data == first.data
    assert isinstance(second.data["question"][0]["weight"], float)
    assert second.text == first.text
    assert second.line_map.line_for(("question", 0, "id")) == 3


def test_changed_bytes_are_parsed_again(kept: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.toml", 'id = "a"\n')
    read_toml(path, title=TITLE, reuse=True)
    _write(path, 'id = "b"\n')
    assert read_toml(path, title=TITLE, reuse=True).data == {"id": "b"}
    assert len(list(kept.iterdir())) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda stored: stored[: len(stored) // 2],  # torn
        lambda stored: stored.replace(b'"a"', b'"z"'),  # altered payload
        lambda stored: b"",  # empty
        lambda stored: b"\xff\xfe\x00garbage",  # not text at all
    ],
)
def test_a_damaged_entry_is_ignored_and_the_file_parsed(kept: Path, tmp_path: Path, damage: object) -> None:
    path = _write(tmp_path / "a.toml", 'id = "a"\n')
    read_toml(path, title=TITLE, reuse=True)
    (entry,) = kept.iterdir()
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert read_toml(path, title=TITLE, reuse=True).data == {"id": "a"}


def test_bad_content_is_never_kept_and_still_says_where(kept: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.toml", 'id = "a"\nbroken = \n')
    for _ in range(2):
        with pytest.raises(SlicewiseError) as caught:
            read_toml(path, title=TITLE, reuse=True)
        assert caught.value.problems[0].line == 2
    assert not kept.exists() or not list(kept.iterdir())


def test_dates_are_not_kept_because_json_would_change_them(kept: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.toml", "day = 2026-12-07\n")
    read_toml(path, title=TITLE, reuse=True)
    assert not kept.exists() or not list(kept.iterdir())
    assert str(read_toml(path, title=TITLE, reuse=True).data["day"]) == "2026-12-07"


def test_nothing_is_kept_without_a_folder_or_for_files_not_built_in(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.toml", 'id = "a"\n')
    read_toml(path, title=TITLE, reuse=True)
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


def test_a_folder_that_refuses_writes_changes_nothing(tmp_path: Path) -> None:
    blocker = _write(tmp_path / "parsed", "a file where the folder should be")
    parsecache.keep_parsed_in(blocker)
    try:
        path = _write(tmp_path / "a.toml", 'id = "a"\n')
        assert read_toml(path, title=TITLE, reuse=True).data == {"id": "a"}
    finally:
        parsecache.keep_parsed_in(None)


def test_the_built_in_bundle_loads_the_same_from_the_cache(kept: Path, mini_copy: Path) -> None:
    plain = load_bundle("commerce-integration")
    assert list(kept.iterdir()), "built-in content was not kept"
    cached = load_bundle("commerce-integration")
    assert cached.questionnaire == plain.questionnaire
    assert cached.scoring == plain.scoring
    before = set(kept.iterdir())
    load_bundle(mini_copy)  # not built in: parsed, never kept
    assert set(kept.iterdir()) == before
