"""Start-up: what `planeval inspect` loads (every run pays its imports; speed is measured in bench/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_import_planeval_loads_no_check_engine_or_reporter() -> None:
    """``import planeval`` (the console script and ``python -m planeval`` start so) reads no check, rule set,
    engine, scoring or report module: `inspect` needs none of them."""
    loaded = _loaded_after("import planeval, planeval.cli")
    heavy = sorted(m for m in loaded if m.split(".")[:2] in (["planeval", "checks"], ["planeval", "engine"],
                   ["planeval", "ruleset"], ["planeval", "scoring"], ["planeval", "hints"], ["planeval", "report"]))
    assert heavy == []
    assert {"matplotlib", "duckdb", "jsonschema", "dask"}.isdisjoint(loaded)


def test_inspect_does_not_import_networkx(tmp_path) -> None:
    """Reading a plan and writing the ``inspect`` JSON needs no networkx (its import is 0.13-0.2 s of every
    run); ``Plan.graph`` builds the networkx graph when asked, equal to the JSON's lists."""
    plan = Path(__file__).resolve().parent.parent / "samples" / "dxf" / "korridor-4units-aia.dxf"
    code = (f"from planeval.cli.common import main\ntry: main(['inspect', '{plan}', '--format', 'json', '-o', "
            f"'{tmp_path / 'p.json'}'], standalone_mode=False)\nexcept SystemExit: pass")
    assert (tmp_path / "p.json").exists() is False
    loaded = _loaded_after(code)
    assert (tmp_path / "p.json").exists()
    assert "networkx" not in loaded
    assert "networkx" in _loaded_after(f"import planeval\nplaneval.load_plan('{plan}').graph")


def test_judging_still_loads_them_on_demand() -> None:
    loaded = _loaded_after("import planeval\nplaneval.load_ruleset('tek17')")
    assert {"planeval.ruleset", "planeval.checks"} <= loaded
