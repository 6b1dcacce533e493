"""planeval inspect: what was recognised in a plan."""

from __future__ import annotations

import click

from planeval.cli import common
from planeval.cli.common import (
    _inputs,
    dumps,
    emit,
    encoding_option,
    guarded,
    main,
    profile_option,
    time_limit_option,
    units_option,
)


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
@time_limit_option
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
    p = common.load_plan(plan, profile, units, encoding)
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
