"""Loose lines drawn end to end, as the polylines they stand for.

A PDF conversion, an EXPLODE or an old export draws a swing of twelve straight pieces as twelve
LINEs and a sliding leaf's rectangle as four; what the reader would have seen as one polyline is
then scattered. :func:`joined` walks such lines back into paths: an open path runs between ends
where the lines do not simply continue (a free end, or three or more lines meeting), a closed one
goes round a loop where every end meets exactly one other line. Ends meet when they fall on the
same point of a ``eps`` grid.

>>> paths = joined([((0, 0), (1, 0)), ((1, 0), (1, 1)), ((1, 1), (0, 1)), ((0, 1), (0, 0)), ((5, 5), (6, 5))])
>>> [(idx, closed) for idx, _, closed in paths]  # open paths first, then the loops
[([4], False), ([0, 1, 2, 3], True)]
>>> paths[1][1]
[(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["joined"]

Point = tuple[float, float]


def joined(lines: Sequence[tuple[Point, Point]], eps: float = 1.0) -> list[tuple[list[int], list[Point], bool]]:
    """The paths the ``lines`` (pairs of end points) form end to end: for each, the indexes of its lines in
    order, its points (a closed path ends where it starts) and whether it is closed. Lines shorter than
    ``eps`` (both ends on one grid point) belong to no path; every other line to exactly one. Open paths
    come first, then loops, each in the order of its first end on the grid, so the result does not depend on the lines' order
    more than through which end a path is walked from."""

    def key(p: Point) -> tuple[int, int]:
        return (round(p[0] / eps), round(p[1] / eps))

    keys = [(key(a), key(b)) for a, b in lines]
    at: dict[tuple[int, int], list[int]] = {}
    for i, (ka, kb) in enumerate(keys):
        if ka != kb:
            at.setdefault(ka, []).append(i)
            at.setdefault(kb, []).append(i)
    used: set[int] = set()
    out: list[tuple[list[int], list[Point], bool]] = []

    def walk(i: int, node: tuple[int, int]) -> tuple[list[int], list[Point], bool]:
        path: list[int] = []
        pts: list[Point] = []
        closed = False
        while True:
            path.append(i)
            used.add(i)
            a, b = lines[i]
            ka, _ = keys[i]
            near, far = (a, b) if ka == node else (b, a)
            if not pts:
                pts.append(near)
            pts.append(far)
            node = key(far)
            nxt = [j for j in at[node] if j != i]
            if len(at[node]) != 2 or not nxt:
                break
            if nxt[0] in used:
                closed = nxt[0] == path[0]
                break
            i = nxt[0]
        return path, pts, closed

    for node in sorted(at):
        if len(at[node]) == 2:
            continue  # inside a path or a loop: open paths are walked from their ends
        for i in at[node]:
            if i not in used:
                out.append(walk(i, node))
    for node in sorted(at):  # what is left goes round loops
        for i in at[node]:
            if i not in used:
                out.append(walk(i, node))
    return out
