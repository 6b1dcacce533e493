"""Measure a shape once however often it is drawn: memos up to translation.

A building repeats its flats: the ten short-stay flats of a floor are one flat drawn ten times,
side by side. Their free floors, unit spaces and room cores are the same polygons moved, and so
are the Minkowski erosions, the configuration spaces of a turning wheelchair and the largest
circles measured in them. :func:`moved` computes such a function once per shape and moves the
answer to each copy.

Two geometries are one shape here when their coordinates, each taken relative to the geometry's
own lower-left corner (the minimum x and y of its vertices) and rounded to 0.01 mm, are equal once
normalised (each ring read from the same vertex in the same direction) — the copy of a CAD block, an
array of flats, a floor pasted at another place. Any other difference (a vertex moved by more than
0.01 mm, a mirrored flat) is simply a miss: the function is computed for that geometry as if there were no memo. A hit
moves the first copy's answer by the difference of the two corners, so the answer differs from a
fresh computation by at most the rounding (0.01 mm) plus floating-point noise — far inside the
1 mm to which planeval reports lengths — or, for a measurement with a tolerance of its own (GEOS'
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

__all__ = ["moved", "moved_circle", "shaped", "PRECISION_DECIMALS"]

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


def _memo(ctx: Context, tag: str, geom: BaseGeometry, params: Hashable, compute: Callable[[BaseGeometry], T],
          shift: Callable[[T, np.ndarray], T]) -> T:
    # the shape's key once per geometry object (a unit's space is eroded at every orientation and
    # width); the memo holds the object, so its id is not reused while the entry lives
    _, shape = ctx.memo(("congruent-shape", id(geom)), lambda: (geom, _shape(geom)))
    if shape is None:
        return compute(geom)
    key, corner = shape
    first, value = ctx.memo(("congruent", tag, params, key), lambda: (corner, compute(geom)))
    d = corner - first
    if not d.any():
        return value
    return shift(value, d)


def _shift_geometry(g: Any, d: np.ndarray) -> Any:
    return shapely.transform(g, lambda c: c + d)


def moved(ctx: Context, tag: str, geom: BaseGeometry, params: Hashable,
          compute: Callable[[BaseGeometry], BaseGeometry]) -> BaseGeometry:
    """``compute(geom)``, a geometry that moves with ``geom`` (an erosion, a configuration space),
    computed once per shape and ``params`` (everything else it depends on: a radius, a rectangle
    and its angle) and moved to each copy. ``tag`` names the function."""
    return _memo(ctx, tag, geom, params, compute, _shift_geometry)


def moved_circle(ctx: Context, tag: str, geom: BaseGeometry, params: Hashable,
                 compute: Callable[[BaseGeometry], tuple[float, float, float]]) -> tuple[float, float, float]:
    """As :func:`moved` for a circle ``(cx, cy, r)`` measured in ``geom`` (its centre moves, its
    radius does not)."""

    def shift(c: tuple[float, float, float], d: np.ndarray) -> tuple[float, float, float]:
        return (c[0] + float(d[0]), c[1] + float(d[1]), c[2]) if c[2] > 0 else c

    return _memo(ctx, tag, geom, params, compute, shift)


def shaped(ctx: Context, tag: str, geom: BaseGeometry, params: Hashable, compute: Callable[[BaseGeometry], T]) -> T:
    """As :func:`moved` for a value that does not move with ``geom`` (a count, a graph's edges)."""
    return _memo(ctx, tag, geom, params, compute, lambda v, _d: v)
