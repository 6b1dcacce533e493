"""Free floor: a room minus what stands in it, its largest circle and its erosions.

What counts as an obstacle is said once, by a frozen :class:`FloorSpec` (furnished or not, which
fixture kinds are floor, which have knee space and how much). Every function here memoises in the
:class:`~planeval.measure.context.Context` under a key it builds itself from the room id, the spec
and the set of door swings removed — a caller cannot pair one geometry with another's key.

>>> FloorSpec(True) == FloorSpec(True, (), (), 0)
True
>>> from types import SimpleNamespace
>>> FloorSpec.of(SimpleNamespace(furnished=False, floor_kinds=("shower",), tolerance_mm=5))
FloorSpec(furnished=False, floor_kinds=('shower',), underpass_kinds=(), underpass_mm=0.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.geometry import largest_circle
from planeval.measure.congruent import moved, moved_circle, same_params
from planeval.measure.context import Context
from planeval.measure.search import bisect_max
from planeval.model.fixtures import ROUTE_KINDS
from planeval.model.types import Fixture

__all__ = ["FloorSpec", "obstacles", "free_floor", "free_circle", "eroded", "erode", "room_circle", "circle_touching"]

Circle = tuple[float, float, float]


@dataclass(frozen=True)
class FloorSpec:
    """What decides a room's free floor (the whole memo key of every free-floor geometry).

    ``floor_kinds`` (e.g. a step-free shower) are floor, not obstacles; fixtures with knee space
    give up the strip of ``underpass_mm`` along their free side: those whose block says so
    (:attr:`~planeval.model.types.Fixture.knee_space`: a wall-hung basin) and, where the block
    says nothing, those of ``underpass_kinds`` (a vanity cabinet, ``knee_space=False``, never).
    Movable furniture is an obstacle only when ``furnished``.
    """

    furnished: bool
    floor_kinds: tuple[str, ...] = ()
    underpass_kinds: tuple[str, ...] = ()
    underpass_mm: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "floor_kinds", tuple(self.floor_kinds))
        object.__setattr__(self, "underpass_kinds", tuple(self.underpass_kinds))

    @classmethod
    def of(cls, params: Any, **overrides: Any) -> FloorSpec:
        """The spec a rule's ``Params`` name: its ``furnished``, ``floor_kinds``, ``underpass_kinds``
        and ``underpass_mm`` where it has them (unfurnished, nothing else otherwise)."""
        values: dict[str, Any] = {
            "furnished": getattr(params, "furnished", False),
            "floor_kinds": getattr(params, "floor_kinds", ()),
            "underpass_kinds": getattr(params, "underpass_kinds", ()),
            "underpass_mm": getattr(params, "underpass_mm", 0.0),
        }
        values.update(overrides)
        return cls(**values)

    def knee_space(self, f: Fixture) -> bool:
        """Whether the free floor reaches under fixture ``f``: its block says it has knee space, or
        says nothing and its kind is one of ``underpass_kinds``."""
        if self.underpass_mm <= 0:
            return False
        return f.knee_space if f.knee_space is not None else f.kind in self.underpass_kinds


def obstacles(ctx: Context, rid: str, spec: FloorSpec) -> BaseGeometry:
    """Fixtures (and, when furnished, furniture) standing in room ``rid``, as one geometry; the
    knee space of ``underpass_kinds`` left out. A ramp (``ROUTE_KINDS``) is a route: never an obstacle."""

    def compute() -> BaseGeometry:
        room = ctx.room(rid)
        items = []
        fixtures = ctx.plan.fixtures
        for i in sorted(_fixture_tree(ctx).query(room.polygon, predicate="intersects").tolist()):  # in plan order
            f = fixtures[i]
            if f.kind in spec.floor_kinds or f.kind in ROUTE_KINDS or (f.movable and not spec.furnished):
                continue
            items.append(f)
        if not items:
            return Polygon()
        solid = shapely.union_all([f.polygon for f in items])
        reach = None
        parts = []
        for f in items:
            g = f.polygon
            if spec.knee_space(f):
                # knee space: the part of the fixture within underpass_mm of the free floor is floor
                if reach is None:
                    # snap to 0.1 mm first: a sliver of 1e-14 mm left by the difference breaks a mitred buffer
                    free0 = shapely.set_precision(room.polygon.difference(solid), 0.1)
                    reach = free0.buffer(spec.underpass_mm, join_style="mitre")
                g = g.difference(reach)
                if g.is_empty:
                    continue
            parts.append(g)
        return shapely.union_all(parts) if parts else Polygon()

    return ctx.memo(("obstacles", rid, spec), compute)


def _fixture_tree(ctx: Context) -> shapely.STRtree:
    """The plan's fixture polygons in one tree (a room asks for those it meets, not every fixture)."""
    return ctx.memo(("fixture-tree",), lambda: shapely.STRtree([f.polygon for f in ctx.plan.fixtures]))


def free_floor(ctx: Context, rid: str, spec: FloorSpec, minus_swings: tuple[str, ...] = ()) -> BaseGeometry:
    """Room ``rid`` minus its obstacles minus the swings of the doors in ``minus_swings``."""
    minus = tuple(minus_swings)

    def compute() -> BaseGeometry:
        free = ctx.room(rid).polygon.difference(obstacles(ctx, rid, spec))
        for did in minus:
            d = ctx.door(did)
            if d.swing is not None:
                free = free.difference(d.swing)
        return free

    return ctx.memo(("free", rid, spec, minus), compute)


def free_circle(ctx: Context, rid: str, spec: FloorSpec, minus_swings: tuple[str, ...] = ()) -> Circle:
    """The largest circle (cx, cy, r) in the free floor of :func:`free_floor`."""
    minus = tuple(minus_swings)
    return ctx.memo(("circle", rid, spec, minus),
                    lambda: moved_circle(ctx, "largest-circle", free_floor(ctx, rid, spec, minus), (), largest_circle,
                                         same_params))


def erode(geom: BaseGeometry, radius: float) -> BaseGeometry:
    """Where the centre of a disc of ``radius`` can be inside ``geom`` (Minkowski erosion)."""
    return geom.buffer(-radius, quad_segs=8) if radius > 0 else geom


def eroded(ctx: Context, rid: str, spec: FloorSpec, radius: float, minus_swings: tuple[str, ...] = ()) -> BaseGeometry:
    """The free floor of :func:`free_floor` eroded by ``radius`` (memoised to 0.1 mm of radius)."""
    minus = tuple(minus_swings)
    return ctx.memo(("eroded", rid, spec, minus, round(radius, 1)),
                    lambda: moved(ctx, "erode", free_floor(ctx, rid, spec, minus), radius, lambda g: erode(g, radius)))


def room_circle(ctx: Context, rid: str) -> Circle:
    """The largest circle (cx, cy, r) in the room polygon itself (nothing subtracted): its width."""
    return ctx.memo(("room-circle", rid), lambda: largest_circle(ctx.room(rid).polygon))


def circle_touching(ctx: Context, rid: str, spec: FloorSpec, target: BaseGeometry, minus_swings: tuple[str, ...] = (),
                    precision_mm: float = 0.5) -> Circle:
    """The largest circle (cx, cy, r) inside the free floor that touches ``target``.

    A disc of radius r fits with its centre c when c lies in the erosion of the free floor by r;
    it touches ``target`` when c lies within r of it, i.e. in ``target`` dilated by r.
    Feasibility is monotone in r (a smaller disc inside a feasible one, moved towards the target,
    stays feasible), so r is found by bisection between 0 and the largest circle of the whole free
    floor (if that one already touches, it is the answer). Not memoised itself (``target`` is a
    geometry); the erosions it probes are.
    """
    cx, cy, r_max = free_circle(ctx, rid, spec, minus_swings)
    free = free_floor(ctx, rid, spec, minus_swings)
    if r_max <= 0 or free.is_empty:
        return (cx, cy, 0.0)
    if Point(cx, cy).distance(target) <= r_max + 1e-6:
        return (cx, cy, r_max)

    def hit(r: float) -> BaseGeometry:
        core = eroded(ctx, rid, spec, r, minus_swings)
        return core.intersection(target.buffer(r, quad_segs=16)) if not core.is_empty else core

    r = bisect_max(lambda r: not hit(r).is_empty, 0.0, r_max, precision_mm)
    if r <= 0.0:
        # only a vanishing circle touches: report a point on the target inside the free floor
        p = target.intersection(free)
        q = (p if not p.is_empty else target).representative_point()
        return (q.x, q.y, 0.0)
    q = hit(r).representative_point()
    return (q.x, q.y, r)
