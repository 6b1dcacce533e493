"""Command line: ``planeval inspect | check | area | rules | diff | baseline``.

Every user error is one line on stderr naming the file and the cause, exit code 2; a bug is one
line too (exit code 3) unless ``--debug`` asks for the traceback. Heavy imports happen inside the
commands so that ``planeval --version`` is instant.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from planeval.version import __version__
from planeval.errors import ExitCode, InputError, PlanevalError


class Ctx:
    debug: bool = False


def _fail(message: str, code: ExitCode) -> None:
    click.echo(f"planeval: {message}", err=True)
    sys.exit(int(code))


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn planeval errors into one line and an exit code; other exceptions into exit code 3."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PlanevalError as exc:
            if Ctx.debug:
                raise
            _fail(f"error: {exc}", exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except MemoryError:
            _fail("error: out of memory", ExitCode.INTERNAL_ERROR)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if Ctx.debug:
                raise
            where = ""
            tb = exc.__traceback__
            while tb is not None and tb.tb_next is not None:
                tb = tb.tb_next
            if tb is not None:
                where = f" at {Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}"
            _fail(
                f"internal error: {type(exc).__name__}: {exc}{where} (a bug: run with --debug for the traceback)",
                ExitCode.INTERNAL_ERROR,
            )

    return wrapper


def emit(text: str, output: str | None, inputs: tuple[str, ...] = ()) -> None:
    if output and output != "-":
        from planeval.io import write_atomic

        write_atomic(output, text, inputs=inputs)
    else:
        click.echo(text, nl=not text.endswith("\n"))


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="planeval")
@click.option("--debug", is_flag=True, help="Show Python tracebacks instead of one-line errors.")
def main(debug: bool) -> None:
    """Read DXF floor plans, check universal-design rules, score area efficiency."""
    Ctx.debug = debug


profile_option = click.option(
    "--profile",
    "profile",
    metavar="NAME|FILE",
    help="Layer profile: a built-in name (aia, cisfb-uk, iso13567, gb-cn, revit, archicad, plain) or a TOML file.",
)
units_option = click.option(
    "--units", metavar="UNIT", help="Drawing unit, overriding $INSUNITS and inference: mm, cm, dm, m, in, ft."
)
encoding_option = click.option(
    "--encoding", metavar="CODEC", help="Text encoding for old DXF files without $DWGCODEPAGE (e.g. cp1252, cp932, gbk)."
)


def load_plan(path: str, profile: str | None, units: str | None, encoding: str | None) -> Any:
    from planeval.api import load_plan as api_load_plan

    return api_load_plan(path, profile=profile, units=units, encoding=encoding)


@main.command()
@click.argument("plan", type=click.Path(dir_okay=True, path_type=str))
@profile_option
@units_option
@encoding_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--svg", "svg_out", type=click.Path(dir_okay=False, path_type=str), help="Also draw what was recognised over the drawing."
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=str), help="Write the text/JSON here instead of stdout."
)
@click.option("-v", "--verbose", is_flag=True, help="Text: list windows, fixtures and informational diagnostics too.")
@guarded
def inspect(
    plan: str,
    profile: str | None,
    units: str | None,
    encoding: str | None,
    fmt: str,
    svg_out: str | None,
    output: str | None,
    verbose: bool,
) -> None:
    """Print what planeval recognised in PLAN: units, rooms, doors, windows, fixtures, units, diagnostics."""
    from planeval.report.plan import plan_to_dict, plan_to_text

    p = load_plan(plan, profile, units, encoding)
    if svg_out:
        from planeval.io import write_atomic
        from planeval.report.svg import plan_svg, svg_document

        write_atomic(svg_out, svg_document(plan_svg(p)), inputs=(plan,))
    if fmt == "json":
        emit(dumps(plan_to_dict(p)), output, (plan,))
    else:
        emit(plan_to_text(p, verbose=verbose), output, (plan,))
    if svg_out and fmt == "text" and output is None:
        click.echo(f"drawing written to {svg_out}")


def _progress(items: list[str], label: str):
    """A progress bar on stderr when checking many plans on a terminal; a plain iterator otherwise."""
    if len(items) > 1 and sys.stderr.isatty():
        return click.progressbar(items, label=label, file=sys.stderr)
    import contextlib

    return contextlib.nullcontext(items)


def _use_color(no_color: bool) -> bool:
    import os

    return not no_color and sys.stdout.isatty() and "NO_COLOR" not in os.environ


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
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=str),
    help="Accept the known findings listed in this file.",
)
@click.option("--strict", is_flag=True, help="Also fail (exit 1) on warnings, needs-review and check errors.")
@click.option("--no-color", is_flag=True, help="No colours even on a terminal.")
@click.option("-q", "--quiet", is_flag=True, help="Only the summary line per plan.")
@click.option("-v", "--verbose", is_flag=True, help="List passing findings too.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=str),
    help="Project config (default: planeval.toml or [tool.planeval] in pyproject.toml, searched upwards).",
)
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
    baseline_path: str | None,
    strict: bool,
    no_color: bool,
    quiet: bool,
    verbose: bool,
    config_path: str | None,
) -> None:
    """Check PLAN(s) against rule set(s); exit 1 when an error-severity finding fails."""
    from planeval.api import Batch, check_many
    from planeval.config import load_config
    from planeval.engine import judge_building
    from planeval.report import writer
    from planeval.report.text import report_text
    from planeval.ruleset import load_ruleset

    cfg = load_config(config_path)
    plans = plans or cfg.plans
    rules = rules or cfg.rules
    profile = profile or cfg.profile
    units = units or cfg.units
    baseline_path = baseline_path or cfg.baseline
    if not plans:
        raise InputError("no plan given (name DXF files, or list them in planeval.toml: plans = [...])")
    if not rules:
        raise InputError(
            "no rule set given: use --rules tek17 (see 'planeval rules list'), or set rules = [...] in planeval.toml"
        )
    rulesets = [load_ruleset(r) for r in rules]
    runs = []
    with _progress(list(plans), "checking") as bar:
        for path in bar:
            runs.extend(check_many([load_plan(path, profile, units, encoding)], rulesets).reports)
    batch = Batch(runs, judge_building(runs))
    context = build_context(batch)
    if baseline_path:
        from planeval.baseline import apply_baseline, load_baseline

        context["baseline"] = apply_baseline(runs, load_baseline(baseline_path))
    outputs = {"json": json_out, "html": html_out, "junit": junit_out, "md": md_out}
    inputs = tuple(plans) + tuple(rules)
    from planeval.io import write_atomic

    for kind, target in outputs.items():
        if target:
            write_atomic(target, writer(kind)(runs, context), inputs=inputs)
    if dxf_out:
        if len(plans) != 1:
            raise InputError("--dxf writes an overlay of one plan: give exactly one PLAN")
        write_atomic(dxf_out, writer("dxf")(runs, context), inputs=inputs)
    if fmt == "json":
        click.echo(writer("json")(runs, context), nl=False)
    else:
        color = _use_color(no_color)
        for r in runs:
            click.echo(report_text(r, color=color, verbose=verbose, quiet=quiet))
        if context.get("building"):
            b = context["building"]
            for f in b.get("findings", []):
                click.echo(f"building: {f['rule']} {f['status']}: {f['message']}")
        for kind, target in list(outputs.items()) + [("dxf", dxf_out)]:
            if target and not quiet:
                click.echo(f"{kind} report written to {target}")
    failed = batch.verdict(strict).failed
    sys.exit(int(ExitCode.FAILURES if failed else ExitCode.OK))


def build_context(batch: Any) -> dict[str, Any]:
    """Cross-plan results: a building block when several plans (or units) were checked together."""
    from planeval.multi import building_block

    block = building_block(batch)
    context: dict[str, Any] = {}
    if block:
        context["building"] = block
        context["building_failed"] = block["verdict"] == "fail"
    return context


@main.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--rules",
    "rules",
    metavar="NAME|FILE",
    help="Also compute the zones this rule set claims (required-zone area, efficiency index).",
)
@profile_option
@units_option
@encoding_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str))
@guarded
def area(
    plans: tuple[str, ...],
    rules: str | None,
    profile: str | None,
    units: str | None,
    encoding: str | None,
    fmt: str,
    output: str | None,
) -> None:
    """Area metrics per unit and per building: net, BRA, by function, circulation, storage, unusable, efficiency."""
    from planeval.api import Batch
    from planeval.api import check as api_check
    from planeval.engine import judge_building
    from planeval.multi import area_rows, building_block
    from planeval.report.text import area_text
    from planeval.ruleset import load_ruleset
    from planeval.scoring import area_metrics

    ruleset = load_ruleset(rules) if rules else None
    blocks = []
    runs = []
    for path in plans:
        p = load_plan(path, profile, units, encoding)
        if ruleset is not None:
            r = api_check(p, ruleset)
            runs.append(r)
            blocks.append((path, r.area or {}))
        else:
            blocks.append((path, area_metrics(p)))
    building = building_block(Batch(runs, judge_building(runs)), areas=[b for _, b in blocks])
    if fmt == "json":
        doc: dict[str, Any] = {"plans": [{"file": path, **b} for path, b in blocks]}
        if building:
            doc["building"] = building
        emit(dumps(doc), output, plans)
    elif fmt == "csv":
        emit(area_rows([(path, b) for path, b in blocks]), output, plans)
    else:
        text = "\n".join(area_text(b, path) for path, b in blocks)
        if building and len(plans) > 1:
            mix = ", ".join(f"{k} ×{v}" for k, v in building["mix"].items())
            text += f"\nall plans: {building['units']} units, net {building['net_m2']:.2f} m², {mix}"
        emit(text + "\n", output, plans)


@main.group()
def rules() -> None:
    """Bundled rule sets and the rules (checks) they configure."""


@rules.command("list")
@guarded
def rules_list() -> None:
    """List the bundled rule sets and every rule with its code."""
    from planeval.checks import CHECKS
    from planeval.ruleset import bundled_names, load_ruleset

    click.echo("Rule sets (use with --rules NAME):")
    for name in bundled_names():
        rs = load_ruleset(name)
        ext = f"  (extends {rs.chain[1].name})" if len(rs.chain) > 1 else ""
        click.echo(f"  {name:<22} {rs.name}{ext}")
    click.echo("\nRules (planeval rules explain NAME):")
    for name, module in CHECKS.items():
        first = (module.__doc__ or "").strip().splitlines()[0]
        subs = f"  (also {', '.join(module.SPEC.subcodes)})" if module.SPEC.subcodes else ""
        click.echo(f"  {module.SPEC.code}  {name:<24} {first}{subs}")


@rules.command("explain")
@click.argument("name")
@guarded
def rules_explain(name: str) -> None:
    """Show a rule's documentation and parameters."""
    import dataclasses
    import difflib
    import typing

    from planeval.checks import BY_CODE, CHECKS, spec_for

    spec = spec_for(name)
    if spec is None:
        close = difflib.get_close_matches(name, [*CHECKS, *BY_CODE], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise InputError(f"unknown rule '{name}'{hint}; see 'planeval rules list'")
    module = CHECKS[spec.name]
    click.echo(f"{spec.code} {spec.name}: {spec.title}\n")
    if spec.subcodes:
        click.echo("Codes: " + "; ".join([f"{spec.code} (main)"] + [f"{c} {what}" for c, what in spec.subcodes.items()]) + "\n")
    click.echo((module.__doc__ or "").strip())
    click.echo(f"\nParameters (set in the rule set, [rules.{spec.name}]):")
    hints = typing.get_type_hints(module.Params)
    for f in dataclasses.fields(module.Params):
        doc = f.metadata.get("doc", "")
        click.echo(f"  {f.name:<24} {_type_name(hints[f.name]):<28} {doc}".rstrip())
    click.echo("  enabled / severity / source   reserved: on-off, error|warning, the clause")


def _type_name(t: Any) -> str:
    import typing

    if typing.get_origin(t) is typing.Literal:
        return " | ".join(map(str, typing.get_args(t)))
    if typing.get_origin(t) is tuple:
        return "list of text"
    return getattr(t, "__name__", str(t))


@rules.command("show")
@click.argument("ruleset")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@guarded
def rules_show(ruleset: str, fmt: str) -> None:
    """Show a rule set merged along its extends chain: files (with hashes) and final parameters."""
    from planeval.ruleset import load_ruleset

    rs = load_ruleset(ruleset)
    if fmt == "json":
        click.echo(dumps(rs.to_dict()), nl=False)
        return
    click.echo(f"{rs.name}")
    if rs.description:
        click.echo(f"  {rs.description}")
    click.echo("  chain:")
    for c in rs.chain:
        click.echo(f"    {c.path}  sha256:{c.sha256[:12]}")
    for rule, rc in sorted(rs.rules.items()):
        state = "" if rc.enabled else "  (disabled)"
        click.echo(f"\n  [{rule}] severity={rc.severity}{state}")
        if rc.source:
            click.echo(f"    source: {rc.source}")
        for k, v in rc.values.items():
            click.echo(f"    {k} = {list(v) if isinstance(v, tuple) else v}")


@main.command("baseline")
@click.argument("plans", nargs=-1, type=click.Path(path_type=str))
@click.option("--rules", "rules", multiple=True, metavar="NAME|FILE", required=True)
@profile_option
@units_option
@encoding_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), help="Write here instead of stdout.")
@guarded
def baseline_cmd(
    plans: tuple[str, ...],
    rules: tuple[str, ...],
    profile: str | None,
    units: str | None,
    encoding: str | None,
    output: str | None,
) -> None:
    """Write a baseline accepting every current failure and needs-review finding of PLAN(s)."""
    from planeval.api import check_many
    from planeval.baseline import write_baseline
    from planeval.ruleset import load_ruleset

    if not plans:
        raise InputError("no plan given")
    rulesets = [load_ruleset(r) for r in rules]
    runs = []
    for path in plans:
        runs.extend(check_many([load_plan(path, profile, units, encoding)], rulesets).reports)
    emit(write_baseline(runs), output, tuple(plans))


@main.command()
@click.argument("old", type=click.Path(path_type=str))
@click.argument("new", type=click.Path(path_type=str))
@click.option("--rules", "rules", metavar="NAME|FILE", required=True)
@profile_option
@units_option
@encoding_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice(["new", "any"]),
    default="new",
    show_default=True,
    help="Exit 1 on new failures only, or on any failure in NEW.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str))
@guarded
def diff(
    old: str,
    new: str,
    rules: str,
    profile: str | None,
    units: str | None,
    encoding: str | None,
    fmt: str,
    fail_on: str,
    output: str | None,
) -> None:
    """Compare two revisions of a plan: new, fixed and changed findings, area changes per room and function."""
    from planeval.api import check as api_check
    from planeval.diff import diff_markdown, diff_reports, diff_text
    from planeval.ruleset import load_ruleset

    rs = load_ruleset(rules)
    a = api_check(load_plan(old, profile, units, encoding), rs)
    b = api_check(load_plan(new, profile, units, encoding), rs)
    d = diff_reports(a, b)
    if fmt == "json":
        emit(dumps(d), output, (old, new))
    elif fmt == "md":
        emit(diff_markdown(d), output, (old, new))
    else:
        emit(diff_text(d), output, (old, new))
    failed = bool(d["new_failures"]) if fail_on == "new" else b.verdict().failed
    sys.exit(int(ExitCode.FAILURES if failed else ExitCode.OK))


from planeval import cli_research as _research  # noqa: E402,F401  (registers sweep, sweep-report, trial-rules)

if __name__ == "__main__":  # pragma: no cover
    main()
