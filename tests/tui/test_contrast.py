"""Projector-ready: every text colour the screens use meets WCAG AA (4.5:1) on every background it is drawn
on, computed from the theme's own colours, in the high-contrast and the light theme."""

from __future__ import annotations

import pytest
from textual.color import Color

from slicewise.tui.app import SlicewiseApp
from slicewise.tui.session import Session

TEXT = [
    "text",
    "text-muted",
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
]
"""Every text colour variable the screens and Content styles use (`$accent` and the like only draw borders)."""
BACKGROUNDS = ["background", "surface", "panel"]
"""Every background a text is drawn on."""
BADGES = [("warning", 0.6), ("secondary", 0.6), ("success", 0.5), ("warning", 0.5), ("error", 0.6)]
"""`$text on $warning 60%` and the like: the marks line's badges and the critical tag, over the surface."""


def _luminance(colour: Color) -> float:
    """WCAG relative luminance."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(one: Color, other: Color) -> float:
    """WCAG contrast ratio of two opaque colours."""
    high, low = sorted([_luminance(one), _luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def resolve(value: str, under: Color) -> Color:
    """Turn a theme value (`#RRGGBB`, `#RRGGBB 60%`, `auto 87%`) into the opaque colour drawn over `under`."""
    colour, _, percent = value.partition(" ")
    alpha = float(percent.rstrip("%")) / 100 if percent else 1.0
    drawn = under.get_contrast_text(alpha) if colour == "auto" else Color.parse(colour).multiply_alpha(alpha)
    return under + drawn


@pytest.mark.parametrize("theme", ["slicewise-high-contrast", "textual-light"])
async def test_every_text_colour_in_use_meets_wcag_aa(session: Session, theme: str) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = theme
        await pilot.pause()
        variables = app.get_css_variables()
    failures = []
    for background_name in BACKGROUNDS:
        background = resolve(variables[background_name], Color(0, 0, 0))
        for text_name in TEXT:
            ratio = contrast(resolve(variables[text_name], background), background)
            if ratio < 4.5:
                failures.append(f"${text_name} on ${background_name}: {ratio:.2f}")
    surface = resolve(variables["surface"], Color(0, 0, 0))
    for badge, alpha in BADGES:
        under = surface + Color.parse(variables[badge]).multiply_alpha(alpha)
        ratio = contrast(resolve(variables["text"], under), under)
        if ratio < 4.5:
            failures.append(f"$text on ${badge} {alpha:.0%}: {ratio:.2f}")
    footer = resolve(variables["footer-background"], surface)
    for name in ["footer-key-foreground", "footer-foreground", "footer-description-foreground"]:
        ratio = contrast(resolve(variables[name], footer), footer)
        if ratio < 4.5:
            failures.append(f"${name} on the footer: {ratio:.2f}")
    assert failures == [], f"{theme}: " + "; ".join(failures)


def test_the_contrast_formula_matches_wcag_examples() -> None:
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21.0)
    assert contrast(Color(0x77, 0x77, 0x77), Color(255, 255, 255)) == pytest.approx(4.48, abs=0.01)
