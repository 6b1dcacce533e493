"""Plans built directly from model objects, for check tests (no DXF involved).

    plan = make_plan(
        rooms=[room("R1", box(0, 0, 3000, 4000), "living"), room("R2", box(3100, 0, 5000, 2500), "bathroom")],
        doors=[hinged("D1", hinge=(3000, 500), latch=(3000, 1400), swing_into="R2", rooms=("R1", "R2"))],
        fixtures=[fixture("F1", "wc", box(4600, 0, 5000, 700), "R2")],
    )

Units, door roles and the entrance are derived as the model does (``find_units``/``door_roles``),
and so are the facts doors and fixtures carry from their attributes (``model.attributes``, with the
plain profile's door tags). A door to "outside" is the entrance unless told otherwise.
"""

from __future__ import annotations

import math

import numpy as np
from shapely.geometry import Polygon, box

from planeval.diagnostics import DiagnosticLog
from planeval.geometry import sector
from planeval.model.attributes import with_door_facts, with_fixture_facts
from planeval.model.graph import door_roles, find_units
from planeval.model.types import OUTSIDE, Door, DoorKind, Fixture, Plan, Room, SourceInfo, Window
from planeval.read.profiles import builtin_profile
from planeval.read.units import Units, UnitSource

__all__ = ["make_plan", "room", "hinged", "sliding", "opening", "fixture", "window", "box", "OUTSIDE"]

FIXED = {"wc", "basin", "shower", "bath", "kitchen_counter", "washer", "wardrobe", "stair", "fixture"}


def room(rid: str, poly: Polygon, function: str, label: str | None = None, common: bool = False) -> Room:
    return Room(rid, poly, label or function.capitalize(), function, (function,), "walls", "text", common=common)


def hinged(did: str, hinge, latch, swing_into: str, rooms: tuple[str, str], open_side: int = 1, clear: float | None = None,
           attributes: tuple[tuple[str, str], ...] = ()) -> Door:
    """A hinged door; the leaf opens to the left (+1) or right (-1) of hinge→latch."""
    r = math.dist(hinge, latch)
    a_latch = math.degrees(math.atan2(latch[1] - hinge[1], latch[0] - hinge[0]))
    a_open = a_latch + 90 * open_side
    start = a_latch if open_side > 0 else a_open
    swing = sector(hinge, r, start, 90)
    open_end = (hinge[0] + r * math.cos(math.radians(a_open)), hinge[1] + r * math.sin(math.radians(a_open)))
    return Door(did, DoorKind.HINGED, tuple(hinge), tuple(latch), r, clear if clear is not None else r - 65, "swing", rooms,
                swing_into, swing, attributes=attributes, leaves=((tuple(hinge), tuple(latch)),), open_ends=(open_end,))


def sliding(did: str, a, b, rooms: tuple[str, str]) -> Door:
    w = math.dist(a, b)
    return Door(did, DoorKind.SLIDING, tuple(a), tuple(b), w, w - 40, "opening", rooms, None, None)


def opening(did: str, a, b, rooms: tuple[str, str]) -> Door:
    w = math.dist(a, b)
    return Door(did, DoorKind.OPENING, tuple(a), tuple(b), w, w, "opening", rooms, None, None)


def fixture(fid: str, kind: str, poly: Polygon, room_id: str | None) -> Fixture:
    return Fixture(fid, kind, poly, room_id, "block", kind.upper(), kind not in FIXED)


def window(wid: str, poly: Polygon, rooms: tuple[str, ...]) -> Window:
    c = list(poly.exterior.coords)
    width = max(math.dist(c[0], c[1]), math.dist(c[1], c[2]))
    return Window(wid, poly, width, rooms)


def make_plan(rooms: list[Room], doors: list[Door] = (), fixtures: list[Fixture] = (), windows: list[Window] = ()) -> Plan:
    log = DiagnosticLog()
    doors = list(doors)
    unit_of, units = find_units(list(rooms), doors, log)
    rooms = [Room(**{**r.__dict__, "unit": unit_of.get(r.id)}) for r in rooms]
    roles, units = door_roles({r.id: r for r in rooms}, doors, units)
    conv = builtin_profile("plain").doors
    assert conv is not None
    doors = [with_door_facts(Door(**{**d.__dict__, "role": roles[d.id]}), conv) for d in doors]
    fixtures = [with_fixture_facts(f) for f in fixtures]
    source = SourceInfo("test.dxf", "0" * 64, "AC1032", "utf-8", False, False, Units("mm", 1.0, UnitSource.HEADER, 4), "plain")
    return Plan(source, tuple(rooms), tuple(doors), tuple(windows), tuple(fixtures), tuple(units), Polygon(),
                log.freeze(), np.zeros((0, 4)))
