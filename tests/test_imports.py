"""runstrong's imports: no cycles, lazy imports that say why, and a core free of frameworks.

The imports are read from the source with `ast` (module level and inside
functions; `if TYPE_CHECKING:` blocks are not run, so they do not count), so
the rules hold for code paths no other test happens to import.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
FRAMEWORKS = frozenset({"sqlalchemy", "fastapi", "starlette", "textual", "click"})
#: The rules and the model: importable by anyone, without a database, web or terminal stack.
CORE = ("runstrong.workouts.model", "runstrong.timeline", "runstrong.progress.progression")
CORE_PACKAGES = ("runstrong.plan",)
LAZY = re.compile(r"#\s*lazy:\s*\S")


@dataclass(frozen=True)
class Import:
    """One import statement's target as seen from the module that runs it."""

    source: str
    target: str
    where: str
    lazy: bool
    explained: bool


def find_modules(src: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every module of `package` under `src`."""
    found = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def find_imports(name: str, path: Path, modules: dict[str, Path], root: Path) -> list[Import]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []

    def targets(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
            return
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*anchor, *([base] if base else [])])
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            yield submodule if submodule in modules else base

    def commented(first: int, last: int) -> bool:
        return any(LAZY.search(lines[i - 1]) for i in range(max(first - 1, 1), last + 1))

    def visit(body: list[ast.stmt], in_function: bool) -> None:
        run_start: int | None = None  # first line of a run of adjacent imports
        for node in body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                run_start = run_start or node.lineno
                explained = commented(run_start, node.end_lineno or node.lineno)
                where = f"{path.relative_to(root)}:{node.lineno}"
                for target in targets(node):
                    found.append(Import(name, target, where, in_function, explained))
                continue
            run_start = None
            if isinstance(node, ast.If) and _type_checking(node.test):
                visit(node.orelse, in_function)
                continue
            inner = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            for stmts in _nested_bodies(node):
                visit(stmts, inner)

    visit(ast.parse(source, filename=str(path)).body, False)
    return found


def _nested_bodies(node: ast.stmt) -> Iterator[list[ast.stmt]]:
    """The statement lists inside a statement: bodies, else and finally parts, handlers, cases."""
    for field in ("body", "orelse", "finalbody"):
        value = getattr(node, field, None)
        if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
            yield value
    for part in [*getattr(node, "handlers", []), *getattr(node, "cases", [])]:
        yield part.body


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


@dataclass
class Graph:
    """Who imports whom, inside the package and out of it."""

    modules: dict[str, Path]
    imports: list[Import]

    @classmethod
    def of(cls, src: Path, package: str) -> Graph:
        modules = find_modules(src, package)
        imports = [
            i for name, path in modules.items() for i in find_imports(name, path, modules, src)
        ]
        return cls(modules, imports)

    def packages(self) -> Graph:
        """The same imports between the package's parts: its subpackages and top-level modules."""

        def part(module: str) -> str:
            return ".".join(module.split(".")[:2])

        parts = {part(m): self.modules[m] for m in self.modules if "." in m}
        imports = [
            Import(part(i.source), part(i.target), i.where, i.lazy, i.explained)
            for i in self.imports
            if i.target in self.modules and "." in i.source and part(i.source) != part(i.target)
        ]
        return Graph(parts, imports)

    def edges(self, module: str) -> list[Import]:
        return [i for i in self.imports if i.source == module and i.target in self.modules]

    def cycles(self) -> list[list[str]]:
        """One cycle (its first module repeated at the end) per tangle of modules."""
        return [_cycle_in(component, self) for component in _tangles(self)]

    def reaches(self, start: str, outside: frozenset[str]) -> list[str] | None:
        """The chain of imports from `start` to one of the `outside` packages, if any.

        Importing a module runs its parent packages' `__init__` too, so those count.
        """
        chains: dict[str, list[str]] = {start: [start]}
        queue = [start]
        while queue:
            module = queue.pop(0)
            following = [i.target for i in self.imports if i.source == module]
            parent = module.rpartition(".")[0]
            following += [parent] if parent in self.modules else []
            for target in following:
                if target.split(".")[0] in outside:
                    return [*chains[module], target]
                if target in self.modules and target not in chains:
                    chains[target] = [*chains[module], target]
                    queue.append(target)
        return None


def _tangles(graph: Graph) -> list[list[str]]:
    """Modules that reach each other through imports (Tarjan's components), or import themselves."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for edge in graph.edges(module):
            if edge.target not in index:
                connect(edge.target)
                low[module] = min(low[module], low[edge.target])
            elif edge.target in on_stack:
                low[module] = min(low[module], index[edge.target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            loops = any(e.target == module for e in graph.edges(module))
            if len(component) > 1 or loops:
                found.append(sorted(component))

    for module in graph.modules:
        if module not in index:
            connect(module)
    return found


def _cycle_in(component: list[str], graph: Graph) -> list[str]:
    """A shortest way round from the component's first module back to itself."""
    start = component[0]
    members = set(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        module = queue.pop(0)
        for edge in graph.edges(module):
            if edge.target == start:
                return [*paths[module], start]
            if edge.target in members and edge.target not in paths:
                paths[edge.target] = [*paths[module], edge.target]
                queue.append(edge.target)
    raise AssertionError(f"no way round {component}")


def describe(cycle: list[str], graph: Graph) -> str:
    steps = []
    for source, target in itertools.pairwise(cycle):
        edge = next(e for e in graph.edges(source) if e.target == target)
        steps.append(f"{source} -> {target} ({edge.where}{', in a function' if edge.lazy else ''})")
    return "\n  ".join(steps)


GRAPH = Graph.of(SRC, "runstrong")


def test_no_module_imports_itself_round_a_cycle() -> None:
    cycles = [describe(cycle, GRAPH) for cycle in GRAPH.cycles()]
    assert not cycles, "import cycles:\n  " + "\n\n  ".join(cycles)


def test_the_package_s_parts_depend_one_way() -> None:
    parts = GRAPH.packages()
    cycles = [describe(cycle, parts) for cycle in parts.cycles()]
    assert not cycles, "parts that import each other:\n  " + "\n\n  ".join(cycles)


def test_every_import_inside_a_function_says_why() -> None:
    unexplained = [
        f"{i.where} imports {i.target}" for i in GRAPH.imports if i.lazy and not i.explained
    ]
    assert not unexplained, (
        "imports inside functions need a '# lazy: <reason>' comment "
        "(on the line, or above a run of imports):\n" + "\n".join(unexplained)
    )


@pytest.mark.parametrize(
    "module",
    [*CORE, *(m for m in GRAPH.modules if m.startswith(tuple(f"{p}." for p in CORE_PACKAGES)))],
)
def test_the_core_runs_without_database_web_terminal_or_cli(module: str) -> None:
    chain = GRAPH.reaches(module, FRAMEWORKS)
    assert chain is None, " -> ".join(chain or [])


def test_the_checks_catch_a_cycle_an_unexplained_import_and_a_framework(tmp_path: Path) -> None:
    package = tmp_path / "demo"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from demo import b\n")
    (package / "b.py").write_text(
        "def f():\n    from demo import c\n\n\ndef g():\n    # lazy: start-up time\n"
        "    import json\n    import click\n"
    )
    (package / "c.py").write_text("from . import a\n")
    graph = Graph.of(tmp_path, "demo")
    assert graph.cycles() == [["demo.a", "demo.b", "demo.c", "demo.a"]]
    assert graph.packages().cycles() == [["demo.a", "demo.b", "demo.c", "demo.a"]]
    assert [(i.target, i.explained) for i in graph.imports if i.lazy] == [
        ("demo.c", False),
        ("json", True),
        ("click", True),
    ]
    assert graph.reaches("demo.a", FRAMEWORKS) == ["demo.a", "demo.b", "click"]


@pytest.mark.parametrize("front", ["runstrong.tui", "runstrong.web", "runstrong.cli"])
def test_only_the_command_line_starts_the_terminal_and_web_apps(front: str) -> None:
    def inside(module: str, package: str) -> bool:
        return module == package or module.startswith(f"{package}.")

    users = [
        f"{i.where} imports {i.target}"
        for i in GRAPH.imports
        if inside(i.target, front)
        and not inside(i.source, front)
        and not inside(i.source, "runstrong.cli")
        and i.source != "runstrong.__main__"
    ]
    assert not users, f"{front} is imported from below:\n" + "\n".join(users)


def test_the_web_app_reads_the_log_through_the_store() -> None:
    direct = [
        f"{i.where} imports {i.target}"
        for i in GRAPH.imports
        if i.source.startswith("runstrong.web.") and i.target.split(".")[0] == "sqlalchemy"
    ]
    assert not direct, "queries belong in runstrong.store:\n" + "\n".join(direct)
