"""Benchmark: writing the PDF report (``check --pdf``) against bare ``ezdxf.readfile`` of the same file.

For the demo sample (samples/dxf/korttid-40-aia.dxf) and the busiest real export we keep
(../shared/realplans/anandkothartrdl__Plans__plan.dxf, when present), or the files given: the plan is
read and checked once (tek17), then the median CPU time of N interleaved runs of ``ezdxf.readfile``
and of ``write_pdf`` (nb), their ratio, and the PDF's pages. In-process timings (imports and the first,
warming run excluded). Not a test: run ``make bench``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from bench_inspect import timed_pair

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "samples" / "dxf" / "korttid-40-aia.dxf",
           ROOT.parent / "shared" / "realplans" / "anandkothartrdl__Plans__plan.dxf"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rules", default="tek17")
    args = ap.parse_args()
    import ezdxf

    from planeval import api
    from planeval.report.pdf import write_pdf

    files = args.files or [f for f in DEFAULT if f.is_file()]
    print(f"{'file':<44} {'readfile cpu s':>14} {'pdf cpu s':>10} {'ratio':>6} {'pages':>5} {'units':>5}")
    for f in files:
        report = api.check(api.load_plan(f), args.rules)
        pdf = write_pdf([report], {"lang": "nb"})  # warm: fonts, catalogues
        base, ours = timed_pair(lambda f=f: ezdxf.readfile(f), lambda r=report: write_pdf([r], {"lang": "nb"}), args.runs)
        pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
        print(f"{f.name[:44]:<44} {base:14.3f} {ours:10.3f} {ours / base:6.2f} {pages:>5} {len(report.plan.units):>5}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
