#!/usr/bin/env python3
"""Deterministic generator of sample apartment-module floor plans for planeval.

Writes ``samples/dxf/<name>.dxf`` plus ``samples/dxf/<name>.expected.json`` for every
sample in :data:`SAMPLES`.  Running it twice gives byte-identical files.

Structure
---------
* **Layouts** are data: ``samples/layouts/<name>.toml`` (listed in ``layouts/index.toml``;
  unit templates of the corridor floor in ``layouts/units/``), read by
  :mod:`samplegen.layouts`.  Rooms are interior polygons (inside wall faces, local mm),
  plus doors, windows, fixtures and the intended defects.
* **Drawing library** (``samples/samplegen/``): the model (:mod:`samplegen.model`), the
  geometry (:func:`samplegen.build.build`: walls derived from the gaps between rooms, door
  swings, window centres, fixture footprints), the DXF pen and symbols, one writer per
  export dialect (``aia``, ``revit``, ``nordic``, ``iso``) and the expected-result file
  (:func:`samplegen.golden.expected`, world millimetres).

Usage::

    .venv/bin/python samples/generate.py            # write all samples into samples/dxf
    .venv/bin/python samples/generate.py --out DIR  # somewhere else
    .venv/bin/python samples/generate.py --building # the sample building: samples/building/plan-*.dxf

The sample building (``samples/building/``) is one DXF per floor from its own layouts
(``samples/building/layouts/``, floors listed in its ``index.toml``, unit templates in its
``units/`` before the shared ones); ``samples/building/planeval.toml`` names its floors.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from samplegen.build import Built, build
from samplegen.dialects import DIALECTS, write_sample
from samplegen.geometry import Frame, quarter_disc
from samplegen.golden import expected
from samplegen.layouts import load_layout, load_samples, place
from samplegen.model import FIXTURE_KINDS, FUNCTIONS, RULES, Defect, Door, Fixture, Layout, Room, Window

HERE = Path(__file__).resolve().parent

__all__ = ["BUILDING_DIR", "DIALECTS", "FIXTURE_KINDS", "FUNCTIONS", "OUT_DIR", "RULES", "SAMPLES", "Built", "Defect", "Door",
           "Fixture", "Frame", "Layout", "Room", "Window", "build", "building_floors", "expected", "load_layout", "main", "place",
           "quarter_disc", "write_sample"]

OUT_DIR = HERE / "dxf"
BUILDING_DIR = HERE / "building"

SAMPLES: list[Layout] = load_samples()


def building_floors() -> list[Layout]:
    """The floors of the sample building, in the order of ``building/layouts/index.toml``."""
    import tomllib

    root = BUILDING_DIR / "layouts"
    names = tomllib.loads((root / "index.toml").read_text(encoding="utf-8"))["floors"]
    return [load_layout(n, root) for n in names]


def main(argv: Sequence[str] | None = None) -> int:
    """Write the samples (all, or the ones named) into ``--out``."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--out", type=Path, help=f"output folder (default {OUT_DIR.relative_to(HERE.parent)}, "
                    f"with --building {BUILDING_DIR.relative_to(HERE.parent)})")
    ap.add_argument("--building", action="store_true", help="write the floors of the sample building instead")
    ap.add_argument("--dialect", choices=sorted(DIALECTS), help="write every layout in this "
                    "dialect instead of its own (for tests; not the shipped samples)")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("names", nargs="*", help="only these samples")
    args = ap.parse_args(argv)
    args.out = args.out or (BUILDING_DIR if args.building else OUT_DIR)
    args.out.mkdir(parents=True, exist_ok=True)
    for lay in building_floors() if args.building else SAMPLES:
        if args.names and lay.name not in args.names:
            continue
        p = write_sample(lay, args.out, args.dialect)
        if not args.quiet:
            print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
