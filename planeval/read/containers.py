"""Blocks that hold a drawing, not a symbol: a plan pasted or bound into a block, a dwelling unit
drawn once and inserted on every floor.

A door, a WC or a window is a block too, and a block whose name says nothing takes its role from
the blocks nested in it (Revit nests a door's swing in the door). A block that holds a *plan* must
not: every door nested in it would make it one door, and the doors, windows and fixtures inside
would lose their own inserts. A block is a **container** when it holds what makes a plan — at least
``PLAN_LINES`` entities on wall or room layers, or ``PLAN_LABELS`` room labels (texts naming a room
function), its nested blocks counted in — and its name and layer give it no role of its own. Its
content is read as if it were drawn in the modelspace: each nested block is an insert of its own.

:class:`BlockContents` looks into each block once (the layers of what it draws, nested blocks
included, and how many of its texts are room labels) and serves both questions: whether a block
holds a plan, once the profile gives the layers their roles, and, for the layer-profile detection
that runs before any role is known (:func:`plan_block_layers`), which blocks look like drawings —
room labels, or at least ``DETECT_ENTITIES`` entities on at least ``DETECT_LAYERS`` named layers.

>>> import ezdxf
>>> doc = ezdxf.new()
>>> unit = doc.blocks.new("TYPE-A")
>>> for k in range(10):
...     _ = unit.add_line((0, k * 100), (4000, k * 100), dxfattribs={"layer": "A-WALL"})
>>> for k, word in enumerate(["Stue", "Bad"]):
...     _ = unit.add_text(word, dxfattribs={"insert": (1000 + 2000 * k, 450), "layer": "A-TEXT"})
>>> _ = doc.modelspace().add_blockref("TYPE-A", (0, 0))
>>> from planeval.read.drawing import Role
>>> blocks = BlockContents(doc)
>>> blocks.holds_plan("TYPE-A", "0", lambda layer: Role.WALL if layer == "A-WALL" else Role.UNKNOWN)
True
>>> plan_block_layers(doc, blocks)["A-WALL"]
10
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from planeval.read.drawing import Role
from planeval.read.text import name_of
from planeval.vocabulary import functions_of

__all__ = ["PLAN_LINES", "PLAN_LABELS", "BlockContents", "plan_block_layers"]

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


class BlockContents:
    """What each block of ``doc`` draws, looked into once: the layers of its entities, nested blocks included
    (``"0"`` standing for the layer of the INSERT that places it: a layer-``0`` entity takes its insert's layer),
    and how many of its texts are room labels. A block met again on its own path (a cycle, which the reader
    refuses) or nested deeper than ``MAX_DEPTH`` adds nothing."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self._memo: dict[str, tuple[Counter[str], int]] = {}

    def of(self, name: str, stack: tuple[str, ...] = ()) -> tuple[Counter[str], int]:
        """(layer -> entities, room labels) of block ``name``."""
        found = self._memo.get(name)
        if found is not None:
            return found
        self._memo[name] = (Counter(), 0)  # what a cycle back to this block counts
        layers: Counter[str] = Counter()
        labels = 0
        block = self.doc.blocks.get(name)
        if block is not None and len(stack) < MAX_DEPTH:
            for e in block:
                own = _layer(e, "0")
                if e.dxftype() == "INSERT":
                    inner, n = self.of(str(e.dxf.get("name", "")), (*stack, name))
                    for layer, k in inner.items():
                        layers[own if layer == "0" else layer] += k
                    labels += n
                    continue
                layers[own] += 1
                if e.dxftype() in ("TEXT", "MTEXT"):
                    labels += bool(functions_of(_label(e)))
        self._memo[name] = (layers, labels)
        return layers, labels

    def holds_plan(self, name: str, layer: str, layer_role: Callable[[str], Role]) -> bool:
        """Whether block ``name``, inserted on ``layer``, holds a plan (``layer_role``: the profile's role of a
        layer): ``PLAN_LINES`` entities on wall or room layers, or ``PLAN_LABELS`` room labels."""
        layers, labels = self.of(name)
        if labels >= PLAN_LABELS:
            return True
        return sum(k for own, k in layers.items() if layer_role(layer if own == "0" else own) in _PLAN_ROLES) >= PLAN_LINES

    def looks_like_plan(self, name: str) -> bool:
        """Before any role is known: room labels, or a large block on several named layers."""
        layers, labels = self.of(name)
        named = [k for k in layers if k != "0"]
        return labels >= PLAN_LABELS or (sum(layers.values()) >= DETECT_ENTITIES and len(named) >= DETECT_LAYERS)


def plan_block_layers(doc: Any, blocks: BlockContents) -> Counter[str]:
    """The named layers of what the blocks the modelspace inserts draw, for those that look like drawings
    (:meth:`BlockContents.looks_like_plan`), one count per entity and insert: the profile detection sees the
    layers of a plan drawn in a block."""
    found: Counter[str] = Counter()
    for e in doc.modelspace().query("INSERT"):
        name = str(e.dxf.get("name", ""))
        if blocks.looks_like_plan(name):
            own = _layer(e, "0")
            for layer, k in blocks.of(name)[0].items():
                if (own if layer == "0" else layer) != "0":
                    found[own if layer == "0" else layer] += k
    return found
