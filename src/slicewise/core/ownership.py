"""Ownership with scopes: who creates and updates an object in each channel, market or field group.

An entry's own lists are the default for every scope. A scope that names creators replaces the default
creators within that scope (when every one of the object's own creators is given a scope, the object's
list is only the summary of who creates where); its updaters and consumers are added to the default
ones. Two creators in the same scope are a conflict; creators in different scopes are not (web orders
from the commerce platform, marketplace orders from the marketplace connector; list price from the ERP,
web price from the PIM).
"""

from __future__ import annotations

from dataclasses import dataclass

from slicewise.core.models.assessment import OwnershipEntry, OwnershipScope

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
    # With named scopes, the object's own creators are the summary of who creates where: they conflict only
    # when some of them is given no scope (they would all create it wherever no scope says otherwise).
    placed = {role for view in scoped for role in view.creators}
    unplaced = [role for role in default.creators if role not in placed]
    relevant = scoped if scoped and (not unplaced or len(default.creators) < 2) else [default, *scoped]
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


SCOPE_SYNTAX = "scope[:kind]=system,system; … e.g. marketplace=marketplace; web price:fields=pim"
"""How scopes are typed in one line, in the matrix editor and in `ask`."""


def format_scopes(entry: OwnershipEntry) -> str:
    """Write an entry's scopes as one editable line (the inverse of `parse_scopes`)."""
    parts = []
    for scope in entry.scopes:
        kind = "" if scope.kind == "channel" else f":{scope.kind}"
        parts.append(f"{scope.scope}{kind}={','.join(scope.create)}")
    return "; ".join(parts)


def parse_scopes(
    text: str, systems: set[str], before: list[OwnershipScope] | None = None
) -> list[OwnershipScope] | str:
    """Read scopes typed as one line, keeping what earlier scopes of the same name said beyond their creators;
    return a message naming the first problem instead when the line cannot be read."""
    kinds = {"channel", "market", "fields"}
    old = {scope.scope.strip().lower(): scope for scope in before or []}
    scopes: list[OwnershipScope] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        name, equals, creators = part.partition("=")
        if not equals:
            return f"'{part}' has no '=': write {SCOPE_SYNTAX}"
        name, _, kind = name.partition(":")
        name, kind = name.strip(), (kind.strip() or "channel")
        if not name:
            return f"'{part}' names no scope"
        if kind not in kinds:
            return f"'{kind}' is not a kind of scope (channel, market or fields)"
        roles = [r.strip() for r in creators.split(",") if r.strip()]
        unknown = [r for r in roles if r not in systems]
        if unknown:
            return f"unknown system role '{unknown[0]}' (known: {', '.join(sorted(systems))})"
        kept = old.get(name.lower())
        scopes.append(
            OwnershipScope(
                scope=name,
                kind=kind,
                create=roles,
                update=list(kept.update) if kept else [],
                consume=list(kept.consume) if kept else [],
                correction_owner=kept.correction_owner if kept else "",
            )
        )
    return scopes
