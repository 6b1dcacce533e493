"""planeval: check DXF floor plans against universal-design rules and score their area efficiency.

The public API (see :mod:`planeval.api`): ``load_plan``, ``load_ruleset``, ``check``, ``check_many``
and ``area``.
"""

from planeval.api import Batch, area, check, check_many, load_plan, load_ruleset
from planeval.version import __version__

__all__ = ["__version__", "load_plan", "load_ruleset", "check", "check_many", "area", "Batch"]
