"""The real slack of ``planeval area --rules R --slack``: per room, how far each wall moves in.

The area block's ``slack_mm`` is an upper bound along the principal axes (the room's free extent
minus the extent of its zones). With ``--slack`` the walls are moved by :mod:`planeval.sweep.shrink`
(a bisection per wall, exact to 5 mm, the unit re-judged at every step): each room of a unit gets
``shrink`` = its walls (direction, ``max_move_mm``, ``freed_m2``, ``limited_by``) and the best
``freed_m2``; each unit ``shrink_best_freed_m2``. Slow: seconds per wall.
"""

from __future__ import annotations

from typing import Any

from planeval.model.types import Plan
from planeval.sweep.shrink import RoomShrink, shrink_plan

__all__ = ["attach_slack", "slack_text"]

DEFINITION = ("per room: each wall moved inwards (doors, windows and fixtures on it along) by bisection, exact to 5 mm, "
              "until a finding of the unit under the rule set fails: max_move_mm, freed_m2, limited_by (planeval shrink)")


def _as_dict(r: RoomShrink) -> dict[str, Any]:
    return {"best_freed_m2": r.best_freed_m2,
            "walls": [{"wall": w.wall, "direction": w.direction, "length_mm": w.length_mm, "max_move_mm": w.max_move_mm,
                       "freed_m2": w.freed_m2, "limited_by": list(w.limited_by)} for w in r.walls]}


def attach_slack(area: dict[str, Any], plan: Plan, ruleset: Any) -> dict[str, Any]:
    """Add the shrink results to ``area`` (a plan's area block, judged by ``ruleset``) in place; returns it."""
    by_room = {r.room: r for r in shrink_plan(plan, ruleset)}
    for u in area.get("units", []):
        best = 0.0
        for rd in u.get("rooms_detail", []):
            r = by_room.get(rd["id"])
            if r is not None:
                rd["shrink"] = _as_dict(r)
                best = max(best, r.best_freed_m2)
        u["shrink_best_freed_m2"] = round(best, 3)
    area["definitions"] = {**area.get("definitions", {}), "shrink": DEFINITION}  # a new dict: never a shared one
    return area


def slack_text(area: dict[str, Any]) -> str:
    """Console lines: per unit and room, the wall that frees most and how far each wall moves.

    >>> print(slack_text({"units": [{"id": "U1", "shrink_best_freed_m2": 1.02, "rooms_detail": [{"id": "R2",
    ...     "label": "Bad", "shrink": {"best_freed_m2": 1.02, "walls": [{"direction": "east", "max_move_mm": 409.0,
    ...     "freed_m2": 1.02, "limited_by": ["BA03", "TS01"]}]}}]}]}))
      U1  slack (walls moved in until a rule fails, ±5 mm): best 1.02 m²
          R2 Bad: best 1.02 m²; east 409 mm = 1.02 m² (BA03, TS01)
    """
    lines = []
    for u in area.get("units", []):
        if "shrink_best_freed_m2" not in u:
            continue
        lines.append(f"  {u['id']}  slack (walls moved in until a rule fails, ±5 mm): best {u['shrink_best_freed_m2']:.2f} m²")
        for rd in u.get("rooms_detail", []):
            s = rd.get("shrink")
            if not s:
                continue
            walls = "; ".join(f"{w['direction']} {w['max_move_mm']:.0f} mm = {w['freed_m2']:.2f} m²"
                              + (f" ({', '.join(w['limited_by'])})" if w["limited_by"] else "") for w in s["walls"])
            lines.append(f"      {rd['id']} {rd.get('label', '')}: best {s['best_freed_m2']:.2f} m²; {walls}")
    return "\n".join(lines)
