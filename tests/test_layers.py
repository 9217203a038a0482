"""The layers hold, read from the sources with `ast` (nothing is imported): the core
(app/) never imports the window (ui/), the launcher (passerelle/) nor Qt, and no package
imports itself in a circle.

Every import counts — at module level, inside functions, and the modules named by a
literal in `importlib.import_module("…")` — except, for circles only, the imports under
`if TYPE_CHECKING:`, which never run."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_IN_THE_CORE = ("ui", "passerelle", "PySide6", "shiboken6")


@dataclass(frozen=True)
class Import:
    module: str  # the module named by the statement (`from X import Y`: X)
    names: tuple[str, ...]  # `from X import Y, Z`: Y and Z (maybe submodules of X)
    line: int
    type_checking: bool  # under `if TYPE_CHECKING:`


def modules(root: Path, package: str) -> dict[str, Path]:
    """Every module of `package` (a folder under `root`), by its dotted name."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _absolute(name: str, path: Path, node: ast.ImportFrom) -> str:
    """The module a `from … import` names, relative ones resolved from `name`'s package."""
    if not node.level:
        return node.module or ""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _imported_by_name(node: ast.Call) -> str | None:
    """`importlib.import_module("x")`, `import_module("x")`, `__import__("x")`: "x"."""
    function = node.func
    called = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    if called not in ("import_module", "__import__") or not node.args:
        return None
    first = node.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def imports(name: str, path: Path) -> list[Import]:
    """Every import of the module `name` (its file `path`), wherever it is written."""
    found: list[Import] = []

    def visit(node: ast.AST, type_checking: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, type_checking)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(alias.name, (), node.lineno, type_checking))
        elif isinstance(node, ast.ImportFrom):
            names = tuple(alias.name for alias in node.names)
            found.append(Import(_absolute(name, path, node), names, node.lineno, type_checking))
        elif isinstance(node, ast.Call) and (named := _imported_by_name(node)):
            found.append(Import(named, (), node.lineno, type_checking))
        for child in ast.iter_child_nodes(node):
            visit(child, type_checking)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), False)
    return found


def import_graph(known: dict[str, Path]) -> dict[str, set[str]]:
    """Which modules of `known` each one imports when it runs (TYPE_CHECKING left out).
    `from X import Y` reaches the module X.Y if there is one, else X; a name outside
    `known` reaches the nearest enclosing module of `known`, if any."""

    def enclosing(dotted: str) -> str | None:
        while dotted and dotted not in known:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        reached = set()
        for found in imports(name, path):
            if found.type_checking:
                continue
            submodules = [
                f"{found.module}.{n}" for n in found.names if f"{found.module}.{n}" in known
            ]
            if submodules and len(submodules) == len(found.names):
                reached.update(submodules)
                continue
            reached.update(submodules)
            target = enclosing(found.module)
            if target is not None:
                reached.add(target)
        reached.discard(name)
        graph[name] = reached
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of `graph` with more than one module (Tarjan), each
    sorted; the modules of each import one another in a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for reached in sorted(graph[module]):
            if reached not in index:
                connect(reached)
                low[module] = min(low[module], low[reached])
            elif reached in on_stack:
                low[module] = min(low[module], index[reached])
        if low[module] == index[module]:
            part = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                part.append(top)
                if top == module:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for module in sorted(graph):
        if module not in index:
            connect(module)
    return sorted(found)


def one_circle(graph: dict[str, set[str]], part: list[str]) -> list[str]:
    """A path through `part` that comes back to its start: a → b → … → a."""
    members = set(part)
    start = part[0]
    path = [start]
    seen = {start}
    while True:
        following = sorted(graph[path[-1]] & members)
        if start in following and len(path) > 1:
            return [*path, start]
        step = next((m for m in following if m not in seen), None)
        if step is None:  # a dead end inside the part: the first module that loops back
            step = following[0]
            return [*path[path.index(step) :], step]
        path.append(step)
        seen.add(step)


def circles_told(package: str, root: Path = ROOT) -> str:
    """Every import circle of `package`, one line each; empty when there is none."""
    graph = import_graph(modules(root, package))
    return "\n".join(
        f"{', '.join(part)} (for example {' → '.join(one_circle(graph, part))})"
        for part in circles(graph)
    )


def test_the_core_never_imports_the_window_the_launcher_or_qt():
    found = [
        f"{path.relative_to(ROOT)}:{each.line} imports {each.module}"
        for name, path in modules(ROOT, "app").items()
        for each in imports(name, path)
        if each.module.split(".")[0] in NOT_IN_THE_CORE
    ]
    assert not found, "app/ must not import ui, passerelle nor Qt:\n" + "\n".join(found)


def test_no_import_circle_in_the_core():
    told = circles_told("app")
    assert not told, "import circles in app/:\n" + told


def test_no_import_circle_in_the_window():
    told = circles_told("ui")
    assert not told, "import circles in ui/:\n" + told


def test_the_reader_sees_every_kind_of_import(tmp_path):
    package = tmp_path / "core"
    (package / "inner").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "def later():\n    from core import b\n",
        "b.py": "import importlib\nimportlib.import_module('core.inner.c')\n",
        "inner/__init__.py": "",
        "inner/c.py": "from .. import a\n",
        "d.py": (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from core.e import E\nimport PySide6.QtCore\n"
        ),
        "e.py": "from core.d import thing\n",
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    found = modules(tmp_path, "core")
    graph = import_graph(found)
    assert circles(graph) == [["core.a", "core.b", "core.inner.c"]]  # d ↔ e: TYPE_CHECKING
    assert one_circle(graph, ["core.a", "core.b", "core.inner.c"]) == [
        "core.a",
        "core.b",
        "core.inner.c",
        "core.a",
    ]
    assert [i.module for i in imports("core.d", found["core.d"])] == [
        "typing",
        "core.e",
        "PySide6.QtCore",
    ]


# What each room of the window may import of the other rooms (docs/ARCHITECTURE.md):
# the main window takes everything; a room below it only what is beneath it.
ROOMS_MAY_IMPORT = {
    "ui.support": (),
    "ui.dialogs": ("ui.support",),
    "ui.candidate": ("ui.support",),
    "ui.wizards": ("ui.support", "ui.candidate", "ui.dialogs.guide"),
    "ui.consolidation": ("ui.support",),
}


def test_each_room_of_the_window_imports_only_what_lies_beneath_it():
    found = []
    for name, path in modules(ROOT, "ui").items():
        room = next((r for r in ROOMS_MAY_IMPORT if name == r or name.startswith(r + ".")), None)
        if room is None:
            continue
        for each in imports(name, path):
            target = each.module
            if not target.startswith("ui.") or target == room or target.startswith(room + "."):
                continue
            if not any(target == a or target.startswith(a + ".") for a in ROOMS_MAY_IMPORT[room]):
                found.append(f"{name}:{each.line} imports {target}")
    assert found == []
