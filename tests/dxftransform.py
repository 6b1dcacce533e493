"""Redraw a DXF moved, turned, mirrored or in another unit, with ezdxf, for the invariance tests.

``rigid(src, dst, angle_deg, dx, dy, mirror)`` applies one rigid motion (mirror in x first, then
the rotation about the origin, then the offset in drawing units) to every modelspace entity with
``entity.transform`` — ezdxf moves OCS entities (arcs, polylines, texts, inserts) correctly, so a
mirrored TEXT gets extrusion (0, 0, −1) exactly as a CAD program writes it. ``rescale(src, dst,
unit)`` redraws the plan in m, cm or inches: every entity of the modelspace *and* of every block
is scaled about its own origin and ``$INSUNITS`` says the new unit, so blocks are drawn in the new
unit too rather than inserted at scale 0.001. ``redrawn(src, dst)`` draws the same plan in another
order: every LINE from its other end, every closed polyline from another vertex and the other way
round, and the modelspace's entities in reverse order (what a re-export or a copy-paste may do).
``split_lines(src, dst, parts)`` draws every LINE as collinear pieces end to end. ``wrapped(src, dst,
places)`` moves the whole modelspace into one block and inserts it at each of ``places`` (a plan
bound or pasted as a block; a dwelling unit drawn once and inserted twice, the second copy turned or
mirrored). ``exploded(src, dst, names)`` explodes the INSERTs of the named blocks in place (their
layer-``0`` linework stays on layer ``0``, as AutoCAD's EXPLODE leaves it). ``on_one_layer(src, dst)``
puts every modelspace entity on layer ``0`` (an export that drops the layers; blocks stay as drawn).
"""

from __future__ import annotations

from pathlib import Path

#: unit -> ($INSUNITS, millimetres per unit)
UNITS = {"m": (6, 1000.0), "cm": (5, 10.0), "in": (1, 25.4), "mm": (4, 1.0)}


def rigid(src: Path, dst: Path, angle_deg: float = 0.0, dx: float = 0.0, dy: float = 0.0, mirror: bool = False,
          mm_per_unit: float = 1.0) -> int:
    """Write ``src`` moved by a rigid motion to ``dst`` (the offset ``dx``, ``dy`` in mm, the drawing in
    ``mm_per_unit``); returns how many entities had to be dropped."""
    import ezdxf
    from ezdxf.math import Matrix44

    doc = ezdxf.readfile(src)
    m = Matrix44.scale(-1.0, 1.0, 1.0) if mirror else Matrix44()
    m = m @ Matrix44.z_rotate(angle_deg * 3.141592653589793 / 180.0) @ Matrix44.translate(dx / mm_per_unit, dy / mm_per_unit, 0.0)
    msp = doc.modelspace()
    dropped = 0
    for e in list(msp):
        try:
            e.transform(m)
        except (NotImplementedError, ValueError, ArithmeticError):
            msp.delete_entity(e)
            dropped += 1
    doc.saveas(dst)
    return dropped


def redrawn(src: Path, dst: Path) -> int:
    """Write ``src`` drawn in another order to ``dst`` (see the module docstring); returns how many
    entities were changed or moved."""
    import ezdxf

    doc = ezdxf.readfile(src)
    msp = doc.modelspace()
    entities = list(msp)
    for e in entities:
        if e.dxftype() == "LINE":
            e.dxf.start, e.dxf.end = e.dxf.end, e.dxf.start
        elif e.dxftype() == "LWPOLYLINE" and e.closed:
            pts = list(e.get_points("xyseb"))
            if len(pts) >= 3 and not any(p[4] for p in pts):  # bulges would have to be turned round as well
                k = len(pts) // 2
                e.set_points((pts[k:] + pts[:k])[::-1], format="xyseb")
    for e in entities:
        msp.unlink_entity(e)
    for e in reversed(entities):
        msp.add_entity(e)
    doc.saveas(dst)
    return len(entities)


def split_lines(src: Path, dst: Path, parts: int = 2) -> int:
    """Write ``src`` with every modelspace LINE drawn as ``parts`` collinear lines end to end (an export that
    breaks lines where others cross them, or a drawing patched piece by piece); returns how many lines were split."""
    import ezdxf

    doc = ezdxf.readfile(src)
    msp = doc.modelspace()
    lines = [e for e in msp if e.dxftype() == "LINE"]
    for e in lines:
        a, b = e.dxf.start, e.dxf.end
        pts = [a + (b - a) * (k / parts) for k in range(parts + 1)]
        attribs = {k: v for k, v in e.dxfattribs().items() if k not in ("handle", "owner", "start", "end")}
        for p, q in zip(pts, pts[1:], strict=False):
            msp.add_line(p, q, dxfattribs=attribs)
        msp.delete_entity(e)
    doc.saveas(dst)
    return len(lines)


def wrapped(src: Path, dst: Path, places: list[tuple[float, float, float, bool]]) -> int:
    """Write ``src`` with its whole modelspace in one block, inserted at each (x, y, rotation°, mirrored) of
    ``places`` (x, y in drawing units; the first place puts the plan back where it was drawn); returns how
    many entities the block holds."""
    import math

    import ezdxf
    from ezdxf.math import Matrix44

    doc = ezdxf.readfile(src)
    msp = doc.modelspace()
    block = doc.blocks.new("PLAN-WRAPPED")
    x0, y0, rot0, mirror0 = places[0]
    to_block = Matrix44.translate(-x0, -y0, 0.0) @ Matrix44.z_rotate(-math.radians(rot0))
    if mirror0:
        to_block = to_block @ Matrix44.scale(-1.0, 1.0, 1.0)
    entities = list(msp)
    for e in entities:
        msp.unlink_entity(e)
        e.transform(to_block)
        block.add_entity(e)
    for x, y, rot, mirror in places:
        msp.add_blockref("PLAN-WRAPPED", (x, y), dxfattribs={"rotation": rot, "xscale": -1.0 if mirror else 1.0})
    doc.saveas(dst)
    return len(entities)


def exploded(src: Path, dst: Path, names: set[str]) -> int:
    """Write ``src`` with every modelspace INSERT of a block named in ``names`` exploded; returns how many."""
    import ezdxf

    doc = ezdxf.readfile(src)
    inserts = [e for e in doc.modelspace().query("INSERT") if e.dxf.name in names]
    for e in inserts:
        e.explode()
    doc.saveas(dst)
    return len(inserts)


def open_polylines_exploded(src: Path, dst: Path) -> int:
    """Write ``src`` with every open modelspace polyline drawn as separate lines and arcs (what a PDF conversion
    or EXPLODE leaves of a swing drawn in straight pieces); returns how many polylines."""
    import ezdxf

    doc = ezdxf.readfile(src)
    polylines = [e for e in doc.modelspace().query("LWPOLYLINE POLYLINE") if not e.is_closed]
    for e in polylines:
        e.explode()
    doc.saveas(dst)
    return len(polylines)


def rescale(src: Path, dst: Path, unit: str, mm_per_unit: float = 1.0) -> int:
    """Write ``src`` (drawn in ``mm_per_unit``) redrawn in ``unit``; returns how many entities had to be dropped."""
    import ezdxf
    from ezdxf.math import Matrix44

    code, mm = UNITS[unit]
    doc = ezdxf.readfile(src)
    s = mm_per_unit / mm
    m = Matrix44.scale(s, s, s)
    dropped = 0
    layouts = [b for b in doc.blocks if not b.name.lower().startswith("*paper_space")]  # *Model_Space included
    for layout in layouts:
        for e in list(layout):
            if e.dxftype() == "INSERT":
                e.dxf.insert = e.dxf.insert * s  # the block is redrawn in the unit: the insert keeps its scale
                for a in e.attribs:
                    a.transform(m)
                continue
            try:
                e.transform(m)
            except (NotImplementedError, ValueError, ArithmeticError):
                layout.delete_entity(e)
                dropped += 1
    for b in doc.blocks:
        if b.block is not None:
            b.block.dxf.base_point = b.block.dxf.base_point * s
    doc.header["$INSUNITS"] = code
    doc.header["$MEASUREMENT"] = 0 if unit == "in" else 1
    doc.saveas(dst)
    return dropped


def on_one_layer(src: Path, dst: Path) -> int:
    """Write ``src`` with every modelspace entity on layer ``0`` to ``dst``; returns how many moved. What was on a
    frozen or switched-off layer is left out: on one layer it would be shown, and the drawing would be another
    (korttid-40-iso keeps a frozen design alternative of its inner walls)."""
    import ezdxf

    doc = ezdxf.readfile(src)
    hidden = {layer.dxf.name.lower() for layer in doc.layers if layer.is_frozen() or layer.is_off()}
    msp = doc.modelspace()
    for e in [e for e in msp if e.dxf.layer.lower() in hidden]:
        msp.delete_entity(e)
    moved = 0
    for e in msp:
        if e.dxf.layer != "0":
            e.dxf.layer = "0"
            moved += 1
    doc.saveas(dst)
    return moved


def relayered(src: Path, dst: Path, moves: dict[str, str]) -> int:
    """Write ``src`` with its modelspace entities on the layers named in ``moves`` put on the layer each maps to
    (the windows drawn on the wall layer, say); returns how many moved."""
    import ezdxf

    doc = ezdxf.readfile(src)
    moved = 0
    for e in doc.modelspace():
        if e.dxf.layer in moves:
            e.dxf.layer = moves[e.dxf.layer]
            moved += 1
    doc.saveas(dst)
    return moved


def fingerprint(plan: object, report: object) -> dict[str, list]:
    """What must not change when a plan is moved, turned, mirrored or redrawn in another unit: the
    rooms (function, label, area to 0.01 m²), the doors (kind, clear width to 1 mm), the counts of
    windows, fixtures and units, and every finding (code, status, measured value). Ids are left out:
    they are ordered by position, which a rotation changes."""
    rooms = sorted((r.function, r.label, round(r.area_m2, 2)) for r in plan.rooms)  # type: ignore[attr-defined]
    doors = sorted((str(d.kind), round(d.clear_width_mm)) for d in plan.doors)  # type: ignore[attr-defined]
    counts = [len(plan.windows), len(plan.fixtures), len(plan.units)]  # type: ignore[attr-defined]
    findings = sorted((
        (f.code, str(f.result.status), f.result.unit,
         None if f.result.measured is None else round(f.result.measured, 2 if f.result.unit == "m²" else 0))
        for f in report.findings  # type: ignore[attr-defined]
    ), key=lambda x: (x[:3], x[3] is not None, x[3] or 0.0))  # a finding measured (a number) beside one not (None)
    return {"rooms": rooms, "doors": doors, "counts": counts, "findings": findings}


def differences(a: dict[str, list], b: dict[str, list], mm_tol: float = 1.0) -> list[str]:
    """The differences between two fingerprints beyond their resolution: 0.01 m² for areas, 1 mm for
    door widths, ``mm_tol`` for measured lengths, 1 for other measured values (N, counts)."""
    out: list[str] = []
    if a["counts"] != b["counts"]:
        out.append(f"counts (windows, fixtures, units) {a['counts']} → {b['counts']}")
    for key in ("rooms", "doors", "findings"):
        xs, ys = a[key], b[key]
        if len(xs) != len(ys):
            out.append(f"{key}: {len(xs)} → {len(ys)}: lost {_minus(xs, ys, mm_tol)[:6]}, gained {_minus(ys, xs, mm_tol)[:6]}")
            continue
        out += [f"{key}: {x} → {y}" for x, y in zip(xs, ys, strict=True) if not _close(x, y, mm_tol)]
    return out


def _tolerance(x: tuple, mm_tol: float) -> float:
    if len(x) == 3 and isinstance(x[2], float):  # a room: (function, label, area m²)
        return 0.01
    if len(x) == 4:  # a finding: (code, status, unit, measured)
        return 0.01 if x[2] == "m²" else mm_tol if x[2] == "mm" else 1.0
    return 1.0  # a door: (kind, clear width mm)


def _close(x: tuple, y: tuple, mm_tol: float = 1.0) -> bool:
    if len(x) != len(y) or x[:-1] != y[:-1]:
        return False
    u, v = x[-1], y[-1]
    if u is None or v is None:
        return u == v
    return abs(u - v) <= _tolerance(x, mm_tol) + 1e-9


def _minus(xs: list, ys: list, mm_tol: float) -> list:
    rest = list(ys)
    out = []
    for x in xs:
        match = next((i for i, y in enumerate(rest) if _close(x, y, mm_tol)), None)
        if match is None:
            out.append(x)
        else:
            rest.pop(match)
    return out
