"""Where the plan is, and the order its ids follow.

Only the floor-plan views of the modelspace (see :mod:`planeval.read.views`), widened by a metre,
hold the plan: site plans, sections and title blocks beside it stay out. Ids number objects top to
bottom and left to right on a 100 mm grid, so that they survive small edits of the drawing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from planeval.read.drawing import Drawing

#: ``in_plan(x, y)``: whether a point lies in a floor-plan view.
InPlan = Callable[[float, float], bool]
T = TypeVar("T")

PLAN_MARGIN_MM = 1000.0


def plan_filter(drawing: Drawing) -> InPlan:
    """``in_plan`` for the drawing's floor-plan views (everything, when no view was found)."""
    boxes = [
        (b[0] - PLAN_MARGIN_MM, b[1] - PLAN_MARGIN_MM, b[2] + PLAN_MARGIN_MM, b[3] + PLAN_MARGIN_MM)
        for b in drawing.plan_boxes
    ]

    def in_plan(x: float, y: float) -> bool:
        return not boxes or any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    return in_plan


def position_key(x: float, y: float) -> tuple[int, int]:
    """Top-to-bottom, left-to-right on a 100 mm grid: ids survive small edits."""
    return (-round(y / 100.0), round(x / 100.0))


def by_position(items: list[T], point: Callable[[T], tuple[float, float]]) -> list[T]:
    """``items`` in id order (stable: equal positions keep their order)."""
    return sorted(items, key=lambda item: position_key(*point(item)))
