"""Door widths: the leaf width and the clear width of a door, and where they come from.

The documented rule (README "Door widths"), in order: a clear-width attribute; a leaf-width
attribute or the drawn leaf (swing radius, opening) minus the profile's deduction for the kind of
door; a Norwegian module in the block name (``M9``, ``10M``: module × 100 mm minus the frame).
Attribute tags and deductions come from the profile's ``[doors]`` table.

Leaf thickness: at full opening the leaf stands in the opening, so its thickness narrows it. The
profile's hinged and module deductions include a leaf of ``DEDUCTIONS_LEAF_MM`` (40 mm, the usual
interior door leaf: M9 → 900 − 100 frame − 40 leaf = 760 mm, M10 → 860 mm); a door's
LEAF_THICKNESS attribute, else the profile's ``leaf_thickness_mm``, changes the clear width of a
hinged or double door by the difference (a 60 mm fire/sound leaf on an M10 frame: 840 mm). Sliding
doors and openings have no leaf in the opening.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planeval.model.attributes import attribute, length_mm
from planeval.model.types import DoorKind
from planeval.read.profiles import DoorConvention

if TYPE_CHECKING:  # pragma: no cover - doors.py uses this module
    from planeval.model.doors import DoorCandidate

#: Widths (mm) an attribute may state; outside this range the attribute is not a width.
ATTRIBUTE_RANGE_MM = (300.0, 3000.0)
#: The leaf thickness (mm) the profile's hinged and module deductions include.
DEDUCTIONS_LEAF_MM = 40.0
#: Leaf thicknesses (mm) an attribute may state.
THICKNESS_RANGE_MM = (15.0, 150.0)


def leaf_thickness(c: DoorCandidate, conv: DoorConvention) -> float:
    """The door's leaf thickness: its LEAF_THICKNESS attribute, else the profile's value (mm)."""
    for tag in conv.leaf_thickness_attributes:
        v = length_mm(attribute(c.attributes, tag))
        if v is not None and THICKNESS_RANGE_MM[0] <= v <= THICKNESS_RANGE_MM[1]:
            return v
    return conv.leaf_thickness_mm


def clear_width(c: DoorCandidate, conv: DoorConvention) -> tuple[float, float, str]:
    """(leaf width, clear width, source) by the documented rule (README "Door widths")."""
    leaf = c.leaf_width_mm
    for tag in conv.leaf_width_attributes:
        v = length_mm(attribute(c.attributes, tag))
        if v is not None and ATTRIBUTE_RANGE_MM[0] <= v <= ATTRIBUTE_RANGE_MM[1]:
            leaf = v
            break
    for tag in conv.clear_width_attributes:
        v = length_mm(attribute(c.attributes, tag))
        if v is not None and ATTRIBUTE_RANGE_MM[0] <= v <= ATTRIBUTE_RANGE_MM[1]:
            return leaf, v, "attribute"
    extra = leaf_thickness(c, conv) - DEDUCTIONS_LEAF_MM  # a thicker leaf narrows a hinged opening further
    m = conv.module_pattern.search(c.block) if c.block else None
    if (m or c.tag_module) and c.kind in (DoorKind.HINGED, DoorKind.SLIDING):
        module = c.tag_module or int(m.group(1) or m.group(2)) if m else c.tag_module or 0
        if 6 <= module <= 12:
            thick = extra if c.kind is DoorKind.HINGED else 0.0
            return leaf, module * 100.0 - conv.module_frame_deduction_mm - thick, "module"
    n = max(1, len(c.leaves))
    if c.tag_width_mm and leaf == c.leaf_width_mm:  # a door tag states the leaf (2668 = 2'6" × 6'8")
        deduction = {DoorKind.SLIDING: conv.sliding_deduction_mm, DoorKind.FOLDING: conv.folding_deduction_mm,
                     DoorKind.OPENING: conv.opening_deduction_mm}.get(c.kind, n * (conv.hinged_deduction_mm + extra))
        return c.tag_width_mm, c.tag_width_mm - deduction, "tag"
    if c.kind is DoorKind.SLIDING:
        return leaf, leaf - conv.sliding_deduction_mm, c.width_source if c.width_source != "swing" else "block"
    if c.kind is DoorKind.FOLDING:  # the folded leaves stand in the opening
        return leaf, leaf - conv.folding_deduction_mm, c.width_source if c.width_source != "swing" or not c.block else "block"
    if c.kind is DoorKind.OPENING:
        return leaf, leaf - conv.opening_deduction_mm, "opening" if not c.block else "block"
    return leaf, leaf - n * (conv.hinged_deduction_mm + extra), "swing" if leaf == c.leaf_width_mm else "attribute"
