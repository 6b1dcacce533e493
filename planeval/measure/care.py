"""Care-housing geometry (Husbanken omsorgsbolig): a room's largest square, the free floor beside a
fixture's faces, the ways to the windows with a bed standing.

* :func:`room_square` — the largest square inside a room's floor polygon (its side, and where);
* :func:`faces` — for a fixture, the free width in front of each of its faces but the back (the
  side against the wall), over the face's length: where a helper can stand beside it;
* :func:`windows_cut_off` — the windows of a room a disc of a given width no longer reaches from
  the entry door once a bed stands in it.

Memoised on geometric inputs only; the checks compare with their numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry import Polygon

from planeval.geometry import edge_angles
from planeval.measure.context import Context
from planeval.measure.fit import largest_rectangle
from planeval.measure.fixtures import Footprint, clear_distance, fixture_footprint, room_reach
from planeval.measure.floor import FloorSpec, free_floor
from planeval.measure.frames import Frame
from planeval.measure.furnish import cut_off
from planeval.model.types import Fixture, Room

__all__ = ["room_square", "Face", "faces", "windows_cut_off"]


def room_square(ctx: Context, rid: str) -> tuple[float, Polygon | None]:
    """Side (mm, to 0.5 mm) of the largest square in room ``rid``'s floor polygon, and one placement."""

    def compute() -> tuple[float, Polygon | None]:
        poly = ctx.room(rid).polygon
        return largest_rectangle(poly, 1.0, angles=edge_angles(poly), tol=0.5)

    return ctx.memo(("room-square", rid), compute)


@dataclass(frozen=True)
class Face:
    """One face of a fixture: ``frame`` at its first corner, u along the face, v away from the fixture."""

    name: str  # "side +", "side -", "front"
    frame: Frame
    length: float
    width: float  # free width in front of the face, over its whole length (mm)

    def zone(self, depth: float) -> Polygon:
        return self.frame.box(0.0, self.length, 0.0, depth)


def _faces(fp: Footprint) -> list[tuple[str, Frame, float]]:
    out = [(f"side {'+' if sign > 0 else '-'}", fp.side_frame(sign), fp.depth) for sign in (1.0, -1.0)]
    (ox, oy), (ux, uy), (vx, vy) = fp.frame.origin, fp.frame.u, fp.frame.v
    corner = (ox - ux * fp.half + vx * fp.depth, oy - uy * fp.half + vy * fp.depth)
    out.append(("front", Frame(corner, (ux, uy), (vx, vy)), fp.width))
    return out


def faces(ctx: Context, room: Room, f: Fixture, back: str, floor: FloorSpec) -> tuple[Face, ...]:
    """The free width in front of each face of ``f`` but its back (``back``: which sides may be the
    back, as :func:`~planeval.measure.fixtures.footprint`), in ``room``'s free floor."""

    def compute() -> tuple[Face, ...]:
        fp = fixture_footprint(ctx, room, f, back)
        free = free_floor(ctx, room.id, floor).difference(f.polygon)
        reach = room_reach(room)
        return tuple(Face(name, fr, length, clear_distance(free, fr, 0.0, length, 0.0, reach)) for name, fr, length in _faces(fp))

    return ctx.memo(("faces", room.id, f.id, back, floor), compute)


def windows_cut_off(ctx: Context, room: Room, bed: Polygon, floor: FloorSpec, width: float) -> tuple[str, ...]:
    """The windows of ``room`` a disc of ``width`` does not reach from the entry door with ``bed`` standing."""

    def compute() -> tuple[str, ...]:
        free = free_floor(ctx, room.id, floor).difference(bed)
        return cut_off(ctx, room, free, bed, floor, width, doors=False, windows=True)

    key = tuple(round(c) for pt in bed.exterior.coords for c in pt)
    return ctx.memo(("windows-cut-off", room.id, key, floor, width), compute)
