"""Stairs and ramps as runs: how wide, how long, and how much floor lies beyond each end.

A stair or ramp is drawn as a footprint (a block's box or the hull of its linework). It reads as a
*straight run* when the footprint is close to its minimum rotated rectangle (``FILL``) and clearly
elongated (``STRAIGHT_RATIO``): then its width is the short side and its length the long side.
Anything else — an L or U stair, a winder, a ramp with a turn — is not a straight run, and its
width cannot be read from the footprint (a U stair's box is two runs and the well).

A run's *landing* at each end is the free depth beyond that end, across the run's width, in the
free floor of the room the run stands in (walls and fixed fittings stop it; the run itself is not
floor, except a ramp, which is a route).

>>> from shapely.geometry import box
>>> r = straight_run(box(0, 0, 1000, 3600))
>>> r.straight, round(r.width), round(r.length)
(True, 1000, 3600)
>>> straight_run(box(0, 0, 2200, 2800)).straight  # a U stair's box: two runs and the well
False
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from shapely.geometry import LineString, Polygon

from planeval.measure.context import Context
from planeval.measure.fixtures import clear_distance, oriented_rectangle, room_reach
from planeval.measure.floor import FloorSpec, free_floor
from planeval.measure.frames import Frame
from planeval.model.types import Fixture, Room

__all__ = ["STRAIGHT_RATIO", "FILL", "Run", "straight_run", "run_of", "landings"]

#: A straight run is at least this many times as long as it is wide.
STRAIGHT_RATIO = 2.0
#: … and fills at least this share of its minimum rotated rectangle.
FILL = 0.9


@dataclass(frozen=True)
class Run:
    """A footprint read as a run: ``frame`` at the centre of one end, u across the run, v along it."""

    straight: bool
    width: float  # the short side of the footprint's rectangle (mm)
    length: float  # the long side (mm)
    frame: Frame

    def end_frame(self, end: int) -> Frame:
        """A frame at end 0 (the frame's origin) or 1 (the far end), v pointing away from the run."""
        (ox, oy), (ux, uy), (vx, vy) = self.frame.origin, self.frame.u, self.frame.v
        if end == 0:
            return Frame((ox, oy), (ux, uy), (-vx, -vy))
        return Frame((ox + vx * self.length, oy + vy * self.length), (ux, uy), (vx, vy))

    def end_edge(self, end: int) -> LineString:
        f = self.end_frame(end)
        return f.segment(-self.width / 2, 0.0, self.width / 2, 0.0)

    def sides(self) -> tuple[LineString, LineString]:
        """The two long sides."""
        f = self.frame
        h = self.width / 2
        return f.segment(-h, 0.0, -h, self.length), f.segment(h, 0.0, h, self.length)


def straight_run(poly: Polygon) -> Run:
    """The footprint as a run (see the module docstring)."""
    c = oriented_rectangle(poly)
    e = [(c[i], c[(i + 1) % 4]) for i in range(4)]
    lengths = [math.dist(a, b) for a, b in e]
    k = 0 if lengths[0] <= lengths[1] else 1  # e[k] is a short side: an end
    a, b = e[k]
    width, length = lengths[k], lengths[(k + 1) % 4]
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    u = ((b[0] - a[0]) / width, (b[1] - a[1]) / width) if width > 0 else (1.0, 0.0)
    frame = Frame(mid, u, (-u[1], u[0]))  # the rectangle is counter-clockwise: its inside lies left of a → b
    rect_area = width * length
    straight = width > 0 and length >= STRAIGHT_RATIO * width and poly.area >= FILL * rect_area
    return Run(straight, width, length, frame)


def run_of(ctx: Context, f: Fixture) -> Run:
    """Memoised :func:`straight_run` of a fixture."""
    return ctx.memo(("run", f.id), lambda: straight_run(f.polygon))


def landings(ctx: Context, room: Room, f: Fixture, floor: FloorSpec) -> tuple[float, float]:
    """Free depth beyond each end of the run ``f`` in ``room`` (mm), across its width."""

    def compute() -> tuple[float, float]:
        run = run_of(ctx, f)
        free = free_floor(ctx, room.id, floor)
        reach = room_reach(room)
        h = run.width / 2
        return tuple(clear_distance(free, run.end_frame(end), -h, h, 0.0, reach) for end in (0, 1))  # type: ignore[return-value]

    return ctx.memo(("landings", room.id, f.id, floor), compute)
