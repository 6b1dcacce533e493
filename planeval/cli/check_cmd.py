"""planeval check: plans against rule sets, with every report format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from planeval.cli import common
from planeval.cli.common import (
    _baseline_lines,
    _fail,
    _inputs,
    _progress,
    _rulesets,
    _use_color,
    build_context,
    building_option,
    encoding_option,
    guarded,
    main,
    plan_time_limit,
    profile_option,
    time_limit_option,
    units_option,
)
from planeval.errors import ExitCode, InputError


@main.command()
@click.argument("plans", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--rules",
    "rules",
    multiple=True,
    metavar="NAME|FILE",
    help="Rule set: a bundled name (planeval rules list) or a TOML file. Repeat to judge several.",
)
@profile_option
@units_option
@encoding_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="What goes to stdout."
)
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=str), help="Write the JSON report here.")
@click.option(
    "--html", "html_out", type=click.Path(dir_okay=False, path_type=str), help="Write a self-contained HTML report here."
)
@click.option("--junit", "junit_out", type=click.Path(dir_okay=False, path_type=str), help="Write JUnit XML here.")
@click.option("--md", "md_out", type=click.Path(dir_okay=False, path_type=str), help="Write a Markdown summary here.")
@click.option(
    "--dxf",
    "dxf_out",
    type=click.Path(dir_okay=False, path_type=str),
    help="Write a copy of the (single) plan with the findings on PLANEVAL-* layers.",
)
@click.option(
    "--pdf", "pdf_out", type=click.Path(dir_okay=False, path_type=str),
    help="Write a PDF: a cover with the plan and the rule set's sources, then one page per dwelling unit.",
)
@click.option(
    "--lang", "lang", type=click.Choice(["nb", "en"]), default=None,
    help="Language of the console, HTML, Markdown and PDF output (default: the rule set's, e.g. nb for tek17). JSON is neutral.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=str),
    help="Accept the known findings listed in this file.",
)
@click.option("--strict", is_flag=True, help="Also fail (exit 1) on failing warnings and check errors.")
@click.option("--fail-on-review", is_flag=True, help="Also fail (exit 1) on needs-review items (a 2D plan always has some).")
@click.option(
    "--min-grade", "min_grade", type=click.Choice(["A", "B", "C", "D", "E"], case_sensitive=False), default=None,
    help="Recognition grade a plan needs to be judged (default C, or min_grade in planeval.toml); below it the "
         "uncertain findings say needs review and the verdict is 'review'.",
)
@click.option(
    "--fail-on-unjudged/--no-fail-on-unjudged", default=True, show_default=True,
    help="Exit 1 when a plan was not judged (recognised below --min-grade: verdict 'review').",
)
@click.option(
    "--fail-fast", is_flag=True, help="Stop at the first plan that cannot be read (default: report every readable plan, exit 2)."
)
@click.option("--no-color", is_flag=True, help="No colours even on a terminal.")
@click.option("-q", "--quiet", is_flag=True, help="Only the summary line per plan.")
@click.option("-v", "--verbose", is_flag=True, help="List passing findings too.")
@building_option
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=str),
    help="Project config (default: planeval.toml or [tool.planeval] in pyproject.toml, searched upwards).",
)
@time_limit_option
@guarded
def check(
    plans: tuple[str, ...],
    rules: tuple[str, ...],
    profile: str | None,
    units: str | None,
    encoding: str | None,
    fmt: str,
    json_out: str | None,
    html_out: str | None,
    junit_out: str | None,
    md_out: str | None,
    dxf_out: str | None,
    pdf_out: str | None,
    lang: str | None,
    baseline_path: str | None,
    strict: bool,
    fail_on_review: bool,
    min_grade: str | None,
    fail_on_unjudged: bool,
    fail_fast: bool,
    no_color: bool,
    quiet: bool,
    verbose: bool,
    building: bool | None,
    config_path: str | None,
) -> None:
    """Check PLAN(s) against rule set(s); exit 1 when an error-severity finding fails, 2 when a plan cannot be read."""
    from planeval.api import Batch, check_many
    from planeval.config import load_config
    from planeval.engine import judge_building
    from planeval.io import check_outputs, write_atomic
    from planeval.report import writer
    from planeval.report.messages import message_of
    from planeval.report.paths import display_path
    from planeval.report.text import report_text

    cfg = load_config(config_path)
    explicit_rules = rules
    plans = plans or cfg.plans
    rules = rules or cfg.rules
    profile = profile or cfg.profile
    units = units or cfg.units
    min_grade = (min_grade or cfg.min_grade or "").upper() or None
    if not baseline_path and cfg.baseline and not Path(cfg.baseline).exists():
        name = display_path(cfg.baseline)
        raise InputError(f"the baseline '{name}' named here does not exist: write it with 'planeval baseline -o {name}' "
                         "(or remove the 'baseline' key)", cfg.path)
    baseline_path = baseline_path or cfg.baseline
    if not plans:
        raise InputError("no plan given (name DXF files, or list them in planeval.toml: plans = [...])")
    if not rules:
        raise InputError(
            "no rule set given: use --rules tek17 (see 'planeval rules list'), or set rules = [...] in planeval.toml"
        )
    if dxf_out and len(plans) != 1:
        raise InputError("--dxf writes an overlay of one plan: give exactly one PLAN")
    rulesets = _rulesets(rules, explicit_rules)
    outputs = {"json": json_out, "html": html_out, "junit": junit_out, "md": md_out, "dxf": dxf_out, "pdf": pdf_out}
    inputs = _inputs(plans, rulesets, profile, baseline_path, cfg.path)
    check_outputs([(f"--{k}", v) for k, v in outputs.items()], inputs)
    entries = None
    if baseline_path:
        from planeval.baseline import load_baseline

        entries = load_baseline(baseline_path)
    runs = []
    errors: list[dict[str, str]] = []
    with _progress(list(plans), "checking", quiet) as bar:
        for path in bar:
            try:
                with plan_time_limit(path):
                    plan = common.load_plan(path, profile, units, encoding)
                    runs.extend(check_many([plan], rulesets, min_grade=min_grade).reports)
            except InputError as exc:
                if fail_fast:
                    raise
                click.echo(f"planeval: error: {exc}", err=True)
                errors.append({"file": exc.path or path, "message": exc.message})
                continue
    from planeval.config import building_for

    bld = building_for(plans, building, cfg)
    batch = Batch(runs, judge_building(runs) if bld else [])
    from planeval.report.i18n import lang_for, t

    context: dict[str, Any] = {"strict": strict, "fail_on_review": fail_on_review, "errors": errors,
                               "fail_on_unjudged": fail_on_unjudged,
                               "full_report": [p for p in (html_out, json_out) if p], "lang": lang_for(rulesets, lang)}
    applied = None
    if entries is not None and baseline_path:
        from planeval.baseline import apply_all

        applied = apply_all(runs, entries, batch.building)
        context["baseline"] = applied.notes
        context["baseline_summary"] = applied.summary(display_path(baseline_path))
    context.update(build_context(batch, bld))
    for kind, target in outputs.items():
        if target and (kind not in ("dxf", "pdf") or runs):
            write_atomic(target, writer(kind)(runs, context), inputs=inputs)
    if fmt == "json":
        click.echo(writer("json")(runs, context), nl=False)
    else:
        color = _use_color(no_color)
        for r in runs:
            click.echo(report_text(r, color=color, verbose=verbose, quiet=quiet, lang=context["lang"]))
        for f in (context.get("building") or {}).get("findings", []):
            accepted = f" [accepted: {f['accepted']}]" if f.get("accepted") else ""
            lang = context["lang"]
            status = f["status"] if lang == "en" else t(lang, f"status.{f['status']}")
            click.echo(t(lang, "console.building", rule=f["rule"], status=status, message=message_of(f, lang)) + accepted)
        if applied is not None:
            _baseline_lines(applied)
        for kind, target in outputs.items():
            if target and not quiet and (kind not in ("dxf", "pdf") or runs):
                click.echo(t(context["lang"], "console.written", kind=kind, path=target))
    if errors:  # each was one line on stderr already; a count for several plans
        if len(plans) == 1:
            sys.exit(int(ExitCode.INPUT_ERROR))
        rest = "; the others were checked and reported" if runs else ""
        _fail(f"{len(errors)} of {len(plans)} plans could not be read (listed above){rest}", ExitCode.INPUT_ERROR)
    failed = batch.verdict(strict, fail_on_review, fail_on_unjudged).failed
    sys.exit(int(ExitCode.FAILURES if failed else ExitCode.OK))
