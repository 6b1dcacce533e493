"""Everything measured rather than judged, memoised per plan in a :class:`Context` so that many
rule sets share one measurement.

=================  ============================================================================
``context``        :class:`Context`: the plan's lookups, the memo and its ``stats``
``floor``          :class:`FloorSpec`; free floor, obstacles, largest circles, erosions
``frames``         :class:`Frame`: local axes, boxes and segments; which side is the room
``search``         :func:`bisect_max`, the one bisection
``fit``            rectangles in the free floor: does one fit, how large a one of given proportions
``turning``        turning cases: the free floor and largest circle of each door case
``doors``          approach strips, clear openings, free space beside a jamb
``reach``          configuration spaces, approach zones, widest chairs, bottlenecks, unreachable floor
``passages``       the widest passage from a room's entry door to its doors and windows
``fixtures``       fixture footprints, clear strips, wall edges, the front of a counter run
``bathroom``       beside and in front of a WC, shower zones and the way to them
``bed``            where a bed stands and what it leaves along its long side
``furnish``        the minimum furniture of a rule set placed along the walls; what it cuts off
``care``           a room's largest square, free width at a fixture's faces, windows a bed cuts off
``runs``           stairs and ramps as straight runs: width, length, landings beyond their ends
``guards``         edges with no wall or railing linework along them
``units``          unit areas (net, BRA, Husbanken type), rooms grouped by unit
=================  ============================================================================

Measurement functions build their memo keys themselves from frozen spec objects holding only
geometric inputs — never a rule's threshold — so judging a second rule set re-uses every geometry.
"""

from planeval.measure.context import Context
from planeval.measure.floor import FloorSpec

__all__ = ["Context", "FloorSpec"]
