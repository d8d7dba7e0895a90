"""A command builds only the part of the command line it needs: `slicewise open` neither imports nor builds the
export, team, tracking or serve commands, while help and a mistyped command still see every command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from slicewise.cli import COMMAND_MODULES, build_parser, main

SRC = Path(__file__).resolve().parents[2] / "src"


def _modules_after(code: str) -> list[str]:
    """The command modules imported after running `code` in a fresh interpreter."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code + "\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m in MODULES)))",
        ],
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(done.stdout))


SETUP = f"from slicewise.cli import build_parser\nMODULES = {set(COMMAND_MODULES)!r}\n"


def test_open_and_new_build_only_the_tui_commands() -> None:
    assert _modules_after(SETUP + "build_parser('open').parse_args(['open', 'x.toml'])") == [
        "slicewise.cli.tui_commands"
    ]
    assert _modules_after(SETUP + "build_parser('new')") == ["slicewise.cli.tui_commands"]


def test_a_later_command_builds_the_modules_up_to_its_own() -> None:
    modules = _modules_after(SETUP + "build_parser('score')")
    assert "slicewise.cli.core_commands" in modules
    assert "slicewise.cli.serve_commands" not in modules


@pytest.mark.parametrize("wanted", [None, "opne", "--help"])
def test_help_and_unknown_commands_see_every_command(wanted: str | None) -> None:
    parser = build_parser(wanted)
    text = parser.format_help()
    for command in ("new", "open", "ask", "merge", "export", "sync", "serve"):
        assert command in text


def test_a_mistyped_command_is_refused_with_every_choice(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["opne"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'opne'" in error and "'serve'" in error and "'open'" in error
