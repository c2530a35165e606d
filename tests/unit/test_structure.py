"""The package's shape: imports point down the floors, no circles, no module past 600 lines.

Every import counts, also those under ``TYPE_CHECKING`` and inside functions: a reader follows
them all. See docs/architecture.md for the floors.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = "thuiszitter_desktop"
ROOT = Path(__file__).resolve().parents[2] / PACKAGE
MAX_LINES = 600

# The floor of each top-level module or subpackage. An import may only go to a lower floor, or
# stay inside its own subpackage; packages that share a floor do not import each other.
FLOORS: dict[str, int] = {
    "version": 0, "paths": 0,
    "__init__": 1, "crash": 1, "domain": 1,
    "storage": 2, "reports": 2, "interchange": 2, "transport": 2,
    "services": 3,
    "ui": 4,
    "app": 5, "selftest": 5,
    "__main__": 6,
    # The team server stands on top of everything and nothing imports it: the desktop app
    # (and its bundle) never carries it.
    "server": 7,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(ROOT.rglob("*.py"))
            if "migrations" not in path.parts}


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    """The package's own modules that ``name`` (at ``path``) imports, wherever in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from pkg import module`` imports the module; ``from module import name`` the module.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith(PACKAGE + ".") and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    known = set(modules)
    return {name: imports_of(path, name, known) for name, path in modules.items()}


def top_part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def floor_of(module: str) -> int:
    return FLOORS[top_part(module)]


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, todo = work[-1]
            if todo:
                nxt = todo.pop()
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(graph.get(nxt, ()))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_every_module_has_a_floor() -> None:
    assert {top_part(name) for name in all_modules()} <= set(FLOORS)


def test_imports_point_down_the_floors() -> None:
    wrong = []
    for module, targets in import_graph().items():
        for target in targets:
            same_package = top_part(module) == top_part(target)
            if not same_package and floor_of(target) >= floor_of(module):
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_no_import_circles() -> None:
    assert circles(import_graph()) == []


def test_no_module_past_the_line_limit() -> None:
    long = {name: n for name, path in all_modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


# The checker itself: it must see what it claims to see.
def test_checker_finds_a_circle_and_an_upward_import() -> None:
    graph = {"p.a": {"p.b"}, "p.b": {"p.c"}, "p.c": {"p.a"}, "p.d": {"p.a"}}
    assert circles(graph) == [["p.a", "p.b", "p.c"]]


@pytest.mark.parametrize(("source", "expected"), [
    ("from thuiszitter_desktop.ui.main_window import MainWindow",
     {"thuiszitter_desktop.ui.main_window"}),
    ("from thuiszitter_desktop.services import plan", {"thuiszitter_desktop.services.plan"}),
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from thuiszitter_desktop.app "
     "import AppController", {"thuiszitter_desktop.app"}),
    ("def f():\n    from . import vault", {"thuiszitter_desktop.storage.vault"}),
])
def test_checker_reads_every_kind_of_import(tmp_path: Path, source: str,
                                            expected: set[str]) -> None:
    path = tmp_path / "backup.py"
    path.write_text(source, encoding="utf-8")
    known = set(all_modules())
    assert imports_of(path, "thuiszitter_desktop.storage.backup", known) == expected


# Libraries only needed to make or print a document, or by the team server: the window must
# open without loading them (they were a third of the start-up time, see bench/).
LATE_LIBRARIES = ("reportlab", "pypdf", "icalendar", "openpyxl", "PIL", "PySide6.QtPdf",
                  "PySide6.QtPrintSupport", "fastapi", "uvicorn", "psycopg")
# Pages and windows built when first needed (ui/deferred_page.py): a third of what was left.
LATE_PAGES = tuple(f"thuiszitter_desktop.ui.{name}" for name in (
    "case_window", "plan_editor", "aanmeld_page", "mdo_page", "figures_page",
    "list_import_dialog", "settings_dialog"))


def test_the_main_window_opens_without_document_or_server_libraries() -> None:
    late = LATE_LIBRARIES + LATE_PAGES
    probe = ("import sys, thuiszitter_desktop.ui.main_window, thuiszitter_desktop.app; "
             f"print(sorted(m for m in {late!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip() == "[]"
