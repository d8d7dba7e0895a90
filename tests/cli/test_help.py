"""`--help` leads with the commands a consultant starts with, and every command has a description and examples."""

from __future__ import annotations

import argparse
from typing import Any

import pytest

from slicewise.cli import build_parser


def _commands() -> dict[str, argparse.ArgumentParser]:
    """Every command's parser, by name, in the order `--help` lists them."""
    made: list[Any] = []
    add_subparsers = argparse.ArgumentParser.add_subparsers

    def recording(self: argparse.ArgumentParser, **options: Any) -> Any:
        made.append(add_subparsers(self, **options))
        return made[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(argparse.ArgumentParser, "add_subparsers", recording)
        build_parser()
    return dict(made[0].choices)  # the top-level commands are added first


def test_new_open_and_ask_come_first() -> None:
    assert list(_commands())[:3] == ["new", "open", "ask"]
    text = build_parser().format_help()
    assert text.index("  new ") < text.index("  validate ") and "examples:" in text


@pytest.mark.parametrize("name", list(_commands()))
def test_every_command_has_a_description_and_examples(name: str) -> None:
    command = _commands()[name]
    assert command.description and len(command.description) > 20
    help_text = command.format_help()
    assert "examples:" in help_text and f"slicewise {name}" in help_text.split("examples:")[1]


def test_new_names_the_built_in_questionnaires() -> None:
    help_text = _commands()["new"].format_help()
    assert "quick-check" in help_text and "commerce-integration" in help_text
