"""The package's layout holds: stages import only earlier stages, no cycles, thin pages, documented modules.

The stage order is the data flow of DESIGN.md. Imports are read from the AST of every module,
function-level imports included, so an upward import cannot hide inside a function.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "diplotime"

# Each stage may import itself and the stages before it, never one after it. A stage is a subpackage,
# or a top-level module named here (the package's shared vocabulary comes first, the CLI last).
STAGES: tuple[tuple[str, ...], ...] = (
    ("schema", "errors", "text", "access"),
    ("read",),
    ("formats",),
    ("validate",),
    ("names", "pipeline"),
    ("store", "synthetic"),
    ("explore", "export"),
    ("figures",),
    ("present", "upload", "draft"),
    ("ui", "cli"),
    ("__main__",),
)
PAGE_MAX_LINES = 150


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def stage_of(module: str) -> int:
    """The stage index of a diplotime module: diplotime.read.sniff -> 1."""
    top = module.split(".")[1] if "." in module else ""
    for i, members in enumerate(STAGES):
        if top in members:
            return i
    raise AssertionError(f"{module} belongs to no stage: add it to STAGES in tests/test_layout.py")


def imported_modules(path: Path) -> Iterator[tuple[str, int]]:
    """(diplotime module, line) for every import in the file, at any depth, resolved to a module."""
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "diplotime":
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "diplotime":
                continue
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                yield (submodule if submodule in MODULES else target), node.lineno


def test_every_module_belongs_to_a_stage() -> None:
    for module in MODULES:
        if module != "diplotime":
            stage_of(module)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "diplotime"))
def test_no_module_imports_a_later_stage(module: str) -> None:
    mine = stage_of(module)
    for target, line in imported_modules(MODULES[module]):
        if target == "diplotime":
            raise AssertionError(f"{module}:{line} imports the package root; import the module itself")
        assert stage_of(target) <= mine, (
            f"{module}:{line} imports {target}, a later stage ({STAGES[stage_of(target)]} after {STAGES[mine]})"
        )


def test_stages_of_one_rank_do_not_import_each_other() -> None:
    """Stages that share a rank (present and upload, ui and cli) are independent of each other."""
    for module, path in MODULES.items():
        if module == "diplotime":
            continue
        top = module.split(".")[1]
        for target, line in imported_modules(path):
            other = target.split(".")[1]
            if other != top and stage_of(target) == stage_of(module) and len(STAGES[stage_of(module)]) > 1:
                assert other in STAGES[0] or top in STAGES[0], f"{module}:{line} imports {target} of the same rank"


def test_no_import_cycles() -> None:
    graph = {m: {t for t, _ in imported_modules(p) if t in MODULES and t != m} for m, p in MODULES.items()}
    done: set[str] = set()

    def visit(node: str, trail: list[str]) -> None:
        if node in trail:
            raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(node) :] + [node]))
        if node in done:
            return
        for target in sorted(graph[node]):
            visit(target, [*trail, node])
        done.add(node)

    for module in sorted(graph):
        visit(module, [])


def test_submodules_do_not_import_their_own_package() -> None:
    """A module reaches its siblings directly, so the package's public __init__ can re-export them freely."""
    for module, path in MODULES.items():
        if path.name == "__init__.py" or module.count(".") < 2:
            continue
        package = module.rsplit(".", 1)[0]
        for target, line in imported_modules(path):
            assert target != package, f"{module}:{line} imports its own package {package}; import the sibling module"


def test_the_package_docstring_lists_every_stage_and_module_in_flow_order() -> None:
    doc = importlib.import_module("diplotime").__doc__ or ""
    listed = re.findall(r"``(diplotime\.[\w.]+)``", doc)
    expected = sorted(
        (m for m in MODULES if m != "diplotime" and not m.endswith("__main__")),
        key=lambda m: (stage_of(m), m.split(".")[1]),
    )
    assert sorted(listed) == sorted(expected), "diplotime/__init__.py must list every module exactly once"
    stages = [stage_of(m) for m in listed]
    assert stages == sorted(stages), "the package docstring lists modules out of the stage order"


def test_every_subpackage_docstring_lists_its_modules() -> None:
    for module, path in MODULES.items():
        if path.name != "__init__.py" or module == "diplotime":
            continue
        doc = importlib.import_module(module).__doc__ or ""
        own = {m for m in MODULES if m.startswith(module + ".") and m.count(".") == module.count(".") + 1}
        named = set(re.findall(r":mod:`~?(diplotime\.[\w.]+)`", doc))
        assert own <= named, f"{module}'s docstring does not name {sorted(own - named)}"


PAGES = sorted((ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_pages_are_thin(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= PAGE_MAX_LINES, f"{path.name} has {lines} lines: move its logic into diplotime/"


def test_readme_points_to_the_layout_in_the_package_docstring() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "diplotime/__init__.py" in readme
