"""Read TOML with a map from key paths to line numbers, so validation errors can say `file:line`."""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from slicewise.core.errors import Problem, SlicewiseError
from slicewise.core.models.questionnaire import QUESTION_KINDS
from slicewise.core.paths import read_input

KeyPath = tuple[str | int, ...]

_BARE_KEY = r"[A-Za-z0-9_-]+"
_BASIC_STRING = r'"(?:[^"\\]|\\.)*"'
_LITERAL_STRING = r"'[^']*'"
_KEY_PART = rf"(?:{_BARE_KEY}|{_BASIC_STRING}|{_LITERAL_STRING})"
_DOTTED_KEY = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_TABLE_HEADER = re.compile(rf"^\s*\[\s*({_DOTTED_KEY})\s*\]\s*(?:#.*)?$")
_ARRAY_HEADER = re.compile(rf"^\s*\[\[\s*({_DOTTED_KEY})\s*\]\]\s*(?:#.*)?$")
_KEY_VALUE = re.compile(rf"^\s*({_DOTTED_KEY})\s*=")
_KEY_PART_RE = re.compile(_KEY_PART)


@dataclass
class LineMap:
    """Where each key path of a TOML document starts, for turning pydantic locations into line numbers."""

    lines: dict[KeyPath, int] = field(default_factory=dict)
    """Key path (with array indices) → 1-based line."""

    def line_for(self, loc: tuple[Any, ...]) -> int | None:
        """Return the line of the deepest known key on `loc`, skipping parts that are not keys."""
        best: int | None = self.lines.get(())
        path: KeyPath = ()
        for part in loc:
            candidate = (*path, part)
            if candidate in self.lines or self._is_prefix(candidate):
                path = candidate
                best = self.lines.get(path, self._first_lines().get(path, best))
        return best

    def _is_prefix(self, candidate: KeyPath) -> bool:
        """Tell whether some known key path starts with `candidate`."""
        return candidate in self._first_lines()

    def _first_lines(self) -> dict[KeyPath, int]:
        """Every prefix of a known key path → the first line under it (`[a."b"]` gives `a` a line too)."""
        firsts: dict[KeyPath, int] | None = self.__dict__.get("_firsts")
        if firsts is None:
            firsts = {}
            for key, line in self.lines.items():
                for n in range(1, len(key) + 1):
                    prefix = key[:n]
                    if firsts.get(prefix, line + 1) > line:
                        firsts[prefix] = line
            self.__dict__["_firsts"] = firsts
        return firsts


def _split_key(dotted: str) -> list[str]:
    """Split a dotted TOML key into its parts, unquoting quoted parts."""
    parts = []
    for match in _KEY_PART_RE.finditer(dotted):
        text = match.group(0)
        if text.startswith('"'):
            text = tomllib.loads(f"k = {text}")["k"] if "\\" in text else text[1:-1]
        elif text.startswith("'"):
            text = text[1:-1]
        parts.append(text)
    return parts


def build_line_map(text: str) -> LineMap:
    """Scan TOML text for table headers and keys; multi-line strings and arrays are skipped as values."""
    line_map = LineMap()
    array_counts: dict[KeyPath, int] = {}
    current: KeyPath = ()
    in_multiline: str | None = None
    bracket_depth = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if raw.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        if bracket_depth > 0:
            bracket_depth += _bracket_delta(raw)
            continue
        if match := _ARRAY_HEADER.match(raw):
            parts = _resolve(tuple(_split_key(match.group(1))), array_counts)
            index = array_counts.get(parts, -1) + 1
            array_counts[parts] = index
            current = (*parts, index)
            line_map.lines.setdefault(parts, number)
            line_map.lines[current] = number
            continue
        if match := _TABLE_HEADER.match(raw):
            current = _resolve(tuple(_split_key(match.group(1))), array_counts)
            line_map.lines.setdefault(current, number)
            continue
        if match := _KEY_VALUE.match(raw):
            key = (*current, *_split_key(match.group(1)))
            line_map.lines.setdefault(key, number)
            value = raw[match.end() :]
            for quote in ('"""', "'''"):
                if value.count(quote) % 2 == 1:
                    in_multiline = quote
                    break
            if not in_multiline:
                bracket_depth = max(0, _bracket_delta(value))
    return line_map


def _resolve(parts: KeyPath, array_counts: dict[KeyPath, int]) -> KeyPath:
    """Insert the current index after each leading part that names an array of tables (`[[a]]` then `[a.b]`)."""
    resolved: list[str | int] = []
    for position, part in enumerate(parts):
        resolved.append(part)
        index = array_counts.get(tuple(resolved))
        if index is not None and position < len(parts) - 1:
            resolved.append(index)
    return tuple(resolved)


def _bracket_delta(text: str) -> int:
    """Count open minus closed brackets outside strings and comments on one line."""
    depth = 0
    quote: str | None = None
    escaped = False
    for char in text:
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = None
            continue
        if char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
    return depth


@dataclass
class TomlDocument:
    """A parsed TOML file with its text; the line map is built only when a problem needs a line."""

    path: Path
    """Where it was read from."""
    data: dict[str, Any]
    """The parsed content."""
    text: str
    """The source text."""
    _line_map: LineMap | None = field(default=None, repr=False)

    @property
    def line_map(self) -> LineMap:
        """Key path → line, built on first use (valid files never need it)."""
        if self._line_map is None:
            self._line_map = build_line_map(self.text)
        return self._line_map

    def problems(self, error: ValidationError, prefix: tuple[Any, ...] = ()) -> list[Problem]:
        """Turn a pydantic ValidationError on (part of) this document into located problems."""
        return validation_problems(error, str(self.path), self.line_map, prefix)


def read_toml(path: Path, *, title: str) -> TomlDocument:
    """Read and parse a TOML file, raising a located `SlicewiseError` for unreadable or malformed files."""
    path = Path(path)
    return parse_toml_bytes(read_input(path, title=title), path, title=title)


def parse_toml_bytes(raw: bytes, path: Path, *, title: str) -> TomlDocument:
    """Parse TOML bytes (from `path`), reporting binary data, bad UTF-8 and syntax errors with a line."""
    if b"\x00" in raw[:4096]:
        raise SlicewiseError.single(title, str(path), "this is a binary file, not TOML text")
    raw = raw.removeprefix(UTF8_BOM)  # a byte-order mark some editors add is not part of the text
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        raise SlicewiseError.single(title, str(path), "not valid UTF-8 text", line=bad_line) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = _toml_error_location(exc)
        if line is None and "end of file" in message:
            line = text.rstrip("\n").count("\n") + 1
        raise SlicewiseError.single(title, str(path), f"not valid TOML: {message}", line=line) from None
    except ValueError:  # Python refuses to convert an integer of thousands of digits
        long_number = re.search(r"[0-9_]{4000,}", text)
        line = text.count("\n", 0, long_number.start()) + 1 if long_number else None
        raise SlicewiseError.single(title, str(path), "a number has thousands of digits", line=line) from None
    except RecursionError:
        raise SlicewiseError.single(
            title, str(path), f"tables or arrays are nested more than {MAX_DEPTH} deep", line=_deep_line(text)
        ) from None
    document = TomlDocument(path=path, data=data, text=text)
    problems = bound_problems(document)
    if problems:
        raise SlicewiseError(title, problems)
    return document


UTF8_BOM = b"\xef\xbb\xbf"
MAX_DEPTH = 12
"""Tables and arrays nested deeper than this are refused (slicewise files nest four or five deep)."""
MAX_TEXT = 100_000
"""The longest string slicewise reads, in characters (some fifty pages of notes)."""
MAX_NUMBER = 1_000_000_000
"""The largest number (in size) slicewise reads; every number must also be finite."""


def bound_problems(document: TomlDocument) -> list[Problem]:
    """Check every value against the bounds (depth, string length, finite numbers in range), one pass, no recursion."""
    problems: list[Problem] = []
    stack: list[tuple[Any, KeyPath]] = [(document.data, ())]
    while stack and len(problems) < 20:
        value, where = stack.pop()
        message = _bound_message(value, len(where))
        if message:
            line = document.line_map.line_for(where)
            name = _dotted(where) or "the file"
            problems.append(Problem(str(document.path), line, f"{name}: {message}"))
            continue
        if isinstance(value, dict):
            stack.extend((item, (*where, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*where, number)) for number, item in enumerate(value))
    return sorted(problems, key=lambda p: p.line or 0)


def _bound_message(value: Any, depth: int) -> str | None:
    """Say what is out of bounds about one value, or None."""
    if isinstance(value, str):
        return (
            f"text of {len(value):,} characters is too long (at most {MAX_TEXT:,})" if len(value) > MAX_TEXT else None
        )
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} is not a number slicewise can use (numbers must be finite)"
    if isinstance(value, (int, float)) and abs(value) > MAX_NUMBER:
        digits = len(str(abs(value))) if isinstance(value, int) else 0
        shown = (
            f"{value:g}" if isinstance(value, float) else str(value) if digits <= 20 else f"a number of {digits} digits"
        )
        return f"{shown} is out of range (at most {MAX_NUMBER:,} either way)"
    if isinstance(value, (dict, list)) and depth > MAX_DEPTH:
        return f"tables or arrays are nested more than {MAX_DEPTH} deep"
    return None


def _deep_line(text: str) -> int | None:
    """The first line where brackets open deeper than `MAX_DEPTH` (outside strings and comments)."""
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for char in line:
            depth += 1 if char in "[{" else -1 if char in "]}" else 0
            if depth > MAX_DEPTH:
                return number
    return None


_AT_LINE = re.compile(r"^(.*?)\s*\(at line (\d+), column (\d+)\)$")


def _toml_error_location(exc: tomllib.TOMLDecodeError) -> tuple[int | None, str]:
    """Pull the line out of a tomllib error and return it with the message minus the location."""
    lineno = getattr(exc, "lineno", None)
    message = str(exc.msg) if hasattr(exc, "msg") else str(exc)
    match = _AT_LINE.match(str(exc))
    if match:
        message = match.group(1)
        lineno = lineno or int(match.group(2))
    elif "at end of document" in str(exc):
        message = str(exc).replace(" (at end of document)", "") + " (at end of file)"
    if message == "Illegal character '\\n'":
        message = "a string is not closed before the end of the line"
    return lineno, message[:1].lower() + message[1:]


def validation_problems(
    error: ValidationError, path: str, line_map: LineMap, prefix: tuple[Any, ...] = ()
) -> list[Problem]:
    """Turn each pydantic error into a Problem with the line of the key it concerns and a short message."""
    problems = []
    seen: set[tuple[int | None, str]] = set()
    for item in error.errors(include_url=False):
        loc = (*prefix, *item["loc"])
        lookup = (*loc, "kind") if item["type"] == "union_tag_invalid" else loc
        line = line_map.line_for(lookup)
        message = _message(item, loc)
        if (line, message) not in seen:
            seen.add((line, message))
            problems.append(Problem(path, line, message))
    return problems


def _message(item: Any, loc: tuple[Any, ...]) -> str:
    """Phrase one pydantic error for a questionnaire author."""
    where = _dotted(loc)
    kind = item["type"]
    if kind == "extra_forbidden":
        return f"unknown key '{where}' (a typo? it is not part of this format)"
    if kind == "missing":
        return f"missing required key '{where}'"
    text = str(item["msg"])
    if kind == "union_tag_invalid":
        context = item.get("ctx", {})
        text = f"unknown {context.get('discriminator', 'kind').strip(chr(39))} '{context.get('tag')}' "
        text += f"(known: {context.get('expected_tags')})"
    return f"{where}: {text}" if where else text


def _dotted(loc: tuple[Any, ...]) -> str:
    """Render a location like `question[3].choices[0].level`, dropping union tags."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and (
            (part in QUESTION_KINDS and out.endswith("]")) or part.startswith(("tagged-union", "function-"))
        ):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out
