"""The plan model as a plain dict (the ``inspect`` JSON) and as text.

Deterministic: ids in position order, lengths rounded to 1 mm, areas to 0.01 m², WKT in mm
with one decimal.
"""

from __future__ import annotations

from typing import Any

import shapely

from planeval.model.graph import graph_lists
from planeval.model.types import Plan, Recognition
from planeval.report import recognition_text
from planeval.report.paths import display_path
from planeval.version import __version__

SCHEMA_VERSION = 1


def wkt(geom: Any) -> str:
    if geom is None or geom.is_empty:
        return ""
    return shapely.to_wkt(geom, rounding_precision=1, trim=True)


def mm(v: float | None) -> float | None:
    return None if v is None else round(float(v))


def pt(p: tuple[float, float] | None) -> list[float] | None:
    return None if p is None else [round(p[0], 1), round(p[1], 1)]


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    d = plan.source
    nodes, edges = graph_lists(plan.rooms, plan.doors)  # plan.graph's, without networkx
    return {
        "schema_version": SCHEMA_VERSION,
        "planeval_version": __version__,
        "file": {
            "path": display_path(d.path),
            "sha256": d.sha256,
            "dxfversion": d.dxfversion,
            "encoding": d.encoding,
            "binary": d.binary,
            "recovered": d.recovered,
        },
        "profile": d.profile,
        "units": d.units.to_dict(),
        "views": [
            {"index": v.index, "bbox_mm": [round(c) for c in v.bbox], "is_plan": v.is_plan, "kind": v.kind,
             "reason": v.reason}
            for v in plan.views
        ],
        "recognition": recognition_to_dict(plan.recognition),
        "units_in_plan": [
            {"id": u.id, "rooms": list(u.rooms), "entrance_door": u.entrance_door, "label": u.label} for u in plan.units
        ],
        "rooms": [
            {
                "id": r.id,
                "label": r.label,
                "function": r.function,
                "functions": list(r.functions),
                "area_m2": round(r.area_m2, 2),
                "stated_area_m2": None if r.stated_area_m2 is None else round(r.stated_area_m2, 2),
                "unit": r.unit,
                "common": r.common,
                "source": r.source,
                "label_source": r.label_source,
                "number": r.number,
                "function_source": r.function_source,
                "confidence": r.confidence,
                "height_mm": mm(r.height_mm),
                "stated_area_text": r.stated_area_text,
                "polygon": wkt(r.polygon),
            }
            for r in plan.rooms
        ],
        "doors": [
            {
                "id": x.id,
                "kind": str(x.kind),
                "role": str(x.role),
                "leaf_width_mm": mm(x.leaf_width_mm),
                "clear_width_mm": mm(x.clear_width_mm),
                "width_source": x.width_source,
                "rooms": list(x.rooms),
                "swing_room": x.swing_room,
                "hinge": pt(x.hinge),
                "latch": pt(x.latch),
                "block": x.block,
                "layer": x.layer,
                "attributes": dict(x.attributes),
                "confidence": x.confidence,
                "not_judged": x.not_judged,
            }
            for x in plan.doors
        ],
        "windows": [
            {"id": w.id, "width_mm": mm(w.width_mm), "rooms": list(w.rooms), "block": w.block, "layer": w.layer,
             "polygon": wkt(w.polygon)}
            for w in plan.windows
        ],
        "fixtures": [
            {
                "id": f.id,
                "kind": f.kind,
                "room": f.room,
                "movable": f.movable,
                "source": f.source,
                "name": f.name,
                "polygon": wkt(f.polygon),
            }
            for f in plan.fixtures
        ],
        "graph": {
            "nodes": sorted(nodes, key=_node_key),
            "edges": sorted(([a, b, k] for a, b, k in edges), key=lambda e: _node_key(e[2])),
        },
        "diagnostics": [x.to_dict() for x in plan.diagnostics],
    }


def _node_key(n: str) -> tuple[str, int]:
    digits = "".join(ch for ch in n if ch.isdigit())
    return (n.rstrip("0123456789"), int(digits) if digits else 0)


def recognition_to_dict(rec: Recognition) -> dict[str, Any]:
    """The recognition summary as JSON: what share of the drawing the model understood, and its grade."""
    share = rec.room_share
    return {
        "drawing_kind": rec.drawing_kind,
        "kind_reason": rec.kind_reason,
        "grade": rec.grade,
        "score": rec.score,
        "enclosed_m2": round(rec.enclosed_m2, 2),
        "room_m2": round(rec.room_m2, 2),
        "room_share": None if share is None else round(share, 3),
        "rooms": {"total": rec.rooms, "labelled": rec.rooms_labelled, "inferred": rec.rooms_inferred,
                  "without_function": rec.rooms_unlabelled},
        "door_symbols": {"total": rec.door_symbols, "used": rec.door_symbols_used,
                         "unused": rec.door_symbols - rec.door_symbols_used,
                         "unused_at": [[x, y, r] for x, y, r in rec.unused_door_symbols]},
        "texts": {"total": rec.texts, "assigned": rec.texts_assigned, "unassigned": rec.texts - rec.texts_assigned,
                  "unassigned_texts": [{"text": t, "at": [x, y]} for x, y, t in rec.unassigned_texts]},
        "unexplained_linework_m": round(rec.unexplained_m, 1),
        "doors_not_judged": rec.doors_not_judged,
        "notes": list(rec.notes),
    }


def recognition_lines(rec: Recognition, *, indent: str = "  ", lang: str = "en") -> list[str]:
    """The recognition summary as text: one line, then what lowered the grade (:mod:`planeval.report.recognition_text`)."""
    return recognition_text.recognition_lines(rec, lang, indent=indent)


def plan_to_text(plan: Plan, *, verbose: bool = False) -> str:
    d = plan.source
    u = d.units
    lines = [
        f"{d.path}",
        f"  DXF {d.dxfversion}, {d.encoding}{', binary' if d.binary else ''}{', recovered' if d.recovered else ''}; "
        f"profile {d.profile}; units {u.drawing_unit} ({u.source}: 1 unit = {u.mm_per_unit:g} mm)",
        f"  {len(plan.rooms)} rooms, {len(plan.doors)} doors, {len(plan.windows)} windows, "
        f"{len(plan.fixtures)} fixtures/furniture, {len(plan.units)} dwelling unit(s)",
        *recognition_lines(plan.recognition),
        "",
        "  Rooms",
    ]
    for r in plan.rooms:
        stated = f" (drawing says {r.stated_area_m2:.1f})" if r.stated_area_m2 else ""
        height = f", h {r.height_mm / 1000:.2f} m" if r.height_mm else ""
        function = r.function + ("?" if r.function_source == "inferred" else "")
        lines.append(
            f"    {r.id:<5} {r.label[:28] or '(no label)':<28} {function:<10} {r.area_m2:7.2f} m²{stated}{height}"
            f"  {r.unit or ('common' if r.common else '-')}"
        )
    lines += ["", "  Doors"]
    for x in plan.doors:
        swing = f", swings into {x.swing_room}" if x.swing_room else ""
        lines.append(
            f"    {x.id:<5} {x.kind:<8} {x.role:<9} leaf {x.leaf_width_mm:5.0f} mm, "
            f"clear {x.clear_width_mm:5.0f} mm ({x.width_source})"
            f"  {x.rooms[0]} ↔ {x.rooms[1]}{swing}" + (f"  (not judged: {x.not_judged})" if x.not_judged else "")
        )
    if plan.units:
        lines += ["", "  Units"]
        for un in plan.units:
            lines.append(f"    {un.id:<5} rooms {', '.join(un.rooms)}; entrance {un.entrance_door or 'not found'}")
    if verbose:
        lines += ["", "  Windows"] + [f"    {w.id:<5} {w.width_mm:5.0f} mm  {', '.join(w.rooms)}" for w in plan.windows]
        lines += ["", "  Fixtures"] + [f"    {f.id:<5} {f.kind:<16} {f.room or '-'}  {f.name[:40]}" for f in plan.fixtures]
    shown = [x for x in plan.diagnostics if verbose or x.level != "info"]
    if shown:
        lines += ["", "  Diagnostics"]
        for diag in shown:
            count = f" (×{diag.count})" if diag.count > 1 else ""
            lines.append(f"    {diag.level:<7} {diag.code}: {diag.message}{count}")
    return "\n".join(lines) + "\n"
