"""The reader's output: flattened primitives in millimetres, each with its layer and role.

This is the only vocabulary shared between :mod:`planeval.read` and :mod:`planeval.model`;
nothing downstream sees an ezdxf entity.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from planeval.diagnostics import Diagnostic
from planeval.read.units import Units

if TYPE_CHECKING:  # pragma: no cover - profiles.py imports Role from here
    from planeval.read.profiles import Profile


class Role(StrEnum):
    """What a layer or block stands for in a floor plan."""

    WALL = "wall"  #: walls and columns (linework, wall bodies, poché hatches)
    DOOR = "door"  #: door leaves, swings, frames
    WINDOW = "window"  #: windows / glazing
    OPENING = "opening"  #: a combined doors-and-windows layer: arcs become doors, the rest windows
    ROOM = "room"  #: room boundary polygons
    LABEL = "label"  #: room names, room tags
    FIXTURE = "fixture"  #: fixed fittings: sanitary, kitchen, built-in storage
    FURNITURE = "furniture"  #: movable furniture
    STAIR = "stair"  #: stairs and ramps
    IGNORE = "ignore"  #: dimensions, title blocks, grids, site plan, hatching of no meaning
    UNKNOWN = "unknown"  #: no rule matched


@dataclass(frozen=True, slots=True)
class Source:
    """Where a primitive came from: the entity handle and type, the top-level INSERT it belongs to."""

    handle: str
    dxftype: str
    group: int | None = None  # index into Drawing.inserts of the top-level block reference


@dataclass(frozen=True, slots=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float
    layer: str
    role: Role
    src: Source


@dataclass(frozen=True, slots=True)
class Arc:
    """Circular arc, counter-clockwise from ``start_deg`` to ``end_deg`` (a CIRCLE is 0..360)."""

    cx: float
    cy: float
    r: float
    start_deg: float
    end_deg: float
    layer: str
    role: Role
    src: Source

    @property
    def sweep_deg(self) -> float:
        s = (self.end_deg - self.start_deg) % 360.0
        return 360.0 if s == 0.0 and self.end_deg != self.start_deg else s


@dataclass(frozen=True, slots=True)
class Chain:
    """An open polyline without bulges (kept whole so that segmented arcs can be recognised)."""

    points: tuple[tuple[float, float], ...]
    layer: str
    role: Role
    src: Source


@dataclass(frozen=True, slots=True)
class Shape:
    """A closed area: closed polyline, hatch boundary, solid, circle or closed ellipse/spline."""

    exterior: tuple[tuple[float, float], ...]
    holes: tuple[tuple[tuple[float, float], ...], ...]
    layer: str
    role: Role
    src: Source
    kind: str  # "polyline" | "hatch" | "solid" | "circle" | "ellipse" | "spline"


@dataclass(frozen=True, slots=True)
class Text:
    x: float
    y: float
    text: str
    height: float
    layer: str
    role: Role
    src: Source
    tag: str = ""  # ATTRIB tag for block attributes
    rotation: float = 0.0  # the direction it is written in, degrees counter-clockwise


@dataclass(frozen=True, slots=True)
class Insert:
    """A top-level block reference (nested ones are flattened into their parent's group)."""

    index: int
    name: str
    layer: str
    role: Role
    x: float
    y: float
    rotation_deg: float
    xscale: float
    yscale: float
    attribs: tuple[tuple[str, str], ...]
    handle: str
    block_path: tuple[str, ...] = ()  # names of nested blocks inside it (for classification)

    @property
    def mirrored(self) -> bool:
        return (self.xscale < 0) != (self.yscale < 0)


@dataclass(frozen=True, slots=True)
class LayerInfo:
    name: str
    role: Role
    hidden: bool  # frozen or off
    entities: int
    rule: str = ""  # which profile rule gave the role


@dataclass(frozen=True, slots=True)
class View:
    """A spatial cluster of the modelspace: a floor plan, or something else (site plan, section, title block)."""

    index: int
    bbox: tuple[float, float, float, float]
    is_plan: bool
    score: float
    reason: str
    kind: str = "floor_plan"  # floor_plan | elevation | section | framing | grid | site (see read/viewkind.py)
    doors: int = 0  # door swings and door blocks in it
    labels: int = 0  # texts with room words in it


@dataclass(frozen=True)
class Drawing:
    """A DXF file resolved into role-tagged primitives in millimetres."""

    path: Path
    sha256: str
    dxfversion: str
    encoding: str
    binary: bool
    recovered: bool
    units: Units
    profile: str  # the layer profile's name (built-in name or user file stem)
    segments: tuple[Segment, ...]
    arcs: tuple[Arc, ...]
    chains: tuple[Chain, ...]
    shapes: tuple[Shape, ...]
    texts: tuple[Text, ...]
    inserts: tuple[Insert, ...]
    layers: tuple[LayerInfo, ...]
    views: tuple[View, ...]
    diagnostics: tuple[Diagnostic, ...]
    layer_profile: Profile  # the layer profile the roles were read with (the model reads its door and label conventions)
    kind: str = "floor_plan"  # what the drawing looks like as a whole (see read/viewkind.py)
    kind_reason: str = ""  # why, when it is not a floor plan
    #: the external references (XREFs) the drawing inserts but does not hold (attached, not bound): their paths
    xrefs: tuple[str, ...] = ()

    @property
    def plan_boxes(self) -> tuple[tuple[float, float, float, float], ...]:
        return tuple(v.bbox for v in self.views if v.is_plan)


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
    xrefs: Counter[str] = field(default_factory=Counter)  # external reference (its path, else its name) -> INSERTs of it
    containers: Counter[str] = field(default_factory=Counter)  # block holding a plan, read as drawn in place -> INSERTs
    proxies: Counter[str] = field(default_factory=Counter)  # custom object type -> objects read from their proxy graphics

    def primitives(self) -> int:
        return len(self.segments) + len(self.arcs) + len(self.chains) + len(self.shapes) + len(self.texts) + len(self.inserts)
