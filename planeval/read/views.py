"""Split a modelspace that holds several drawings into views and pick the floor plan(s).

Architects put a site plan beside the floor plan, sections and elevations below it and a title
block around it. The geometry that carries plan meaning (walls, doors, windows, room polygons) is
clustered by proximity; clusters with little of it are reported and kept out of the rooms.
"""

from __future__ import annotations

import numpy as np

from planeval.read.drawing import Arc, Role, Segment, Shape, View

PLAN_ROLES = frozenset({Role.WALL, Role.DOOR, Role.WINDOW, Role.OPENING, Role.ROOM})
CLUSTER_GAP_MM = 2000.0
MIN_SHARE_OF_BEST = 0.25


def find_views(
    segments: list[Segment], arcs: list[Arc], shapes: list[Shape], label_points: list[tuple[float, float]]
) -> list[View]:
    """Cluster plan geometry; each cluster is a view, scored by wall length, doors and labels."""
    boxes: list[tuple[float, float, float, float]] = []
    weights: list[float] = []
    doors: list[float] = []
    for s in segments:
        if s.role in PLAN_ROLES:
            boxes.append((min(s.x1, s.x2), min(s.y1, s.y2), max(s.x1, s.x2), max(s.y1, s.y2)))
            weights.append(np.hypot(s.x2 - s.x1, s.y2 - s.y1) / 1000.0 if s.role is Role.WALL else 0.0)
            doors.append(0.0)
    for a in arcs:
        if a.role in (Role.DOOR, Role.OPENING):
            boxes.append((a.cx - a.r, a.cy - a.r, a.cx + a.r, a.cy + a.r))
            weights.append(0.0)
            doors.append(1.0)
    for sh in shapes:
        if sh.role in PLAN_ROLES:
            xs = [p[0] for p in sh.exterior]
            ys = [p[1] for p in sh.exterior]
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
            edges = zip(sh.exterior, sh.exterior[1:] + sh.exterior[:1], strict=True)
            perimeter = sum(np.hypot(x2 - x1, y2 - y1) for (x1, y1), (x2, y2) in edges)
            weights.append(perimeter / 2000.0 if sh.role is Role.WALL else (2.0 if sh.role is Role.ROOM else 0.0))
            doors.append(0.0)
    if not boxes:
        # No layer says "wall" or "door": cluster whatever is not ignored, lines weighing as walls.
        for s in segments:
            if s.role is Role.UNKNOWN:
                boxes.append((min(s.x1, s.x2), min(s.y1, s.y2), max(s.x1, s.x2), max(s.y1, s.y2)))
                weights.append(np.hypot(s.x2 - s.x1, s.y2 - s.y1) / 1000.0)
                doors.append(0.0)
        for a in arcs:
            if a.role is Role.UNKNOWN and 75.0 <= a.sweep_deg <= 105.0:
                boxes.append((a.cx - a.r, a.cy - a.r, a.cx + a.r, a.cy + a.r))
                weights.append(0.0)
                doors.append(1.0)
    if not boxes:
        return []
    arr = np.asarray(boxes)
    cluster_of = _grid_clusters(arr, CLUSTER_GAP_MM)
    w = np.asarray(weights)
    d = np.asarray(doors)
    lp = np.asarray(label_points) if label_points else np.zeros((0, 2))
    views = []
    for ci in range(int(cluster_of.max()) + 1):
        members = cluster_of == ci
        if not members.any():
            continue
        minx, miny = arr[members, 0].min(), arr[members, 1].min()
        maxx, maxy = arr[members, 2].max(), arr[members, 3].max()
        inside = (lp[:, 0] >= minx) & (lp[:, 0] <= maxx) & (lp[:, 1] >= miny) & (lp[:, 1] <= maxy)
        labels = int(inside.sum())
        wall_m = float(w[members].sum())
        n_doors = int(d[members].sum())
        score = wall_m + 3.0 * n_doors + 2.0 * labels
        views.append(((minx, miny, maxx, maxy), score, wall_m, n_doors, labels))
    best = max(v[1] for v in views)
    out = []
    for i, (bbox, score, wall_m, n_doors, labels) in enumerate(sorted(views, key=lambda v: (-v[1], v[0]))):
        is_plan = score >= MIN_SHARE_OF_BEST * best and (wall_m > 0 or labels > 0)
        reason = f"{wall_m:.1f} m of walls, {n_doors} door swings, {labels} room labels"
        out.append(View(i, tuple(float(v) for v in bbox), is_plan, float(score), reason))  # type: ignore[arg-type]
    return out


def _grid_clusters(boxes: np.ndarray, gap: float) -> np.ndarray:
    """Connected components of boxes closer than about ``gap``, on a grid of ``gap``-sized cells.

    Each box marks the cells it covers; 8-connected occupied cells form a cluster. Linear in the
    number of occupied cells, unlike a polygon union of thousands of boxes.
    """
    ox, oy = boxes[:, 0].min(), boxes[:, 1].min()
    c0 = np.floor((boxes[:, :2] - (ox, oy)) / gap).astype(np.int64)
    c1 = np.floor((boxes[:, 2:] - (ox, oy)) / gap).astype(np.int64)
    cells: dict[tuple[int, int], int] = {}
    first_cell = []
    for (i0, j0), (i1, j1) in zip(c0.tolist(), c1.tolist(), strict=False):
        first_cell.append((i0, j0))
        if (i1 - i0 + 1) * (j1 - j0 + 1) > 4096:  # a huge box (site boundary): mark its outline only
            for i in range(i0, i1 + 1):
                cells[(i, j0)] = -1
                cells[(i, j1)] = -1
            for j in range(j0, j1 + 1):
                cells[(i0, j)] = -1
                cells[(i1, j)] = -1
            continue
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                cells[(i, j)] = -1
    label = 0
    for start in cells:
        if cells[start] >= 0:
            continue
        stack = [start]
        cells[start] = label
        while stack:
            ci, cj = stack.pop()
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    nb = (ci + di, cj + dj)
                    if cells.get(nb) == -1:
                        cells[nb] = label
                        stack.append(nb)
        label += 1
    return np.asarray([cells[c] for c in first_cell])
