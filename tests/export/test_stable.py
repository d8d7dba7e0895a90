"""Same input, same bytes: two exports of one assessment are identical, whatever the clock says."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from export_helpers import DATA, Scored, export

from slicewise.core.models.assessment import Engagement


def test_two_exports_are_byte_identical_even_when_the_clock_moves(
    sample: Scored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = export(sample, tmp_path / "one")
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 400 * 86_400)
    second = export(sample, tmp_path / "two")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_zip_entries_and_document_dates_come_from_the_assessment_date(sample: Scored, tmp_path: Path) -> None:
    xlsx = export(sample, tmp_path, ("xlsx",))[0]
    with zipfile.ZipFile(xlsx) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 20, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2026-11-20T00:00:00Z" in core


def test_an_undated_assessment_uses_a_fixed_date_and_the_word_undated(sample: Scored, tmp_path: Path) -> None:
    sample.assessment.engagement = Engagement(client="Northwind Outfitters")
    first = export(sample, tmp_path / "one")
    second = export(sample, tmp_path / "two")
    assert [p.name for p in first] == [
        "northwind-outfitters-undated-report.toml",
        "northwind-outfitters-undated-report.xlsx",
    ]
    assert first[1].read_bytes() == second[1].read_bytes()
    with zipfile.ZipFile(first[1]) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}


def test_merged_and_hostile_exports_are_stable_too(merged: Scored, hostile: Scored, tmp_path: Path) -> None:
    for name, item in (("merged", merged), ("hostile", hostile)):
        first = export(item, tmp_path / name / "one")
        second = export(item, tmp_path / name / "two")
        assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second], name


def test_exports_are_byte_identical_across_time_zones_and_days(tmp_path: Path) -> None:
    """The export command run in two fresh processes whose local clocks are a calendar day apart (TZ on either
    side of the date line moves the local time every library reads, not only `time.time`)."""
    written = []
    for zone in ("Pacific/Pago_Pago", "Pacific/Kiritimati"):
        folder = tmp_path / zone.replace("/", "-")
        command = [sys.executable, "-m", "slicewise", "export", str(DATA / "export_sample.toml"), "-o", str(folder)]
        subprocess.run(command, env={**os.environ, "TZ": zone}, check=True, capture_output=True)
        written.append(sorted(folder.iterdir()))
    assert [p.name for p in written[0]] == [p.name for p in written[1]]
    assert len(written[0]) == 2
    for a, b in zip(*written, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
