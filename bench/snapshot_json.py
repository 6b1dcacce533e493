"""Snapshot of planeval's output on every sample and real export, to show that a speed change keeps
the results byte-identical.

For each ``samples/dxf/*.dxf``, ``samples/building/*.dxf`` and ``../shared/realplans/*.dxf`` it writes
the JSON of ``check --rules tek17 --format json``, the text of ``inspect`` and each command's exit
code and stderr into a folder; the sample building is also checked as one building from its folder.
Run it before and after a change and compare the folders::

    .venv/bin/python bench/snapshot_json.py /tmp/before
    # ... change the code ...
    .venv/bin/python bench/snapshot_json.py /tmp/after
    diff -r /tmp/before /tmp/after && echo identical

``--src DIR`` runs the planeval package found in DIR (a copy of the tree) instead of the installed one.
Not a test (it takes minutes): a tool for speed work.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALPLANS = ROOT.parent / "shared" / "realplans"


def plans() -> list[Path]:
    """Every plan the snapshot covers, in a fixed order."""
    out = sorted((ROOT / "samples" / "dxf").glob("*.dxf")) + sorted((ROOT / "samples" / "building").glob("*.dxf"))
    return out + sorted(REALPLANS.glob("*.dxf"))


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one child."""
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, errors="replace")
    return p.returncode, p.stdout, p.stderr


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="folder to write the snapshot into")
    ap.add_argument("--src", type=Path, help="run the planeval package in this folder (put first on PYTHONPATH)")
    ap.add_argument("--only", nargs="*", default=[], help="only plans whose name contains one of these")
    args = ap.parse_args()
    env = {**os.environ, "PLANEVAL_TIME_LIMIT": "0", "NO_COLOR": "1"}
    if args.src:
        env["PYTHONPATH"] = str(args.src.resolve())
    args.out.mkdir(parents=True, exist_ok=True)
    pv = [sys.executable, "-P", "-m", "planeval"]  # -P: not the working tree from the current folder
    for plan in plans():
        if args.only and not any(s in plan.name for s in args.only):
            continue
        rel = os.path.relpath(plan, ROOT)
        name = rel.replace("/", "__").replace("..__", "")
        rc, out, err = run([*pv, "check", "--rules", "tek17", "--format", "json", "--no-building", rel], ROOT, env)
        (args.out / f"{name}.check.json").write_text(out)
        (args.out / f"{name}.check.rc").write_text(f"{rc}\n{err}")
        rc, out, err = run([*pv, "inspect", rel], ROOT, env)
        (args.out / f"{name}.inspect.txt").write_text(f"{rc}\n{out}\n{err}")
        print(f"{rel}: check/inspect done", flush=True)
    if not args.only or "building" in args.only:
        rc, out, err = run([*pv, "check", "--format", "json"], ROOT / "samples" / "building", env)
        (args.out / "building.check.json").write_text(out)
        (args.out / "building.check.rc").write_text(f"{rc}\n{err}")
        print("samples/building as one building: done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
