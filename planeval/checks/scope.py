"""Which rooms a room rule judges — and a room whose function is unknown, which is never skipped.

A room's function is *unknown* when nothing names it: no label, or a label that names no function
("Rom 3", a number), so the model calls it ``other``. A room labelled "Kontor" or "Arbeidsrom" is
``other`` too, but known: a room for permanent stay (TEK17 §1-3 l includes arbeidsrom). The room
rules (turning space, passages) judge an unknown room as a room for permanent stay: a pass is a
pass (said so in the message), a fail becomes ``needs_review`` with the numbers ("function unknown:
as a room for permanent stay it fails …") — never a confident fail on a half-understood room,
never silence.

>>> from shapely.geometry import box
>>> from planeval.model.types import Room
>>> def r(label, fn="other"): return Room("R1", box(0, 0, 1, 1), label, fn, (fn,), "walls")
>>> function_unknown(r("")), function_unknown(r("Rom 3")), function_unknown(r("Kontor")), function_unknown(r("Stue", "living"))
(True, True, False, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from planeval.findings import Message, Result, Status, said_of, say
from planeval.measure import Context
from planeval.model.types import Room
from planeval.vocabulary import functions_of

__all__ = ["function_unknown", "judged_rooms", "as_permanent_stay", "furniture"]


def function_unknown(room: Room) -> bool:
    """True when no label names the room's function (see the module docstring)."""
    return tuple(room.functions) == ("other",) and not functions_of(room.label)


def judged_rooms(ctx: Context, functions: Iterable[str], exclude: Iterable[str] = ()) -> list[Room]:
    """The unit rooms of ``functions`` (not ``exclude``), and every room whose function is unknown."""
    fs, ex = set(functions), set(exclude)
    return [r for r in ctx.rooms() if (fs & set(r.functions) or function_unknown(r)) and not ex & set(r.functions)]


def as_permanent_stay(room: Room, result: Result) -> Result:
    """``result`` for a room of unknown function: a pass says it was judged as a room for permanent
    stay; a fail becomes needs_review (the numbers kept); other results unchanged."""
    if not function_unknown(room):
        return result
    what = (say("scope.unknown_label", "function unknown (label {label!r})", label=room.label) if room.label
            else say("scope.unknown_no_label", "function unknown (no label)"))
    details = {**result.details, "function_unknown": True}
    inner = said_of(result.message, result.msg)
    if result.status is Status.PASS:
        return replace(result, message="", details=details,
                       msg=say("scope.unknown_pass", "{inner} ({what}: judged as a room for permanent stay)",
                                                     inner=inner, what=what))
    if result.status is Status.FAIL:
        return replace(result, status=Status.NEEDS_REVIEW, details=details, message="",
                       msg=say("scope.unknown_fail", "{what}: judged as a room for permanent stay it fails — {inner}",
                               inner=inner, what=what))
    return result


def furniture(item: Any) -> Message:
    """A piece of minimum furniture (``planeval.measure.furnish.Item``) in words: "bed 900 × 2000 mm"."""
    return say("furniture.item", "{kind!x} {w:.0f} × {d:.0f} mm", kind=item.kind, w=item.width_mm, d=item.depth_mm)
