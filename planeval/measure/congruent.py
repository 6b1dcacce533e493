"""Measure a shape once however often it is drawn: memos up to translation.

A building repeats its flats: the ten short-stay flats of a floor are one flat drawn ten times,
side by side. Their free floors, unit spaces and room cores are the same polygons moved, and so
are the Minkowski erosions, the configuration spaces of a turning wheelchair and the largest
circles measured in them. :func:`moved` computes such a function once per shape and moves the
answer to each copy.

Two geometries are one shape here when their coordinates, each taken relative to the geometry's
own lower-left corner (the minimum x and y of its vertices) and rounded to 0.01 mm, are equal once
normalised (each ring read from the same vertex in the same direction) — the copy of a CAD block, an
array of flats, a floor pasted at another place. For the functions that commute with a mirror (the
erosion by the chair's rectangle, the largest circle) a flat mirrored left-right or up-down, or
turned half round, is a copy too: the first copy's answer is filed under its key in each of those
frames (with the rectangle's angle as it reads there, :func:`flipped_angle`), so a later copy
needs only its own key, never the other frames' (the four keys cost more than a largest circle).
Any other difference (a vertex moved by more than 0.01 mm, a flat turned by 90°) is simply a miss:
the function is computed for that geometry as if there were no memo. Each computation runs on the
shape moved to the origin (its corner at 0, 0) and its answer is moved back: a plan drawn far from
the origin (UTM coordinates) is measured with the digits of one drawn at it (korttid-40-iso moved
4.7e7 mm had a widest chair of 600 mm where the plan at the origin had 679). A hit moves (and, for a
mirrored copy, mirrors) the first copy's answer onto the copy, so the answer differs from a fresh
computation by at most the rounding (0.01 mm) plus floating-point noise — far inside the 1 mm to
which planeval reports lengths — or, for a measurement with a tolerance of its own (GEOS'
inscribed circle, found to 1 mm), within that tolerance: a fresh computation on a copy 0.01 mm
different can land elsewhere in it too.

>>> from shapely.geometry import box
>>> from planeval.measure.context import Context
>>> from types import SimpleNamespace
>>> ctx = Context(SimpleNamespace(rooms=(), doors=()))  # a plan with nothing in it: the memo alone
>>> calls = []
>>> def shrink(g):
...     calls.append(g.bounds)
...     return g.buffer(-100, join_style="mitre")
>>> a = moved(ctx, "shrink", box(0, 0, 1000, 2000), (), shrink)
>>> b = moved(ctx, "shrink", box(5000, 300, 6000, 2300), (), shrink)
>>> len(calls), b.bounds
(1, (5100.0, 400.0, 5900.0, 2200.0))
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from planeval.measure.context import Context

__all__ = ["moved", "moved_circle", "shaped", "same_params", "flipped_angle", "FLIPS", "PRECISION_DECIMALS"]

#: Coordinates relative to the shape's corner are compared to this many decimals of a millimetre.
PRECISION_DECIMALS = 2

T = TypeVar("T")


def _shape(geom: BaseGeometry) -> tuple[bytes, np.ndarray] | None:
    """The shape's key (its WKB relative to its lower-left corner, rounded) and that corner; None
    for an empty geometry or one with non-finite coordinates."""
    xy = shapely.get_coordinates(geom)
    if len(xy) == 0 or not np.isfinite(xy).all():
        return None
    corner = xy.min(axis=0)
    # normalised (each ring from its least vertex, one orientation, parts in order): a copy whose
    # rings start elsewhere is the same shape
    rel = shapely.transform(shapely.normalize(geom), lambda c: np.round(c - corner, PRECISION_DECIMALS))
    return shapely.to_wkb(rel), corner


#: The frames a copy may be drawn in: as is, mirrored left-right, mirrored up-down, turned half round.
FLIPS: tuple[tuple[int, int], ...] = ((1, 1), (-1, 1), (1, -1), (-1, -1))


def _flipped_shapes(geom: BaseGeometry) -> list[tuple[np.ndarray, bytes, np.ndarray]]:
    """``geom`` in each frame of :data:`FLIPS` but the first: the flip (a vector of ±1), the key and the
    corner of the flipped geometry."""
    out = []
    for f in FLIPS[1:]:
        flip = np.asarray(f, dtype=float)
        got = _shape(shapely.transform(geom, lambda c, m=flip: c * m))
        if got is not None:
            out.append((flip, got[0], got[1]))
    return out


def flipped_angle(angle_deg: float, flip: np.ndarray) -> float:
    """A direction's angle (mod 180°) seen in a frame flipped by ``flip``: a mirror turns a to 180° − a,
    a half turn keeps it (to 1e-6°, so that the angle a copy asks and the first one's meet)."""
    a = angle_deg if flip[0] * flip[1] > 0 else 180.0 - angle_deg
    return round(a % 180.0, 6) % 180.0


_SAME = np.ones(2)


def _memo(ctx: Context, tag: str, geom: BaseGeometry, params: Hashable, compute: Callable[[BaseGeometry], T],
          shift: Callable[[T, np.ndarray, np.ndarray], T],
          flip_params: Callable[[Hashable, np.ndarray], Hashable] | None = None) -> T:
    # the shape's key once per geometry object (a unit's space is eroded at every orientation and
    # width); the memo holds the object, so its id is not reused while the entry lives
    _, shape = ctx.memo(("congruent-shape", id(geom)), lambda: (geom, _shape(geom)))
    if shape is None:
        return compute(geom)
    key, corner = shape
    # an entry (m, base, value): a geometry of this key and these params has the answer ``value`` mirrored
    # by m and moved by (its corner - base)
    found = ctx.stored(("congruent", tag, params, key))
    if found is not None:
        m, base, value = found
        d = corner - base
        if not d.any() and (m > 0).all():
            return value
        return shift(value, m, d)
    # computed where the shape lies near the origin and moved back: a plan far from the origin (UTM coordinates,
    # ~6.7e9 mm) is measured with the digits of one at the origin
    value = shift(compute(shapely.transform(geom, lambda c: c - corner)), _SAME, corner)
    ctx.stats["computed"] += 1
    ctx.store(("congruent", tag, params, key), (_SAME, corner, value))
    if flip_params is not None:
        # the first copy is filed in every frame too: a copy mirrored (or turned half round) by ``flip``
        # has the key of the flipped first copy, and asks the params as they read in that frame
        for flip, fkey, fcorner in _flipped_shapes(geom):
            ctx.store(("congruent", tag, flip_params(params, flip), fkey), (flip, fcorner, value))
    return value


def _shift_geometry(g: Any, m: np.ndarray, d: np.ndarray) -> Any:
    out = shapely.transform(g, lambda c: c * m + d)
    # a mirror reverses each ring's direction: reversed back, the copy's rings turn as a fresh result's would
    return shapely.reverse(out) if m[0] * m[1] < 0 else out


def moved(ctx: Context, tag: str, geom: BaseGeometry, params: Hashable,
          compute: Callable[[BaseGeometry], BaseGeometry],
          flip_params: Callable[[Hashable, np.ndarray], Hashable] | None = None) -> BaseGeometry:
    """``compute(geom)``, a geometry that moves with ``geom`` (an erosion, a configuration space),
    computed once per shape and ``params`` (everything else it depends on: a radius, a rectangle
    and its angle) and moved to each copy. ``tag`` names the function.

    ``flip_params``, for a function that commutes with mirroring exactly (an erosion by a polygon
    such as the chair's rectangle; not a disc erosion, whose arcs GEOS polygonises from one end),
    says how ``params`` read in a flipped frame (:func:`flipped_angle` turns a rectangle's angle):
    a mirrored or half-turned copy is then a copy too.
    """
    return _memo(ctx, tag, geom, params, compute, _shift_geometry, flip_params)


def moved_circle(ctx: Context, tag: str, geom: BaseGeometry, params: Hashable,
                 compute: Callable[[BaseGeometry], tuple[float, float, float]],
                 flip_params: Callable[[Hashable, np.ndarray], Hashable] | None = None) -> tuple[float, float, float]:
    """As :func:`moved` for a circle ``(cx, cy, r)`` measured in ``geom`` (its centre moves, its
    radius does not)."""

    def shift(c: tuple[float, float, float], m: np.ndarray, d: np.ndarray) -> tuple[float, float, float]:
        return (c[0] * float(m[0]) + float(d[0]), c[1] * float(m[1]) + float(d[1]), c[2]) if c[2] > 0 else c

    return _memo(ctx, tag, geom, params, compute, shift, flip_params)


def same_params(params: Hashable, _flip: np.ndarray) -> Hashable:
    """``flip_params`` of a function whose parameters a mirror does not change (the largest circle)."""
    return params


def shaped(ctx: Context, tag: str, geom: BaseGeometry, params: Hashable, compute: Callable[[BaseGeometry], T]) -> T:
    """As :func:`moved` for a value that does not move with ``geom`` (a count, a graph's edges): up to
    translation only (a mirrored copy's parts come in another order)."""
    return _memo(ctx, tag, geom, params, compute, lambda v, _m, _d: v)
