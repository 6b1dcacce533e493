"""Blocks that hold a drawing, not a symbol: a plan pasted or bound into a block, a dwelling unit
drawn once and inserted on every floor.

A door, a WC or a window is a block too, and a block whose name says nothing takes its role from
the blocks nested in it (Revit nests a door's swing in the door). A block that holds a *plan* must
not: every door nested in it would make it one door, and the doors, windows and fixtures inside
would lose their own inserts. A block is a **container** when it holds what makes a plan — at least
``PLAN_LINES`` entities on wall or room layers, or ``PLAN_LABELS`` room labels (texts naming a room
function), its nested blocks counted in — and its name and layer give it no role of its own. Its
content is read as if it were drawn in the modelspace: each nested block is an insert of its own.

:func:`plan_block_layers` counts the layers inside such blocks for the layer-profile detection,
which runs before any role is known: there the test is the profile-free half (room labels), or a
block of at least ``DETECT_ENTITIES`` entities on at least ``DETECT_LAYERS`` named layers.

>>> import ezdxf
>>> doc = ezdxf.new()
>>> unit = doc.blocks.new("TYPE-A")
>>> for k in range(10):
...     _ = unit.add_line((0, k * 100), (4000, k * 100), dxfattribs={"layer": "A-WALL"})
>>> for k, word in enumerate(["Stue", "Bad"]):
...     _ = unit.add_text(word, dxfattribs={"insert": (1000 + 2000 * k, 450), "layer": "A-TEXT"})
>>> _ = doc.modelspace().add_blockref("TYPE-A", (0, 0))
>>> from planeval.read.drawing import Role
>>> Containers(doc, lambda layer: Role.WALL if layer == "A-WALL" else Role.UNKNOWN, {}).holds_plan("TYPE-A", "0")
True
>>> plan_block_layers(doc)["A-WALL"]
10
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from planeval.read.drawing import Role
from planeval.read.text import name_of
from planeval.vocabulary import functions_of

__all__ = ["PLAN_LINES", "PLAN_LABELS", "Containers", "plan_block_layers"]

#: entities on wall or room layers (nested blocks included) that make a block a drawing
PLAN_LINES = 8
#: room labels that make a block a drawing
PLAN_LABELS = 2
#: for the profile detection: a block this large, on this many named layers, is counted in
DETECT_ENTITIES = 30
DETECT_LAYERS = 3
#: nesting looked into (the reader's own depth limit applies when the content is read)
MAX_DEPTH = 16
_TEXT_CHARS = 200  # of a label, enough to name a room (a hostile 3 MB text is not folded whole)
_PLAN_ROLES = frozenset({Role.WALL, Role.ROOM})


def _label(e: Any) -> str:
    try:
        text = e.plain_text() if e.dxftype() == "MTEXT" else str(e.dxf.get("text", ""))
    except Exception:  # a malformed text is no label; the reader reports it where it reads it
        return ""
    return str(text)[:_TEXT_CHARS]


def _layer(e: Any, parent: str) -> str:
    layer = name_of(str(e.dxf.get("layer", "0") or "0"))
    return parent if layer == "0" else layer


class Containers:
    """Which blocks are containers, for one document and one profile (``layer_role``: a layer's role)."""

    def __init__(self, doc: Any, layer_role: Callable[[str], Role], labels: dict[str, str]) -> None:
        self.doc, self.layer_role, self.labels = doc, layer_role, labels
        self._counts: dict[tuple[str, str], tuple[int, int]] = {}

    def holds_plan(self, name: str, layer: str) -> bool:
        """Whether block ``name``, inserted on ``layer``, holds a plan (see the module docstring)."""
        lines, labels = self.counts(name, layer, ())
        return lines >= PLAN_LINES or labels >= PLAN_LABELS

    def counts(self, name: str, layer: str, stack: tuple[str, ...]) -> tuple[int, int]:
        """(entities on wall or room layers, room labels) in block ``name`` and the blocks it nests, its
        layer-``0`` entities on ``layer``; each nested block counted once (what it holds, not how often)."""
        key = (name, layer)
        cached = self._counts.get(key)
        if cached is not None:
            return cached
        lines = labels = 0
        block = self.doc.blocks.get(name)
        if block is not None and name not in stack and len(stack) < MAX_DEPTH:
            for e in block:
                kind = e.dxftype()
                own = _layer(e, layer)
                if kind == "INSERT":
                    n, m = self.counts(str(e.dxf.get("name", "")), own, (*stack, name))
                    lines, labels = lines + n, labels + m
                elif kind in ("TEXT", "MTEXT"):
                    labels += bool(functions_of(_label(e), self.labels))
                elif self.layer_role(own) in _PLAN_ROLES:
                    lines += 1
                if lines >= PLAN_LINES and labels >= PLAN_LABELS:
                    break  # enough either way
        self._counts[key] = (lines, labels)
        return lines, labels


def plan_block_layers(doc: Any) -> Counter[str]:
    """The layers of the entities inside the blocks the modelspace inserts that look like drawings before
    any role is known (room labels, or a large block on several named layers; nested ones too), one count
    per entity and insert: the profile detection sees the layers of a plan drawn in a block."""
    found: Counter[str] = Counter()
    memo: dict[str, tuple[Counter[str], bool]] = {}
    nothing: tuple[Counter[str], bool] = (Counter(), False)

    def content(name: str, stack: tuple[str, ...]) -> tuple[Counter[str], bool]:
        """(the layers of everything block ``name`` draws, whether it looks like a drawing)."""
        if name in memo:
            return memo[name]
        memo[name] = nothing  # a block met again on its own path (a cycle) counts nothing
        block = doc.blocks.get(name)
        if block is None or len(stack) >= MAX_DEPTH:
            return nothing
        layers: Counter[str] = Counter()
        labels = 0
        for e in block:
            kind = e.dxftype()
            if kind == "INSERT":
                layers.update(content(str(e.dxf.get("name", "")), (*stack, name))[0])
                continue
            layers[_layer(e, "0")] += 1
            if kind in ("TEXT", "MTEXT"):
                labels += bool(functions_of(_label(e)))
        named = [k for k in layers if k != "0"]
        plan = labels >= PLAN_LABELS or (sum(layers.values()) >= DETECT_ENTITIES and len(named) >= DETECT_LAYERS)
        memo[name] = (layers, plan)
        return memo[name]

    for e in doc.modelspace().query("INSERT"):
        layers, plan = content(str(e.dxf.get("name", "")), ())
        if plan:
            found.update({k: v for k, v in layers.items() if k != "0"})
    return found
