"""Main functions present and reachable in each dwelling unit.

What it checks
    Each dwelling unit has a room for every required function (a combined "Stue/kjøkken" counts
    for both) and every such room is reachable from the unit's entrance door through doors whose
    clear width is at least ``min_door_clear_mm``. With ``studio_allowed`` a unit without a
    bedroom passes when its living room is the sleeping room (a studio flat).

Why
    TEK17 §12-2 (1) and §1-3 e: the main functions (stue, kjøkken, soverom, bad og toalett) shall
    lie on the entrance level, which shall be accessible.

Parameters
    required_functions (functions), min_door_clear_mm (mm), studio_allowed (bool).

Passes / Fails
    Passes per unit when every required function is present and reachable (measured = how many
    are, required = how many the rule set names); fails naming the missing or unreachable
    function. Not applicable without dwelling units; needs review without an entrance door.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planeval.checks.base import RuleSpec, param
from planeval.findings import Result, Sense, Status, say
from planeval.graphs import component
from planeval.measure import Context

SPEC = RuleSpec(
    code="MF01",
    name="main-functions",
    title="the unit's main functions are present and reachable",
    overlay="units",
    measured="count",
)


@dataclass(frozen=True)
class Params:
    required_functions: tuple[str, ...] = param("room functions every unit must have and reach from its entrance door")
    min_door_clear_mm: float = param("doors on the way from the entrance count only with at least this clear width (mm)")
    studio_allowed: bool = param("a unit without a bedroom passes when its living room is the sleeping room (studio)")


def check(ctx: Context, p: Params) -> Iterator[Result]:
    plan = ctx.plan
    if not plan.units:
        yield Result("plan", Status.NOT_APPLICABLE, None, None, "", msg=say("unit.none", "no dwelling unit recognised"))
        return
    for u in plan.units:
        members = set(u.rooms)
        g: dict[str, set[str]] = {r: set() for r in members}
        for d in plan.doors:
            a, b = d.rooms
            if a in members and b in members and d.clear_width_mm + 1.0 >= p.min_door_clear_mm:
                g[a].add(b)
                g[b].add(a)
        start: set[str] = set()
        if u.entrance_door:
            ed = ctx.door(u.entrance_door)
            start = {x for x in ed.rooms if x in members}
        reach = set().union(*(component(g, s) for s in start)) if start else set()
        missing, unreachable = [], []
        for f in p.required_functions:
            rooms = [ctx.room(r) for r in u.rooms if f in ctx.room(r).functions]
            if not rooms and f == "bedroom" and p.studio_allowed:
                rooms = [ctx.room(r) for r in u.rooms if "living" in ctx.room(r).functions]
            if not rooms:
                missing.append(f)
            elif not any(r.id in reach for r in rooms):
                unreachable.append(f)
        present = len(p.required_functions) - len(missing)
        if not u.entrance_door:
            yield Result(u.id, Status.NEEDS_REVIEW, present, len(p.required_functions), "", sense=Sense.AT_LEAST,
                         msg=say("MF01.no_entrance", "no entrance door found: reachability cannot be judged"))
            continue
        if missing or unreachable:
            parts = []
            if missing:
                parts.append(say("MF01.missing", "missing: {functions!f}", functions=missing))
            if unreachable:
                parts.append(say("MF01.unreachable", "not reachable from entrance {door} through doors ≥ {width:.0f} mm: "
                                                     "{functions!f}",
                                 door=u.entrance_door, width=p.min_door_clear_mm, functions=unreachable))
            usable = present - len(unreachable)
            yield Result(u.id, Status.FAIL, usable, len(p.required_functions), "",
                         msg=say("MF01.fail", "{usable} of {n} main functions present and reachable; {parts:; }", usable=usable,
                                 n=len(p.required_functions), parts=parts),
                         details={"missing": missing, "unreachable": unreachable})
        else:
            yield Result(u.id, Status.PASS, present, len(p.required_functions), "",
                         msg=say("MF01.pass", "all {n} main functions ({functions!f}) present and reachable from {door}",
                                 n=len(p.required_functions), functions=list(p.required_functions), door=u.entrance_door))
