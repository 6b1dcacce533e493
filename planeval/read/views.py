"""Split a modelspace that holds several drawings into views, say what each is, and pick the floor plan(s).

Architects put a site plan beside the floor plan, sections and elevations below it and a title
block around it. The geometry that carries plan meaning (walls, doors, windows, room polygons, and
linework on layers of no known role) is clustered by proximity. Each cluster is classified
(:mod:`planeval.read.viewkind`: elevations, sections, framing plans and grids are recognised as
such); of the floor plans, those with door or label evidence are preferred, and clusters with
little plan content are kept out of the rooms. Every exclusion keeps its reason.
"""

from __future__ import annotations

import math

import numpy as np

from planeval.read.drawing import Arc, Insert, Role, Segment, Shape, Text, View
from planeval.read.viewkind import (
    EMPTY,
    FLOOR_PLAN,
    GRID,
    KIND_NAMES,
    SYMBOLS,
    ViewEvidence,
    classify,
    door_sized,
    grid_share,
    symbol_sheet,
    text_kind,
)
from planeval.vocabulary import functions_of

PLAN_ROLES = frozenset({Role.WALL, Role.DOOR, Role.WINDOW, Role.OPENING, Role.ROOM})
NOT_DOORS = frozenset({Role.FURNITURE, Role.FIXTURE, Role.STAIR, Role.IGNORE, Role.LABEL, Role.ROOM, Role.WINDOW})
CLUSTER_GAP_MM = 2000.0
SPLIT_GAP_MM = 1000.0  # an empty band this wide right across a cluster separates two drawings
MIN_SHARE_OF_BEST = 0.25
#: lines on layers of no known role longer than this do not join clusters (reference and ground lines span views)
MAX_UNKNOWN_LINE_MM = 8000.0
OTHER_WEIGHT = 0.5  # linework of no known role counts half as much as wall linework
MAX_OUTLINE_MM = 30000.0  # a longer line starting inside a view grows its box up to this length


def find_views(segments: list[Segment], arcs: list[Arc], shapes: list[Shape], label_points: list[tuple[float, float]],
               texts: list[Text] = (), inserts: list[Insert] = ()) -> list[View]:  # type: ignore[assignment]
    """Cluster plan geometry; each cluster is a view, classified and scored by walls, doors and labels."""
    boxes: list[tuple[float, float, float, float]] = []
    weights: list[float] = []
    others: list[float] = []
    doors: list[float] = []
    for s in segments:
        length = math.hypot(s.x2 - s.x1, s.y2 - s.y1)
        if s.role in PLAN_ROLES or (s.role is Role.UNKNOWN and length <= MAX_UNKNOWN_LINE_MM):
            boxes.append((min(s.x1, s.x2), min(s.y1, s.y2), max(s.x1, s.x2), max(s.y1, s.y2)))
            weights.append(length / 1000.0 if s.role is Role.WALL else 0.0)
            others.append(length / 1000.0 if s.role is Role.UNKNOWN else 0.0)
            doors.append(0.0)
    for a in arcs:
        if _door_arc(a):
            boxes.append((a.cx - a.r, a.cy - a.r, a.cx + a.r, a.cy + a.r))
            weights.append(0.0)
            others.append(0.0)
            doors.append(1.0)
    for sh in shapes:
        if sh.role in PLAN_ROLES:
            xs = [p[0] for p in sh.exterior]
            ys = [p[1] for p in sh.exterior]
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
            edges = zip(sh.exterior, sh.exterior[1:] + sh.exterior[:1], strict=True)
            perimeter = sum(np.hypot(x2 - x1, y2 - y1) for (x1, y1), (x2, y2) in edges)
            weights.append(perimeter / 2000.0 if sh.role is Role.WALL else (2.0 if sh.role is Role.ROOM else 0.0))
            others.append(0.0)
            doors.append(0.0)
    swung = {a.src.group for a in arcs if a.src.group is not None and _door_arc(a)}
    for ins in inserts:  # a door block without a swing still says "door"
        if ins.role is Role.DOOR and ins.index not in swung:
            boxes.append((ins.x - 500, ins.y - 500, ins.x + 500, ins.y + 500))
            weights.append(0.0)
            others.append(0.0)
            doors.append(1.0)
    if not boxes:
        return []
    arr = np.asarray(boxes)
    cluster_of = _split_clusters(arr, _grid_clusters(arr, CLUSTER_GAP_MM))
    w, o, d = np.asarray(weights), np.asarray(others), np.asarray(doors)
    # room words count as evidence on any layer (some sets put the room names on a "details" layer)
    pts = list(label_points) + [(t.x, t.y) for t in texts if t.role is Role.IGNORE and not t.tag and functions_of(t.text)]
    lp = np.asarray(pts) if pts else np.zeros((0, 2))
    all_segs = np.asarray([(s.x1, s.y1, s.x2, s.y2) for s in segments], dtype=float).reshape(-1, 4)
    mids = (all_segs[:, :2] + all_segs[:, 2:]) / 2
    wall_len = np.asarray([math.hypot(s.x2 - s.x1, s.y2 - s.y1) if s.role is Role.WALL else -1.0 for s in segments])
    kinds = [(t.x, t.y, k) for t in texts for k in [text_kind(t.text)] if k]  # title texts may sit on ignored layers
    long_lines = np.asarray([(sg.x1, sg.y1, sg.x2, sg.y2) for sg in segments if sg.role in (Role.UNKNOWN, Role.WALL)
                             and MAX_UNKNOWN_LINE_MM < math.hypot(sg.x2 - sg.x1, sg.y2 - sg.y1) <= MAX_OUTLINE_MM],
                            dtype=float).reshape(-1, 4)
    found = []
    for ci in range(int(cluster_of.max()) + 1):
        members = cluster_of == ci
        if not members.any():
            continue
        bbox = _with_long_lines((float(arr[members, 0].min()), float(arr[members, 1].min()), float(arr[members, 2].max()),
                                 float(arr[members, 3].max())), long_lines)
        labels = int(_inside(lp, bbox).sum())
        words: dict[str, int] = {}
        pad = 0.1 * max(bbox[2] - bbox[0], bbox[3] - bbox[1]) + 1000.0  # a title sits under its drawing
        for x, y, k in kinds:
            if bbox[0] - pad <= x <= bbox[2] + pad and bbox[1] - pad <= y <= bbox[3] + pad:
                words[k] = words.get(k, 0) + 1
        wall_m, other_m, n_doors = float(w[members].sum()), float(o[members].sum()), int(d[members].sum())
        score = wall_m + OTHER_WEIGHT * other_m + 3.0 * n_doors + 2.0 * labels
        found.append((bbox, score, wall_m, other_m, n_doors, labels, words))
    found.sort(key=lambda v: (-v[1], v[0]))
    classified = []
    for bbox, score, wall_m, other_m, n_doors, labels, words in found:
        margin = 0.02 * max(bbox[2] - bbox[0], bbox[3] - bbox[1]) + 100.0
        inside = _inside(mids, (bbox[0] - margin, bbox[1] - margin, bbox[2] + margin, bbox[3] + margin))
        ev = ViewEvidence(bbox, wall_m, other_m, n_doors, labels, words, all_segs[inside],
                          wall_len[inside & (wall_len >= 0)])
        classified.append((ev, score, *classify(ev)))
    plans = [c for c in classified if c[2] == FLOOR_PLAN and (c[0].wall_m > 0 or c[0].other_m > 0 or c[0].labels > 0)]
    evidenced = [c for c in plans if c[0].doors > 0 or c[0].labels > 0]
    pool = evidenced or plans
    best = max((c[1] for c in pool), default=0.0)
    out = []
    for i, (ev, score, kind, why) in enumerate(classified):
        content = (f"{ev.wall_m:.1f} m of walls, {ev.other_m:.1f} m of other lines, {ev.doors} door swings, "
                   f"{ev.labels} room labels")
        is_plan = any(c[0] is ev for c in pool) and score >= MIN_SHARE_OF_BEST * best
        if kind != FLOOR_PLAN:
            reason = f"looks like {KIND_NAMES[kind]}: {why}"
        elif is_plan or not (ev.wall_m > 0 or ev.other_m > 0 or ev.labels > 0):
            reason = content
        elif evidenced and not (ev.doors > 0 or ev.labels > 0):
            reason = f"no door swings or room labels, unlike the floor plan ({content})"
        else:
            reason = f"too little plan content ({content})"
        out.append(View(i, ev.bbox, is_plan, float(score), reason, kind, ev.doors, ev.labels))
    return out


def drawing_kind(views: list[View], segments: list[Segment], raw_extent: tuple[float, float, float, float] | None,
                 door_radius: float, raw_line_length: float, blocks: list[str], wall_m: float) -> tuple[str, str]:
    """What the drawing as a whole looks like, and why: a floor plan when a view is one.

    ``segments`` are every line (mm, whatever the layer); ``raw_extent``, ``door_radius`` (the
    largest door-like arc) and ``raw_line_length`` are in drawing units (the scale is inferred from
    door sizes, so a lone door symbol needs them).
    """
    if door_radius > 0 and raw_line_length <= 8.0 * door_radius:
        why = symbol_sheet(raw_extent, door_radius, [], wall_m)
        if why:
            return SYMBOLS, why
    if any(v.is_plan and (v.doors or v.labels) for v in views):
        return FLOOR_PLAN, ""
    others = [v for v in views if v.kind != FLOOR_PLAN]
    if others and not any(v.is_plan for v in views):
        top = max(others, key=lambda v: v.score)
        return top.kind, top.reason.split(": ", 1)[-1]
    if segments:
        arr = np.asarray([(s.x1, s.y1, s.x2, s.y2) for s in segments], dtype=float)
        box = (float(arr[:, [0, 2]].min()), float(arr[:, [1, 3]].min()), float(arr[:, [0, 2]].max()), float(arr[:, [1, 3]].max()))
        whole = ViewEvidence(box, 0.0, 0.0, 0, 0, {}, arr, np.zeros(0))
        lattice = grid_share(whole)
        if lattice >= 0.6:
            return GRID, f"no door swings or room labels; {lattice:.0%} of its linework are long lines running right across it"
    if any(v.is_plan for v in views):
        return FLOOR_PLAN, ""
    why = symbol_sheet(None, 0.0, blocks, wall_m)
    if why:
        return SYMBOLS, why
    if views:
        return FLOOR_PLAN, ""
    return EMPTY, "no walls, doors, windows or room polygons on any visible layer"


def _door_arc(a: Arc) -> bool:
    if a.role in NOT_DOORS or a.sweep_deg >= 359.0:
        return False
    if a.role in (Role.DOOR, Role.OPENING):
        return 350.0 <= a.r <= 1300.0 and 15.0 <= a.sweep_deg <= 120.0
    return door_sized(a.r, a.sweep_deg) and a.sweep_deg >= 60.0


def _with_long_lines(bbox: tuple[float, float, float, float], lines: np.ndarray) -> tuple[float, float, float, float]:
    """The view's box grown by the long lines that start inside it (an outline wall drawn in one
    piece across a part of the plan whose other content sits on ignored layers)."""
    if not len(lines):
        return bbox
    a, b = _inside(lines[:, :2], bbox), _inside(lines[:, 2:], bbox)
    hit = lines[a | b]
    if not len(hit):
        return bbox
    return (min(bbox[0], float(hit[:, [0, 2]].min())), min(bbox[1], float(hit[:, [1, 3]].min())),
            max(bbox[2], float(hit[:, [0, 2]].max())), max(bbox[3], float(hit[:, [1, 3]].max())))


def _split_clusters(boxes: np.ndarray, cluster_of: np.ndarray) -> np.ndarray:
    """Split each cluster where an empty band at least ``SPLIT_GAP_MM`` wide runs right across it
    (an XY cut: two drawings set close together; a floor plan's walls never leave such a band)."""
    out = np.zeros(len(boxes), dtype=np.int64)
    label = 0
    for ci in range(int(cluster_of.max()) + 1):
        idx = np.flatnonzero(cluster_of == ci)
        for part in _xy_cut(boxes, idx, 0):
            out[part] = label
            label += 1
    return out


def _xy_cut(boxes: np.ndarray, idx: np.ndarray, depth: int) -> list[np.ndarray]:
    if len(idx) < 2 or depth > 8:
        return [idx]
    for axis in (1, 0):
        lo, hi = boxes[idx, axis], boxes[idx, axis + 2]
        order = np.argsort(lo, kind="stable")
        reach = np.maximum.accumulate(hi[order])
        cuts = np.flatnonzero(lo[order][1:] - reach[:-1] >= SPLIT_GAP_MM) + 1
        if len(cuts):
            parts = np.split(idx[order], cuts)
            return [q for p in parts for q in _xy_cut(boxes, p, depth + 1)]
    return [idx]


def _inside(pts: np.ndarray, bbox: tuple[float, float, float, float]) -> np.ndarray:
    if not len(pts):
        return np.zeros(0, dtype=bool)
    return (pts[:, 0] >= bbox[0]) & (pts[:, 0] <= bbox[2]) & (pts[:, 1] >= bbox[1]) & (pts[:, 1] <= bbox[3])


HUGE_CELLS = 4096  # a box covering more grid cells than this marks (part of) its outline only
MAX_OUTLINE_CELLS = 100_000  # a longer (clipped) outline keeps only its cells beside ordinary boxes


def _grid_clusters(boxes: np.ndarray, gap: float) -> np.ndarray:
    """Connected components of boxes closer than about ``gap``, on a grid of ``gap``-sized cells.

    Each box marks the cells it covers; 8-connected occupied cells form a cluster. Linear in the
    number of occupied cells, unlike a polygon union of thousands of boxes. A huge box (a site
    boundary, a circle of radius 1e9) marks only the part of its outline that runs within reach of
    the ordinary boxes, so its cost does not grow with its size.
    """
    ox, oy = boxes[:, 0].min(), boxes[:, 1].min()
    c0 = np.floor((boxes[:, :2] - (ox, oy)) / gap).astype(np.int64)
    c1 = np.floor((boxes[:, 2:] - (ox, oy)) / gap).astype(np.int64)
    span = (c1 - c0 + 1).prod(axis=1)
    normal = span <= HUGE_CELLS
    if not normal.any():  # only huge boxes: a coarser grid makes them ordinary
        coarse = float(max((boxes[:, 2:] - boxes[:, :2]).max(), gap)) / 32.0
        return _grid_clusters(boxes, max(coarse, gap * 2))
    lo = c0[normal].min(axis=0) - 1
    hi = c1[normal].max(axis=0) + 1
    cells: dict[tuple[int, int], int] = {}
    first_cell: list[tuple[int, int] | None] = []
    for (i0, j0), (i1, j1), ok in zip(c0.tolist(), c1.tolist(), normal.tolist(), strict=True):
        first_cell.append((i0, j0) if ok else None)
        if ok:
            for i in range(i0, i1 + 1):
                for j in range(j0, j1 + 1):
                    cells[(i, j)] = -1
    ordinary = dict(cells)  # the huge boxes' outlines are placed against the ordinary boxes alone
    for k in np.flatnonzero(~normal).tolist():
        (i0, j0), (i1, j1) = c0[k].tolist(), c1[k].tolist()
        marked = _outline_cells(i0, j0, i1, j1, lo, hi, ordinary)
        for c in marked:
            cells[c] = -1
        first_cell[k] = marked[0] if marked else None
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
    out = []
    for first in first_cell:
        if first is None:  # a huge box whose outline runs nowhere near the rest: a cluster of its own
            out.append(label)
            label += 1
        else:
            out.append(cells[first])
    return np.asarray(out)


def _outline_cells(i0: int, j0: int, i1: int, j1: int, lo: np.ndarray, hi: np.ndarray,
                   cells: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """The cells of a box outline that lie within ``lo``–``hi`` (the reach of the ordinary boxes); when
    that is more than ``MAX_OUTLINE_CELLS`` (ordinary boxes spread over 1e10 mm), only those of them
    next to an occupied cell of ``cells``."""
    ilo, jlo, ihi, jhi = int(lo[0]), int(lo[1]), int(hi[0]), int(hi[1])
    ia, ib = max(i0, ilo), min(i1, ihi)
    ja, jb = max(j0, jlo), min(j1, jhi)
    rows = [j for j in (j0, j1) if jlo <= j <= jhi]
    cols = [i for i in (i0, i1) if ilo <= i <= ihi]
    if len(rows) * max(0, ib - ia + 1) + len(cols) * max(0, jb - ja + 1) <= MAX_OUTLINE_CELLS:
        return [(i, j) for j in rows for i in range(ia, ib + 1)] + [(i, j) for i in cols for j in range(ja, jb + 1)]
    near = {(i + di, j + dj) for i, j in cells for di in (-1, 0, 1) for dj in (-1, 0, 1)}
    return sorted((i, j) for i, j in near if (j in rows and ia <= i <= ib) or (i in cols and ja <= j <= jb))
