"""planeval: check DXF floor plans against universal-design rules and score their area efficiency.

The public API (see :mod:`planeval.api`): ``load_plan``, ``load_ruleset``, ``check``, ``check_many``
and ``area``.
"""

__version__ = "0.1.0"

from planeval.api import Batch, area, check, check_many, load_plan, load_ruleset  # noqa: E402

__all__ = ["__version__", "load_plan", "load_ruleset", "check", "check_many", "area", "Batch"]
