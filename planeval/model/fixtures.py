"""Fixtures and furniture: blocks by name, loose linework on fixture layers by shape.

A fixture/furniture block is reduced to its footprint by the reader; its kind comes from the
block name, then the layer name (profile ``[kinds]``). Loose linework on fixture, furniture and
stair layers is grouped into touching clusters; a cluster whose layer names no kind is classified
by its size (a 0.4 × 0.7 m object with a round bowl is a WC, a 0.6 m deep run over 1.2 m long a
kitchen counter, …), with low confidence.

Each fixture belongs to the room holding its centre, else to the room holding most (over 30 %) of
its footprint; ids (F1 …) follow the position. What its block's attributes state is resolved by
:func:`planeval.model.attributes.with_fixture_facts`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import shapely
from shapely.geometry import Polygon

from planeval.diagnostics import DiagnosticLog
from planeval.geometry import polygon, rect_sides
from planeval.model.attributes import with_fixture_facts
from planeval.model.layout import InPlan, by_position
from planeval.model.rooms import RoomIndex
from planeval.model.types import Fixture
from planeval.read.drawing import Arc, Drawing, Role
from planeval.read.profiles import Profile

FIXED_KINDS = frozenset({"wc", "basin", "shower", "bath", "kitchen_counter", "washer", "wardrobe", "stair", "fixture"})
MOVABLE_KINDS = frozenset({"bed", "sofa", "table", "chair", "furniture"})
#: Kinds that are floor one moves on, never an obstacle (a ramp is a route: TEK17 §12-16)
ROUTE_KINDS = frozenset({"ramp"})
CLUSTER_GAP_MM = 20.0


@dataclass(frozen=True)
class FixtureCandidate:
    kind: str
    polygon: Polygon
    source: str  # block | layer | shape
    name: str
    attributes: tuple[tuple[str, str], ...] = ()

    @property
    def movable(self) -> bool:
        return self.kind in MOVABLE_KINDS


def _default_kind(role: Role) -> str:
    return {Role.FURNITURE: "furniture", Role.STAIR: "stair"}.get(role, "fixture")


def kind_by_size(poly: Polygon, role: Role, round_part: bool) -> str:
    """Guess a kind from the footprint's size (mm) when no name says what it is."""
    w, h = rect_sides(poly)
    if role is Role.STAIR:
        return "stair"
    if role is Role.FURNITURE:
        if 800 <= w <= 2100 and 1850 <= h <= 2350:
            return "bed"
        if 700 <= w <= 1100 and 1400 <= h <= 3200:
            return "sofa"
        if w >= 600 and h <= 2400 and round_part:
            return "table"
        if w <= 700 and h <= 700:
            return "chair"
        return "furniture"
    if 330 <= w <= 480 and 480 <= h <= 850 and round_part:
        return "wc"
    if 250 <= w <= 650 and 300 <= h <= 750 and round_part:
        return "basin"
    if 650 <= w <= 900 and 1400 <= h <= 2000:
        return "bath"
    if 700 <= w <= 1400 and h <= 1.6 * w:
        return "shower"
    if 500 <= w <= 720 and h >= 1200:
        return "kitchen_counter"
    return "fixture"


def place_fixtures(drawing: Drawing, profile: Profile, in_plan: InPlan, log: DiagnosticLog, index: RoomIndex) -> list[Fixture]:
    """The plan's fixtures and furniture in their rooms, numbered by position."""
    fixtures: list[Fixture] = []
    for fc in find_fixtures(drawing, profile, in_plan, log):
        rid = index.at(fc.polygon.centroid)
        if rid is None and index.rooms:
            best = max(index.rooms, key=lambda r: r.polygon.intersection(fc.polygon).area)
            if best.polygon.intersection(fc.polygon).area > 0.3 * fc.polygon.area:
                rid = best.id
        fixtures.append(with_fixture_facts(Fixture("", fc.kind, fc.polygon, rid, fc.source, fc.name, fc.movable, fc.attributes)))
    return [replace(f, id=f"F{i}") for i, f in enumerate(by_position(fixtures, lambda f: f.center), start=1)]


def find_fixtures(drawing: Drawing, profile: Profile, in_plan: InPlan, log: DiagnosticLog | None = None
                  ) -> list[FixtureCandidate]:
    inserts = {i.index: i for i in drawing.inserts}
    out: list[FixtureCandidate] = []
    roles = (Role.FIXTURE, Role.FURNITURE, Role.STAIR)
    for sh in drawing.shapes:
        if sh.kind != "footprint" or sh.role not in roles:
            continue
        p = polygon(sh.exterior)
        if p is None or not in_plan(p.centroid.x, p.centroid.y):
            continue
        ins = inserts.get(sh.src.group) if sh.src.group is not None else None
        name = ins.name if ins else sh.layer
        kind = profile.kind(name, sh.layer) or kind_by_size(p, sh.role, False)
        if sh.role is Role.STAIR and kind not in ROUTE_KINDS:
            kind = "stair"
        out.append(FixtureCandidate(kind, p, "block", name, ins.attribs if ins else ()))
    out.extend(_loose(drawing, profile, in_plan, roles, log))
    return out


def _loose(drawing: Drawing, profile: Profile, in_plan, roles, log=None) -> list[FixtureCandidate]:
    dropped = 0
    geoms, layers, rnd = [], [], []
    for s in drawing.segments:
        if s.role in roles and s.src.group is None:
            geoms.append(shapely.linestrings([(s.x1, s.y1), (s.x2, s.y2)]))
            layers.append((s.layer, s.role))
            rnd.append(False)
    for a in drawing.arcs:
        if a.role in roles and a.src.group is None:
            geoms.append(_arc_line(a))
            layers.append((a.layer, a.role))
            rnd.append(True)
    for sh in drawing.shapes:
        if sh.role in roles and sh.src.group is None and sh.kind != "footprint":
            p = polygon(sh.exterior)
            if p is not None:
                geoms.append(p)
                layers.append((sh.layer, sh.role))
                rnd.append(sh.kind in ("circle", "ellipse"))
    if not geoms:
        return []
    arr = np.asarray(geoms, dtype=object)
    merged = shapely.union_all(shapely.buffer(arr, CLUSTER_GAP_MM / 2, quad_segs=1))
    parts = list(shapely.get_parts(merged))
    tree = shapely.STRtree(parts)
    member = tree.query(arr, predicate="intersects")
    clusters: dict[int, list[int]] = {}
    for gi, pi in zip(*member, strict=False):
        clusters.setdefault(int(pi), []).append(int(gi))
    out = []
    for members in clusters.values():
        hull = shapely.union_all(arr[members]).convex_hull
        if not isinstance(hull, Polygon) or hull.area < 0.05e6 or hull.area > 20e6:
            continue
        if not in_plan(hull.centroid.x, hull.centroid.y):
            continue
        layer, role = max((layers[g] for g in members), key=lambda lr: sum(1 for g in members if layers[g] == lr))
        foot = hull.minimum_rotated_rectangle if role is not Role.STAIR else hull
        kind = profile.kind(layer) or kind_by_size(foot, role, any(rnd[g] for g in members))
        if role is Role.STAIR:
            kind = kind if kind in ROUTE_KINDS else "stair"
        elif not _plausible(foot, kind):
            dropped += 1
            continue
        source = "layer" if profile.kind(layer) else "shape"
        out.append(FixtureCandidate(kind, foot if isinstance(foot, Polygon) else hull, source, layer))
    if dropped and log is not None:
        log.info("fixtures-unclear", f"{dropped} clusters of loose lines on fixture/furniture layers are too large for one "
                 "fixture (several fixtures drawn touching, or leader lines): not used as obstacles")
    return out


#: Largest (short side, long side) in mm of one fixture or piece of furniture of a kind, for loose linework.
MAX_SIZE = {"kitchen_counter": (1000, 6000), "bed": (2200, 2400), "sofa": (1200, 3500), "table": (1600, 3200),
            "wardrobe": (900, 4000), "bath": (1000, 2200), "shower": (1600, 2200)}
MAX_GENERIC = (1300, 3000)


def _plausible(foot: Polygon, kind: str) -> bool:
    short, long = rect_sides(foot)
    lim_s, lim_l = MAX_SIZE.get(kind, MAX_GENERIC)
    return short <= lim_s and long <= lim_l


def _arc_line(a: Arc) -> object:
    sweep = a.sweep_deg
    n = max(2, int(sweep / 10))
    pts = [
        (a.cx + a.r * math.cos(math.radians(a.start_deg + sweep * i / n)),
         a.cy + a.r * math.sin(math.radians(a.start_deg + sweep * i / n)))
        for i in range(n + 1)
    ]
    return shapely.linestrings(pts)
