"""The shape of the package, read from its source: who imports whom.

Every `import` counts, wherever it stands (top of the module, inside a function, under
TYPE_CHECKING): a lazy import still ties two modules together.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    is_package: bool


def _modules() -> dict[str, Module]:
    found: dict[str, Module] = {}
    for path in sorted((SRC / "pursuit").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        name = ".".join(parts)
        found[name] = Module(name, path, is_package)
    return found


MODULES = _modules()


def imported_names(module: Module) -> set[str]:
    """Every absolute module name `module` imports; `from a import b` names `a.b` when that is
    a module of ours, else `a`."""
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(module.path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                names.add(submodule if submodule in MODULES else base)
    return names


IMPORTS = {name: imported_names(module) for name, module in MODULES.items()}
GRAPH = {name: {n for n in names if n in MODULES and n != name} for name, names in IMPORTS.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path that ends where it starts, or None if there is none."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        path: list[str] = [start]
        on_path = {start}
        pending = [iter(sorted(graph[start]))]
        while pending:
            following = next(pending[-1], None)
            if following is None:
                pending.pop()
                finished = path.pop()
                on_path.discard(finished)
                done.add(finished)
                continue
            if following in on_path:
                return [*path[path.index(following) :], following]
            if following not in done:
                path.append(following)
                on_path.add(following)
                pending.append(iter(sorted(graph[following])))
    return None


def test_the_graph_is_read_from_every_module() -> None:
    assert "pursuit.core.times" in MODULES
    assert "pursuit.store.urls" in GRAPH["pursuit.store.migrate"]


def test_the_cycle_finder_finds_a_circle_and_only_a_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"d"}, "c": {"d"}, "d": set()}) is None


def test_no_module_imports_itself_round_a_circle() -> None:
    assert find_cycle(GRAPH) is None


def test_the_core_imports_only_the_standard_library_and_the_errors() -> None:
    allowed = set(sys.stdlib_module_names) | {"__future__"}
    outside = {
        (name, imported)
        for name, names in IMPORTS.items()
        if name.startswith("pursuit.core")
        for imported in names
        if not imported.startswith("pursuit.core")
        and imported != "pursuit.errors"
        and imported.split(".")[0] not in allowed
    }
    assert outside == set()


def test_only_the_serve_command_imports_the_web_from_the_cli() -> None:
    importers = {
        name
        for name, names in IMPORTS.items()
        if name.startswith("pursuit.cli.")
        and any(n == "pursuit.web" or n.startswith("pursuit.web.") for n in names)
    }
    assert importers <= {"pursuit.cli.serve_command"}


def test_the_application_layer_never_imports_the_web() -> None:
    importers = {
        name
        for name, names in IMPORTS.items()
        if name.startswith(("pursuit.app.", "pursuit.views.", "pursuit.operators."))
        and any(n == "pursuit.web" or n.startswith("pursuit.web.") for n in names)
    }
    assert importers == set()
