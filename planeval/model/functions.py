"""Functions of unlabelled rooms, inferred from what stands in them and from their size and position.

A room whose labels name no function (or that has none) gets one when the evidence says so, marked
``function_source = "inferred"`` and ``confidence = "low"`` (on a poorly recognised plan the checks
say needs_review for it):

* fixtures: a bath or shower, or a WC with a basin → bathroom; a WC alone → wc; a kitchen counter
  (sink, hob) → kitchen; a washing machine → laundry; a bed → bedroom; a sofa → living room;
  a wardrobe in a room under 4 m² → storage;
* size and position, without fixtures: a narrow room (under 1.6 m) at least 2.5 times as long as
  wide with three doors or more → hall; a room under 3 m² with one door → storage; then, in a home
  (a bedroom or kitchen, at most one office-like room) with no living room, the largest remaining
  room of 12 m² or more with a door → living room.
"""

from __future__ import annotations

from dataclasses import replace

from planeval.diagnostics import DiagnosticLog
from planeval.geometry import rect_sides
from planeval.model.types import Door, DoorKind, Fixture, Room


def _by_fixtures(kinds: set[str], area_m2: float) -> tuple[tuple[str, ...], str]:
    if kinds & {"bath", "shower"}:
        return ("bathroom",), "a bath or shower"
    if {"wc", "basin"} <= kinds:
        return ("bathroom",), "a WC and a basin"
    if "wc" in kinds:
        return ("wc",), "a WC"
    if "kitchen_counter" in kinds:
        return (("kitchen", "living") if area_m2 >= 20.0 and kinds & {"sofa", "table"} else ("kitchen",)), "a kitchen counter"
    if "washer" in kinds:
        return ("laundry",), "a washing machine"
    if "bed" in kinds:
        return ("bedroom",), "a bed"
    if "sofa" in kinds:
        return ("living",), "a sofa"
    if "wardrobe" in kinds and area_m2 < 4.0:
        return ("storage",), "a wardrobe in a small room"
    return (), ""


def infer_functions(rooms: list[Room], fixtures: list[Fixture], doors: list[Door], log: DiagnosticLog) -> list[Room]:
    """``rooms`` with the functions inferred for those whose labels name none (see the module docstring)."""
    kinds: dict[str, set[str]] = {}
    for f in fixtures:
        if f.room:
            kinds.setdefault(f.room, set()).add(f.kind)
    n_doors = {r.id: 0 for r in rooms}  # counted door by door (rooms × doors would be quadratic)
    real_doors = {r.id: 0 for r in rooms}
    for d in doors:
        for rid in set(d.rooms):
            if rid in n_doors:
                n_doors[rid] += d.rooms[0] != d.rooms[1]
                real_doors[rid] += d.kind is not DoorKind.OPENING
    out: list[Room] = []
    why: dict[str, str] = {}
    for r in rooms:
        if r.function_source:
            out.append(r)
            continue
        functions, because = _by_fixtures(kinds.get(r.id, set()), r.area_m2)
        if not functions:
            short, long = rect_sides(r.polygon.minimum_rotated_rectangle)
            if short < 1600.0 and long >= 2.5 * short and n_doors[r.id] >= 3:
                functions, because = ("hall",), f"{short / 1000:.1f} m wide and {n_doors[r.id]} doors"
            elif r.area_m2 < 3.0 and n_doors[r.id] == 1 and real_doors[r.id] == 1 and not kinds.get(r.id):
                functions, because = ("storage",), f"{r.area_m2:.1f} m² behind one door"
        if functions:
            r = replace(r, function=functions[0], functions=functions, function_source="inferred", confidence="low")
            why[r.id] = because
        out.append(r)
    home = any(set(r.functions) & {"bedroom", "kitchen"} for r in out)
    elsewhere = sum(1 for r in out if r.function_source and r.functions == ("other",))  # offices, studies …
    if home and elsewhere <= 1 and not any("living" in r.functions for r in out):
        spare = [r for r in out if not r.function_source and r.area_m2 >= 12.0 and n_doors[r.id] >= 1]
        if spare:
            big = max(spare, key=lambda r: r.area_m2)
            out = [replace(r, function="living", functions=("living",), function_source="inferred", confidence="low")
                   if r.id == big.id else r for r in out]
            why[big.id] = f"the largest room ({big.area_m2:.1f} m²) of a plan with no living room"
    for rid, because in why.items():
        r = next(x for x in out if x.id == rid)
        log.info("function-inferred", f"room {rid}: function '{r.function}' inferred from {because} (no label says)",
                 subject=rid)
    return out
