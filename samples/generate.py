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

__all__ = ["DIALECTS", "FIXTURE_KINDS", "FUNCTIONS", "OUT_DIR", "RULES", "SAMPLES", "Built", "Defect", "Door",
           "Fixture", "Frame", "Layout", "Room", "Window", "build", "expected", "load_layout", "main", "place",
           "quarter_disc", "write_sample"]

OUT_DIR = HERE / "dxf"

SAMPLES: list[Layout] = load_samples()


def main(argv: Sequence[str] | None = None) -> int:
    """Write the samples (all, or the ones named) into ``--out``."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--dialect", choices=sorted(DIALECTS), help="write every layout in this "
                    "dialect instead of its own (for tests; not the shipped samples)")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("names", nargs="*", help="only these samples")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for lay in SAMPLES:
        if args.names and lay.name not in args.names:
            continue
        p = write_sample(lay, args.out, args.dialect)
        if not args.quiet:
            print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
