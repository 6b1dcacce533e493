"""Guards along free edges: balconies, galleries and the open sides of stairs.

What it checks
    Every edge of a room whose function is listed (a balcony) or whose label names a gallery
    (``label_words``: galleri, hems, mesanin …), and the long sides of every straight stair when
    ``stairs`` is set, must have a wall or railing drawn along it: linework on a wall or railing
    layer within ``gap_mm`` (door and window openings excepted). What is left is a *free edge*.

Why
    TEK17 §12-11 (2): level differences of more than 0.5 m on balconies, terraces and the like are
    secured with a guard (§12-15: height and design); §12-14 (1) a: a stair has a safe boundary and
    handrails on both sides; §12-15 (2): guards around the stair opening (returrekkverk). A 2D plan
    shows neither the level difference nor the guard's height: a drawn guard is only evidence.

Parameters
    functions (room functions whose every edge needs a guard); label_words (label words naming a
    gallery); stairs (bool); gap_mm (how far the linework may lie from the edge, mm); min_edge_mm
    (free edge pieces shorter than this are drawing noise, mm).

Passes / Fails
    ``needs_review`` where a free edge is drawn without a guard: the edge is marked, and the
    message says how long it is (a guard is needed unless the level difference is ≤ 0.5 m). Passes
    (confidence medium: presence only, not height or design) where linework runs along every
    edge. A stair that is not a straight run is ``needs_review`` (its open sides cannot be told).
    Never fails. Not applicable without such rooms or stairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry

from planeval.checks.base import RuleSpec, param
from planeval.findings import Confidence, Result, Sense, Status, say
from planeval.geometry import union
from planeval.measure import Context
from planeval.measure.guards import room_free_edges, unguarded
from planeval.measure.runs import run_of
from planeval.model.types import Room
from planeval.vocabulary import fold

SPEC = RuleSpec(
    code="GU01",
    name="guards",
    title="a guard or wall is drawn along every free edge of balconies, galleries and stairs",
    subcodes={"GU02": "open side of a stair without a guard or handrail drawn"},
    overlay="other",
    measured="length",
)


@dataclass(frozen=True)
class Params:
    functions: tuple[str, ...] = param("room functions whose every edge needs a wall or guard (a balcony)")
    label_words: tuple[str, ...] = param("words in a room's label that name a gallery or mezzanine (every edge needs a guard)")
    stairs: bool = param("the long sides of straight stairs need a wall, guard or handrail drawn too")
    gap_mm: float = param("how far from an edge a wall or railing line may be drawn and still guard it (mm)")
    min_edge_mm: float = param("free edge pieces shorter than this are drawing noise (mm)")


def _is_gallery(r: Room, words: tuple[str, ...]) -> bool:
    """Whether a word of the room's label (accents folded, split at anything not a letter) is one of ``words``."""
    return bool(set(re.findall(r"[^\W\d_]+", fold(r.label))) & {fold(w) for w in words})


def _pieces(geom: BaseGeometry, min_mm: float) -> list[BaseGeometry]:
    parts = getattr(geom, "geoms", [geom])
    return [g for g in parts if not g.is_empty and g.length >= min_mm]


def judge_room(ctx: Context, r: Room, p: Params, what: str) -> Result:
    free = _pieces(room_free_edges(ctx, r.id, p.gap_mm), p.min_edge_mm)
    length = sum(g.length for g in free)
    if free:
        pieces = (say("GU01.pieces", "{n} pieces", n=len(free)) if len(free) > 1 else say("GU01.piece", "{n} piece", n=len(free)))
        return Result(r.id, Status.NEEDS_REVIEW, length, 0.0, "mm",
                      msg=say("GU01.free_edge", "{what!f} {room}: {length:.0f} mm of its edge has no wall or guard drawn along "
                                                "it ({pieces}); a guard is needed where the level difference exceeds 0.5 m "
                                                "(TEK17 §12-11 (2), §12-15)",
                              what=what, room=r.display_name, length=length, pieces=pieces),
                      location=union(free).buffer(60), sense=Sense.AT_MOST, confidence=Confidence.MEDIUM,
                      details={"free_edge_mm": round(length), "pieces": len(free)})
    return Result(r.id, Status.PASS, 0.0, 0.0, "mm",
                  msg=say("GU01.guarded", "{what!f} {room}: a wall or guard is drawn along every edge (its height and design "
                          "are not shown in 2D)", what=what, room=r.display_name),
                  location=r.polygon.boundary.buffer(30), sense=Sense.AT_MOST, confidence=Confidence.MEDIUM)


def judge_stairs(ctx: Context, p: Params) -> Iterator[Result]:
    for f in ctx.plan.fixtures:
        if f.kind != "stair":
            continue
        run = run_of(ctx, f)
        where = say("GU02.in", " in {room}", room=ctx.room(f.room).display_name) if f.room else ""
        if not run.straight:
            yield Result(f.id, Status.NEEDS_REVIEW, None, 0.0, "mm",
                         msg=say("GU02.not_straight", "stair {id}{where} is not a straight run: which of its sides are open "
                                                      "cannot be told from the plan; each open side needs a guard or handrail "
                                                      "(TEK17 §12-14 (1) a, §12-15)",
                                 id=f.id, where=where),
                         location=f.polygon, code="GU02", sense=Sense.AT_MOST, confidence=Confidence.LOW)
            continue
        free = [g for side in run.sides() for g in _pieces(unguarded(ctx, side, p.gap_mm), p.min_edge_mm)]
        length = sum(g.length for g in free)
        if free:
            yield Result(f.id, Status.NEEDS_REVIEW, length, 0.0, "mm",
                         msg=say("GU02.free", "stair {id}{where}: {length:.0f} mm of its long sides has no wall, guard or "
                                              "handrail drawn (on a wall or railing layer) along it; TEK17 §12-14 (1) a asks a "
                                              "safe boundary and handrails on both sides, §12-15 (2) a guard around the stair "
                                              "opening", id=f.id, where=where, length=length),
                         location=union(free).buffer(60), code="GU02", sense=Sense.AT_MOST, confidence=Confidence.MEDIUM,
                         details={"free_edge_mm": round(length)})
        else:
            yield Result(f.id, Status.PASS, 0.0, 0.0, "mm",
                         msg=say("GU02.guarded", "stair {id}{where}: walls or guards are drawn along both long sides (height "
                                 "not shown in 2D)", id=f.id, where=where),
                         location=f.polygon, code="GU02", sense=Sense.AT_MOST, confidence=Confidence.MEDIUM)


def check(ctx: Context, p: Params) -> Iterator[Result]:
    found = False
    for r in ctx.rooms(include_common=True):
        if set(r.functions) & set(p.functions):
            found = True
            yield judge_room(ctx, r, p, "balcony" if r.function == "balcony" else r.function)
        elif p.label_words and _is_gallery(r, p.label_words):
            found = True
            yield judge_room(ctx, r, p, "gallery")
    if p.stairs:
        for res in judge_stairs(ctx, p):
            found = True
            yield res
    if not found:
        yield Result("plan", Status.NOT_APPLICABLE, None, 0.0, "mm", msg=say("GU01.none", "no balcony, gallery or stair in the "
                                                                                          "plan"),
                     sense=Sense.AT_MOST)
