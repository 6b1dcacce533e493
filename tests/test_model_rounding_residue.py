"""Rounding residue in room faces: zero-width bridges do not join regions into one room.

Where two shapes' edges coincide to within rounding (1e-11 mm), a union or difference keeps
zero-width spikes and bridges. Which regions a bridge joins depended on the order GEOS united the
wall pieces in (a real export's room was 7.68 m² one way and 7.93 m² the other, the extra 0.25 m²
a wall body joined through a bridge 1e-11 mm wide). ``geometry.split_at_bridges`` splits them.
"""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import Polygon, box

from planeval.diagnostics import DiagnosticLog
from planeval.geometry import polygons_of, split_at_bridges
from planeval.model.rooms import Face, faces_from_mass, merge_faces

W = 1e-9  # a bridge this wide is rounding, not floor


def bridged() -> Polygon:
    """A 2.4 × 3.2 m room joined to a 1.5 × 0.16 m strip by a zero-width bridge (the real export's shape)."""
    return Polygon([(0, 0), (2400, 0), (2400, 3200), (2400 + W, 3200), (2400 + W, 3100), (3900, 3100), (3900, 3262),
                    (2400 + W / 2, 3262), (2400 + W / 2, 3200 + W), (0, 3200)])


def test_a_zero_width_bridge_is_split():
    before = bridged()
    assert before.is_valid and len(polygons_of(before)) == 1  # one face: the strip counts into the room
    parts = sorted(split_at_bridges([before]), key=lambda p: p.area)
    assert [round(p.area / 1e6, 4) for p in parts] == [pytest.approx(0.243, abs=1e-3), pytest.approx(7.68, abs=1e-6)]
    # corners come back where they were (mitred): the room is its rectangle to within 1e-6 mm
    assert parts[1].symmetric_difference(box(0, 0, 2400, 3200)).area < 1e-3


def test_a_polygon_without_a_bridge_is_kept_to_the_last_bit():
    spiky = Polygon([(0, 0), (3000, 0), (3000, 2000), (3000 + W, 2000), (3000 + W, 5000), (3000, 2000 + W), (0, 3000)])
    plain = box(0.1, 0.2, 4000.3, 3000.7)
    out = split_at_bridges([spiky, plain])
    assert len(out) == 2 and out[0] is spiky and out[1] is plain
    assert split_at_bridges([]) == []


def test_a_room_polygon_difference_does_not_join_a_strip_to_a_derived_room():
    far = Face(box(100_000, 0, 104_000, 3000), "polygon")  # a drawn room polygon elsewhere
    out = merge_faces([far], [Face(bridged(), "walls")], DiagnosticLog())
    derived = [f for f in out if f.source == "walls"]
    assert [round(f.polygon.area / 1e6, 3) for f in derived] == [7.68]  # the 0.24 m² strip is no room of its own


def test_faces_from_mass_do_not_join_a_pocket_through_a_gap_of_rounding():
    # a 3 × 3 m room and a 1.0 × 0.5 m pocket east of it; the wall between them is drawn in two
    # pieces 1e-11 mm apart, so the free space runs from the room into the pocket through that slit
    gap = 1e-11
    pieces = [box(-10, -10, 3010, 0), box(-10, 3000, 3010, 3010), box(-10, -10, 0, 3010),
              box(3000, -10, 3010, 250), box(3000, 250 + gap, 3010, 3010),
              box(3010, -10, 4020, 0), box(3010, 500, 4020, 510), box(4010, -10, 4020, 510)]
    mass = shapely.union_all(pieces)
    free = shapely.box(-1000, -1000, 5000, 4000).difference(mass)
    assert sorted(round(p.area) for p in polygons_of(free))[0] == 9_500_000  # room and pocket joined
    faces = faces_from_mass(mass, [], [], DiagnosticLog())
    # the room alone (grown by the lines' half thickness to the drawn faces); the pocket is under 1 m²
    assert [round(f.polygon.area / 1e6, 2) for f in faces] == [round(3.01 * 3.01, 2)]
