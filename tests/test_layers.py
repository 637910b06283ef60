"""The package's layers, as ARCHITECTURE.md draws them: imports flow one way (ui → api → lessons → classroom →
core, with i18n under everything and the builtin model beside classroom), and no module imports itself back."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "components"
LEVEL = {"i18n": 0, "core": 1, "builtin_model": 2, "classroom": 2, "lessons": 3, "api": 4, "ui": 5}


def imports() -> dict[str, set[str]]:
    """Each module of the package and the modules of the package it imports (lazy imports included)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        where = parts[:-1]  # the package a relative import starts from
        name = ".".join(parts[:-1] if path.name == "__init__.py" else parts)
        targets = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                base = ".".join(where[: len(where) - node.level + 1]) if node.level else ""
                module = ".".join(filter(None, [base, node.module or ""]))
                if module.startswith("components"):
                    targets |= {f"{module}.{alias.name}" for alias in node.names} if not node.module else {module}
            elif isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names if alias.name.startswith("components")}
        found[name] = targets
    return found


def module_of(target: str, modules: set[str]) -> str | None:
    while target and target not in modules:
        target = target.rpartition(".")[0]
    return target or None


def test_every_module_lives_in_a_layer():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert not loose, f"modules outside the layers: {loose}"
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(LEVEL)


def test_imports_flow_down_the_layers():
    wrong = []
    for module, targets in imports().items():
        layer = module.split(".")[1] if "." in module else None
        for target in targets:
            other = target.split(".")[1] if target.count(".") >= 1 else None
            if layer and other and other != layer and LEVEL[other] >= LEVEL[layer]:
                wrong.append(f"{module} → {target}")
    assert not wrong, "imports against the layers:\n" + "\n".join(sorted(wrong))


def test_no_import_cycles():
    graph = imports()
    modules = set(graph)
    edges = {m: {module_of(t, modules) for t in targets} - {None, m} for m, targets in graph.items()}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for other in sorted(edges[module]):
            if other.startswith(module + "."):  # a package's __init__ importing its own modules is no cycle
                continue
            assert state.get(other) != 1, "import cycle: " + " → ".join(path[path.index(other) :] + [other])
            if other not in state:
                visit(other)
        path.pop()
        state[module] = 2

    for module in sorted(modules):
        if module not in state:
            visit(module)


def test_the_openai_package_loads_after_the_page_is_built():
    """openai imports ~1 s of types: building the page must not wait for it (launch imports it in a thread)."""
    import subprocess
    import sys

    script = (
        "import os, sys, tempfile\n"
        "os.environ['GRADIO_TEMP_DIR'] = tempfile.mkdtemp()\n"
        "from components.classroom.playground import Playground\n"
        "from components.ui.page import build_demo\n"
        "import gradio.routes\n"
        "build_demo(Playground({}))\n"
        "assert gradio.routes.App.create_app.__name__ == 'create_app'  # Gradio builds its server app again\n"
        "print('openai' in sys.modules)\n"
    )
    found = subprocess.run([sys.executable, "-c", script], cwd=PACKAGE.parent, capture_output=True, text=True)
    assert found.returncode == 0, found.stderr[-2000:]
    assert found.stdout.strip() == "False"
