"""Walk the modelspace once and resolve it into role-tagged primitives (in drawing units).

Blocks are flattened with their full transform (rotation, mirroring, non-uniform scale, nesting);
children on layer ``0`` take their INSERT's layer; polyline bulges become arcs; multilines (MLINE)
become the lines, arcs and fills their style draws; hatches, solids and closed polylines become
shapes (outlines: :mod:`planeval.read.outlines`); TEXT/MTEXT/ATTRIB become texts placed at their
visual centre (:mod:`planeval.read.text`). Each entity type has its handler (``Flattener.handlers``);
types without one are counted as skipped. Entities on frozen or off layers are skipped unless the
profile asks for them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from planeval.perf import Limits, exceeded, limits
from planeval.read.budget import Budget, mcount
from planeval.read.containers import BlockContents
from planeval.read.drawing import Arc, Chain, Insert, RawGeometry, Role, Segment, Shape, Source
from planeval.read.outlines import CURVE_TOLERANCE, bulge_outline, control_size, hatch_areas, path_size
from planeval.read.profiles import Profile
from planeval.read.text import clean, name_of, read_text

#: ``handler(entity, layer, role, source)``: adds the primitives of one entity to the raw geometry.
Handler = Callable[[Any, str, Role, Source], None]
#: Blocks with these roles are reduced to their footprint (their detail has no meaning for the plan).
FOOTPRINT_ROLES = frozenset({Role.FIXTURE, Role.FURNITURE, Role.STAIR})
#: What one malformed entity may raise without stopping the reading (ezdxf's DXFError added at run time).
ENTITY_ERRORS: tuple[type[BaseException], ...] = (AttributeError, ValueError, ArithmeticError, TypeError, IndexError, KeyError,
                                                  RecursionError)  # ezdxf's curve subdivision on NaN knots
#: An unnamed block on a layer of these roles takes the layer's role (a block on a door layer is a door).
BLOCK_ROLE_FROM_LAYER = frozenset(
    {Role.DOOR, Role.WINDOW, Role.FIXTURE, Role.FURNITURE, Role.STAIR, Role.OPENING, Role.IGNORE, Role.LABEL}
)


def layer_of(e: Any) -> str:
    """An entity's layer name (:func:`name_of`); an object of another program, the group code 8 of its
    AcDbEntity part; a table entry or object misplaced among the entities has none (ezdxf raises
    DXFAttributeError): it is read as on layer 0 and skipped as of no known type."""
    try:
        return name_of(e.dxf.layer)
    except AttributeError:  # DXFAttributeError is an AttributeError
        pass
    try:  # an object of another program (AEC_WALL …) keeps its tags as they are: the layer in its AcDbEntity part
        return name_of(str(e.xtags.get_subclass("AcDbEntity").get_first_value(8)))
    except (AttributeError, LookupError, ValueError):  # ezdxf's DXFValueError is a ValueError
        return "0"


def _finite(*values: float) -> bool:
    return all(math.isfinite(v) for v in values)


class Flattener:
    """One pass over the modelspace. ``layer_role`` and ``hidden`` are resolved once per layer."""

    def __init__(self, doc: Any, profile: Profile, limit: Limits | None = None, blocks: BlockContents | None = None) -> None:
        from ezdxf.entities.dxfentity import DXFTagStorage
        from ezdxf.lldxf.const import DXFError
        from ezdxf.proxygraphic import ProxyGraphicError

        self.doc = doc
        self.profile = profile
        self.raw = RawGeometry()
        self.limits = limit or limits()
        self.errors: tuple[type[BaseException], ...] = (*ENTITY_ERRORS, DXFError, ProxyGraphicError)
        self.budget = Budget(doc, self.limits)
        self._foreign = DXFTagStorage  # what ezdxf loads an entity type it does not know as
        self._layer_cache: dict[str, tuple[Role, bool]] = {}
        self._block_cache: dict[str, Role] = {}
        self._block_names_cache: dict[str, tuple[str, ...]] = {}
        self._box_cache: dict[str, tuple[float, float, float, float] | None] = {}
        self._hidden_layers: set[str] = set()
        self.blocks = blocks or BlockContents(doc)  # what each block draws (blocks that hold a plan)
        for layer in doc.layers:
            name = name_of(layer.dxf.name)
            if layer.is_frozen() or layer.is_off():
                self._hidden_layers.add(name.lower())
        #: the geometry handler of each entity type (INSERT is traversed apart; any other type is skipped)
        self.handlers: dict[str, Handler] = {
            "LINE": self._line, "ARC": self._arc, "CIRCLE": self._arc, "LWPOLYLINE": self._lwpolyline,
            "POLYLINE": self._polyline_entity, "HATCH": self._hatch, "MPOLYGON": self._hatch, "SOLID": self._solid,
            "TRACE": self._solid, "ELLIPSE": self._curve, "SPLINE": self._curve, "TEXT": self._text, "MTEXT": self._text,
            "ATTRIB": self._text, "MLINE": self._mline,
        }

    # -- roles ------------------------------------------------------------------------------
    def layer(self, name: str) -> tuple[Role, bool]:
        cached = self._layer_cache.get(name)
        if cached is None:
            role, _ = self.profile.layer_role(name)
            hidden = name.lower() in self._hidden_layers and not self.profile.include_hidden_layers
            cached = (role, hidden)
            self._layer_cache[name] = cached
        return cached

    def role_of(self, layer: str) -> Role:
        """The profile's role of ``layer``."""
        return self.layer(layer)[0]

    def nested_block_names(self, name: str, depth: int = 0) -> tuple[str, ...]:
        """Names of the blocks referenced (recursively) inside block ``name``."""
        cached = self._block_names_cache.get(name)
        if cached is not None:
            return cached
        names: list[str] = []
        block = self.doc.blocks.get(name)
        if block is not None and depth < max(1, self.limits.block_depth or 64):
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
            cached, _ = self.profile.block_role(name_of(name))
            if cached is Role.UNKNOWN:
                # Revit and others put the swing in a nested block ("Door Swing 90"): ask the children.
                for child in self.nested_block_names(name):
                    role, _ = self.profile.block_role(name_of(child))
                    if role not in (Role.UNKNOWN, Role.IGNORE, Role.LABEL):
                        cached = role
                        break
            self._block_cache[name] = cached
        return cached

    # -- traversal --------------------------------------------------------------------------
    def run(self) -> RawGeometry:
        cap = self.limits.entities
        for e in self.doc.modelspace():
            self.raw.layer_counts[layer_of(e)] += 1
            self.entity(e, None, None, None, 0)
            if cap and self.raw.primitives() > cap:
                raise exceeded("entities", f"more than {cap:,} primitives after expanding blocks and polylines")
        return self.raw

    def entity(self, e: Any, parent_layer: str | None, block_role: Role | None, group: int | None, depth: int) -> None:
        dxftype = e.dxftype()
        layer = layer_of(e)
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
            if dxftype == "INSERT":
                self._insert(e, layer, layer_role, block_role, group, depth)
            elif (handler := self.handlers.get(dxftype)) is not None:
                handler(e, layer, role, src)
            elif getattr(e, "proxy_graphic", None) and (dxftype == "ACAD_PROXY_ENTITY" or isinstance(e, self._foreign)):
                # an object only its own program knows; the types ezdxf knows (tables, leaders, dimensions) stay out
                self._proxy(e, layer, block_role, group, depth)
            else:  # dimensions, leaders, images, 3D solids …: no plan geometry for us
                self.raw.skipped[dxftype] += 1
        except self.errors as exc:
            # One malformed entity must not stop the reading: count it, name it in diagnostics.
            self.raw.skipped[f"{dxftype} (malformed: {type(exc).__name__})"] += 1

    # -- entity kinds -----------------------------------------------------------------------
    def _ocs_flip(self, e: Any) -> bool:
        ext = e.dxf.get("extrusion")
        return ext is not None and ext.z < -0.5

    def _line(self, e: Any, layer: str, role: Role, src: Source) -> None:
        s, t = e.dxf.start, e.dxf.end
        if not _finite(s.x, s.y, t.x, t.y):
            self.raw.nonfinite += 1
            return
        if (s.x, s.y) != (t.x, t.y):
            self.raw.segments.append(Segment(s.x, s.y, t.x, t.y, layer, role, src))

    def _lwpolyline(self, e: Any, layer: str, role: Role, src: Source) -> None:
        pts = [(x, y, b) for x, y, b in e.get_points("xyb")]
        self._polyline(e, pts, bool(e.closed), layer, role, src)

    def _polyline_entity(self, e: Any, layer: str, role: Role, src: Source) -> None:
        if e.is_2d_polyline or e.is_3d_polyline:
            pts = [(v.dxf.location.x, v.dxf.location.y, v.dxf.bulge if v.dxf.hasattr("bulge") else 0.0) for v in e.vertices]
            self._polyline(e, pts, bool(e.is_closed), layer, role, src)
        else:
            self.raw.skipped["POLYLINE (mesh/polyface)"] += 1

    def _solid(self, e: Any, layer: str, role: Role, src: Source) -> None:
        v = [e.dxf.get(f"vtx{i}") for i in range(4)]
        pts = [(p.x, p.y) for p in (v[0], v[1], v[3], v[2]) if p is not None]
        pts = list(dict.fromkeys(pts))
        if len(pts) >= 3 and _finite(*[c for p in pts for c in p]):
            self.raw.shapes.append(Shape(tuple(pts), (), layer, role, src, "solid"))

    def _mline(self, e: Any, layer: str, role: Role, src: Source) -> None:
        """A multiline (AutoCAD's MLINE, how many draw walls: one entity of parallel lines) as ezdxf renders
        it with its MLINESTYLE (element offsets, scale, justification, caps and joints as lines and arcs,
        a filled style's fill as a HATCH); each piece on the multiline's layer, with its role and source."""
        style = e.style
        elements = max(1, len(style.elements)) if style is not None else 1
        self.budget.curve(len(e.vertices) * (elements + 2), "an MLINE", len(e.vertices))
        for part in e.virtual_entities():
            handler = self.handlers.get(part.dxftype())
            if handler is not None:  # LINE, ARC, HATCH: a multiline renders into nothing else
                handler(part, layer, role, src)

    def _proxy(self, e: Any, layer: str, block_role: Role | None, group: int | None, depth: int) -> None:
        """An object of a program planeval does not know (AutoCAD Architecture's AEC_WALL, AEC_DOOR, AEC_SPACE …,
        an ACAD_PROXY_ENTITY) as the proxy graphics that program saved with it for other readers: its lines,
        arcs, polylines and fills (ezdxf's rendering), each on its own layer or, on layer 0, on the object's."""
        self.budget.curve(len(e.proxy_graphic) // 24, f"the proxy graphics of an {e.dxftype()}", len(e.proxy_graphic), "bytes")
        self.raw.proxies[e.dxftype()] += 1
        for child in e.virtual_entities():
            self.entity(child, layer, block_role, group, depth + 1)

    def _arc(self, e: Any, layer: str, role: Role, src: Source) -> None:
        circle = e.dxftype() == "CIRCLE"
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
        a0, a1 = (0.0, 360.0) if circle else (start % 360.0, end % 360.0)
        self.raw.arcs.append(Arc(cx, cy, r, a0, a1, layer, role, src))
        if circle:
            n = 48
            pts = tuple((cx + r * math.cos(2 * math.pi * i / n), cy + r * math.sin(2 * math.pi * i / n)) for i in range(n))
            self.raw.shapes.append(Shape(pts, (), layer, role, src, "circle"))

    def _polyline(self, e: Any, pts: list[tuple[float, float, float]], closed: bool, layer: str, role: Role, src: Source) -> None:
        from ezdxf.math import bulge_to_arc

        if not pts:
            return
        self.budget.curve(len(pts) * (37 if any(b for _, _, b in pts) else 1), "a polyline", len(pts))
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
                start, end = math.degrees(a0) % 360.0, math.degrees(a1) % 360.0
                self.raw.arcs.append(Arc(center.x, center.y, radius, start, end, layer, role, src))
            else:
                self.raw.segments.append(Segment(x1, y1, x2, y2, layer, role, src))
        if closed and n >= 3:
            outline = bulge_outline(pts) if has_bulge else [(x, y) for x, y, _ in pts]
            if len(outline) >= 3:
                self.raw.shapes.append(Shape(tuple(outline), (), layer, role, src, "polyline"))
        elif not has_bulge and n >= 3:
            self.raw.chains.append(Chain(tuple((x, y) for x, y, _ in pts), layer, role, src))

    def _curve(self, e: Any, layer: str, role: Role, src: Source, dxftype: str | None = None) -> None:
        """ELLIPSE and SPLINE (and a tilted ARC: ``dxftype`` "ARC") as segments, a chain and, closed, a shape."""
        from ezdxf import path as ezpath

        dxftype = dxftype or e.dxftype()

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
                start, end = (0.0, 360.0) if full else (a0 % 360.0, a1 % 360.0)
                self.raw.arcs.append(Arc(c.x, c.y, r, start, end, layer, role, src))
                if full:
                    n = 48
                    ring = tuple((c.x + r * math.cos(2 * math.pi * i / n), c.y + r * math.sin(2 * math.pi * i / n))
                                 for i in range(n))
                    self.raw.shapes.append(Shape(ring, (), layer, role, src, "circle"))
                return
        if dxftype == "SPLINE":
            ctrl = list(e.control_points) or list(e.fit_points)
            if len(ctrl) < 2:
                return
            size = control_size(ctrl)
            if size <= 0 or not math.isfinite(size):
                return
            self.budget.curve(4 * len(ctrl), "a SPLINE", len(ctrl), "control points")
            pts = [(v.x, v.y) for v in e.flattening(size * CURVE_TOLERANCE, segments=2)]
        else:
            p = ezpath.make_path(e)
            size = path_size(p)
            if size <= 0 or not math.isfinite(size):
                return
            self.budget.curve(8 * max(1, len(p)), f"an {dxftype}", len(p), "curve pieces")
            pts = [(v.x, v.y) for v in p.flattening(distance=size * CURVE_TOLERANCE, segments=4)]
        if len(pts) < 2:
            return
        closed = math.dist(pts[0], pts[-1]) < size * 1e-6
        if closed and len(pts) >= 4:
            self.raw.shapes.append(Shape(tuple(pts[:-1]), (), layer, role, src, dxftype.lower()))
        for (x1, y1), (x2, y2) in zip(pts, pts[1:], strict=False):
            if (x1, y1) != (x2, y2):
                self.raw.segments.append(Segment(x1, y1, x2, y2, layer, role, src))
        if not closed and len(pts) >= 3:
            self.raw.chains.append(Chain(tuple(pts), layer, role, src))

    def _hatch(self, e: Any, layer: str, role: Role, src: Source) -> None:
        for outer, holes in hatch_areas(e, self.budget.curve):
            self.raw.shapes.append(Shape(tuple(outer), tuple(tuple(h) for h in holes), layer, role, src, "hatch"))

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
        t = read_text(e, layer, role, src, self.limits.text_chars)
        if t is not None:
            self.raw.texts.append(t)

    def _insert(self, e: Any, layer: str, layer_role: Role, parent_role: Role | None, group: int | None, depth: int) -> None:
        name = e.dxf.name
        ins = e.dxf.insert
        if not _finite(ins.x, ins.y):
            self.raw.nonfinite += 1
            return
        blk = self.doc.blocks.get(name)
        if blk is None:
            self.raw.skipped["INSERT (of a block that is not defined)"] += 1
            return
        head = blk.block
        if head is not None and (head.is_xref or head.is_xref_overlay) and not len(blk):
            # an attached external reference: its drawing is another file, not in this one
            self.raw.xrefs[clean(str(head.dxf.get("xref_path", "") or name_of(name)))] += 1
            return
        if depth == 0:
            self.budget.charge(e, name)
        if parent_role is None and layer_role not in BLOCK_ROLE_FROM_LAYER \
                and self.profile.block_role(name_of(name))[0] is Role.UNKNOWN \
                and self.blocks.holds_plan(name, layer, self.role_of):
            self._container(e, layer, group, depth)
            return
        own_role = self.block_role(name)
        if parent_role is not None:
            role: Role | None = parent_role
        elif own_role is not Role.UNKNOWN:
            role = own_role
        elif layer_role in BLOCK_ROLE_FROM_LAYER:
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
                if self.limits.text_chars and len(a.dxf.get("text", "")) > self.limits.text_chars:
                    raise exceeded("text_chars", f"an ATTRIB of {len(a.dxf.text):,} characters")
                if a.dxf.hasattr("text") and not (a.dxf.hasattr("invisible") and a.dxf.invisible):
                    attribs.append((name_of(str(a.dxf.tag)),
                                    clean(a.plain_text() if hasattr(a, "plain_text") else str(a.dxf.text))))
                elif a.dxf.hasattr("text"):
                    attribs.append((name_of(str(a.dxf.tag)), clean(str(a.dxf.text))))
            xs, ys = float(e.dxf.get("xscale", 1.0)), float(e.dxf.get("yscale", 1.0))
            x, rot = ins.x, float(e.dxf.get("rotation", 0.0))
            if self._ocs_flip(e):
                x, xs, rot = -x, -xs, 180.0 - rot
            self.raw.inserts.append(
                Insert(
                    index=group,
                    name=name_of(name),
                    layer=layer,
                    role=role if role is not None else (layer_role if layer_role is not Role.UNKNOWN else own_role),
                    x=x,
                    y=ins.y,
                    rotation_deg=rot % 360.0,
                    xscale=xs,
                    yscale=ys,
                    attribs=tuple(attribs),
                    handle=str(e.dxf.handle or ""),
                    block_path=tuple(name_of(n) for n in self.nested_block_names(name)),
                )
            )
            for a in e.attribs:
                self.entity(a, layer, Role.LABEL if role in (None, Role.UNKNOWN, Role.LABEL) else role, group, depth + 1)
        inserts: Iterable[Any] = e.multi_insert() if mcount(e) > 1 else (e,)
        if role in FOOTPRINT_ROLES:
            for single in inserts:
                self._footprint(single, layer, role, Source(str(e.dxf.handle or ""), "INSERT", group))
            return
        for single in inserts:
            for child in single.virtual_entities():
                self._child(child, layer, role, group, depth)

    def _child(self, child: Any, layer: str, role: Role | None, group: int | None, depth: int) -> None:
        """One entity of a block an INSERT places (``layer``: the INSERT's; ``role``: the block's, if any)."""
        if child.dxftype() == "ATTDEF":
            if child.dxf.hasattr("flags") and child.dxf.flags & 2:  # constant attribute: shown
                self._text(child, layer, role or Role.LABEL, Source("", "ATTDEF", group))
            return
        self.entity(child, layer, role, group, depth + 1)

    def _container(self, e: Any, layer: str, group: int | None, depth: int) -> None:
        """A block that holds a plan (:mod:`planeval.read.containers`): its content read as if drawn where the
        INSERT puts it, each nested block an insert of its own (inside a symbol, ``group``, it stays that symbol's)."""
        self.raw.containers[name_of(e.dxf.name)] += mcount(e)
        for a in e.attribs:
            self.entity(a, layer, None, group, depth + 1)
        base = str(e.dxf.handle or name_of(e.dxf.name))
        for copy, single in enumerate(e.multi_insert() if mcount(e) > 1 else (e,)):
            for k, child in enumerate(single.virtual_entities()):
                # a handle of its own (the loose parts of a door are told apart by their handles): the INSERT's,
                # the copy of a MINSERT grid, the place in the block
                child.dxf.handle = f"{base}:{copy}:{k}" if copy else f"{base}:{k}"
                if group is None and child.dxftype() != "ATTDEF":
                    child_layer = layer_of(child)
                    self.raw.layer_counts[layer if child_layer == "0" or not child_layer else child_layer] += 1
                self._child(child, layer, None, group, depth)


def _transform(m: Any, pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(v.x, v.y) for v in m.transform_vertices([(x, y, 0.0) for x, y in pts])]
