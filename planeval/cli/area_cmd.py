"""planeval area: area metrics per unit and building."""

from __future__ import annotations

from typing import Any

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
from planeval.errors import InputError


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
@click.option("--lang", "lang", type=click.Choice(["nb", "en"]), default=None,
              help="Language of the text output (default: the rule set's, e.g. nb for tek17; en without --rules). JSON and CSV "
              "are neutral.")
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
    lang: str | None,
) -> None:
    """Area metrics per unit and per building: net, BRA, by function, circulation, storage, unusable, efficiency."""
    from planeval.api import Batch
    from planeval.api import check as api_check
    from planeval.config import building_for, load_config
    from planeval.engine import judge_building
    from planeval.io import check_outputs
    from planeval.multi import area_rows, building_block, building_text
    from planeval.report.i18n import lang_for, t
    from planeval.report.text import area_text, mix_text
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
        p = common.load_plan(path, profile, units, encoding)
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

        words = lang_for([ruleset] if ruleset else [], lang)
        text = "\n".join(area_text(b, path, words) + ("\n" + slack_text(b) if slack else "") for path, b in blocks)
        if block and bld:
            text += "\n" + building_text(block)
        elif block and len(plans) > 1:
            net = format(block["net_m2"], ".2f")
            text += "\n" + t(words, "area.text_all", units=block["units"], net=net if words == "en" else net.replace(".", ","),
                             mix=mix_text(block))
        emit(text + "\n", output, inputs)
