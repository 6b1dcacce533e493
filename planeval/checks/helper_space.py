"""Care housing: room for a helper beside the bed, the WC and the shower.

What it checks
    For every fixture of ``kinds`` (wc, shower, bed) in the rooms of ``functions``: the free width
    beside each of its long faces (a WC's and a bed's sides; a shower's sides and front — never the
    back against the wall) over the face's whole length, in the free floor (fixed fittings subtracted, drawn
    furniture too when ``furnished``; ``floor_kinds`` count as floor, so the helper of a WC may
    stand in a step-free shower). The widest face must give ``helper_mm``: where the helper stands
    while the resident uses the fixture (the wheelchair's own side space is the WC, bed and shower
    rules' business). The helper zone is drawn.

Why
    Husbanken, veileder omsorgsbygg 5.3 betjeningsareal: "Det er spesielt ved seng, toalett,
    stellebenk, dusj og vask at det er viktig med ekstra plass til hjelper"; 90 cm is "et absolutt
    minstemål for at hjelper skal komme til", 140 cm for a wheelchair and one helper. Operating
    areas do not overlap furniture or fixed fittings. Which face the helper uses is not said: beside
    the WC and the bed, and at any open face of the shower (an interpretation).

Parameters
    helper_mm (mm); kinds (fixture kinds); functions (room functions); furnished (bool);
    floor_kinds (fixture kinds counted as floor); tolerance_mm (mm).

Passes / Fails
    Per fixture: measured = the widest free face, passes at ``helper_mm`` or more, fails below
    saying how much each face has. Not applicable when no such fixture is drawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planeval.checks.base import RuleSpec, param
from planeval.findings import Result, Status, Zone, ZoneKind, say, sign
from planeval.measure import Context, FloorSpec
from planeval.measure.care import faces
from planeval.measure.fixtures import fixtures_in

SPEC = RuleSpec(
    code="HB04",
    name="helper-space",
    title="a helper can stand beside the bed, the WC and the shower (care housing)",
    overlay="bathroom",
    zone_kinds=(ZoneKind.HELPER,),
)

#: Which sides of a fixture's footprint may be its back (see planeval.measure.fixtures.footprint).
BACKS = {"wc": "short", "bed": "short", "shower": "any"}
#: The faces a helper stands at: beside a WC or a bed (not in front of the seat, not at the foot), at a shower also in front.
FACES = {"wc": ("side +", "side -"), "bed": ("side +", "side -")}


@dataclass(frozen=True)
class Params:
    helper_mm: float = param("free width a helper needs in front of one face of the fixture (mm)")
    kinds: tuple[str, ...] = param("fixture kinds that need a helper's place (wc, shower, bed)")
    functions: tuple[str, ...] = param("room functions whose fixtures are judged")
    furnished: bool = param("drawn furniture stands in the way too (fixed fittings always do)")
    floor_kinds: tuple[str, ...] = param("fixture kinds counted as floor, e.g. a step-free shower")
    tolerance_mm: float = param("drawing noise (mm) allowed when comparing the width")


def check(ctx: Context, p: Params) -> Iterator[Result]:
    floor = FloorSpec(p.furnished, p.floor_kinds)
    found = False
    for r in ctx.rooms(p.functions):
        for f in fixtures_in(ctx, r, p.kinds):
            found = True
            fs = [fc for fc in faces(ctx, r, f, BACKS.get(f.kind, "any"), floor)
                  if fc.name in FACES.get(f.kind, ("side +", "side -", "front"))]
            best = max(fs, key=lambda fc: fc.width)
            ok = best.width + p.tolerance_mm >= p.helper_mm
            each = [say("HB04.face", "{face!w} {width:.0f}", face=fc.name, width=min(fc.width, 9999)) for fc in fs]
            msg = say("HB04.helper", "{kind!x} {id} in {room}: widest free face {face!w} {width:.0f} mm {rel} {need:.0f} mm "
                                     "for a helper ({each} mm)",
                                     kind=f.kind, id=f.id, room=r.display_name, face=best.name, width=best.width,
                      rel=sign(ok, best.width, p.helper_mm), need=p.helper_mm, each=each)
            zone = best.zone(min(p.helper_mm, best.width) if not ok else p.helper_mm)
            yield Result(f.id, Status.PASS if ok else Status.FAIL, best.width, p.helper_mm, "mm", msg=msg,
                         location=zone if not zone.is_empty else f.polygon,
                         zones=(Zone(ZoneKind.HELPER, zone, r.id, "rect"),) if ok else (),
                         details={"room": r.id, "faces_mm": {fc.name: round(fc.width) for fc in fs}})
    if not found:
        yield Result("plan", Status.NOT_APPLICABLE, None, p.helper_mm, "mm",
                     msg=say("HB04.none", "no {kinds!x} drawn", kinds=list(p.kinds)))
