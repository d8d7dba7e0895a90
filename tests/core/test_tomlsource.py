"""TOML reading keeps a map from key paths to lines so every validation error can name its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from slicewise.core.errors import SlicewiseError
from slicewise.core.tomlsource import build_line_map, parse_toml_bytes

SAMPLE = '''title = "x"
description = """
a [[fake]] header inside a string
key = "not a key"
"""
[[question]]
id = "a.b"
tags = [
  "one",
  "two",
]
[[question.choices]]
id = "c1"
[[question.choices]]
id = "c2"
[question.show_if]
answered = "a.a"
[[question]]
id = "a.c"
[answers."failure.idempotency"]
choice = "x"
'''


def test_line_map_follows_arrays_of_tables_and_skips_multiline_values() -> None:
    lines = build_line_map(SAMPLE).lines
    assert lines[("title",)] == 1
    assert lines[("description",)] == 2
    assert ("fake",) not in lines and ("key",) not in lines
    assert lines[("question", 0, "id")] == 7
    assert lines[("question", 0, "tags")] == 8
    assert lines[("question", 0, "choices", 1, "id")] == 15
    assert lines[("question", 0, "show_if", "answered")] == 17
    assert lines[("question", 1, "id")] == 19
    assert lines[("answers", "failure.idempotency", "choice")] == 21


def test_line_for_falls_back_to_the_nearest_known_parent() -> None:
    line_map = build_line_map(SAMPLE)
    assert line_map.line_for(("question", 0, "choices", 1, "label")) == 14
    assert line_map.line_for(("question", 0, "choice", "choices", 0, "id")) == 13
    assert line_map.line_for(("nothing",)) is None


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    level: int


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    item: list[_Item]


def test_validation_errors_become_located_problems(tmp_path: Path) -> None:
    raw = b'[[item]]\nid = "a"\nlevel = 1\n[[item]]\nid = "b"\nlevel = "high"\ncolour = "red"\n'
    doc = parse_toml_bytes(raw, tmp_path / "x.toml", title="t")
    with pytest.raises(ValidationError) as caught:
        _Doc.model_validate(doc.data)
    problems = doc.problems(caught.value)
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (6, "item[1].level"),
        (7, "unknown key 'item[1].colour' (a typo? it is not part of this format)"),
    ]


@pytest.mark.parametrize(
    ("raw", "line", "fragment"),
    [
        (b"a = 1\nb = \n", 2, "not valid TOML"),
        (b"a = 1\na = 2\n", 2, "not valid TOML"),
        (b'a = "open\n', 1, "a string is not closed"),
        (b"\xff\xfe\x00binary", None, "binary file"),
    ],
)
def test_syntax_errors_carry_their_line(raw: bytes, line: int | None, fragment: str, tmp_path: Path) -> None:
    with pytest.raises(SlicewiseError) as caught:
        parse_toml_bytes(raw, tmp_path / "bad.toml", title="t")
    problem = caught.value.problems[0]
    assert problem.line == line
    assert fragment in problem.message
