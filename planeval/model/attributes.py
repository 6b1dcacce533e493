"""Block attributes: the one attribute reader and the one number parser of the model.

A door or fixture keeps its block's attributes as ``(tag, value)`` pairs in drawing order. What
the checks need from them is resolved here, once, into typed fields: a door's threshold, free
height, opening force and leaf thickness (tags from the profile's ``[doors]`` table), a shower's
threshold and step-free flag (tags below).

>>> attribute((("Width", "900"), ("THRESHOLD", "20 mm")), "threshold", "terskel")
'20 mm'
>>> number("20 mm"), number("0,86"), number("-"), number(None)
(20.0, 0.86, None, None)
>>> flag(" Ja "), flag("nei"), flag("maybe")
(True, False, None)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from planeval.model.types import Door, Fixture
from planeval.read.profiles import DoorConvention

#: Tags of a shower's threshold height (mm) and of its step-free flag.
SHOWER_THRESHOLD_TAGS = ("THRESHOLD", "THRESHOLD_MM", "TERSKEL", "TERSKELHOYDE")
STEP_FREE_TAGS = ("STEP_FREE", "STEPFREE", "TRINNFRI", "TERSKELFRI")

#: How messages name the attributes a door fact is read from: the first two tags of each list in
#: the ``[doors]`` table of ``common.toml`` (a test keeps them in step).
DOOR_FACT_NAMES: dict[str, tuple[str, ...]] = {
    "threshold": ("THRESHOLD", "TERSKEL"),
    "height": ("HEIGHT", "DOOR_HEIGHT"),
    "opening_force": ("OPENING_FORCE", "FORCE"),
}

_NUMBER_RE = re.compile(r"-?\d+(?:[.,]\d+)?")
_YES = frozenset({"1", "y", "yes", "true", "ja", "j", "x"})
_NO = frozenset({"0", "n", "no", "false", "nei"})


def attribute(attributes: Iterable[tuple[str, str]], *tags: str) -> str | None:
    """The value of the first attribute whose tag is one of ``tags`` (case-insensitive), else None."""
    wanted = {t.upper() for t in tags}
    for tag, value in attributes:
        if tag.upper() in wanted:
            return value
    return None


def number(text: str | None) -> float | None:
    """The first number in ``text`` (a comma may be the decimal point), else None."""
    if text is None:
        return None
    m = _NUMBER_RE.search(text)
    return float(m.group(0).replace(",", ".")) if m else None


def length_mm(text: str | None) -> float | None:
    """A length in mm: :func:`number`, where a value under 10 written in metres (``0.86 m``) is scaled.

    >>> length_mm("0.86 m"), length_mm("860 mm"), length_mm("860")
    (860.0, 860.0, 860.0)
    """
    v = number(text)
    if v is not None and text is not None and "m" in text.lower() and "mm" not in text.lower() and v < 10:
        v *= 1000.0
    return v


def flag(text: str | None) -> bool | None:
    """Yes/no from an attribute value (``1``, ``yes``, ``ja``, ``x`` … / ``0``, ``no``, ``nei`` …), else None."""
    if text is None:
        return None
    word = text.strip().lower()
    return True if word in _YES else False if word in _NO else None


def with_door_facts(door: Door, conv: DoorConvention) -> Door:
    """``door`` with the facts its attributes state (threshold, height, opening force, leaf thickness)."""
    a = door.attributes
    if not a:
        return door
    return replace(
        door,
        threshold_mm=number(attribute(a, *conv.threshold_attributes)),
        height_mm=number(attribute(a, *conv.height_attributes)),
        opening_force_n=number(attribute(a, *conv.opening_force_attributes)),
        leaf_thickness_mm=number(attribute(a, *conv.leaf_thickness_attributes)),
    )


def with_fixture_facts(fixture: Fixture) -> Fixture:
    """``fixture`` with the facts its attributes state (a shower's threshold and step-free flag)."""
    a = fixture.attributes
    if not a:
        return fixture
    return replace(
        fixture,
        threshold_mm=number(attribute(a, *SHOWER_THRESHOLD_TAGS)),
        step_free=flag(attribute(a, *STEP_FREE_TAGS)),
    )
