"""The import graph has no cycles (between modules, or between the feature packages of a layer) and no module
imports another module's private names."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("domain", "persistence", "auth", "ui")


def module_name(path: Path) -> str:
    """domain/presence/board.py -> domain.presence.board; a package's __init__ is the package."""
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _sources() -> dict[str, Path]:
    found = {}
    for layer in LAYERS:
        for path in (ROOT / layer).rglob("*.py"):
            if "migrations" not in path.parts:
                found[module_name(path)] = path
    return found


def _runtime_nodes(tree: ast.Module) -> list[ast.stmt]:
    """Every import statement that runs (those under `if TYPE_CHECKING:` only name types for the checker)."""
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and ast.unparse(node.test) ==
               "TYPE_CHECKING" for inner in node.body for n in ast.walk(inner)}
    return [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom) and id(n) not in skipped]


def imports_of(name: str, source: str, known: set[str], is_package: bool = False) -> tuple[set[str], list[str]]:
    """The known modules a module imports at run time, and the private names it takes from other modules."""
    targets, private = set(), []
    package = name if is_package else name.rpartition(".")[0]
    for node in _runtime_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets |= {a.name for a in node.names if a.name in known}
            continue
        base = node.module or ""
        if node.level:
            parent = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*parent, *([node.module] if node.module else [])])
        for alias in node.names:
            target = f"{base}.{alias.name}"
            targets.add(target if target in known else base)
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                private.append(f"{alias.name} from {base}")
    return {t for t in targets if t in known and t != name}, private


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def feature_of(module: str) -> str:
    """domain.presence.board -> domain.presence; shared modules (domain.clock, ui.frame) are their own feature."""
    return ".".join(module.split(".")[:2])


def _graph() -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    sources = _sources()
    graph, private = {}, {}
    for name, path in sources.items():
        graph[name], taken = imports_of(name, path.read_text(encoding="utf-8"), set(sources),
                                        path.name == "__init__.py")
        if taken:
            private[name] = taken
    return graph, private


def test_the_checks_see_a_cycle_and_a_private_import() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    targets, private = imports_of("ui.x", "from ui.y import _secret, shown\n", {"ui.x", "ui.y"})
    assert targets == {"ui.y"} and private == ["_secret from ui.y"]
    typed_only = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ui.y import T\n"
    assert imports_of("ui.x", typed_only, {"ui.x", "ui.y"}) == (set(), [])


def test_no_module_imports_itself_round_a_cycle() -> None:
    graph, _ = _graph()
    assert cycles(graph) == []


def test_no_two_feature_packages_of_a_layer_import_each_other() -> None:
    graph, _ = _graph()
    features: dict[str, set[str]] = {}
    for module, targets in graph.items():
        for target in targets:
            same_layer = module.split(".")[0] == target.split(".")[0]
            if same_layer and feature_of(module) != feature_of(target):
                features.setdefault(feature_of(module), set()).add(feature_of(target))
    assert cycles(features) == []


def test_no_module_imports_another_modules_private_names() -> None:
    _, private = _graph()
    assert private == {}
