"""Command line: ``planeval inspect | check | area | rules | diff | baseline``.

Every user error is one line on stderr naming the file and the cause, exit code 2; a bug is one
line too (exit code 3) unless ``--debug`` asks for the traceback. Heavy imports happen inside the
commands so that ``planeval --version`` is instant.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable

import click

from planeval import __version__
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
            _fail(f"internal error: {type(exc).__name__}: {exc}{where} (a bug: run with --debug for the traceback)", ExitCode.INTERNAL_ERROR)

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
    "--profile", "profile", metavar="NAME|FILE", help="Layer profile: a built-in name (aia, cisfb-uk, iso13567, gb-cn, revit, archicad, plain) or a TOML file."
)
units_option = click.option("--units", metavar="UNIT", help="Drawing unit, overriding $INSUNITS and inference: mm, cm, dm, m, in, ft.")
encoding_option = click.option("--encoding", metavar="CODEC", help="Text encoding for old DXF files without $DWGCODEPAGE (e.g. cp1252, cp932, gbk).")


def load_plan(path: str, profile: str | None, units: str | None, encoding: str | None) -> Any:
    from planeval.model import build_plan
    from planeval.read import read_drawing

    drawing = read_drawing(path, profile=profile, units=units, encoding=encoding)
    return build_plan(drawing)


@main.command()
@click.argument("plan", type=click.Path(dir_okay=True, path_type=str))
@profile_option
@units_option
@encoding_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--svg", "svg_out", type=click.Path(dir_okay=False, path_type=str), help="Also draw what was recognised over the drawing.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), help="Write the text/JSON here instead of stdout.")
@click.option("-v", "--verbose", is_flag=True, help="Text: list windows, fixtures and informational diagnostics too.")
@guarded
def inspect(plan: str, profile: str | None, units: str | None, encoding: str | None, fmt: str, svg_out: str | None, output: str | None, verbose: bool) -> None:
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


if __name__ == "__main__":  # pragma: no cover
    main()
