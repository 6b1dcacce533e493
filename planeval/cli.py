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

from planeval.errors import ExitCode, InputError, PlanevalError
from planeval.version import __version__


class Ctx:
    debug: bool = False


#: the exit code when stdout is closed early (``planeval rules list | head -1``): 128 + SIGPIPE, as for any Unix tool
EXIT_PIPE_CLOSED = 141


def _fail(message: str, code: ExitCode) -> None:
    click.echo(f"planeval: {message}", err=True)
    sys.exit(int(code))


def _pipe_closed() -> None:
    """The reader of stdout went away: stop quietly (no message, no "Exception ignored" at exit)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file descriptor (a test runner's capture)
        pass
    sys.exit(EXIT_PIPE_CLOSED)


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
        except BrokenPipeError:
            _pipe_closed()
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


class _Group(click.Group):
    """The top-level group: ``--debug`` is taken anywhere before ``--`` (``planeval check --debug …`` as
    well as ``planeval --debug check …``), and a closed stdout ends the run quietly."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        end = args.index("--") if "--" in args else len(args)
        Ctx.debug = "--debug" in args[:end]
        return super().parse_args(ctx, [a for a in args[:end] if a != "--debug"] + args[end:])

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except BrokenPipeError:
            _pipe_closed()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="planeval")
@click.option("--debug", is_flag=True, help="Show Python tracebacks instead of one-line errors (also after the command).")
def main(debug: bool) -> None:
    """Read DXF floor plans, check universal-design rules, score area efficiency."""
    Ctx.debug = Ctx.debug or debug


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
building_option = click.option(
    "--building/--no-building", "building", default=None,
    help="The plans are the floors of one building (the §12-2 (2) share across them). Default: only when "
    "planeval.toml says building = ... (the project's, or one in the plans' folder listing them).",
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
    from planeval.io import check_outputs
    from planeval.report.plan import plan_to_dict, plan_to_text

    inputs = _inputs([plan], [], profile)
    check_outputs([("--svg", svg_out), ("-o", output)], inputs)
    p = load_plan(plan, profile, units, encoding)
    if svg_out:
        from planeval.io import write_atomic
        from planeval.report.svg import plan_svg, svg_document

        write_atomic(svg_out, svg_document(plan_svg(p)), inputs=inputs)
    if fmt == "json":
        emit(dumps(plan_to_dict(p)), output, inputs)
    else:
        emit(plan_to_text(p, verbose=verbose), output, inputs)
    if svg_out and fmt == "text" and output is None:
        click.echo(f"drawing written to {svg_out}")


def _progress(items: list[str], label: str, quiet: bool = False) -> Any:
    """Several plans: a progress bar on stderr on a terminal, else one plain line per plan on stderr
    (``planeval: checking 2/9 plans/b.dxf``, for CI logs); nothing for one plan or with ``-q``."""
    import contextlib

    if len(items) > 1 and not quiet and sys.stderr.isatty():
        return click.progressbar(items, label=label, file=sys.stderr)
    if len(items) < 2 or quiet:
        return contextlib.nullcontext(items)

    def lines() -> Any:
        for k, item in enumerate(items, start=1):
            click.echo(f"planeval: {label} {k}/{len(items)} {item}", err=True)
            yield item

    return contextlib.nullcontext(lines())


def _inputs(plans: Any, rulesets: Any, profile: str | None, *files: str | None) -> tuple[str, ...]:
    """Every file a command reads, which no output may replace: the plans, each rule set's files along its
    ``extends`` chain (bundled ones included), a profile file, and ``files`` (baseline, config)."""
    chain = [c.path for rs in rulesets for c in rs.chain]
    prof = [profile] if profile and Path(profile).is_file() else []
    return tuple(dict.fromkeys([*map(str, plans), *chain, *prof, *(f for f in files if f)]))


def _one_ruleset(rules: tuple[str, ...], command: str) -> str | None:
    """``area`` and ``diff`` judge by one rule set: several ``--rules`` are refused rather than all but one ignored."""
    if len(rules) > 1:
        raise InputError(f"{command} takes one --rules (got {len(rules)}: {', '.join(rules)}); run it once per rule set")
    return rules[0] if rules else None


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
    from planeval.report.paths import display_path
    from planeval.report.text import report_text

    cfg = load_config(config_path)
    explicit_rules = rules
    plans = plans or cfg.plans
    rules = rules or cfg.rules
    profile = profile or cfg.profile
    units = units or cfg.units
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
                plan = load_plan(path, profile, units, encoding)
            except InputError as exc:
                if fail_fast:
                    raise
                click.echo(f"planeval: error: {exc}", err=True)
                errors.append({"file": exc.path or path, "message": exc.message})
                continue
            runs.extend(check_many([plan], rulesets).reports)
    from planeval.config import building_for

    bld = building_for(plans, building, cfg)
    batch = Batch(runs, judge_building(runs) if bld else [])
    from planeval.report.i18n import lang_for, t

    context: dict[str, Any] = {"strict": strict, "fail_on_review": fail_on_review, "errors": errors,
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
            click.echo(f"building: {f['rule']} {f['status']}: {f['message']}{accepted}")
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
    failed = batch.verdict(strict, fail_on_review).failed
    sys.exit(int(ExitCode.FAILURES if failed else ExitCode.OK))


def _rulesets(rules: tuple[str, ...], explicit: tuple[str, ...] = ()) -> list[Any]:
    """The rule sets; files named on the command line (``explicit``) may be extended from anywhere."""
    from planeval.ruleset import load_ruleset

    trusted = [r for r in explicit if "/" in r or "\\" in r or r.endswith(".toml")]
    return [load_ruleset(r, trusted=trusted) for r in rules]


def _baseline_lines(applied: Any) -> None:
    """Console: the expired entries (their findings count again) and the stale ones (they match nothing)."""
    for what in applied.expired:
        click.echo(f"baseline: expired entry, its finding counts again: {what}")
    if applied.stale:
        click.echo(f"baseline: {len(applied.stale)} stale entr{'ies' if len(applied.stale) != 1 else 'y'} "
                   "match no current finding (fixed, or the subject is gone; remove them):")
        for what in applied.stale[:20]:
            click.echo(f"  {what}")
        if len(applied.stale) > 20:
            click.echo(f"  … and {len(applied.stale) - 20} more (see the JSON report's baseline.stale)")


def build_context(batch: Any, bld: Any = None) -> dict[str, Any]:
    """Cross-plan results: a building block when several plans are one building (``bld``, a
    :class:`planeval.config.Building`)."""
    from planeval.multi import building_block

    block = building_block(batch, name=bld.name, floors=bld.floors) if bld else None
    context: dict[str, Any] = {"building_findings": batch.building_findings}
    if block:
        context["building"] = block
    return context


@main.command()
@click.argument("plans", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--rules",
    "rules",
    multiple=True,
    metavar="NAME|FILE",
    help="Also compute the zones this rule set claims (required-zone area, efficiency index). One rule set.",
)
@profile_option
@units_option
@encoding_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str))
@building_option
@click.option("--slack", is_flag=True, help="With --rules: per room how far each wall really moves in before a finding "
              "fails (planeval shrink, a bisection per wall: slow, seconds per wall).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=str),
              help="Project config (plans when none are named; building and floors).")
@guarded
def area(
    plans: tuple[str, ...],
    rules: tuple[str, ...],
    profile: str | None,
    units: str | None,
    encoding: str | None,
    fmt: str,
    output: str | None,
    building: bool | None,
    slack: bool,
    config_path: str | None,
) -> None:
    """Area metrics per unit and per building: net, BRA, by function, circulation, storage, unusable, efficiency."""
    from planeval.api import Batch
    from planeval.api import check as api_check
    from planeval.config import building_for, load_config
    from planeval.engine import judge_building
    from planeval.io import check_outputs
    from planeval.multi import area_rows, building_block, building_text
    from planeval.report.text import area_text
    from planeval.scoring import area_metrics

    cfg = load_config(config_path)
    plans = plans or cfg.plans
    if not plans:
        raise InputError("no plan given (name DXF files, or list them in planeval.toml: plans = [...])")
    one = _one_ruleset(rules, "area")
    ruleset = _rulesets((one,), rules)[0] if one else None
    if slack and ruleset is None:
        raise InputError("--slack needs --rules (the rule set whose findings the moved walls may not break)")
    inputs = _inputs(plans, [ruleset] if ruleset else [], profile)
    check_outputs([("-o", output)], inputs)
    blocks = []
    runs = []
    loaded = []
    for path in plans:
        p = load_plan(path, profile, units, encoding)
        loaded.append(p)
        if ruleset is not None:
            r = api_check(p, ruleset)
            runs.append(r)
            blocks.append((path, r.area or {}))
            if slack:
                from planeval.sweep.slack import attach_slack

                attach_slack(r.area or {}, p, ruleset)
        else:
            blocks.append((path, area_metrics(p)))
    bld = building_for(plans, building, cfg)
    block = building_block(Batch(runs, judge_building(runs) if bld else []), areas=[b for _, b in blocks], plans=loaded,
                           name=bld.name if bld else None, floors=bld.floors if bld else ())
    if fmt == "json":
        doc: dict[str, Any] = {"plans": [{"file": path, **b} for path, b in blocks]}
        if block and bld:
            doc["building"] = block
        emit(dumps(doc), output, inputs)
    elif fmt == "csv":
        emit(area_rows([(path, b) for path, b in blocks]), output, inputs)
    else:
        from planeval.sweep.slack import slack_text

        text = "\n".join(area_text(b, path) + ("\n" + slack_text(b) if slack else "") for path, b in blocks)
        if block and bld:
            text += "\n" + building_text(block)
        elif block and len(plans) > 1:
            mix = ", ".join(f"{k} ×{v}" for k, v in block["mix"].items())
            text += f"\nall plans: {block['units']} units, net {block['net_m2']:.2f} m², {mix}"
        emit(text + "\n", output, inputs)


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
@click.option("--rules", "rules", multiple=True, metavar="NAME|FILE", help="Rule set(s) (default: those of planeval.toml).")
@profile_option
@units_option
@encoding_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), help="Write here instead of stdout.")
@building_option
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=str), help="Project config (as for check).")
@guarded
def baseline_cmd(
    plans: tuple[str, ...],
    rules: tuple[str, ...],
    profile: str | None,
    units: str | None,
    encoding: str | None,
    output: str | None,
    building: bool | None,
    config_path: str | None,
) -> None:
    """Write a baseline accepting every current failure and needs-review finding of PLAN(s), building-level
    ones included (without PLAN or --rules: those of planeval.toml)."""
    from planeval.api import Batch, check_many
    from planeval.baseline import write_baseline
    from planeval.config import load_config
    from planeval.engine import judge_building
    from planeval.io import check_outputs

    cfg = load_config(config_path)
    explicit_rules = rules
    plans, rules = plans or cfg.plans, rules or cfg.rules
    profile, units = profile or cfg.profile, units or cfg.units
    if not plans:
        raise InputError("no plan given (name DXF files, or list them in planeval.toml: plans = [...])")
    if not rules:
        raise InputError("no rule set given: use --rules tek17, or set rules = [...] in planeval.toml")
    rulesets = _rulesets(rules, explicit_rules)
    inputs = _inputs(plans, rulesets, profile, cfg.path)
    check_outputs([("-o", output)], inputs)
    runs = []
    for path in plans:
        runs.extend(check_many([load_plan(path, profile, units, encoding)], rulesets).reports)
    from planeval.config import building_for

    batch = Batch(runs, judge_building(runs) if building_for(plans, building, cfg) else [])
    emit(write_baseline(runs, batch.building), output, inputs)


@main.command()
@click.argument("old", type=click.Path(path_type=str))
@click.argument("new", type=click.Path(path_type=str))
@click.option("--rules", "rules", multiple=True, metavar="NAME|FILE", required=True, help="The rule set (one).")
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
    rules: tuple[str, ...],
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
    from planeval.io import check_outputs

    rs = _rulesets((str(_one_ruleset(rules, "diff")),), rules)[0]
    inputs = _inputs((old, new), [rs], profile)
    check_outputs([("-o", output)], inputs)
    a = api_check(load_plan(old, profile, units, encoding), rs)
    b = api_check(load_plan(new, profile, units, encoding), rs)
    d = diff_reports(a, b)
    if fmt == "json":
        emit(dumps(d), output, inputs)
    elif fmt == "md":
        emit(diff_markdown(d), output, inputs)
    else:
        emit(diff_text(d), output, inputs)
    failed = bool(d["new_failures"]) if fail_on == "new" else b.verdict().failed
    sys.exit(int(ExitCode.FAILURES if failed else ExitCode.OK))


from planeval import cli_research as _research  # noqa: E402,F401  (registers sweep, sweep-report, trial-rules)

if __name__ == "__main__":  # pragma: no cover
    main()
