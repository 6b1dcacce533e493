"""DXF -> :class:`Drawing`: the only part of planeval that knows ezdxf.

``read_drawing(path)`` loads the file (recover mode for damaged files), picks a layer profile,
flattens the modelspace into role-tagged primitives, decides the units and converts everything to
millimetres, and finds the floor-plan view(s). Every guess and repair is a diagnostic.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from planeval.diagnostics import DiagnosticLog
from planeval.errors import InputError
from planeval.perf import gc_paused, quiet_numerics
from planeval.read.containers import BlockContents, plan_block_layers
from planeval.read.drawing import Arc, Chain, Drawing, LayerInfo, Role, Segment, Shape, View
from planeval.read.flatten import Flattener, RawGeometry, layer_of
from planeval.read.load import load_dxf
from planeval.read.profiles import Profile, builtin_profile, detect_profile, load_user_profile
from planeval.read.text import clean
from planeval.read.units import UnitEvidence, UnitSource, decide_units, parse_unit_name
from planeval.read.viewkind import KIND_NAMES
from planeval.read.views import drawing_kind, find_views
from planeval.vocabulary import functions_of

__all__ = ["read_drawing", "Drawing", "Role"]

#: Coordinates beyond this (in mm) are not on Earth: 100 000 km (UTM coordinates in mm are ~1e10).
ABSURD_MM = 1.0e11
#: A plan farther than this (mm) from the drawing origin is measured relative to a local origin (1 km).
LOCAL_ORIGIN_MM = 1.0e6


def read_drawing(
    path: str | Path,
    *,
    profile: str | Path | None = None,
    units: str | None = None,
    encoding: str | None = None,
) -> Drawing:
    """Read a DXF file into a :class:`Drawing` in millimetres. Raises :class:`InputError` on bad input.

    ``profile`` is a built-in profile name or a path to a user TOML profile; ``units`` overrides the
    drawing unit (``mm``, ``cm``, ``m``, ``in``, ``ft``); ``encoding`` overrides text decoding.
    """
    with gc_paused(), quiet_numerics():
        try:
            return _read_drawing(path, profile=profile, units=units, encoding=encoding)
        except InputError as exc:
            if exc.path is None:  # raised deep in the reader (a limit, a block cycle): name the file
                exc.path = str(path)
            raise


def _read_drawing(path: str | Path, *, profile: str | Path | None, units: str | None, encoding: str | None) -> Drawing:
    log = DiagnosticLog()
    override = None
    if units is not None:
        try:
            override = parse_unit_name(units)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    loaded = load_dxf(path, encoding=encoding, log=log)
    doc: Any = loaded.doc  # ezdxf.document.Drawing
    msp = doc.modelspace()
    layer_counts = Counter(layer_of(e) for e in msp)
    if not layer_counts:
        why = ("truncated DXF (no EOF tag) with no entities before the cut" if loaded.truncated
               else "the modelspace is empty: nothing to read")
        raise InputError(why, path)

    # the layers of a plan drawn in a block (a bound xref, a dwelling unit inserted on every floor) count too
    blocks = BlockContents(doc)
    detected, scores = detect_profile(dict(layer_counts + plan_block_layers(doc, blocks)))
    if profile is None:
        prof = builtin_profile(detected)
        ranked = ", ".join(f"{n} {s}" for n, s in sorted(scores.items(), key=lambda kv: -kv[1])[:3])
        log.info("profile-detected", f"layer profile '{detected}' detected (scores: {ranked})")
    elif isinstance(profile, str) and not Path(profile).suffix and not Path(profile).exists():
        prof = builtin_profile(profile)
        log.info("profile-given", f"layer profile '{profile}' as given")
    else:
        prof = load_user_profile(profile, detected)
        log.info("profile-user", f"user profile {profile} (extends {prof.files[1] if len(prof.files) > 1 else detected})")

    raw = Flattener(doc, prof, blocks=blocks).run()
    _report_layers(raw, prof, log)
    if raw.containers:
        named = ", ".join(f"'{n}'" + (f" ×{k}" if k > 1 else "") for n, k in sorted(raw.containers.items())[:5])
        more = f" and {len(raw.containers) - 5} more" if len(raw.containers) > 5 else ""
        log.info("plan-blocks", f"{len(raw.containers)} block(s) holding a plan read as drawn where they are inserted: "
                 f"{named}{more}")
    if raw.nonfinite:
        log.warning("nonfinite-coordinates", f"{raw.nonfinite} entities with infinite or NaN coordinates skipped")

    header = doc.header
    insunits = header.get("$INSUNITS") if "$INSUNITS" in header else None
    imperial_hint = header.get("$MEASUREMENT", 1) == 0 if "$MEASUREMENT" in header else False
    ev = _unit_evidence(raw)
    chosen, notes = decide_units(ev, insunits, imperial_hint=imperial_hint, override=override)
    for level, message in notes:
        log.add(level, "units-" + chosen.source.value, message)  # type: ignore[arg-type]
    if chosen.source is UnitSource.HEADER:
        log.info("units-header", f"units from $INSUNITS: {chosen.drawing_unit} ({chosen.evidence})")

    s = float(chosen.mm_per_unit)  # a Python float: 1e308 × 1000 becomes inf (caught below), not a numpy warning
    _check_absurd(path, raw, s)
    ox, oy = local_origin(raw, s)
    if (ox, oy) != (0.0, 0.0):
        chosen = replace(chosen, origin_mm=(ox, oy))
        log.info("local-origin", f"the plan lies {math.hypot(ox, oy) / 1e6:.0f} km from the drawing origin: "
                 f"measured relative to ({ox / 1000:.0f}, {oy / 1000:.0f}) m (units.origin_mm), so that the "
                 "geometry keeps its millimetres")
    segments = [_place_segment(x, s, ox, oy) for x in raw.segments] if (s, ox, oy) != (1.0, 0.0, 0.0) else raw.segments
    arcs = [_place_arc(x, s, ox, oy) for x in raw.arcs] if (s, ox, oy) != (1.0, 0.0, 0.0) else raw.arcs
    chains = [_place_chain(x, s, ox, oy) for x in raw.chains] if (s, ox, oy) != (1.0, 0.0, 0.0) else raw.chains
    shapes = [_place_shape(x, s, ox, oy) for x in raw.shapes] if (s, ox, oy) != (1.0, 0.0, 0.0) else raw.shapes
    texts = [replace(t, x=t.x * s - ox, y=t.y * s - oy, height=t.height * s) for t in raw.texts] \
        if (s, ox, oy) != (1.0, 0.0, 0.0) else raw.texts
    inserts = [replace(i, x=i.x * s - ox, y=i.y * s - oy) for i in raw.inserts] \
        if (s, ox, oy) != (1.0, 0.0, 0.0) else raw.inserts
    segments, arcs, chains, shapes, dropped = _finite_only(segments, arcs, chains, shapes)
    if dropped:
        log.warning("nonfinite-geometry", f"{dropped} shapes or lines with NaN or infinite points left out")

    label_points = [(t.x, t.y) for t in texts if t.role is not Role.IGNORE and functions_of(t.text, prof.labels)]
    views = find_views(segments, arcs, shapes, label_points, texts, inserts)
    kind, kind_reason = drawing_kind(views, segments, *_symbol_evidence(raw), _wall_m(segments))
    _report_views(views, log)
    if kind != "floor_plan":
        log.warning("not-a-floor-plan", f"the drawing looks like {KIND_NAMES[kind]}: {kind_reason}")

    layers = tuple(
        LayerInfo(name, *_layer_state(prof, raw, name, doc))
        for name in sorted(set(layer_counts) | set(raw.layer_counts) | set(raw.hidden), key=str.lower)
    )
    return Drawing(
        path=Path(path),
        sha256=loaded.sha256,
        dxfversion=clean(str(doc.dxfversion)),
        encoding=loaded.encoding,
        binary=loaded.binary,
        recovered=loaded.recovered,
        units=chosen,
        profile=prof.name,
        segments=tuple(segments),
        arcs=tuple(arcs),
        chains=tuple(chains),
        shapes=tuple(shapes),
        texts=tuple(texts),
        inserts=tuple(inserts),
        layers=layers,
        views=tuple(views),
        diagnostics=log.freeze(),
        layer_profile=prof,
        kind=kind,
        kind_reason=kind_reason,
        xrefs=tuple(sorted(raw.xrefs)),
    )


def _symbol_evidence(raw: RawGeometry) -> tuple[tuple[float, float, float, float] | None, float, float, list[str]]:
    """In drawing units: the extent of the linework, the largest door-like arc, the total line length;
    and the names of the fixture, furniture and door blocks placed (a lone symbol, a symbol library)."""
    pts = [(s.x1, s.y1) for s in raw.segments] + [(s.x2, s.y2) for s in raw.segments]
    pts += [(a.cx + a.r * dx, a.cy + a.r * dy) for a in raw.arcs for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))]
    extent = None
    if pts:
        arr = np.asarray(pts)
        extent = (float(arr[:, 0].min()), float(arr[:, 1].min()), float(arr[:, 0].max()), float(arr[:, 1].max()))
    radius = max((a.r for a in raw.arcs if 60.0 <= a.sweep_deg <= 120.0 and a.role is not Role.IGNORE), default=0.0)
    length = sum(math.hypot(s.x2 - s.x1, s.y2 - s.y1) for s in raw.segments if s.role is not Role.IGNORE)
    blocks = [i.name for i in raw.inserts if i.role in (Role.FIXTURE, Role.FURNITURE, Role.DOOR)]
    return extent, radius, length, blocks


def _wall_m(segments: list[Segment]) -> float:
    return sum(math.hypot(s.x2 - s.x1, s.y2 - s.y1) for s in segments if s.role is Role.WALL) / 1000.0


def _layer_state(prof: Profile, raw: RawGeometry, name: str, doc: object) -> tuple[Role, bool, int, str]:
    role, rule = prof.layer_role(name)
    hidden = raw.hidden.get(name, 0) > 0 or _is_hidden(doc, name)
    return role, hidden, raw.layer_counts.get(name, 0) + raw.hidden.get(name, 0), rule


def _is_hidden(doc: object, name: str) -> bool:
    layers = doc.layers  # type: ignore[attr-defined]
    if not layers.has_entry(name):
        return False
    layer = layers.get(name)
    return bool(layer.is_frozen() or layer.is_off())


def _report_layers(raw: RawGeometry, prof: Profile, log: DiagnosticLog) -> None:
    for layer, count in sorted(raw.hidden.items()):
        log.info("layer-hidden", f"layer '{layer}' is frozen or off: {count} entities ignored", subject=layer)
    unknown = [(layer, n) for layer, n in raw.layer_counts.items()
               if prof.layer_role(layer)[0] is Role.UNKNOWN and layer not in raw.hidden]
    for layer, n in sorted(unknown, key=lambda kv: -kv[1]):
        log.info("layer-role-unknown", f"layer '{layer}' ({n} entities) matches no profile rule; "
                 "its blocks and shapes are judged by their names and geometry", subject=layer)
    for what, n in sorted(raw.skipped.items()):
        log.info("entities-skipped", f"{n} {what} entities not used (no floor-plan meaning)", subject=what)
    for what, n in sorted(raw.proxies.items()):
        log.info("proxy-graphics", f"{n} {what} object{'s' if n > 1 else ''} of another program read from the graphics "
                 "saved with them (proxy graphics): drawn as that program drew them", subject=what)
    for ref, n in sorted(raw.xrefs.items()):
        log.warning("xref-not-bound", f"{n} insert{'s' if n > 1 else ''} of the external reference '{ref}', a drawing that "
                    "is not in this file: what it draws (often the walls or the whole plan) is missing; bind the "
                    "external references in the CAD program before exporting the DXF", subject=ref)


def _unit_evidence(raw: RawGeometry) -> UnitEvidence:
    ev = UnitEvidence()
    for a in raw.arcs:
        if a.role in (Role.DOOR, Role.OPENING) and 75.0 <= a.sweep_deg <= 105.0:
            ev.door_radii.append(a.r)
    for sh in raw.shapes:
        if sh.role is Role.ROOM:
            area = abs(_shoelace(sh.exterior))
            if area > 0:
                ev.room_areas.append(area)
    labels = [t.height for t in raw.texts if t.role is not Role.IGNORE and not t.tag and functions_of(t.text)]
    ev.text_heights = labels
    walls = [s for s in raw.segments if s.role is Role.WALL]
    pts = [(s.x1, s.y1) for s in walls] + [(s.x2, s.y2) for s in walls]
    if len(pts) < 4:
        kept = [s for s in raw.segments if s.role is not Role.IGNORE]
        pts = [(s.x1, s.y1) for s in kept] + [(s.x2, s.y2) for s in kept]
    if len(pts) < 4:
        pts = [p for sh in raw.shapes for p in sh.exterior]
    if len(pts) >= 2:
        arr = np.asarray(pts)
        lo = np.percentile(arr, 2, axis=0)
        hi = np.percentile(arr, 98, axis=0)
        diag = float(np.hypot(*(hi - lo)))
        if diag > 0:
            ev.extent = diag
    return ev


def _shoelace(pts: tuple[tuple[float, float], ...]) -> float:
    a = 0.0
    n = len(pts)
    for i in range(n):
        x1, y1 = pts[i]
        x2, y2 = pts[(i + 1) % n]
        a += x1 * y2 - x2 * y1
    return a / 2.0


def local_origin(raw: RawGeometry, s: float) -> tuple[float, float]:
    """Where the model's (0, 0) lies in the drawing, in mm: (0, 0) for a plan near the drawing origin;
    for one farther than ``LOCAL_ORIGIN_MM`` (georeferenced: UTM northings are ~6.7e9 mm) the median of
    its coordinates rounded to the metre, so that every measurement is made on small numbers and a
    plan measures the same wherever it is drawn."""
    xs = [v for sg in raw.segments for v in (sg.x1, sg.x2)] + [a.cx for a in raw.arcs]
    ys = [v for sg in raw.segments for v in (sg.y1, sg.y2)] + [a.cy for a in raw.arcs]
    if len(xs) < 2:
        pts = [p for sh in raw.shapes for p in sh.exterior] + [(t.x, t.y) for t in raw.texts]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    if not xs:
        return 0.0, 0.0
    mx, my = float(np.median(xs)) * s, float(np.median(ys)) * s
    if max(abs(mx), abs(my)) <= LOCAL_ORIGIN_MM:
        return 0.0, 0.0
    return round(mx / 1000.0) * 1000.0, round(my / 1000.0) * 1000.0


def _place_segment(x: Segment, s: float, ox: float, oy: float) -> Segment:
    return Segment(x.x1 * s - ox, x.y1 * s - oy, x.x2 * s - ox, x.y2 * s - oy, x.layer, x.role, x.src)


def _place_arc(x: Arc, s: float, ox: float, oy: float) -> Arc:
    return Arc(x.cx * s - ox, x.cy * s - oy, x.r * s, x.start_deg, x.end_deg, x.layer, x.role, x.src)


def _place_chain(x: Chain, s: float, ox: float, oy: float) -> Chain:
    return Chain(tuple((px * s - ox, py * s - oy) for px, py in x.points), x.layer, x.role, x.src)


def _place_shape(x: Shape, s: float, ox: float, oy: float) -> Shape:
    return Shape(
        tuple((px * s - ox, py * s - oy) for px, py in x.exterior),
        tuple(tuple((px * s - ox, py * s - oy) for px, py in h) for h in x.holes),
        x.layer, x.role, x.src, x.kind,
    )


def _finite_only(segments: list[Segment], arcs: list[Arc], chains: list[Chain], shapes: list[Shape]
                 ) -> tuple[list[Segment], list[Arc], list[Chain], list[Shape], int]:
    """The primitives whose every coordinate is finite (NaN and inf never reach GEOS), and how many were not."""
    def ok(*v: float) -> bool:
        return all(math.isfinite(c) for c in v)

    seg2 = [x for x in segments if ok(x.x1, x.y1, x.x2, x.y2)]
    arc2 = [x for x in arcs if ok(x.cx, x.cy, x.r, x.start_deg, x.end_deg)]
    chain2 = [x for x in chains if ok(*(c for p in x.points for c in p))]
    shape2 = [x for x in shapes if ok(*(c for p in x.exterior for c in p), *(c for h in x.holes for p in h for c in p))]
    dropped = len(segments) + len(arcs) + len(chains) + len(shapes) - len(seg2) - len(arc2) - len(chain2) - len(shape2)
    return seg2, arc2, chain2, shape2, dropped


def _check_absurd(path: str | Path, raw: RawGeometry, s: float) -> None:
    """Coordinates (in drawing units, ``s`` mm each) beyond ``ABSURD_MM`` are no floor plan in any unit."""
    worst = 0.0
    for sg in raw.segments:
        worst = max(worst, abs(sg.x1), abs(sg.y1), abs(sg.x2), abs(sg.y2))
    for a in raw.arcs:
        worst = max(worst, abs(a.cx) + a.r, abs(a.cy) + a.r)
    for sh in raw.shapes:
        for px, py in sh.exterior:
            worst = max(worst, abs(px), abs(py))
    worst *= s
    if not math.isfinite(worst) or worst > ABSURD_MM:
        raise InputError(
            f"absurd coordinates (up to {worst:.3g} mm from the origin, more than {ABSURD_MM / 1e6:.0f} km): "
            "not a floor plan in any plausible unit",
            path,
        )


def _report_views(views: list[View], log: DiagnosticLog) -> None:
    plans = [v for v in views if v.is_plan]
    for v in views:
        w = (v.bbox[2] - v.bbox[0]) / 1000.0
        h = (v.bbox[3] - v.bbox[1]) / 1000.0
        if not v.is_plan:
            log.info(
                "view-excluded",
                f"drawing at ({v.bbox[0] / 1000:.1f}, {v.bbox[1] / 1000:.1f}) m, {w:.1f} × {h:.1f} m kept out of the rooms: "
                f"{v.reason}",
                subject=f"view{v.index}",
            )
    if len(views) > 1 and plans:
        log.info("views-found", f"{len(views)} separate drawings in the modelspace; {len(plans)} used as floor plan(s)")
