"""planeval baseline and planeval diff: known findings and revisions of a plan."""

from __future__ import annotations

import sys

import click

from planeval.cli import common
from planeval.cli.common import (
    _inputs,
    _one_ruleset,
    _rulesets,
    building_option,
    dumps,
    emit,
    encoding_option,
    guarded,
    main,
    profile_option,
    units_option,
)
from planeval.errors import ExitCode, InputError


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
        runs.extend(check_many([common.load_plan(path, profile, units, encoding)], rulesets).reports)
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
    a = api_check(common.load_plan(old, profile, units, encoding), rs)
    b = api_check(common.load_plan(new, profile, units, encoding), rs)
    d = diff_reports(a, b)
    if fmt == "json":
        emit(dumps(d), output, inputs)
    elif fmt == "md":
        emit(diff_markdown(d), output, inputs)
    else:
        emit(diff_text(d), output, inputs)
    failed = bool(d["new_failures"]) if fail_on == "new" else b.verdict().failed
    sys.exit(int(ExitCode.FAILURES if failed else ExitCode.OK))
