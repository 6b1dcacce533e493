"""Everything measured rather than judged: free floor, turning areas, reachability, fixture frames,
unit areas — memoised per plan in a :class:`Context` so that many rule sets share one measurement."""

from planeval.measure.context import Context

__all__ = ["Context"]
