"""Ownership with scopes: who creates and updates an object in each channel, market or field group.

An entry's own lists are the default for every scope. A scope that names creators replaces the default
creators within that scope; its updaters and consumers are added to the default ones. Two creators in the
same scope are a conflict; creators in different scopes are not (web orders from the commerce platform,
marketplace orders from the marketplace connector; list price from the ERP, web price from the PIM).
"""

from __future__ import annotations

from dataclasses import dataclass

from slicewise.core.models.assessment import OwnershipEntry

DEFAULT_SCOPE = ""
"""The name of the unscoped default in a `ScopeView` (shown as the object itself)."""


@dataclass(frozen=True)
class ScopeView:
    """Who creates and updates an object within one scope, after the default is applied."""

    scope: str
    """The scope's name, or `DEFAULT_SCOPE` for the object as a whole / every scope not listed."""
    kind: str
    """`channel`, `market`, `fields`, or empty for the default."""
    creators: list[str]
    """System roles creating the object in this scope, each once."""
    updaters: list[str]
    """System roles updating it in this scope, each once."""
    correction_owner: str
    """Who corrects bad data in this scope."""


def _unique(items: list[str]) -> list[str]:
    """Drop repeats, keeping order."""
    return list(dict.fromkeys(items))


def scope_views(entry: OwnershipEntry) -> list[ScopeView]:
    """Return the default view, then one per named scope (scopes named twice are merged)."""
    default = ScopeView(DEFAULT_SCOPE, "", _unique(entry.create), _unique(entry.update), entry.correction_owner.strip())
    merged: dict[str, ScopeView] = {}
    for scope in entry.scopes:
        key = scope.scope.strip().lower()
        before = merged.get(key)
        creators = _unique([*(before.creators if before else []), *scope.create])
        updaters = _unique([*(before.updaters if before else default.updaters), *scope.update])
        owner = scope.correction_owner.strip() or (before.correction_owner if before else default.correction_owner)
        name = before.scope if before else scope.scope.strip()
        merged[key] = ScopeView(name, scope.kind, creators, updaters, owner)
    scoped = [
        ScopeView(view.scope, view.kind, view.creators or default.creators, view.updaters, view.correction_owner)
        for view in merged.values()
    ]
    return [default, *scoped]


def is_used(entry: OwnershipEntry | None) -> bool:
    """Tell whether any system creates, updates or consumes the object in any scope."""
    if entry is None:
        return False
    lists = [entry.create, entry.update, entry.consume]
    for scope in entry.scopes:
        lists.extend([scope.create, scope.update, scope.consume])
    return any(lists)


def creator_conflicts(entry: OwnershipEntry) -> list[ScopeView]:
    """Return the scopes (the default included) where more than one system creates the object."""
    views = scope_views(entry)
    default, scoped = views[0], views[1:]
    # The default only matters as a scope of its own when no named scope covers it or it is used beside them.
    relevant = [default, *scoped] if default.creators or not scoped else scoped
    return [view for view in relevant if len(view.creators) > 1]


def creator_gaps(entry: OwnershipEntry) -> list[ScopeView]:
    """Return the scopes where the object is used but nobody creates it (the default when no scope has creators)."""
    views = scope_views(entry)
    default, scoped = views[0], views[1:]
    if not scoped:
        return [default] if not default.creators else []
    return [view for view in scoped if not view.creators]


def uncorrected(entry: OwnershipEntry) -> list[ScopeView]:
    """Return the scopes where several systems update the object and nobody is named to correct bad data."""
    return [view for view in scope_views(entry) if len(view.updaters) > 1 and not view.correction_owner]


def scope_label(view: ScopeView) -> str:
    """Name a scope for people: `marketplace (channel)`, or empty for the default."""
    if view.scope == DEFAULT_SCOPE:
        return ""
    return f"{view.scope} ({view.kind})" if view.kind else view.scope


def ownership_problems(entry: OwnershipEntry | None) -> list[str]:
    """Say what keeps one object from being cleanly owned (empty when it is)."""
    if entry is None:
        return ["no entry"]
    problems: list[str] = []
    for view in creator_gaps(entry):
        label = scope_label(view)
        problems.append(f"no creator in {label}" if label else "no creator")
    for view in creator_conflicts(entry):
        label = scope_label(view)
        problems.append(f"several creators in {label}" if label else "several creators")
    for view in uncorrected(entry):
        label = scope_label(view)
        suffix = f" in {label}" if label else ""
        problems.append(f"several updaters and no correction owner{suffix}")
    return problems
