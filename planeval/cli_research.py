"""Research commands: ``planeval sweep | sweep-report | trial-rules | shrink | trial-layout``.

Registered on the main click group (``planeval.cli`` imports this module). Errors are one
line naming the file and the cause, exit code 2 (:class:`~planeval.errors.InputError` through
``planeval.cli.common.guarded``); heavy imports happen inside the commands.
"""

from __future__ import annotations

import sys

import click

from planeval.cli.common import building_option, encoding_option, guarded, main, profile_option, units_option
from planeval.errors import InputError

__all__ = ["sweep_cmd", "sweep_report_cmd", "trial_rules_cmd", "shrink_cmd", "trial_layout_cmd"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@click.command("sweep")
@click.argument("plans", nargs=-1, type=click.Path(path_type=str))
@click.option("--rules", "rules", multiple=True, metavar="NAME|FILE",
              help="Base rule set (bundled name or TOML file). Repeat for several.")
@click.option("--vary", "vary", multiple=True, metavar="RULE.PARAM=START:STOP:STEP|v1,v2,…",
              help="Vary a parameter (stop included). Several --vary: every combination.")
@click.option("--out", "out", required=True, type=click.Path(path_type=str),
              help="Results: a .duckdb file, or a folder for --format parquet|csv.")
@click.option("--format", "fmt", type=click.Choice(["duckdb", "parquet", "csv"]), default="duckdb", show_default=True)
@click.option("--jobs", "jobs", type=int, metavar="N", help="Worker processes (default: all cores; 0: in this process).")
@click.option("--scheduler", "scheduler", metavar="ADDRESS",
              help="Run on a Dask distributed cluster (e.g. tcp://host:8786) instead.")
@click.option("--time-limit", "time_limit", type=float, default=600.0, show_default=True, metavar="SECONDS",
              help="Per plan: a plan taking longer is reported in the errors table and skipped.")
@profile_option
@units_option
@encoding_option
@click.option("--shrink", is_flag=True, help="Also the shrink table: how far each wall can move in (a bisection per wall: slow).")
@click.option("--min-grade", "min_grade", type=click.Choice(["A", "B", "C", "D", "E"], case_sensitive=False), default=None,
              help="Recognition grade a plan needs to be judged (default C, or min_grade in planeval.toml); below it "
                   "findings on uncertain subjects are needs_review, as in 'planeval check'.")
@building_option
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=str),
              help="Project config (plans and rules defaults).")
@guarded
def sweep_cmd(plans: tuple[str, ...], rules: tuple[str, ...], vary: tuple[str, ...], out: str, fmt: str, jobs: int | None,
              scheduler: str | None, time_limit: float, profile: str | None, units: str | None, encoding: str | None,
              shrink: bool, min_grade: str | None, building: bool | None, quiet: bool, config_path: str | None) -> None:
    """Judge every PLAN (files or folders of .dxf) under every rule set × every point of the --vary grid.

    Each plan is read and measured once and judged for all variants. Results go to the tables
    runs, findings, areas, critical, shrink (with --shrink), unit_access, building (plans that are
    one building: --building or planeval.toml), variants and errors (see
    planeval/sweep/tables.py); pairs
    (plan sha256, variant) already in OUT are skipped, so an interrupted sweep resumes.
    """
    from planeval.config import building_for, load_config
    from planeval.ruleset import load_ruleset
    from planeval.sweep.execute import collect_plans, run_sweep
    from planeval.sweep.grid import parse_vary
    from planeval.sweep.store import open_store
    from planeval.sweep.variants import variants_of

    cfg = load_config(config_path)
    plans = plans or cfg.plans
    rules = rules or cfg.rules
    if not plans:
        raise InputError("no plan given (name DXF files or folders, or list them in planeval.toml: plans = [...])")
    if not rules:
        raise InputError("no rule set given: use --rules tek17 (see 'planeval rules list')")
    variants = variants_of([load_ruleset(r) for r in rules], [parse_vary(v) for v in vary])
    files = collect_plans(plans)
    given = (("profile", profile or cfg.profile), ("units", units or cfg.units), ("encoding", encoding))
    options = tuple((k, v) for k, v in given if v)
    bld = building_for(files, building, cfg)
    with open_store(out, fmt) as store:
        s = run_sweep(files, variants, store, jobs=jobs, scheduler=scheduler, time_limit=time_limit, options=options, quiet=quiet,
                      shrink=shrink, min_grade=(min_grade or cfg.min_grade or "").upper() or None, building=bld)
    skipped = f", {s.skipped} already in {out}" if s.skipped else ""
    click.echo(f"sweep: {_plural(s.plans, 'plan')} × {_plural(s.variants, 'variant')}: {s.runs} runs judged{skipped} "
               f"in {s.seconds:.1f} s -> {out}")
    if bld is not None:
        click.echo(f"sweep: the {_plural(s.plans, 'plan')} are one building: the §12-2 (2) share across them for "
                   f"{_plural(s.building, 'variant')} in the building table")
    if s.errors:
        click.echo(f"sweep: {_plural(s.errors, 'plan')} could not be judged: see the errors table", err=True)


@click.command("sweep-report")
@click.argument("results", type=click.Path(path_type=str))
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=str),
              help="One self-contained HTML page with the plots.")
@click.option("--md", "md_out", type=click.Path(dir_okay=False, path_type=str), help="The tables as Markdown.")
@click.option("--csv", "csv_dir", type=click.Path(file_okay=False, path_type=str), help="The tables as CSV files in this folder.")
@click.option("--latex", "latex_out", type=click.Path(dir_okay=False, path_type=str), help="The tables as LaTeX (booktabs).")
@guarded
def sweep_report_cmd(results: str, html_out: str | None, md_out: str | None, csv_dir: str | None, latex_out: str | None) -> None:
    """Report on sweep RESULTS (.duckdb file or parquet/csv folder): pass rate per rule against each
    varied parameter, units passing per variant, the distribution of critical values across plans."""
    from planeval.sweep.report import build, write_outputs

    if not (html_out or md_out or csv_dir or latex_out):
        raise InputError("nothing to write: give --html OUT.html, --md OUT.md, --csv DIR and/or --latex OUT.tex")
    rep = build(results)
    for path in write_outputs(rep, html_out=html_out, md_out=md_out, csv_dir=csv_dir, latex_out=latex_out, inputs=(results,)):
        click.echo(f"written: {path}")


@click.command("trial-rules")
@click.argument("observations", type=click.Path(path_type=str))
@click.option("--extends", "extends", default="tek17", show_default=True, metavar="NAME|FILE",
              help="The rule set the trial's values replace.")
@click.option("--percentile", "percentile", type=float, default=95.0, show_default=True,
              help="Share of participants whose need the threshold covers (numpy percentile, linear interpolation).")
@click.option("--name", "name", help="Name of the derived rule set (default: from the file name).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=str),
              help="Write the TOML here (default: stdout).")
@guarded
def trial_rules_cmd(observations: str, extends: str, percentile: float, name: str | None, output: str | None) -> None:
    """A rule set from 1:1 trial OBSERVATIONS (CSV: one row per participant and requirement): each
    threshold the chosen percentile of the measured needs, citing the file's sha256, n and percentile."""
    from planeval.sweep.trial import trial_ruleset

    text = trial_ruleset(observations, extends=extends, percentile=percentile, name=name, output=output)
    if output:
        from planeval.io import write_atomic

        write_atomic(output, text, inputs=(observations,))
        click.echo(f"trial rule set written to {output}")
    else:
        sys.stdout.write(text)


@click.command("shrink")
@click.argument("plan", type=click.Path(path_type=str))
@click.option("--rules", "rules", required=True, metavar="NAME|FILE", help="The rule set whose findings may not break.")
@click.option("--room", "room", metavar="ID|LABEL", help="Only this room (default: every room of a dwelling unit).")
@click.option("--compare", "compare", metavar="NAME|FILE", help="Also under this rule set: the m² the relaxation frees.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@profile_option
@units_option
@encoding_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), help="Write here instead of stdout.")
@guarded
def shrink_cmd(plan: str, rules: str, room: str | None, compare: str | None, fmt: str, profile: str | None, units: str | None,
               encoding: str | None, output: str | None) -> None:
    """How far each wall of each room can move inwards before a finding of RULES for the room's unit
    fails (doors, windows and fixtures on the wall move with it), by bisection exact to 5 mm."""
    from planeval.api import load_plan
    from planeval.cli.common import dumps, emit
    from planeval.ruleset import load_ruleset
    from planeval.sweep.shrink import shrink_report, shrink_text

    p = load_plan(plan, profile=profile, units=units, encoding=encoding)
    sets = [load_ruleset(rules)] + ([load_ruleset(compare)] if compare else [])
    doc = shrink_report(p, sets, room)
    emit(dumps(doc) if fmt == "json" else shrink_text(doc), output, (plan,))


@click.command("trial-layout")
@click.argument("plan", type=click.Path(path_type=str))
@click.option("--rules", "rules", required=True, metavar="NAME|FILE", help="The rule-set variant whose zones to set out.")
@click.option("--room", "room", required=True, metavar="ID|LABEL|UNIT:LABEL", help="The room (R4, Bad, U3:Bad).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="OUT.dxf (1:1 in mm) or OUT.pdf (to print at the stated scale).")
@profile_option
@units_option
@encoding_option
@guarded
def trial_layout_cmd(plan: str, rules: str, room: str, out: str, profile: str | None, units: str | None,
                     encoding: str | None) -> None:
    """The ROOM of PLAN at full scale with the zones RULES claims (turning circles, WC side spaces, bed
    zones, door swings), dimensioned from one reference corner, with a setting-out table: to tape out
    on a hall floor for a 1:1 mock-up."""
    from planeval.api import load_plan
    from planeval.io import check_outputs, write_atomic
    from planeval.ruleset import load_ruleset
    from planeval.sweep.trial_layout import layout_dxf, trial_layout

    kind = out.lower().rsplit(".", 1)[-1]
    if kind not in ("dxf", "pdf"):
        raise InputError(f"--out {out}: give a .dxf or a .pdf file")
    rs = load_ruleset(rules)
    inputs = (plan, *(c.path for c in rs.chain))
    check_outputs([("--out", out)], inputs)
    lay = trial_layout(load_plan(plan, profile=profile, units=units, encoding=encoding), rs, room)
    if kind == "dxf":
        data: str | bytes = layout_dxf(lay)
    else:
        from planeval.sweep.trial_pdf import choose_page, layout_pdf

        data = layout_pdf(lay)
        paper, landscape, scale = choose_page(*lay.size_mm)
    write_atomic(out, data, inputs=inputs)
    at = f" at 1:{scale} on {paper}{' landscape' if landscape else ''}" if kind == "pdf" else " (1:1, mm)"
    click.echo(f"trial layout of {lay.room_id} {lay.room_label} under {lay.ruleset}: {len(lay.marks)} setting-out points "
               f"-> {out}{at}")


for _cmd in (sweep_cmd, sweep_report_cmd, trial_rules_cmd, shrink_cmd, trial_layout_cmd):
    main.add_command(_cmd)
