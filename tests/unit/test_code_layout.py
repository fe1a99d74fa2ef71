"""The core's layers point down only: a capability imports the ground below it, never one beside or above
it, and no two modules import each other (also through imports placed inside functions). The faces
(gui, cli, processing) import the core; the core never imports a face."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "remix_plugin"
# the core's layers, bottom first; capabilities on one line are siblings that must not import each other
LAYERS = [
    ("base",),
    ("data",),
    ("scope",),
    ("indicators",),
    ("catalogue",),
    ("infobox", "printing"),
    ("pgt", "segnalazioni"),
    ("offline",),
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
FACES = ("gui", "cli", "processing", "plugin")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set:
    """Every remix_plugin module the file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("remix_plugin"):
            for alias in node.names:  # `from remix_plugin.core.data import datapack` names a module
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("remix_plugin"))
    return found


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: imports(path) & set(MODULES) for name, path in MODULES.items()}


def place(module: str):
    """("core", capability) for a core module, ("face", name) for a face, None for the package's own files."""
    parts = module.split(".")
    if len(parts) >= 3 and parts[1] == "core":
        return "core", parts[2]
    if len(parts) >= 2 and parts[1] in FACES:
        return "face", parts[1]
    return None


def upward(importer: str, imported: str) -> bool:
    here, there = place(importer), place(imported)
    if here is None or there is None or here == there:
        return False
    if here[0] == "core":
        return there[0] == "face" or RANK[there[1]] >= RANK[here[1]]
    return there[0] == "face" and there[1] != "plugin" and here[1] != "plugin"  # faces do not lean on each other


def cycles(graph: dict) -> list:
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_core_module_lives_in_a_capability_of_the_layers():
    loose = [m for m in MODULES if m.startswith("remix_plugin.core.") and place(m)[1] not in RANK]
    assert not loose, f"core modules outside the capabilities {sorted(RANK)}: {loose}"


def test_imports_point_down_only():
    wrong = sorted(f"{a} -> {b}" for a, targets in GRAPH.items() for b in targets if upward(a, b))
    assert not wrong, "imports that point up or sideways:\n" + "\n".join(wrong)


def test_no_module_imports_itself_back():
    assert cycles(GRAPH) == []


@pytest.mark.parametrize("capability", sorted(RANK))
def test_each_capability_says_what_it_holds_and_stays_light(capability):
    init = PACKAGE / "core" / capability / "__init__.py"
    tree = ast.parse(init.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{init} has no docstring"
    assert all(isinstance(node, ast.Expr) for node in tree.body), f"{init} should hold only its docstring"


def test_the_check_catches_an_upward_import(tmp_path):
    """The rule itself: base importing printing is upward, printing importing base is not."""
    assert upward("remix_plugin.core.base.log", "remix_plugin.core.printing.layouts")
    assert upward("remix_plugin.core.infobox.content", "remix_plugin.core.printing.layouts")
    assert upward("remix_plugin.core.data.datapack", "remix_plugin.gui.session")
    assert not upward("remix_plugin.core.printing.layouts", "remix_plugin.core.base.log")
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
