"""slicewise uses only the public APIs of Textual, openpyxl, pydantic and pytest: no private module, no private
attribute of theirs read, and no private attribute of theirs set or replaced from a subclass."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "slicewise"
LIBRARIES = ("textual", "openpyxl", "pydantic", "pydantic_core", "pytest", "_pytest", "rich", "questionary")
"""The libraries whose insides are out of bounds (rich and questionary too, being under Textual and `ask`)."""
OURS = sorted([*SRC.rglob("*.py"), *(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").rglob("*.py")])


def _private(name: str) -> bool:
    """A name private by convention: one leading underscore, not a dunder."""
    return name.startswith("_") and not name.startswith("__")


def _names_we_define() -> set[str]:
    """Every private name our own code defines: functions, classes, variables, arguments and attributes set on
    self or cls. A private attribute read anywhere must be one of these."""
    defined: set[str] = set()
    for path in OURS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                defined.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                defined.add(node.id)
            elif isinstance(node, ast.arg):
                defined.add(node.arg)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            ):
                defined.add(node.attr)
    return {name for name in defined if _private(name)}


def test_no_private_module_of_a_library_is_imported() -> None:
    found = []
    for path in OURS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for module in modules:
                parts = module.split(".")
                if parts[0] in LIBRARIES and (parts[0] == "_pytest" or any(_private(part) for part in parts[1:])):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {module}")
    assert not found, "private modules imported:\n" + "\n".join(found)


def test_no_private_attribute_of_a_library_is_read() -> None:
    ours = _names_we_define()
    found = []
    for path in OURS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in ours:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.attr}")
    assert not found, "private attributes that only a library defines:\n" + "\n".join(found)


@cache
def _private_names_of(base: type) -> frozenset[str]:
    """The private names a library class defines or sets on its instances."""
    names = {name for name in vars(base) if _private(name)}
    try:
        source = inspect.getsource(base)
    except (OSError, TypeError):
        return frozenset(names)
    return frozenset(names | {name for name in re.findall(r"self\.(_\w+)", source) if _private(name)})


def _our_subclasses_of_libraries() -> list[object]:
    """Each class of ours with a library class among its ancestors, with those ancestors."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "__main__.py":
            continue
        module = importlib.import_module(".".join(path.relative_to(SRC.parent).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            cls = getattr(module, node.name, None) if isinstance(node, ast.ClassDef) else None
            if isinstance(node, ast.ClassDef) and inspect.isclass(cls):
                bases = [base for base in cls.__mro__[1:] if base.__module__.split(".")[0] in LIBRARIES]
                if bases:
                    where = f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"
                    found.append(pytest.param(where, node, bases, id=where))
    return found


@pytest.mark.parametrize("where, node, bases", _our_subclasses_of_libraries())
def test_a_subclass_never_touches_a_private_name_of_its_library_base(
    where: str, node: ast.ClassDef, bases: list[type]
) -> None:
    """Setting, reading or overriding a base's private name (a reactive, a helper) would tie us to its insides,
    and a private name of ours that happens to match one of theirs would silently replace it."""
    ours = {
        sub.attr
        for sub in ast.walk(node)
        if isinstance(sub, ast.Attribute)
        and isinstance(sub.value, ast.Name)
        and sub.value.id in ("self", "cls")
        and _private(sub.attr)
    }
    ours |= {sub.name for sub in ast.walk(node) if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef)}
    theirs = frozenset().union(*(_private_names_of(base) for base in bases))
    clash = sorted(name for name in ours & theirs if _private(name))
    assert not clash, f"{where} uses private names of {[base.__qualname__ for base in bases]}: {clash}"
