"""Command line, the shared parts: the ``main`` group, options, error handling, plan loading.

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
from planeval.perf import TimeUp, disarm
from planeval.version import __version__


class Ctx:
    debug: bool = False
    time_limit: float | None = None  # --time-limit (None: PLANEVAL_TIME_LIMIT or the default)


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
        except TimeUp as up:  # a second alarm that escaped its time limit while the first was unwinding
            disarm()
            if Ctx.debug:
                raise
            _fail(f"error: {up.error}", up.error.exit_code)
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
        _never_unencodable()
        try:
            return super().main(*args, **kwargs)
        except BrokenPipeError:
            _pipe_closed()


def _never_unencodable() -> None:
    """Console streams replace what they cannot encode (a lone surrogate from undecodable DXF bytes, an
    æ on an ASCII terminal) instead of ending the run with UnicodeEncodeError; the reader cleans what it
    knows (:func:`planeval.read.text.clean`), this is the last guard for anything it missed."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # a detached or closed stream: nothing to guard
                pass


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


def _set_time_limit(ctx: click.Context, param: click.Parameter, value: float | None) -> None:
    if value is not None and (value < 0 or value != value):
        raise click.BadParameter("give 0 (no limit) or a number of seconds", ctx, param)
    Ctx.time_limit = value


time_limit_option = click.option(
    "--time-limit", type=float, metavar="SECONDS", expose_value=False, callback=_set_time_limit,
    help="Give up on a plan (one line, exit 2) after this long reading and checking it "
         "(default 120, or PLANEVAL_TIME_LIMIT; 0: no limit).",
)


def plan_time_limit(path: str) -> Any:
    """The per-plan time limit (``--time-limit``), around reading and checking one plan."""
    from planeval.perf import time_limit

    return time_limit(Ctx.time_limit, path)


def load_plan(path: str, profile: str | None, units: str | None, encoding: str | None) -> Any:
    from planeval.api import load_plan as api_load_plan

    with plan_time_limit(path):
        return api_load_plan(path, profile=profile, units=units, encoding=encoding)


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


def _type_name(t: Any) -> str:
    import typing

    if typing.get_origin(t) is typing.Literal:
        return " | ".join(map(str, typing.get_args(t)))
    if typing.get_origin(t) is tuple:
        return "list of text"
    return getattr(t, "__name__", str(t))
