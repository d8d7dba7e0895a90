"""The core never loads a UI or export library: importing any core module in a fresh interpreter proves it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import slicewise.core

MINI = Path(__file__).parent.parent / "data" / "mini"

FORBIDDEN = ("textual", "rich", "questionary", "openpyxl", "prompt_toolkit")


def core_modules() -> list[str]:
    """Every module under slicewise.core."""
    return sorted(info.name for info in pkgutil.walk_packages(slicewise.core.__path__, prefix="slicewise.core."))


def test_there_are_core_modules_to_check() -> None:
    modules = core_modules()
    assert "slicewise.core.loader" in modules and "slicewise.core.store" in modules


def test_importing_and_using_the_core_loads_no_ui_or_export_library() -> None:
    script = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}: importlib.import_module(name)\n"
        "from slicewise.core.loader import load_bundle\n"
        "from slicewise.core.store import new_assessment, dumps_assessment\n"
        f"bundle = load_bundle({str(MINI)!r})\n"
        "dumps_assessment(new_assessment(bundle, client='x'))\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout
