"""The memoised measurement context: a plan plus the geometry every check and rule set shares.

``Context(plan)`` holds the plan's lookups and a memo. Measurement functions (``measure.floor``,
``measure.turning``, ``measure.reach``…) store what they compute under keys they build themselves
from frozen spec objects, so judging twenty rule-set variants of one plan measures each geometry
once. ``stats`` counts computed and reused entries (the "measure once, judge many" test reads it).
"""

from __future__ import annotations

import math
from typing import Any, Callable, Iterable

import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import largest_circle
from planeval.model.types import Door, Plan, Room

__all__ = ["Context"]


class Context:
    """A plan plus memoised geometry shared by all checks and all rule sets judged on it."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._rooms = {r.id: r for r in plan.rooms}
        self._doors = {d.id: d for d in plan.doors}
        self.stats: dict[str, int] = {"computed": 0, "reused": 0}
        self._cache: dict[tuple[Any, ...], Any] = {}

    # -- memo --------------------------------------------------------------------------------
    def memo(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        if key in self._cache:
            self.stats["reused"] += 1
            return self._cache[key]
        self.stats["computed"] += 1
        value = compute()
        self._cache[key] = value
        return value

    # -- lookups -----------------------------------------------------------------------------
    def room(self, rid: str) -> Room:
        return self._rooms[rid]

    def door(self, did: str) -> Door:
        return self._doors[did]

    def rooms(self, functions: Iterable[str] | None = None, *, include_common: bool = False) -> list[Room]:
        fs = set(functions) if functions is not None else None
        return [
            r for r in self.plan.rooms
            if (include_common or not r.common) and (fs is None or fs & set(r.functions))
        ]

    def doors_of(self, rid: str) -> list[Door]:
        return [d for d in self.plan.doors if rid in d.rooms]

    def doors_swinging_into(self, rid: str) -> list[Door]:
        return [d for d in self.plan.doors if d.swing_room == rid and d.swing is not None]

    # -- free floor --------------------------------------------------------------------------
    def obstacles(self, rid: str, *, furnished: bool, floor_kinds: tuple[str, ...] = (), underpass_kinds: tuple[str, ...] = (),
                  underpass_mm: float = 0.0) -> BaseGeometry:
        """Fixtures (and, when furnished, furniture) standing in a room, as one geometry.

        ``floor_kinds`` (e.g. a step-free shower) are floor, not obstacles; ``underpass_kinds``
        (fixtures with knee space, e.g. a wall-hung basin) give up the strip of ``underpass_mm``
        along their free side: the turning area may reach that far under them.
        """
        key = ("obstacles", rid, furnished, floor_kinds, underpass_kinds, underpass_mm)

        def compute() -> BaseGeometry:
            room = self.room(rid)
            items = []
            for f in self.plan.fixtures:
                if f.kind in floor_kinds or (f.movable and not furnished):
                    continue
                if f.polygon.intersects(room.polygon):
                    items.append(f)
            if not items:
                return Polygon()
            solid = shapely.union_all([f.polygon for f in items])
            reach = None
            parts = []
            for f in items:
                g = f.polygon
                if f.kind in underpass_kinds and underpass_mm > 0:
                    # knee space: the part of the fixture within underpass_mm of the free floor is floor
                    if reach is None:
                        # snap to 0.1 mm first: a sliver of 1e-14 mm left by the difference breaks a mitred buffer
                        free0 = shapely.set_precision(room.polygon.difference(solid), 0.1)
                        reach = free0.buffer(underpass_mm, join_style="mitre")
                    g = g.difference(reach)
                    if g.is_empty:
                        continue
                parts.append(g)
            return shapely.union_all(parts) if parts else Polygon()

        return self.memo(key, compute)

    def free_floor(self, rid: str, *, furnished: bool, floor_kinds: tuple[str, ...] = (), underpass_kinds: tuple[str, ...] = (),
                   underpass_mm: float = 0.0, minus_swings: tuple[str, ...] = ()) -> BaseGeometry:
        """Room minus obstacles minus the swings of the doors in ``minus_swings``."""
        key = ("free", rid, furnished, floor_kinds, underpass_kinds, underpass_mm, minus_swings)

        def compute() -> BaseGeometry:
            room = self.room(rid)
            free = room.polygon.difference(self.obstacles(rid, furnished=furnished, floor_kinds=floor_kinds,
                                                         underpass_kinds=underpass_kinds, underpass_mm=underpass_mm))
            for did in minus_swings:
                d = self.door(did)
                if d.swing is not None:
                    free = free.difference(d.swing)
            return free

        return self.memo(key, compute)

    def circle(self, free_key: tuple[Any, ...], free: BaseGeometry) -> tuple[float, float, float]:
        """Largest circle (cx, cy, r) in a free-floor geometry, memoised by the key that made it."""
        return self.memo(("circle", *free_key), lambda: largest_circle(free))

    def eroded(self, key: tuple[Any, ...], geom: BaseGeometry, radius: float) -> BaseGeometry:
        """Where the centre of a disc of ``radius`` can be inside ``geom`` (Minkowski erosion)."""
        return self.memo(("eroded", *key, round(radius, 1)), lambda: geom.buffer(-radius, quad_segs=8) if radius > 0 else geom)

    # -- doors ---------------------------------------------------------------------------------
    def door_approach(self, d: Door, rid: str, depth: float) -> Polygon:
        """The strip in front of a door opening inside room ``rid`` (the opening × ``depth``)."""
        (ax, ay), (bx, by) = d.hinge, d.latch
        length = math.hypot(bx - ax, by - ay) or 1.0
        ux, uy = (bx - ax) / length, (by - ay) / length
        nx, ny = -uy, ux
        room = self.room(rid).polygon
        mx, my = (ax + bx) / 2, (ay + by) / 2
        probe = Point(mx + nx * 200, my + ny * 200)
        sign = 1.0 if room.distance(probe) <= room.distance(Point(mx - nx * 200, my - ny * 200)) else -1.0
        nx, ny = nx * sign, ny * sign
        # start a little behind the chord: the chord may sit on either face of the wall
        back = 300.0
        return Polygon([
            (ax - nx * back, ay - ny * back), (bx - nx * back, by - ny * back),
            (bx + nx * depth, by + ny * depth), (ax + nx * depth, ay + ny * depth),
        ])
