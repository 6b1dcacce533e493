"""Walk the modelspace once and resolve it into role-tagged primitives (in drawing units).

Blocks are flattened with their full transform (rotation, mirroring, non-uniform scale, nesting);
children on layer ``0`` take their INSERT's layer; polyline bulges become arcs; hatches, solids and
closed polylines become shapes; TEXT/MTEXT/ATTRIB become texts placed at their visual centre.
Entities on frozen or off layers are skipped unless the profile asks for them.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from planeval.read.drawing import Arc, Chain, Insert, Role, Segment, Shape, Source, Text
from planeval.read.profiles import Profile

#: Entity types that carry no plan geometry for us (counted, then skipped).
SKIPPED_TYPES = frozenset(
    {
        "DIMENSION", "ARC_DIMENSION", "LARGE_RADIAL_DIMENSION", "LEADER", "MULTILEADER", "MLEADER", "VIEWPORT",
        "IMAGE", "WIPEOUT", "POINT", "3DFACE", "MESH", "3DSOLID", "REGION", "BODY", "ACAD_TABLE", "XLINE",
        "RAY", "OLE2FRAME", "OLEFRAME", "HELIX", "TOLERANCE", "SHAPE", "ATTDEF", "UNDERLAY", "PDFUNDERLAY",
        "DWFUNDERLAY", "DGNUNDERLAY", "ACAD_PROXY_ENTITY", "SURFACE", "PLANESURFACE", "EXTRUDEDSURFACE",
        "LOFTEDSURFACE", "REVOLVEDSURFACE", "SWEPTSURFACE", "MLINE", "SECTION", "LIGHT", "SUN",
    }
)
CURVE_TOLERANCE = 0.01  # relative to the entity size, for flattening splines/ellipses/hatch edges
ARC_STEP_DEG = 10.0  # flattening of polyline bulges
#: Blocks with these roles are reduced to their footprint (their detail has no meaning for the plan).
FOOTPRINT_ROLES = frozenset({Role.FIXTURE, Role.FURNITURE, Role.STAIR})
MAX_BLOCK_DEPTH = 16


@dataclass
class RawGeometry:
    """Primitives in drawing units, before the scale is known."""

    segments: list[Segment] = field(default_factory=list)
    arcs: list[Arc] = field(default_factory=list)
    chains: list[Chain] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    inserts: list[Insert] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    hidden: Counter[str] = field(default_factory=Counter)  # layer -> entities skipped because hidden
    layer_counts: Counter[str] = field(default_factory=Counter)
    nonfinite: int = 0


def _finite(*values: float) -> bool:
    return all(math.isfinite(v) for v in values)


class Flattener:
    """One pass over the modelspace. ``layer_role`` and ``hidden`` are resolved once per layer."""

    def __init__(self, doc: Any, profile: Profile) -> None:
        self.doc = doc
        self.profile = profile
        self.raw = RawGeometry()
        self._layer_cache: dict[str, tuple[Role, bool]] = {}
        self._block_cache: dict[str, Role] = {}
        self._block_names_cache: dict[str, tuple[str, ...]] = {}
        self._box_cache: dict[str, tuple[float, float, float, float] | None] = {}
        self._hidden_layers: set[str] = set()
        for layer in doc.layers:
            name = layer.dxf.name
            if layer.is_frozen() or layer.is_off():
                self._hidden_layers.add(name.lower())

    # -- roles ------------------------------------------------------------------------------
    def layer(self, name: str) -> tuple[Role, bool]:
        cached = self._layer_cache.get(name)
        if cached is None:
            role, _ = self.profile.layer_role(name)
            hidden = name.lower() in self._hidden_layers and not self.profile.include_hidden_layers
            cached = (role, hidden)
            self._layer_cache[name] = cached
        return cached

    def nested_block_names(self, name: str, depth: int = 0) -> tuple[str, ...]:
        """Names of the blocks referenced (recursively) inside block ``name``."""
        cached = self._block_names_cache.get(name)
        if cached is not None:
            return cached
        names: list[str] = []
        block = self.doc.blocks.get(name)
        if block is not None and depth < MAX_BLOCK_DEPTH:
            for e in block.query("INSERT"):
                child = e.dxf.name
                names.append(child)
                names.extend(self.nested_block_names(child, depth + 1))
        result = tuple(dict.fromkeys(names))
        self._block_names_cache[name] = result
        return result

    def block_role(self, name: str) -> Role:
        cached = self._block_cache.get(name)
        if cached is None:
            cached, _ = self.profile.block_role(name)
            if cached is Role.UNKNOWN:
                # Revit and others put the swing in a nested block ("Door Swing 90"): ask the children.
                for child in self.nested_block_names(name):
                    role, _ = self.profile.block_role(child)
                    if role not in (Role.UNKNOWN, Role.IGNORE, Role.LABEL):
                        cached = role
                        break
            self._block_cache[name] = cached
        return cached

    # -- traversal --------------------------------------------------------------------------
    def run(self) -> RawGeometry:
        for e in self.doc.modelspace():
            self.raw.layer_counts[e.dxf.layer] += 1
            self.entity(e, None, None, None, 0)
        return self.raw

    def entity(self, e: Any, parent_layer: str | None, block_role: Role | None, group: int | None, depth: int) -> None:
        dxftype = e.dxftype()
        layer = e.dxf.layer
        if parent_layer is not None and (layer == "0" or not layer):
            layer = parent_layer
        layer_role, hidden = self.layer(layer)
        if hidden:
            self.raw.hidden[layer] += 1
            return
        if e.dxf.hasattr("invisible") and e.dxf.invisible:
            return
        role = block_role if block_role is not None else layer_role
        src = Source(str(e.dxf.handle or ""), dxftype, group)
        try:
            if dxftype == "LINE":
                s, t = e.dxf.start, e.dxf.end
                if not _finite(s.x, s.y, t.x, t.y):
                    self.raw.nonfinite += 1
                    return
                if (s.x, s.y) != (t.x, t.y):
                    self.raw.segments.append(Segment(s.x, s.y, t.x, t.y, layer, role, src))
            elif dxftype in ("ARC", "CIRCLE"):
                self._arc(e, layer, role, src, dxftype == "CIRCLE")
            elif dxftype == "LWPOLYLINE":
                pts = [(x, y, b) for x, y, b in e.get_points("xyb")]
                self._polyline(e, pts, bool(e.closed), layer, role, src)
            elif dxftype == "POLYLINE":
                if e.is_2d_polyline or e.is_3d_polyline:
                    pts = [(v.dxf.location.x, v.dxf.location.y, v.dxf.bulge if v.dxf.hasattr("bulge") else 0.0) for v in e.vertices]
                    self._polyline(e, pts, bool(e.is_closed), layer, role, src)
                else:
                    self.raw.skipped["POLYLINE (mesh/polyface)"] += 1
            elif dxftype in ("HATCH", "MPOLYGON"):
                self._hatch(e, layer, role, src)
            elif dxftype in ("SOLID", "TRACE"):
                v = [e.dxf.get(f"vtx{i}") for i in range(4)]
                pts = [(p.x, p.y) for p in (v[0], v[1], v[3], v[2]) if p is not None]
                pts = list(dict.fromkeys(pts))
                if len(pts) >= 3 and _finite(*[c for p in pts for c in p]):
                    self.raw.shapes.append(Shape(tuple(pts), (), layer, role, src, "solid"))
            elif dxftype in ("ELLIPSE", "SPLINE"):
                self._curve(e, layer, role, src, dxftype)
            elif dxftype in ("TEXT", "MTEXT", "ATTRIB"):
                self._text(e, layer, role, src)
            elif dxftype == "INSERT":
                self._insert(e, layer, layer_role, block_role, group, depth)
            elif dxftype in SKIPPED_TYPES:
                self.raw.skipped[dxftype] += 1
            else:
                self.raw.skipped[dxftype] += 1
        except (AttributeError, ValueError, ZeroDivisionError, TypeError, IndexError, KeyError) as exc:
            # One malformed entity must not stop the reading: count it, name it in diagnostics.
            self.raw.skipped[f"{dxftype} (malformed: {type(exc).__name__})"] += 1

    # -- entity kinds -----------------------------------------------------------------------
    def _ocs_flip(self, e: Any) -> bool:
        ext = e.dxf.get("extrusion")
        return ext is not None and ext.z < -0.5

    def _arc(self, e: Any, layer: str, role: Role, src: Source, circle: bool) -> None:
        c = e.dxf.center
        r = float(e.dxf.radius)
        if not _finite(c.x, c.y, r) or r <= 0:
            self.raw.nonfinite += 1
            return
        ext = e.dxf.get("extrusion")
        if ext is not None and abs(ext.z) < 0.999:
            self._curve(e, layer, role, src, "ARC")  # tilted OCS: let ezdxf's path do the maths
            return
        if circle:
            start, end = 0.0, 360.0
        else:
            start, end = float(e.dxf.start_angle), float(e.dxf.end_angle)
        cx, cy = c.x, c.y
        if self._ocs_flip(e):
            cx = -cx
            if not circle:
                start, end = (180.0 - end) % 360.0, (180.0 - start) % 360.0
        self.raw.arcs.append(Arc(cx, cy, r, start % 360.0 if not circle else 0.0, end % 360.0 if not circle else 360.0, layer, role, src))
        if circle:
            n = 48
            pts = tuple((cx + r * math.cos(2 * math.pi * i / n), cy + r * math.sin(2 * math.pi * i / n)) for i in range(n))
            self.raw.shapes.append(Shape(pts, (), layer, role, src, "circle"))

    def _polyline(self, e: Any, pts: list[tuple[float, float, float]], closed: bool, layer: str, role: Role, src: Source) -> None:
        from ezdxf.math import bulge_to_arc

        if not pts:
            return
        if not _finite(*[c for p in pts for c in p]):
            self.raw.nonfinite += 1
            return
        if self._ocs_flip(e):
            pts = [(-x, y, -b) for x, y, b in pts]
        n = len(pts)
        has_bulge = any(abs(b) > 1e-9 for _, _, b in pts[: n if closed else n - 1])
        edges = n if closed else n - 1
        for i in range(edges):
            x1, y1, b = pts[i]
            x2, y2, _ = pts[(i + 1) % n]
            if (x1, y1) == (x2, y2):
                continue
            if abs(b) > 1e-9:
                center, a0, a1, radius = bulge_to_arc((x1, y1), (x2, y2), b)
                self.raw.arcs.append(Arc(center.x, center.y, radius, math.degrees(a0) % 360.0, math.degrees(a1) % 360.0, layer, role, src))
            else:
                self.raw.segments.append(Segment(x1, y1, x2, y2, layer, role, src))
        if closed and n >= 3:
            outline = _bulge_outline(pts) if has_bulge else [(x, y) for x, y, _ in pts]
            if len(outline) >= 3:
                self.raw.shapes.append(Shape(tuple(outline), (), layer, role, src, "polyline"))
        elif not has_bulge and n >= 3:
            self.raw.chains.append(Chain(tuple((x, y) for x, y, _ in pts), layer, role, src))

    def _curve(self, e: Any, layer: str, role: Role, src: Source, dxftype: str) -> None:
        from ezdxf import path as ezpath

        if dxftype == "ELLIPSE" and abs(float(e.dxf.ratio) - 1.0) < 1e-3:
            # A circular ellipse (what a non-uniformly scaled block makes of an arc, or vice versa).
            c, major = e.dxf.center, e.dxf.major_axis
            ext = e.dxf.get("extrusion")
            if ext is None or ext.z > 0.999:
                rot = math.degrees(math.atan2(major.y, major.x))
                a0 = math.degrees(float(e.dxf.start_param)) + rot
                a1 = math.degrees(float(e.dxf.end_param)) + rot
                r = math.hypot(major.x, major.y)
                full = abs(float(e.dxf.end_param) - float(e.dxf.start_param)) >= 2 * math.pi - 1e-6
                self.raw.arcs.append(Arc(c.x, c.y, r, 0.0 if full else a0 % 360.0, 360.0 if full else a1 % 360.0, layer, role, src))
                if full:
                    n = 48
                    pts = tuple((c.x + r * math.cos(2 * math.pi * i / n), c.y + r * math.sin(2 * math.pi * i / n)) for i in range(n))
                    self.raw.shapes.append(Shape(pts, (), layer, role, src, "circle"))
                return
        if dxftype == "SPLINE":
            ctrl = list(e.control_points) or list(e.fit_points)
            if len(ctrl) < 2:
                return
            size = max(max(v[0] for v in ctrl) - min(v[0] for v in ctrl), max(v[1] for v in ctrl) - min(v[1] for v in ctrl))
            if size <= 0 or not math.isfinite(size):
                return
            pts = [(v.x, v.y) for v in e.flattening(size * CURVE_TOLERANCE, segments=2)]
        else:
            p = ezpath.make_path(e)
            size = _path_size(p)
            if size <= 0 or not math.isfinite(size):
                return
            pts = [(v.x, v.y) for v in p.flattening(distance=size * CURVE_TOLERANCE, segments=4)]
        if len(pts) < 2:
            return
        closed = math.dist(pts[0], pts[-1]) < size * 1e-6
        if closed and len(pts) >= 4:
            self.raw.shapes.append(Shape(tuple(pts[:-1]), (), layer, role, src, dxftype.lower()))
        for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
            if (x1, y1) != (x2, y2):
                self.raw.segments.append(Segment(x1, y1, x2, y2, layer, role, src))
        if not closed and len(pts) >= 3:
            self.raw.chains.append(Chain(tuple(pts), layer, role, src))

    def _hatch(self, e: Any, layer: str, role: Role, src: Source) -> None:
        from ezdxf import path as ezpath

        rings: list[list[tuple[float, float]]] = []
        for p in ezpath.from_hatch(e):
            size = _path_size(p)
            if size <= 0 or not math.isfinite(size):
                continue
            pts = [(v.x, v.y) for v in p.flattening(distance=size * CURVE_TOLERANCE, segments=4)]
            if len(pts) >= 4 and pts[0] == pts[-1]:
                pts = pts[:-1]
            if len(pts) >= 3:
                rings.append(pts)
        if not rings:
            return
        # The largest ring is the outline; rings inside it are holes; the others separate islands.
        rings.sort(key=lambda r: -abs(_ring_area(r)))
        used = [False] * len(rings)
        for i, outer in enumerate(rings):
            if used[i]:
                continue
            used[i] = True
            holes = []
            for j in range(i + 1, len(rings)):
                if not used[j] and _point_in_ring(rings[j][0], outer):
                    holes.append(tuple(rings[j]))
                    used[j] = True
            self.raw.shapes.append(Shape(tuple(outer), tuple(holes), layer, role, src, "hatch"))

    def block_box(self, name: str) -> tuple[float, float, float, float] | None:
        """Bounding box of a block definition in block coordinates (cached per block)."""
        if name in self._box_cache:
            return self._box_cache[name]
        from ezdxf import bbox

        box = None
        block = self.doc.blocks.get(name)
        if block is not None:
            entities = [x for x in block if x.dxftype() not in ("ATTDEF", "TEXT", "MTEXT", "DIMENSION", "POINT")]
            ext = bbox.extents(entities, fast=True)
            if ext.has_data:
                box = (ext.extmin.x, ext.extmin.y, ext.extmax.x, ext.extmax.y)
        self._box_cache[name] = box
        return box

    def _footprint(self, e: Any, layer: str, role: Role, src: Source) -> None:
        """A fixture/furniture block becomes one shape: its block box placed by the insert transform."""
        box = self.block_box(e.dxf.name)
        if box is None:
            return
        x0, y0, x1, y1 = box
        if x1 - x0 <= 0 or y1 - y0 <= 0:
            return
        m = e.matrix44()
        corners = _transform(m, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
        if _finite(*[c for p in corners for c in p]):
            self.raw.shapes.append(Shape(tuple(corners), (), layer, role, src, "footprint"))

    def _text(self, e: Any, layer: str, role: Role, src: Source) -> None:
        dxftype = e.dxftype()
        if dxftype == "MTEXT":
            text = e.plain_text(split=False)
            h = float(e.dxf.char_height or 1.0)
            x, y = _mtext_center(e, text, h)
            tag = ""
        else:
            text = e.plain_text()
            h = float(e.dxf.height or 1.0)
            x, y = _text_center(e, text, h)
            tag = str(e.dxf.tag) if dxftype == "ATTRIB" else ""
        text = text.strip()
        if not text or not _finite(x, y, h):
            return
        self.raw.texts.append(Text(x, y, text, abs(h), layer, role, src, tag))

    def _insert(self, e: Any, layer: str, layer_role: Role, parent_role: Role | None, group: int | None, depth: int) -> None:
        if depth >= MAX_BLOCK_DEPTH:
            self.raw.skipped["INSERT (nested too deep)"] += 1
            return
        name = e.dxf.name
        ins = e.dxf.insert
        if not _finite(ins.x, ins.y):
            self.raw.nonfinite += 1
            return
        own_role = self.block_role(name)
        if parent_role is not None:
            role: Role | None = parent_role
        elif own_role is not Role.UNKNOWN:
            role = own_role
        elif layer_role in (Role.DOOR, Role.WINDOW, Role.FIXTURE, Role.FURNITURE, Role.STAIR, Role.OPENING, Role.IGNORE, Role.LABEL):
            role = layer_role  # an unnamed block on a door layer is a door
        else:
            role = None  # children keep the roles of their own layers
        if role is Role.IGNORE:
            self.raw.skipped["INSERT (ignored block)"] += 1
            return
        if group is None:
            group = len(self.raw.inserts)
            attribs = []
            for a in e.attribs:
                if a.dxf.hasattr("text") and not (a.dxf.hasattr("invisible") and a.dxf.invisible):
                    attribs.append((str(a.dxf.tag), a.plain_text() if hasattr(a, "plain_text") else str(a.dxf.text)))
                elif a.dxf.hasattr("text"):
                    attribs.append((str(a.dxf.tag), str(a.dxf.text)))
            xs, ys = float(e.dxf.get("xscale", 1.0)), float(e.dxf.get("yscale", 1.0))
            x, rot = ins.x, float(e.dxf.get("rotation", 0.0))
            if self._ocs_flip(e):
                x, xs, rot = -x, -xs, 180.0 - rot
            self.raw.inserts.append(
                Insert(
                    index=group,
                    name=name,
                    layer=layer,
                    role=role if role is not None else (layer_role if layer_role is not Role.UNKNOWN else own_role),
                    x=x,
                    y=ins.y,
                    rotation_deg=rot % 360.0,
                    xscale=xs,
                    yscale=ys,
                    attribs=tuple(attribs),
                    handle=str(e.dxf.handle or ""),
                    block_path=self.nested_block_names(name),
                )
            )
            for a in e.attribs:
                self.entity(a, layer, Role.LABEL if role in (None, Role.UNKNOWN, Role.LABEL) else role, group, depth + 1)
        inserts: Iterable[Any] = e.multi_insert() if e.mcount > 1 else (e,)
        if role in FOOTPRINT_ROLES:
            for single in inserts:
                self._footprint(single, layer, role, Source(str(e.dxf.handle or ""), "INSERT", group))
            return
        for single in inserts:
            for child in single.virtual_entities():
                ctype = child.dxftype()
                if ctype == "ATTDEF":
                    if child.dxf.hasattr("flags") and child.dxf.flags & 2:  # constant attribute: shown
                        self._text(child, layer, role or Role.LABEL, Source("", "ATTDEF", group))
                    continue
                self.entity(child, layer, role, group, depth + 1)


def _transform(m: Any, pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(v.x, v.y) for v in m.transform_vertices([(x, y, 0.0) for x, y in pts])]


def _bulge_outline(pts: list[tuple[float, float, float]]) -> list[tuple[float, float]]:
    """Closed polyline with bulges -> points, arcs flattened every ``ARC_STEP_DEG``."""
    from ezdxf.math import bulge_to_arc

    out: list[tuple[float, float]] = []
    n = len(pts)
    for i in range(n):
        x1, y1, b = pts[i]
        x2, y2, _ = pts[(i + 1) % n]
        out.append((x1, y1))
        if abs(b) > 1e-9 and (x1, y1) != (x2, y2):
            center, a0, a1, r = bulge_to_arc((x1, y1), (x2, y2), b)
            sweep = (a1 - a0) % (2 * math.pi)
            steps = max(1, int(math.degrees(sweep) / ARC_STEP_DEG))
            angles = [a0 + sweep * k / steps for k in range(1, steps)]
            if b < 0:  # clockwise: walk from the end angle back
                angles = angles[::-1]
            out.extend((center.x + r * math.cos(a), center.y + r * math.sin(a)) for a in angles)
    return out


def _path_size(p: Any) -> float:
    try:
        box = p.control_vertices()
    except AttributeError:  # pragma: no cover - older ezdxf
        box = list(p.flattening(1.0))
    if not box:
        return 0.0
    xs = [v.x for v in box]
    ys = [v.y for v in box]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def _ring_area(pts: list[tuple[float, float]]) -> float:
    a = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
        a += x1 * y2 - x2 * y1
    return a / 2.0


def _point_in_ring(pt: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = pt
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if xi > x:
                inside = not inside
    return inside


def _rotate(dx: float, dy: float, deg: float) -> tuple[float, float]:
    a = math.radians(deg)
    return dx * math.cos(a) - dy * math.sin(a), dx * math.sin(a) + dy * math.cos(a)


def _text_center(e: Any, text: str, h: float) -> tuple[float, float]:
    """Visual centre of a TEXT/ATTRIB from its alignment (width estimated at 0.6 h per character)."""
    width = 0.6 * h * max(1, len(text)) * float(e.dxf.get("width", 1.0) or 1.0)
    halign = int(e.dxf.get("halign", 0) or 0)
    valign = int(e.dxf.get("valign", 0) or 0)
    rot = float(e.dxf.get("rotation", 0.0) or 0.0)
    if halign == 0 and valign == 0:
        base = e.dxf.insert
    else:
        base = e.dxf.get("align_point") or e.dxf.insert
    # offset from the base point to the centre, in text coordinates
    dx = {0: width / 2, 1: 0.0, 2: -width / 2, 3: 0.0, 4: 0.0, 5: 0.0}.get(halign, width / 2)
    if halign in (3, 5):  # aligned / fit: the base is the start point
        base = e.dxf.insert
        dx = width / 2
    dy = {0: h / 2, 1: h / 2, 2: 0.0, 3: -h / 2}.get(valign, h / 2)
    if halign == 4:  # middle: centre of the text box
        dy = 0.0
    ox, oy = _rotate(dx, dy, rot)
    return base.x + ox, base.y + oy


def _mtext_center(e: Any, text: str, h: float) -> tuple[float, float]:
    lines = text.split("\n") if text else [""]
    width = float(e.dxf.get("width", 0.0) or 0.0) or 0.6 * h * max(len(line) for line in lines)
    width = min(width, 0.6 * h * max(1, max(len(line) for line in lines)) * 1.2) if width else width
    height = h * (1 + 1.4 * (len(lines) - 1))
    ap = int(e.dxf.get("attachment_point", 1) or 1)
    col = (ap - 1) % 3  # 0 left, 1 centre, 2 right
    row = (ap - 1) // 3  # 0 top, 1 middle, 2 bottom
    dx = (0.5 - col * 0.5) * width
    dy = (-0.5 + row * 0.5) * height
    rot = 0.0
    if e.dxf.hasattr("text_direction"):
        d = e.dxf.text_direction
        rot = math.degrees(math.atan2(d.y, d.x))
    elif e.dxf.hasattr("rotation"):
        rot = float(e.dxf.rotation)
    ox, oy = _rotate(dx, dy, rot)
    ins = e.dxf.insert
    return ins.x + ox, ins.y + oy
