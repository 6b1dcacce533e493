"""Layout model: rooms as interior polygons, doors, windows, fixtures and defects.

All coordinates are local millimetres (x east, y north).  Walls are not part of the model:
:func:`samplegen.build.build` derives them from the gaps between the rooms.

The vocabularies below are the generator's own copies (the samples are an oracle for
planeval and must not share code with it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Pt = tuple[float, float]

FUNCTIONS = ("living", "kitchen", "bedroom", "bathroom", "wc", "entrance", "hall",
             "storage", "laundry", "balcony", "technical", "other")
FIXTURE_KINDS = ("wc", "basin", "shower", "bath", "kitchen_counter", "washer", "bed",
                 "wardrobe", "sofa", "table")
RULES = ("turning-space", "door-clear-width", "door-side-space", "passage-width",
         "wheelchair-reachability", "wc-clearance", "shower-access", "bed-placement",
         "kitchen-front-space", "storage-area", "main-functions", "balcony-turning", "accessible-share")
DOOR_KINDS = ("hinged", "double", "sliding", "opening")
BED_VARIANTS = ("double", "single", "care")
MODULES = {725: "M8", 825: "M9", 925: "M10"}
SIDES: dict[str, Pt] = {"N": (0.0, 1.0), "S": (0.0, -1.0), "E": (1.0, 0.0), "W": (-1.0, 0.0)}
FACING_ROT = {"S": 0.0, "E": 90.0, "N": 180.0, "W": 270.0}   # block front is -Y
MAX_WALL_GAP = 320.0       # rooms closer than this are separated by a wall
CLOSE_R = MAX_WALL_GAP / 2
HINGED_STOP_MM = 65        # leaf - clear width for hinged leaves (stop + leaf thickness)
SLIDING_STOP_MM = 40       # opening - clear width for sliding leaves
LEAF_T = 40                # leaf thickness drawn in door symbols
CORRIDOR = "CORRIDOR"      # placeholder for the common corridor in unit templates


def door_attrs(d: Door) -> dict[str, str]:
    """Revit door block attributes (only for doors with attrs=True)."""
    return {"WIDTH": str(d.leaf * (2 if d.kind == "double" else 1)),
            "CLEAR_WIDTH": str(clear_width(d.kind, d.leaf)),
            "THRESHOLD": "15" if d.b == "outside" or d.entrance else "0"}


def clear_width(kind: str, leaf: int) -> int:
    """Free width (mm) of a door at maximum opening, as used in the expected files."""
    if kind == "hinged":
        return leaf - HINGED_STOP_MM
    if kind == "double":
        return 2 * leaf - 2 * HINGED_STOP_MM
    if kind == "sliding":
        return leaf - SLIDING_STOP_MM
    return leaf


@dataclass(frozen=True)
class Room:
    """A room: its interior polygon (inside the wall faces) and what it is for."""
    key: str                      # unique in the layout (unit prefix in multi-unit plans)
    name: str                     # label as an architect writes it (unique within its unit)
    function: str                 # canonical function, see FUNCTIONS
    poly: tuple[Pt, ...]          # interior polygon, local mm
    unit: str | None = "A"        # None = common area
    also: tuple[str, ...] = ()    # further functions of a combined room
    label_at: Pt | None = None    # label position (default: polygon centre)


@dataclass(frozen=True)
class Door:
    """A door (or opening) in the wall between room a and room b (or the outside)."""
    a: str                        # room key
    b: str                        # room key or "outside"
    at: float                     # low end of the opening along the wall (local mm)
    leaf: int                     # leaf width = swing radius = opening width (mm)
    swing: str                    # room key (or "outside") the leaf swings into / slides on
    hinge: str = "low"            # hinge at the "low" or "high" end of the opening
    kind: str = "hinged"          # hinged | double | sliding | opening
    side: str | None = None       # N/S/E/W side of room a, for doors to the outside
    entrance: bool = False        # unit (or building) entrance
    attrs: bool = False           # Revit: WIDTH / CLEAR_WIDTH / THRESHOLD attributes


@dataclass(frozen=True)
class Window:
    """A window in the exterior wall on one side of a room."""
    room: str
    side: str                     # N/S/E/W exterior wall of the room
    at: float                     # low end of the opening along the wall
    width: int


@dataclass(frozen=True)
class Fixture:
    """A sanitary fixture, kitchen counter or piece of furniture (its footprint)."""
    kind: str
    room: str
    rect: tuple[float, float, float, float]   # x0, y0, x1, y1 local mm
    facing: str = "S"             # direction the front faces (back against a wall)
    variant: str | None = None    # beds: double | single | care


@dataclass(frozen=True)
class Defect:
    """A rule the plan is meant to break (stated in the expected file)."""
    rule: str
    subject: str
    note: str
    unit: str | None = "A"
    consequential: bool = False   # follows from another defect; depends on parameters
    ruleset: str = "tek17"        # the bundled rule set under which the defect shows


@dataclass(frozen=True)
class Layout:
    """One sample: a floor plan, the dialect it is written in and its intended defects."""
    name: str
    dialect: str
    unit_type: str
    description: str
    rooms: tuple[Room, ...]
    doors: tuple[Door, ...]
    windows: tuple[Window, ...]
    fixtures: tuple[Fixture, ...]
    defects: tuple[Defect, ...] = ()
    units: tuple[tuple[str, str], ...] = (("A", ""),)   # (id, unit type)
    ext_wall: int = 300
    rotation_deg: float = 0.0
    offset: Pt = (0.0, 0.0)
    title: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class UnitPlan:
    """A unit template (corridor on its south side at y = 0) or a placed copy of one."""
    rooms: tuple[Room, ...]
    doors: tuple[Door, ...]
    windows: tuple[Window, ...]
    fixtures: tuple[Fixture, ...]


def rect_room(key: str, name: str, fn: str, x0: float, y0: float, x1: float, y1: float,
              **kw: Any) -> Room:
    """A rectangular room from its interior corners."""
    return Room(key, name, fn, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), **kw)
