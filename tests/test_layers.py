"""Who may import whom, as drawn in docs/architecture.md: the models import nothing of slicewise, the core only
itself, each face only the core (the TUI also the exports, `serve` the TUI it serves, `ask` the command line's
terminal-safe printer), and only the command line reaches every face."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "slicewise"

MAY_IMPORT: dict[str, set[str]] = {
    "core.models": {"core.models"},
    "core": {"core", "core.models"},
    "export": {"export", "core", "core.models", "slicewise"},
    "ask": {"core", "core.models", "cli"},  # cli.plain: the one terminal-safe printer of user text
    "tui": {"tui", "core", "core.models", "export"},
    "serve": {"serve", "core", "core.models", "tui", "slicewise"},
    "cli": {"cli", "core", "core.models", "export", "ask", "tui", "serve", "slicewise"},
    "__main__": {"cli"},
    "slicewise": set(),
}
"""Each layer and the layers it may import (`slicewise` is the package itself, for its version)."""


def _layer(module: str) -> str:
    """The layer a `slicewise.…` module belongs to."""
    parts = module.split(".")
    if len(parts) == 1:
        return "slicewise"
    if parts[1] == "core" and len(parts) > 2 and parts[2] == "models":
        return "core.models"
    return parts[1]


def _imports(path: Path) -> set[str]:
    """Every `slicewise…` module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "slicewise" or name.startswith("slicewise.")}


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_what_its_layer_may(path: Path) -> None:
    module = ".".join(("slicewise", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
    layer = _layer(module)
    allowed = MAY_IMPORT[layer] | {layer}
    wrong = sorted(name for name in _imports(path) if _layer(name) not in allowed)
    assert wrong == [], f"{module} ({layer}) may not import {wrong}"
