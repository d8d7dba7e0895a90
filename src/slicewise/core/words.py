"""Small wording helpers for counts and shares, shared by the core, the exports and the interfaces."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """Write a count with its noun, adding `s` unless the count is one (`1 flow`, `3 flows`)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def percent(share: float) -> str:
    """Format a share as a whole percentage."""
    return f"{round(share * 100)}%"


def join_names(names: list[str]) -> str:
    """Join names for a sentence as `A`, `A and B`, `A, B and C`, each once, empty ones left out."""
    names = list(dict.fromkeys(n for n in names if n))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
