"""Block attributes: the one attribute reader and the one number parser of the model.

A door or fixture keeps its block's attributes as ``(tag, value)`` pairs in drawing order. What
the checks need from them is resolved here, once, into typed fields: a door's threshold, free
height, opening force and leaf thickness (tags from the profile's ``[doors]`` table), a shower's
threshold and step-free flag, whether a door has an automatic opener and whether a fixture has
open knee space under it (tags and block-name words below).

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
#: Tags saying a door has an automatic opener (TEK17 §12-13 (3) d exempts it from the side space).
AUTOMATIC_TAGS = ("AUTOMATIC", "AUTOMATIKK", "AUTO_OPENER", "DOOR_OPENER", "DØRÅPNER", "DORAPNER", "DØRAUTOMATIKK")
#: Tags saying whether a fixture has open knee space under it (a wall-hung basin does, a vanity cabinet does not).
KNEE_SPACE_TAGS = ("KNEE_SPACE", "KNEESPACE", "KNEE_CLEARANCE", "BENPLASS", "UNDERKJØRBAR", "UNDERKJORBAR", "UNDERPASS")
#: Words in a door's block name that mean an automatic opener.
AUTOMATIC_WORDS = re.compile(r"automat|døråpner|dorapner|auto[-_ ]?door", re.IGNORECASE)
#: Words in a fixture's block name: open knee space (wall-hung) or a cabinet under it (none).
KNEE_SPACE_WORDS = re.compile(r"wall.?hung|wall.?mounted|vegghengt|vegg.?hengt|wandh|underkj[øo]rbar|knee", re.IGNORECASE)
CABINET_WORDS = re.compile(r"vanity|cabinet|skap|kommode|m[øo]bel|unterschrank|casework|pedestal|søyle|soyle", re.IGNORECASE)

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


def stated(text: str | None) -> bool | None:
    """A yes/no fact an attribute states by being there: :func:`flag`, else True for any other
    value (``AUTOMATIC = "Dorma ED100"``), None when absent or empty.

    >>> stated("nei"), stated("Dorma ED100"), stated(" "), stated(None)
    (False, True, None, None)
    """
    if text is None or not text.strip() or text.strip() in ("-", "?"):
        return None
    f = flag(text)
    return True if f is None else f


def automatic_opener(attributes: Iterable[tuple[str, str]], block: str) -> bool | None:
    """Whether a door has an automatic opener: its AUTOMATIC/DØRÅPNER attribute, else its block
    name ("DOOR-AUTOMATIC"); None when nothing says.

    >>> automatic_opener((("AUTOMATIKK", "ja"),), "M10"), automatic_opener((), "Dør automatisk M10"), automatic_opener((), "M9")
    (True, True, None)
    """
    said = stated(attribute(attributes, *AUTOMATIC_TAGS))
    if said is not None:
        return said
    return True if block and AUTOMATIC_WORDS.search(block) else None


def knee_space(attributes: Iterable[tuple[str, str]], name: str) -> bool | None:
    """Whether a fixture has open knee space under it: its KNEE_SPACE/BENPLASS attribute, else its
    block name (wall-hung: yes; vanity, cabinet, skap: no); None when nothing (or both) is said.

    >>> knee_space((), "SERVANT_VEGGHENGT"), knee_space((), "Servantskap 600"), knee_space((), "BASIN")
    (True, False, None)
    >>> knee_space((("BENPLASS", "nei"),), "SERVANT_VEGGHENGT")
    False
    """
    said = stated(attribute(attributes, *KNEE_SPACE_TAGS))
    if said is not None:
        return said
    hung, cabinet = bool(name and KNEE_SPACE_WORDS.search(name)), bool(name and CABINET_WORDS.search(name))
    return None if hung == cabinet else hung


def with_door_facts(door: Door, conv: DoorConvention) -> Door:
    """``door`` with the facts its attributes (and block name) state: threshold, height, opening
    force, leaf thickness, automatic opener."""
    a = door.attributes
    auto = automatic_opener(a, door.block)
    if not a:
        return replace(door, automatic=auto) if auto is not None else door
    return replace(
        door,
        threshold_mm=number(attribute(a, *conv.threshold_attributes)),
        height_mm=number(attribute(a, *conv.height_attributes)),
        opening_force_n=number(attribute(a, *conv.opening_force_attributes)),
        leaf_thickness_mm=number(attribute(a, *conv.leaf_thickness_attributes)),
        automatic=auto,
    )


def with_fixture_facts(fixture: Fixture) -> Fixture:
    """``fixture`` with the facts its attributes (and block name) state: a shower's threshold and
    step-free flag, open knee space under it."""
    a = fixture.attributes
    knee = knee_space(a, fixture.name)
    if not a:
        return replace(fixture, knee_space=knee) if knee is not None else fixture
    return replace(
        fixture,
        threshold_mm=number(attribute(a, *SHOWER_THRESHOLD_TAGS)),
        step_free=flag(attribute(a, *STEP_FREE_TAGS)),
        knee_space=knee,
    )
