"""planeval rules list | explain | show."""

from __future__ import annotations

import click

from planeval.cli.common import _type_name, dumps, guarded, main
from planeval.errors import InputError


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
