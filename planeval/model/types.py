"""The plan model: rooms, doors, windows, fixtures and dwelling units in millimetres.

Frozen dataclasses holding shapely geometry. Ids are stable for a given drawing (ordered by
position) and are the vocabulary shared by ``inspect``, ``check``, ``area`` and ``diff``.
A :class:`Plan` is self-sufficient: reports and checks need nothing from the reader's drawing
(where it came from is :class:`SourceInfo`, its linework :class:`Background`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from planeval.diagnostics import Diagnostic
from planeval.read.units import Units

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from planeval.read.drawing import Drawing, LayerInfo, View

OUTSIDE = "outside"


@dataclass(frozen=True)
class SourceInfo:
    """Where a plan came from: what every report prints about its input."""

    path: str  # as given (reports print it relative to the working directory)
    sha256: str
    dxfversion: str
    encoding: str
    binary: bool
    recovered: bool
    units: Units
    profile: str  # the layer profile used (built-in name or file)

    @property
    def name(self) -> str:
        """The file name, which names the plan's units across several plans."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    @classmethod
    def of(cls, drawing: Drawing) -> SourceInfo:
        return cls(str(drawing.path), drawing.sha256, drawing.dxfversion, drawing.encoding, drawing.binary,
                   drawing.recovered, drawing.units, drawing.profile)


@dataclass(frozen=True)
class Background:
    """The drawing's own linework (everything not on an ignored layer) in mm, for reports to draw under the model."""

    segments: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))  # (n, 4) x1 y1 x2 y2
    arcs: tuple[tuple[float, float, float, float, float], ...] = ()  # cx, cy, r, start_deg, end_deg (ccw; a circle 0..360)
    plan_boxes: tuple[tuple[float, float, float, float], ...] = ()  # bounding boxes of the floor-plan views
    #: per segment: what the model made of it (see ``LINE_*``); empty when not measured
    segment_state: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))


#: :attr:`Background.segment_state`: the line bounds a room or draws a recognised object,
LINE_EXPLAINED = 0
#: it lies in a floor-plan view and bounds no room and draws nothing recognised,
LINE_UNEXPLAINED = 1
#: it lies outside the floor-plan views (another drawing of the sheet, kept out of the rooms).
LINE_OTHER_VIEW = 2


@dataclass(frozen=True)
class Recognition:
    """How much of the drawing the model understood: the recognition summary of every report.

    ``grade`` is A (nearly everything understood) to E (little); ``F`` when the drawing holds no
    floor plan of rooms (``drawing_kind`` says what it looks like) and ``""`` when not measured
    (a plan built by hand). ``notes`` say what lowered the grade, most important first.
    """

    drawing_kind: str = "floor_plan"  # floor_plan | elevation | section | framing | grid | site | symbols | empty
    kind_reason: str = ""
    grade: str = ""
    score: float | None = None
    enclosed_m2: float = 0.0  # floor enclosed by the plan's outer walls (rooms or not)
    room_m2: float = 0.0
    rooms: int = 0
    rooms_labelled: int = 0  # function from a label, a room tag or the room layer
    rooms_inferred: int = 0  # function inferred from fixtures, size and position
    rooms_unlabelled: int = 0  # function unknown
    door_symbols: int = 0  # swings and door blocks in the floor-plan views
    door_symbols_used: int = 0
    texts: int = 0  # room-like texts in the floor-plan views (names, areas, heights)
    texts_assigned: int = 0
    unexplained_m: float = 0.0  # linework in the floor-plan views that bounds no room and draws nothing recognised
    doors_not_judged: int = 0  # doors kept out of the checks (outside on both sides, one room on both sides)
    unused_door_symbols: tuple[tuple[float, float, float], ...] = ()  # (x, y, radius) in mm
    unassigned_texts: tuple[tuple[float, float, str], ...] = ()  # (x, y, text) in mm
    notes: tuple[str, ...] = ()
    #: the notes as (key, ((field, value), …)) for the reports' own words (``recognition.NOTE_TEXTS``)
    reasons: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = ()

    @property
    def room_share(self) -> float | None:
        """Share of the enclosed floor area that became rooms (None when nothing is enclosed)."""
        if self.enclosed_m2 <= 0:
            return None
        return min(1.0, self.room_m2 / self.enclosed_m2)

    @property
    def is_floor_plan(self) -> bool:
        return self.drawing_kind == "floor_plan"

    def below(self, grade: str) -> bool:
        """Whether this plan is graded below ``grade`` (a plan never graded is not)."""
        return bool(self.grade) and GRADES.index(self.grade) > GRADES.index(grade)


#: Recognition grades, best first.
GRADES = ("A", "B", "C", "D", "E", "F")


class DoorKind(StrEnum):
    """How a door opens."""

    HINGED = "hinged"  #: one side-hung leaf with a swing
    DOUBLE = "double"  #: two side-hung leaves meeting in the middle
    SLIDING = "sliding"  #: a sliding or pocket leaf (no swing)
    FOLDING = "folding"  #: a folding (bifold) door: leaves that fold and stack in the opening
    OPENING = "opening"  #: a gap in a wall without a leaf


class DoorRole(StrEnum):
    """What a door is for, which decides the width a rule set requires."""

    ENTRANCE = "entrance"  #: the unit's entrance door (from outside or a common corridor)
    INTERNAL = "internal"  #: between two rooms of the same unit
    BALCONY = "balcony"  #: between a room and a balcony/terrace
    EXTERIOR = "exterior"  #: another door to the outside
    COMMON = "common"  #: between common rooms (corridor, stairwell), not part of a unit
    SERVICE = "service"  #: into a technical room or shaft: on no accessible route


@dataclass(frozen=True)
class Room:
    id: str
    polygon: Polygon
    label: str
    function: str
    functions: tuple[str, ...]
    source: str  # "polygon" (drawn room boundary) | "walls" (derived from wall linework)
    label_source: str = ""  # "attribute" | "text" | "layer" | ""
    number: str = ""
    stated_area_m2: float | None = None
    unit: str | None = None
    common: bool = False
    labels_found: tuple[str, ...] = ()  # every label text seen in the room (more than one: maybe merged rooms)
    function_source: str = ""  # "attribute" | "text" | "layer" (from a label) | "inferred" (fixtures, size) | "" (unknown)
    confidence: str = "high"  # "high": drawn polygon or labelled; "low": function inferred or unknown
    height_mm: float | None = None  # the room height a text states ("h=2.50")
    stated_area_text: str = ""  # the area notation as written ("12,4 m²", "134 SQ. FT.")

    @property
    def area_m2(self) -> float:
        return self.polygon.area / 1e6

    @property
    def display_name(self) -> str:
        return self.label or self.id


@dataclass(frozen=True)
class Door:
    id: str
    kind: DoorKind
    hinge: tuple[float, float]  # for an opening: one end of the gap
    latch: tuple[float, float]  # closed leaf's free end (other end of the opening)
    leaf_width_mm: float
    clear_width_mm: float
    width_source: str  # "attribute" | "module" | "swing" | "opening" | "block"
    rooms: tuple[str, str]  # room ids or "outside"
    swing_room: str | None  # room the leaf swings into (None for sliding/openings)
    swing: Polygon | None  # area swept by the leaf(s)
    role: DoorRole = DoorRole.INTERNAL
    block: str = ""
    layer: str = ""
    attributes: tuple[tuple[str, str], ...] = ()
    confidence: str = "high"  # "high" from explicit data; "low" when inferred from loose geometry
    leaves: tuple[tuple[tuple[float, float], tuple[float, float]], ...] = ()  # (hinge, latch) per leaf
    open_ends: tuple[tuple[float, float], ...] = ()  # open leaf end per leaf (for drawing)
    # what the block's attributes state (see model/attributes.py); None: not stated
    threshold_mm: float | None = None
    height_mm: float | None = None
    opening_force_n: float | None = None
    leaf_thickness_mm: float | None = None
    automatic: bool | None = None  # an automatic door opener (AUTOMATIC / DØRÅPNER attribute): True, False or not stated
    #: why the door is reported but kept out of the checks ("" when judged): outside on both sides, one room on both sides
    not_judged: str = ""

    @property
    def opening(self) -> LineString:
        return LineString([self.hinge, self.latch])

    @property
    def midpoint(self) -> tuple[float, float]:
        return ((self.hinge[0] + self.latch[0]) / 2, (self.hinge[1] + self.latch[1]) / 2)


@dataclass(frozen=True)
class Window:
    id: str
    polygon: Polygon
    width_mm: float
    rooms: tuple[str, ...]
    block: str = ""
    layer: str = ""

    @property
    def center(self) -> tuple[float, float]:
        c = self.polygon.centroid
        return (c.x, c.y)


@dataclass(frozen=True)
class Fixture:
    id: str
    # wc, basin, shower, bath, kitchen_counter, washer, wardrobe, bed, sofa, table, chair, stair, ramp, furniture, fixture
    kind: str
    polygon: Polygon
    room: str | None
    source: str  # "block" | "layer" | "shape"
    name: str = ""  # block name or layer
    movable: bool = False  # furniture (True) or fixed fitting (False)
    attributes: tuple[tuple[str, str], ...] = ()
    # what the block's attributes state (see model/attributes.py); None: not stated
    threshold_mm: float | None = None  # a shower's threshold or step height
    step_free: bool | None = None  # a shower said to be step-free (True) or not (False)
    knee_space: bool | None = None  # open knee space under it (wall-hung basin: True; vanity cabinet: False; None: not said)

    @property
    def center(self) -> tuple[float, float]:
        c = self.polygon.centroid
        return (c.x, c.y)


@dataclass(frozen=True)
class Unit:
    """A dwelling unit: the rooms reachable from its entrance door without passing common rooms."""

    id: str
    rooms: tuple[str, ...]
    entrance_door: str | None
    label: str = ""


@dataclass(frozen=True)
class Plan:
    """A floor plan resolved into rooms, doors, windows, fixtures and units (all lengths in mm)."""

    source: SourceInfo
    rooms: tuple[Room, ...]
    doors: tuple[Door, ...]
    windows: tuple[Window, ...]
    fixtures: tuple[Fixture, ...]
    units: tuple[Unit, ...]
    walls: BaseGeometry  # wall bodies (union), for drawing and "is this door in a wall"
    diagnostics: tuple[Diagnostic, ...]
    wall_segments: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))  # (n, 4) x1 y1 x2 y2 of the wall linework
    background: Background = field(default_factory=Background)
    views: tuple[View, ...] = ()  # the modelspace's separate drawings; ``is_plan`` marks the floor plans
    layers: tuple[LayerInfo, ...] = ()  # every layer with its role, state and entity count
    recognition: Recognition = field(default_factory=Recognition)  # how much of the drawing was understood
    # id -> object, filled on first lookup; not an init field, so ``dataclasses.replace`` gives the new plan
    # its own (a copied index would answer with the old plan's rooms)
    _index: dict[str, object] = field(default_factory=dict, init=False, compare=False, repr=False)

    @cached_property
    def graph(self) -> nx.MultiGraph:
        """Rooms (and ``outside``) as nodes, doors as edges keyed by door id: a networkx multigraph,
        built from :attr:`rooms` and :attr:`doors` on first use."""
        return room_graph(self.rooms, self.doors)

    def _lookup(self, key: str) -> object:
        if not self._index:
            for items in (self.rooms, self.doors, self.windows, self.fixtures, self.units):
                self._index.update({x.id: x for x in items})
        return self._index.get(key)

    def room(self, room_id: str) -> Room:
        obj = self._lookup(room_id)
        if not isinstance(obj, Room):
            raise KeyError(room_id)
        return obj

    def door(self, door_id: str) -> Door:
        obj = self._lookup(door_id)
        if not isinstance(obj, Door):
            raise KeyError(door_id)
        return obj

    def unit(self, unit_id: str) -> Unit:
        obj = self._lookup(unit_id)
        if not isinstance(obj, Unit):
            raise KeyError(unit_id)
        return obj

    def rooms_of_unit(self, unit_id: str) -> tuple[Room, ...]:
        return tuple(r for r in self.rooms if r.unit == unit_id)

    def doors_of_room(self, room_id: str) -> tuple[Door, ...]:
        return tuple(d for d in self.doors if room_id in d.rooms)

    def fixtures_in(self, room_id: str) -> tuple[Fixture, ...]:
        return tuple(f for f in self.fixtures if f.room == room_id)

    def windows_of_room(self, room_id: str) -> tuple[Window, ...]:
        return tuple(w for w in self.windows if room_id in w.rooms)

    def units_of_subject(self, subject: str) -> frozenset[str]:
        """The units a finding's subject belongs to: a unit itself, a room's unit, a door's rooms' units."""
        obj = self._lookup(subject)
        if isinstance(obj, Unit):
            return frozenset({obj.id})
        if isinstance(obj, Room):
            return frozenset({obj.unit} if obj.unit else ())
        if isinstance(obj, Door):
            return frozenset(r.unit for r in self.rooms if r.id in obj.rooms and r.unit)
        return frozenset()

    def room_at(self, x: float, y: float) -> Room | None:
        p = Point(x, y)
        for r in self.rooms:
            if r.polygon.covers(p):
                return r
        return None


def room_graph(rooms: Sequence[Room], doors: Sequence[Door]) -> nx.MultiGraph:
    """The room graph as a networkx multigraph (``Plan.graph`` builds it on first use: reading a plan
    does not import networkx)."""
    import networkx as nx

    g = nx.MultiGraph()
    g.add_node(OUTSIDE, kind="outside")
    for r in rooms:
        g.add_node(r.id, kind="room", function=r.function, label=r.label, area_m2=round(r.area_m2, 2))
    for d in doors:
        a, b = d.rooms
        g.add_edge(a, b, key=d.id, door=d.id, kind=str(d.kind), clear_width_mm=round(d.clear_width_mm))
    return g
