"""What the flattener may build, decided before it builds it: block bombs and huge curves.

A 20 kB file can hold a block that inserts itself, ten inserts of the level below over eight
levels (10^8 lines), a MINSERT grid of 1000 × 1000, or one polyline of millions of vertices.
:class:`Budget` works out, once per block and without expanding it, how many entities it expands
to and how deep it nests; the flattener charges every top-level INSERT against the
``max-entities`` limit and every curve against ``max-curve-points`` before building anything.
"""

from __future__ import annotations

from typing import Any

from planeval.errors import InputError
from planeval.perf import Limits, exceeded


def mcount(e: Any) -> int:
    """How many copies an INSERT places (a MINSERT grid: rows × columns; never below 1)."""
    rows = int(e.dxf.get("row_count", 1) or 1)
    cols = int(e.dxf.get("column_count", 1) or 1)
    return max(1, rows) * max(1, cols)


class Budget:
    """Sizes and depths of the blocks of ``doc``, and the entities the top-level INSERTs expand to so far."""

    def __init__(self, doc: Any, limits: Limits) -> None:
        self.doc = doc
        self.limits = limits
        self._sizes: dict[str, tuple[int, int]] = {}  # block -> (entities it expands to, nesting depth)
        self.expanded = 0

    def size(self, name: str, stack: tuple[str, ...] = ()) -> tuple[int, int]:
        """(entities block ``name`` expands to, its nesting depth), memoised; a cycle or a nesting over
        the limit is an :class:`InputError`."""
        cached = self._sizes.get(name)
        if cached is not None:
            return cached
        if name in stack:
            cycle = " → ".join((*stack[stack.index(name):], name))
            raise InputError(f"block '{name}' inserts itself ({cycle}): a malformed drawing no CAD program can show")
        block = self.doc.blocks.get(name)
        size, depth = 0, 1
        if block is not None:
            for child in block:
                if child.dxftype() != "INSERT":
                    size += 1
                    continue
                n, d = self.size(child.dxf.name, (*stack, name))
                size += mcount(child) * (1 + n)
                depth = max(depth, d + 1)
        limit = self.limits.block_depth
        if limit and depth > limit:
            raise exceeded("block_depth", f"block '{name}' nests blocks {depth} levels deep")
        self._sizes[name] = (size, depth)
        return size, depth

    def charge(self, e: Any, name: str) -> None:
        """Count what a top-level INSERT expands to against the entity limit (fan-out, MINSERT grids)."""
        size, _ = self.size(name)
        grid = mcount(e)
        self.expanded += grid * size
        cap = self.limits.entities
        if cap and self.expanded > cap:
            what = (f"a MINSERT grid of {e.dxf.get('row_count', 1)} × {e.dxf.get('column_count', 1)} of block '{name}'"
                    if grid > 1 else f"block '{name}'")
            raise exceeded("entities", f"{what} expands to {grid * size:,} entities ({self.expanded:,} from blocks so far)")

    def curve(self, points: int, what: str, n: int, unit: str = "vertices") -> None:
        """Refuse to flatten one entity into more than ``max-curve-points`` points (estimated before flattening)."""
        cap = self.limits.curve_points
        if cap and points > cap:
            raise exceeded("curve_points", f"{what} of {n:,} {unit} (about {points:,} points once flattened)")
