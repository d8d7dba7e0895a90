"""The TUI path loads neither openpyxl, questionary nor the note editor until they are used (exports load openpyxl
lazily; the note is read-only until written)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
MINI = Path(__file__).resolve().parent.parent / "data" / "mini"

CODE = f"""
import sys, tempfile
from pathlib import Path
from slicewise.cli import build_parser
from slicewise.tui.opening import create_session
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.screens.question import QuestionScreen

build_parser()
session = create_session({str(MINI)!r}, "Acme", Path(tempfile.mkdtemp()) / "a.toml")
app = SlicewiseApp(session)

async def check(pilot):
    await pilot.pause()
    assert isinstance(app.screen, QuestionScreen)
    heavy = sorted(name for name in ("openpyxl", "questionary", "slicewise.tui.widgets.note_field") if name in sys.modules)
    print("HEAVY:" + ",".join(heavy))
    app.exit()

app.run(headless=True, auto_pilot=check, size=(100, 30))
"""


def test_opening_an_assessment_does_not_import_openpyxl_questionary_or_the_note_editor(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CODE],
        env={"PYTHONPATH": str(SRC), "SLICEWISE_STATE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(text for text in done.stdout.splitlines() if text.startswith("HEAVY:"))
    assert line == "HEAVY:"
