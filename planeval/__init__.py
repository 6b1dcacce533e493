"""planeval: read DXF floor plans, check universal-design rules, score area efficiency."""

from __future__ import annotations

__version__ = "0.1.0"
