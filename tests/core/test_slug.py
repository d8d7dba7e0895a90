"""Slugs and unique ids: user text becomes a safe id, and a new id never takes one already in use."""

from __future__ import annotations

from slicewise.core.slug import slugify, unique


def test_slugify_keeps_letters_and_digits_and_never_returns_empty() -> None:
    assert slugify("Order export → ERP (nightly)") == "order-export-erp-nightly"
    assert slugify("Café Müller") == "cafe-muller"
    assert slugify("../../etc") == "etc"
    assert slugify("!!!", fallback="flow") == "flow"


def test_unique_returns_the_base_when_it_is_free() -> None:
    assert unique("order-export", {"price-feed"}) == "order-export"


def test_unique_numbers_from_two_past_every_taken_variant() -> None:
    taken = {"order-export", "order-export-2", "order-export-3"}
    assert unique("order-export", taken) == "order-export-4"


def test_unique_follows_the_given_form() -> None:
    assert unique("Ann", ["Ann", "Ann (2)"], form="{base} ({number})") == "Ann (3)"
