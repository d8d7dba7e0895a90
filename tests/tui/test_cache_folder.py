"""The content cache lives in the cache folder, apart from the state folder: a file opened for the first time
(nothing about it in the state folder) still finds the built-in content kept by an earlier run."""

from __future__ import annotations

from pathlib import Path

import pytest

from slicewise.cli.tui_commands import _start_up
from slicewise.core import contentcache
from slicewise.core.loader import load_bundle_checked, resolve_questionnaire
from slicewise.tui.startup import release_collection
from slicewise.tui.state import cache_dir, state_dir


def test_the_cache_folder_is_named_by_its_variable_then_xdg_then_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLICEWISE_CACHE_DIR", str(tmp_path / "named"))
    assert cache_dir() == tmp_path / "named"
    monkeypatch.delenv("SLICEWISE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "slicewise"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "slicewise"


def test_a_fresh_state_folder_reads_the_content_kept_in_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = resolve_questionnaire("commerce-integration")
    try:
        monkeypatch.setenv("SLICEWISE_STATE_DIR", str(tmp_path / "state-1"))
        _start_up()
        first, problems = load_bundle_checked(folder)
        assert first is not None and not problems
        kept = list((cache_dir() / "content").iterdir())
        assert len(kept) == 1, "the bundle is kept in the cache folder"
        assert not (state_dir() / "content").exists(), "nothing derived is kept in the state folder"

        monkeypatch.setenv("SLICEWISE_STATE_DIR", str(tmp_path / "state-2"))  # as if the file were new
        _start_up()
        entry = contentcache.bundle_entry(folder)
        assert entry == kept[0]
        assert contentcache.recall_bundle(entry, folder) is not None, "the kept bundle is read back"
    finally:
        contentcache.keep_bundles_in(None)
        release_collection()  # start-up holds the collector until a first frame this test never draws
