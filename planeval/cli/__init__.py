"""Command line: ``planeval inspect | check | area | rules | diff | baseline`` and the research
commands (``sweep``, ``sweep-report``, ``trial-rules``, ``trial-layout``, ``shrink``).

Every user error is one line on stderr naming the file and the cause, exit code 2; a bug is one
line too (exit code 3) unless ``--debug`` asks for the traceback. Heavy imports happen inside the
commands so that ``planeval --version`` is quick. The group and the shared options live in
:mod:`planeval.cli.common`; each command module registers its commands on it when imported here.
"""

from planeval import cli_research
from planeval.cli import area_cmd, check_cmd, inspect_cmd, revision_cmd, rules_cmd
from planeval.cli.common import dumps, emit, guarded, load_plan, main

__all__ = ["main", "guarded", "emit", "dumps", "load_plan", "inspect_cmd", "check_cmd", "area_cmd", "rules_cmd",
           "revision_cmd", "cli_research"]
