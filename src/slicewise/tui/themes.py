"""The app's themes: Textual's light theme with text colours dark enough to read on it, and a high-contrast
theme for projectors, both meeting WCAG AA (4.5:1) for every text colour the screens use."""

from __future__ import annotations

from dataclasses import replace

from textual.theme import BUILTIN_THEMES, Theme

HIGH_CONTRAST = Theme(
    name="slicewise-high-contrast",
    primary="#4FC3F7",
    secondary="#0097A7",
    accent="#FFD54F",
    warning="#B8860B",
    error="#FF8A80",
    success="#69F0AE",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1C1C1C",
    dark=True,
    variables={
        "text": "#FFFFFF",
        "text-muted": "#D0D0D0",
        "text-primary": "#81D4FA",
        "text-secondary": "#80DEEA",
        "text-accent": "#FFE082",
        "text-warning": "#FFE082",
        "text-error": "#FF8A80",
        "text-success": "#69F0AE",
        "footer-background": "#000000",
        "footer-key-foreground": "#FFE082",
        "footer-foreground": "#FFFFFF",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFE082",
        "input-selection-background": "#4FC3F7 50%",
    },
)
"""White on black with light, saturated accents: every text colour at least 10:1 on the background."""

LIGHT_TEXT = {
    "text-muted": "auto 70%",
    "text-primary": "#0B4F8A",
    "text-secondary": "#1F4E79",
    "text-accent": "#7A4A00",
    "text-warning": "#7A4A00",
    "text-error": "#A0182F",
    "text-success": "#17592B",
    "footer-key-foreground": "#7A4A00",
}
"""Textual's light theme draws its accent (area names, rubric numbers, keys) in an orange of about 1.7:1 on
its background; these darker text colours read at 4.5:1 or better on its background, surface and panel."""


def slicewise_themes() -> list[Theme]:
    """Return the themes the app registers: the readable light theme (under Textual's own name, so a
    remembered choice keeps working) and the high-contrast one."""
    light = BUILTIN_THEMES["textual-light"]
    return [replace(light, variables={**light.variables, **LIGHT_TEXT}), HIGH_CONTRAST]
