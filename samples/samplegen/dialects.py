"""The registry of export dialects and :func:`write_sample` (one DXF + its expected file)."""

from __future__ import annotations

import json
from pathlib import Path

from .aia import AIA
from .build import build
from .dialect import Dialect
from .geometry import Frame
from .golden import expected
from .iso import ISO
from .model import Layout
from .nordic import NORDIC
from .revit import REVIT

DIALECTS: dict[str, Dialect] = {"aia": AIA, "revit": REVIT, "nordic": NORDIC, "iso": ISO}


def write_sample(lay: Layout, out_dir: Path, dialect: str | None = None) -> Path:
    dia = DIALECTS[dialect or lay.dialect]
    b = build(lay)
    fr = Frame(lay.rotation_deg, lay.offset, dia.scale)
    path = out_dir / f"{lay.name}.dxf"
    names = dia.writer(b, path, fr)
    exp = expected(b, dia, names)
    (out_dir / f"{lay.name}.expected.json").write_text(
        json.dumps(exp, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path
