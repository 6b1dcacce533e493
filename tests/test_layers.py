"""The layer rule of docs/architecture.md, enforced on the source: an AST scan of every import.

Lowest first; a module may import only from its own layer or a layer to its left::

    geometry · graphs · errors · diagnostics · perf · vocabulary · version
      → read → model → measure → findings → checks → ruleset → engine → scoring → report
      → api · multi · diff · baseline · config · io → sweep → cli · cli_research

What counts as an import of a module (all of them are checked, wherever they stand):

* ``import planeval.x`` and ``from planeval.x import y`` at module level, inside functions and
  methods, in ``try`` blocks, and under ``if TYPE_CHECKING:`` — annotations are dependencies too,
  and an annotation import that points upwards is the first step of a cycle, so TYPE_CHECKING
  imports must point downwards like any other;
* relative imports (``from .x import y``), resolved against the importing module's package;
* ``from planeval.pkg import name`` counts as an import of ``planeval.pkg.name`` when that is a
  module, of ``planeval.pkg`` otherwise;
* imports by name: the literal argument of ``importlib.import_module("planeval.x")`` and
  ``"planeval.x:attribute"`` strings (registries such as ``report.WRITERS``) when they name a module.

The package ``planeval/__init__.py`` (it re-exports the API) and ``__main__`` sit in the top layer.
A module that is in no layer fails the test: a new module must be placed in the rule first.

Cycles are looked for over the imports that run: module-level, function-local (a cycle that a
deferred import keeps from breaking at import time is still a cycle of design) and by name.
TYPE_CHECKING imports are left out of the cycle search: they never execute, they are the usual way
to annotate with a type of a module that imports this one, and the layer rule already keeps them
pointing downwards between layers.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "planeval"

#: lowest first; a module may import from its own layer or any layer before it
LAYERS: tuple[tuple[str, ...], ...] = (
    ("planeval.geometry", "planeval.graphs", "planeval.errors", "planeval.diagnostics", "planeval.perf", "planeval.vocabulary",
     "planeval.version", "planeval.messages"),
    ("planeval.read",),
    ("planeval.model",),
    ("planeval.measure",),
    ("planeval.findings",),
    ("planeval.checks",),
    ("planeval.ruleset",),
    ("planeval.engine",),
    ("planeval.scoring", "planeval.hints"),
    ("planeval.report",),
    ("planeval.api", "planeval.multi", "planeval.diff", "planeval.baseline", "planeval.config", "planeval.io"),
    ("planeval.sweep",),
    ("planeval.cli", "planeval.cli_research", "planeval.__main__", "planeval"),
)
LAYER_NAMES = tuple(" · ".join(p.removeprefix("planeval.") for p in layer) for layer in LAYERS)

_ENTRY_POINT = re.compile(r"planeval(\.[A-Za-z_][A-Za-z0-9_]*)+:[A-Za-z_][A-Za-z0-9_.]*")


@dataclass(frozen=True)
class Import:
    source: str  # importing module, e.g. "planeval.checks.turning_space"
    target: str  # imported planeval module, e.g. "planeval.engine"
    line: int
    how: str  # "module", "function", "type-checking" or "string"

    def __str__(self) -> str:
        rel = module_path(self.source).relative_to(ROOT)
        return f"{rel}:{self.line}: {self.source} -> {self.target} ({self.how})"


@cache
def modules() -> dict[str, Path]:
    """Every module of the package: dotted name -> file."""
    out: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def module_path(name: str) -> Path:
    return modules()[name]


def is_package(name: str) -> bool:
    return module_path(name).name == "__init__.py"


def layer_of(name: str) -> int | None:
    """The layer of a module: of the longest layer entry that is it or one of its packages."""
    best: tuple[int, int] | None = None  # (length of the entry, layer)
    for i, layer in enumerate(LAYERS):
        for entry in layer:
            if name == entry or (entry != "planeval" and name.startswith(entry + ".")):
                if best is None or len(entry) > best[0]:
                    best = (len(entry), i)
    return best[1] if best else None


def _resolve(name: str) -> str | None:
    """The planeval module ``name`` refers to (itself, or the nearest enclosing module)."""
    mods = modules()
    while name and name not in mods:
        name = name.rpartition(".")[0]
    return name or None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


class _Scanner(ast.NodeVisitor):
    def __init__(self, module: str) -> None:
        self.module = module
        self.package = module if is_package(module) else module.rpartition(".")[0]
        self.found: list[Import] = []
        self._function = 0
        self._type_checking = 0

    def _how(self) -> str:
        return "type-checking" if self._type_checking else "function" if self._function else "module"

    def _add(self, target: str, line: int, how: str | None = None) -> None:
        resolved = _resolve(target) if how != "string" else target if target in modules() else None
        if resolved is not None and resolved != self.module:
            self.found.append(Import(self.module, resolved, line, how or self._how()))

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        self._function += 1
        self.generic_visit(node)
        self._function -= 1

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            self._type_checking += 1
            for child in node.body:
                self.visit(child)
            self._type_checking -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name == "planeval" or alias.name.startswith("planeval."):
                self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")
            if node.level > 1:
                base = base[: -(node.level - 1)]
            absolute = ".".join(base + ([node.module] if node.module else []))
        else:
            absolute = node.module or ""
        if not (absolute == "planeval" or absolute.startswith("planeval.")):
            return
        for alias in node.names:
            sub = f"{absolute}.{alias.name}"
            self._add(sub if sub in modules() else absolute, node.lineno)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in ("import_module", "__import__") and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.startswith("planeval"):
                self._add(arg.value, node.lineno, "string")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and _ENTRY_POINT.fullmatch(node.value):
            self._add(node.value.partition(":")[0], node.lineno, "string")


@cache
def imports_of(module: str) -> tuple[Import, ...]:
    tree = ast.parse(module_path(module).read_text(encoding="utf-8"), filename=str(module_path(module)))
    scanner = _Scanner(module)
    scanner.visit(tree)
    return tuple(scanner.found)


def all_imports() -> list[Import]:
    return [imp for m in modules() for imp in imports_of(m)]


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


# ---------------------------------------------------------------------------------------------


def test_the_scanner_sees_every_kind_of_import():
    """The scan itself: a module-level, a function-local, a TYPE_CHECKING and a string import."""
    how = {(i.target, i.how) for i in imports_of("planeval.findings")}
    assert ("planeval.model.types", "type-checking") in how
    api = {(i.target, i.how) for i in imports_of("planeval.api")}
    assert ("planeval.measure", "module") in api and ("planeval.engine", "function") in api
    assert {i.target for i in imports_of("planeval.report")} >= {"planeval.report.json_report", "planeval.report.html"}


def test_every_module_is_in_a_layer():
    unplaced = [m for m in modules() if layer_of(m) is None]
    assert not unplaced, f"modules in no layer (add them to LAYERS here and to docs/architecture.md): {unplaced}"


def test_imports_point_to_the_same_or_a_lower_layer():
    upward = []
    for imp in all_imports():
        src, dst = layer_of(imp.source), layer_of(imp.target)
        if src is not None and dst is not None and dst > src:
            upward.append(f"{imp}   [{LAYER_NAMES[src]} -> {LAYER_NAMES[dst]}]")
    assert not upward, "imports pointing upwards:\n" + "\n".join(upward)


def test_checks_import_no_engine_reader_or_reporter():
    bad = [str(i) for i in all_imports() if _within(i.source, "planeval.checks")
           and any(_within(i.target, p) for p in ("planeval.engine", "planeval.read", "planeval.report"))]
    assert not bad, "checks must see only the plan model and the measurements:\n" + "\n".join(bad)


def test_read_imports_nothing_from_model():
    bad = [str(i) for i in all_imports() if _within(i.source, "planeval.read") and _within(i.target, "planeval.model")]
    assert not bad, "planeval.read must not import planeval.model:\n" + "\n".join(bad)


def test_reporters_never_import_the_reader():
    bad = [str(i) for i in all_imports() if _within(i.source, "planeval.report") and _within(i.target, "planeval.read")]
    assert not bad, "reporters draw the plan's own background, not the reader's Drawing:\n" + "\n".join(bad)


def test_no_module_level_getattr():
    bad = []
    for name, path in modules().items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "__getattr__":
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}.__getattr__")
    assert not bad, "no lazy module attributes (they hide imports from this test):\n" + "\n".join(bad)


def test_no_import_cycles():
    graph = nx.DiGraph()
    graph.add_nodes_from(modules())
    where: dict[tuple[str, str], Import] = {}
    for imp in all_imports():
        if imp.how == "type-checking":
            continue
        graph.add_edge(imp.source, imp.target)
        where.setdefault((imp.source, imp.target), imp)
    cycles = sorted((sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1), key=len)
    if cycles:
        lines = []
        for comp in cycles:
            cycle = nx.find_cycle(graph.subgraph(comp))
            lines.append(" -> ".join([cycle[0][0], *(b for _, b in cycle)]))
            lines += [f"    {where[e]}" for e in cycle]
        pytest.fail("import cycles:\n" + "\n".join(lines))
