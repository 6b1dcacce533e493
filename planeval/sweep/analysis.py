"""What a sweep says, as tables: pass rates against parameter values, units passing per variant,
and the distribution of critical values across plans.

Every function takes a DuckDB connection to sweep results (:func:`planeval.sweep.store.connect_results`)
and returns a :class:`Table` — a title, column names, rows and a note on how it was computed — that
the report renders as HTML, Markdown, CSV or LaTeX and plots.

* **pass rate** per rule against the value of each varied parameter: passing / (passing + failing)
  findings of the rule in all variants with that value (other varied parameters pooled);
* **units passing** per variant: dwelling units with no failing error finding, and units that are
  accessible ("tilgjengelig boenhet") by the set's accessibility rules, summed over all plans;
* **m² freed** per variant and unit type (with ``sweep --shrink``): per dwelling unit the most one
  wall of one room can give up, averaged over the units of each Husbanken type;
* **building share** per variant (plans swept as one building): the §12-2 (2) share of accessible
  small units across all the building's plans, and its status;
* **critical values** per varied parameter and rule: over all plans and subjects, how many pass
  whatever the value, how many fail whatever it, and the quantiles of the flip values.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Table", "axes", "pass_rates", "units_passing", "freed_by_type", "building_share", "critical_summary",
           "critical_values", "overview"]


@dataclass(frozen=True)
class Table:
    name: str  #: file stem for CSV/LaTeX
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: str = ""


def _variants(con: Any) -> list[tuple[str, str, dict[str, Any]]]:
    """(variant id, base, varied params) of every variant that was judged."""
    sql = "SELECT DISTINCT v.variant_id, v.base, v.params FROM variants v JOIN runs r USING (variant_id) ORDER BY ALL"
    rows = con.execute(sql).fetchall()
    return [(vid, base, json.loads(params)) for vid, base, params in rows]


def axes(con: Any) -> dict[str, list[Any]]:
    """Varied parameter -> its values, sorted."""
    out: dict[str, set[Any]] = defaultdict(set)
    for _, _, params in _variants(con):
        for k, v in params.items():
            out[k].add(v)
    return {k: sorted(vs, key=lambda x: (isinstance(x, str), x)) for k, vs in sorted(out.items())}


def label(params: dict[str, Any]) -> str:
    return ", ".join(f"{k}={_fmt(v)}" for k, v in params.items()) or "as the rule set"


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def overview(con: Any) -> Table:
    n = con.execute("SELECT count(DISTINCT sha256), count(DISTINCT variant_id), count(*), sum(units) FROM runs").fetchone()
    errors = con.execute("SELECT count(*) FROM errors").fetchone()[0]
    versions = ", ".join(r[0] for r in con.execute("SELECT DISTINCT planeval_version FROM runs ORDER BY 1").fetchall())
    bases = ", ".join(r[0] for r in con.execute("SELECT DISTINCT base FROM runs ORDER BY 1").fetchall())
    rows = (("plans", n[0]), ("variants", n[1]), ("runs (plan × variant)", n[2]), ("dwelling units judged (all runs)", n[3] or 0),
            ("plans that could not be judged", errors), ("base rule sets", bases), ("planeval version", versions))
    return Table("overview", "Sweep overview", ("what", "value"), rows)


def pass_rates(con: Any) -> dict[str, Table]:
    """Per varied parameter: pass rate of every rule whose rate changes with it (and the parameter's own rule)."""
    counts = con.execute("""
        SELECT variant_id, rule, count(*) FILTER (WHERE status = 'pass'), count(*) FILTER (WHERE status = 'fail')
        FROM findings WHERE status IN ('pass', 'fail') GROUP BY ALL""").fetchall()
    by_variant: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for vid, rule, ok, bad in counts:
        by_variant[vid].append((rule, int(ok), int(bad)))
    variants = _variants(con)
    out = {}
    for key, values in axes(con).items():
        own = key.split(".", 1)[0]
        acc: dict[tuple[str, Any, str], list[int]] = defaultdict(lambda: [0, 0])
        for vid, base, params in variants:
            if key not in params:
                continue
            for rule, ok, bad in by_variant.get(vid, []):
                cell = acc[(base, params[key], rule)]
                cell[0] += ok
                cell[1] += bad
        rates: dict[tuple[str, str], dict[Any, float]] = defaultdict(dict)
        for (base, value, rule), (ok, bad) in acc.items():
            rates[(base, rule)][value] = ok / (ok + bad) if ok + bad else float("nan")
        keep = {br for br, r in rates.items() if br[1] == own or len({round(x, 9) for x in r.values()}) > 1}
        rows = []
        for (base, rule) in sorted(keep):
            for value in values:
                if value in rates[(base, rule)]:
                    ok, bad = acc[(base, value, rule)]
                    rows.append((base, rule, value, ok, bad, round(ok / (ok + bad), 4) if ok + bad else None))
        out[key] = Table(f"pass_rate_{_stem(key)}", f"Pass rate per rule against {key}",
                         ("base", "rule", "value", "passing", "failing", "pass_rate"), tuple(rows),
                         "passing / (passing + failing) findings of the rule, over all plans and all variants with this value; "
                         "rules whose pass rate does not change are left out")
    return out


def _stem(key: str) -> str:
    return key.replace(".", "_").replace("-", "_")


def units_passing(con: Any) -> Table:
    rows = con.execute("""
        SELECT variant_id, sum(units), sum(units_passing), sum(units_accessible), count(*) FROM runs GROUP BY ALL""").fetchall()
    stats = {vid: (u or 0, p or 0, a, n) for vid, u, p, a, n in rows}
    out = []
    for vid, base, params in _variants(con):
        u, p, a, n = stats[vid]
        out.append((base, label(params), vid, n, u, p, a, round(p / u, 4) if u else None))
    out.sort(key=lambda r: (r[0], r[1]))
    cols = ("base", "variant", "variant_id", "plans", "units", "units_passing", "units_accessible", "passing_share")
    return Table("units_passing", "Dwelling units passing per variant", cols, tuple(out),
                 "units_passing: no failing error-severity finding for the unit; units_accessible: no failing error finding "
                 "of the set's accessibility rules (TEK17 'tilgjengelig boenhet')")


def freed_by_type(con: Any) -> Table | None:
    """Per variant and unit type: the m² a unit can give up (its best wall), when the sweep measured it."""
    if not con.execute("SELECT count(*) FROM shrink").fetchone()[0]:
        return None
    rows = con.execute("""
        WITH best AS (
            SELECT sha256, variant_id, unit_id, max(freed_m2) AS freed FROM shrink WHERE unit_id IS NOT NULL GROUP BY ALL)
        SELECT v.base, v.params, coalesce(a.type, '?'), count(*), avg(best.freed), min(best.freed), max(best.freed)
        FROM best JOIN variants v USING (variant_id)
        LEFT JOIN areas a ON a.sha256 = best.sha256 AND a.variant_id = best.variant_id AND a.unit_id = best.unit_id
        GROUP BY ALL ORDER BY ALL""").fetchall()
    out = tuple((base, label(json.loads(params)), kind, n, round(avg, 3), round(lo, 3), round(hi, 3))
                for base, params, kind, n, avg, lo, hi in rows)
    return Table("freed_by_type", "m² a unit can give up, per variant and unit type (sweep --shrink)",
                 ("base", "variant", "unit_type", "units", "mean_freed_m2", "min_freed_m2", "max_freed_m2"), out,
                 "per dwelling unit: the largest freed_m2 of any wall of any of its rooms (moved in until a finding of the unit "
                 "fails); compare variants to see what a relaxation frees")


def building_share(con: Any) -> Table | None:
    """Per building and variant: the §12-2 (2) share across its plans (when plans were swept as one building)."""
    rows = con.execute("""
        SELECT b.building, v.base, v.params, b.variant_id, b.status, b.small_units, b.accessible_units, b.review_units,
               b.measured, b.required
        FROM building b JOIN variants v USING (variant_id) ORDER BY ALL""").fetchall()
    if not rows:
        return None
    out = tuple((name or "building", base, label(json.loads(params)), vid, status, small, sure, review,
                 None if share is None else round(share, 4), required)
                for name, base, params, vid, status, small, sure, review, share, required in rows)
    return Table("building_share", "Accessible share across the building per variant (TEK17 §12-2 (2))",
                 ("building", "base", "variant", "variant_id", "status", "small_units", "accessible", "in_review", "share",
                  "required"), out,
                 "units of at most small_unit_max_m2 BRA over all the building's plans; share = surely accessible / small units; "
                 "error: some plan of the building was not judged under the variant")


def critical_values(con: Any) -> dict[tuple[str, str, str], list[float]]:
    """(base, param, rule) -> the critical values (kind threshold) over all plans and subjects."""
    out: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for base, param, rule, value in con.execute(
            "SELECT base, param, rule, critical FROM critical WHERE kind = 'threshold' AND critical IS NOT NULL").fetchall():
        out[(base, param, rule)].append(float(value))
    return out


def critical_summary(con: Any) -> Table:
    kinds = con.execute("""
        SELECT base, param, rule, any_value(measure_unit), any_value(passes_when), count(*),
               sum(CASE WHEN kind = 'any' THEN 1 ELSE 0 END), sum(CASE WHEN kind = 'none' THEN 1 ELSE 0 END),
               count(DISTINCT sha256)
        FROM critical GROUP BY ALL ORDER BY ALL""").fetchall()
    values = critical_values(con)
    rows = []
    for base, param, rule, unit, when, n, any_, none, plans in kinds:
        v = np.array(values.get((base, param, rule), []), dtype=float)
        q = [round(float(x), 1) for x in np.percentile(v, [0, 5, 25, 50, 75, 95, 100])] if v.size else [None] * 7
        rows.append((base, param, rule, unit, when, plans, int(n), int(any_), int(none), int(v.size), *q))
    cols = ("base", "param", "rule", "unit", "passes_when", "plans", "subjects", "pass_whatever", "fail_whatever",
            "thresholds", "min", "p5", "p25", "median", "p75", "p95", "max")
    return Table("critical", "Critical values across plans (where each subject's verdict flips)", cols, tuple(rows),
                 "per subject (room, door, unit) and plan: the parameter value at which the verdict flips, computed from the "
                 "measurements; passes_when '<=' means the subject passes for every value up to its critical value; quantiles "
                 "(numpy linear) over the subjects with a threshold")
