"""The architecture, read from the source: layers that import only downwards, no import circle, small
folders, no module hidden behind a same-named export, and an engine that imports without its wings.

The layers of `autograd_mini` (a module imports only from its own layer or the layers above it):

    0  validate · files · text · operators      the error rule, the one writer, text for readers, float maths
    1  engine                                   Value and backward()
    2  graph · neurons · calculus/           reading a graph; the one neuron/layer grammar; derivatives in ops, grad/hessian
    3  numerical · testing · expr · examples/   checks on the engine; a graph from a line of maths; worked examples
    4  tracing/ · drawing/                      the two wings: they never import each other
    5  explorer/                                uses both wings
    6  cli/ · __main__                          the top

`nn` is a sibling package that builds on `autograd_mini`; `autograd_mini` never imports `nn`.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "autograd_mini"
PACKAGES = ("autograd_mini", "nn")

LAYERS = {
    "autograd_mini.validate": 0, "autograd_mini.files": 0, "autograd_mini.text": 0, "autograd_mini.operators": 0,
    "autograd_mini.engine": 1,
    "autograd_mini.graph": 2, "autograd_mini.neurons": 2, "autograd_mini.calculus": 2,
    "autograd_mini.numerical": 3, "autograd_mini.testing": 3, "autograd_mini.expr": 3, "autograd_mini.examples": 3,
    "autograd_mini.tracing": 4, "autograd_mini.drawing": 4,
    "autograd_mini.explorer": 5,
    "autograd_mini.cli": 6, "autograd_mini.__main__": 6,
}  # fmt: skip
NEVER = {("autograd_mini.tracing", "autograd_mini.drawing"), ("autograd_mini.drawing", "autograd_mini.tracing")}
MAX_MODULES_PER_FOLDER = 12


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of both packages: dotted name -> file."""
    return {module_name(p, root): p for package in PACKAGES for p in sorted((root / package).rglob("*.py")) if "__pycache__" not in p.parts}


def imports(path: Path, known: dict[str, Path], root: Path = ROOT) -> list[tuple[int, str]]:
    """(line, module) for every import of a module of ours in a file, at any depth (lazy and TYPE_CHECKING
    ones too). ``from package import name`` counts as an import of the submodule when there is one, else of
    the package's face (its ``__init__``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name in known]
        elif isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            if node.level:  # relative: resolve against this module's package
                here = module_name(path, root).split(".")
                package = here if path.name == "__init__.py" else here[:-1]
                base = ".".join(package[: len(package) - node.level + 1] + [node.module])
            if base not in known:
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append((node.lineno, sub if sub in known else base))
    return found


def layer_of(module: str) -> tuple[str, int] | None:
    """(the layer's key, its number) for a module of autograd_mini; None for the package's face."""
    for key in sorted(LAYERS, key=len, reverse=True):
        if module == key or module.startswith(key + "."):
            return key, LAYERS[key]
    return None


def edges(root: Path = ROOT) -> dict[str, set[str]]:
    known = modules(root)
    return {name: {target for _, target in imports(path, known, root) if target != name} for name, path in known.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
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
    return found


def test_every_module_has_a_layer():
    faceless = [m for m in modules() if m.startswith("autograd_mini.") and layer_of(m) is None]
    assert faceless == [], f"give these modules a layer in LAYERS: {faceless}"


def test_imports_point_one_way():
    known = modules()
    wrong = []
    for name, path in known.items():
        if not name.startswith("autograd_mini") or name == "autograd_mini":
            continue  # the package's face re-exports (lazily) from every layer
        mine = layer_of(name)
        assert mine is not None
        for line, target in imports(path, known):
            if target == "nn" or target.startswith("nn."):
                wrong.append(f"{path.relative_to(ROOT)}:{line}: imports {target} (autograd_mini never imports nn)")
                continue
            theirs = layer_of(target)
            if theirs is None:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: imports the package face {target!r}; import the module that defines the name")
            elif (mine[0], theirs[0]) in NEVER:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {mine[0]} imports {target}: tracing and drawing never import each other")
            elif theirs[1] > mine[1]:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {name} (layer {mine[1]}) imports {target} (layer {theirs[1]}), a layer below it")
    assert wrong == [], "imports against the layers:\n" + "\n".join(wrong)


def test_no_import_circle_anywhere():
    found = circles(edges())
    assert found == [], "import circles:\n" + "\n".join(" <-> ".join(group) for group in found)


def test_the_scans_find_what_they_look_for(tmp_path):
    """The checks themselves can fail: a planted circle, a planted wrong-way import and a planted nn import are found."""
    pkg = tmp_path / "autograd_mini"
    (pkg / "tracing").mkdir(parents=True)
    (pkg / "drawing").mkdir()
    (tmp_path / "nn").mkdir()
    for folder in (pkg, pkg / "tracing", pkg / "drawing", tmp_path / "nn"):
        (folder / "__init__.py").write_text("")
    (pkg / "engine.py").write_text("def f():\n    from autograd_mini.tracing import tape\n")
    (pkg / "tracing" / "tape.py").write_text("from autograd_mini import engine\nfrom autograd_mini.drawing.draw import x\n")
    (pkg / "drawing" / "draw.py").write_text("from ..tracing.tape import y\nimport nn\n")
    known = modules(tmp_path)
    assert imports(pkg / "drawing" / "draw.py", known, tmp_path) == [(1, "autograd_mini.tracing.tape"), (2, "nn")]
    assert imports(pkg / "engine.py", known, tmp_path) == [(2, "autograd_mini.tracing.tape")]
    assert circles(edges(tmp_path)) == [["autograd_mini.drawing.draw", "autograd_mini.engine", "autograd_mini.tracing.tape"]]
    assert layer_of("autograd_mini.tracing.tape") == ("autograd_mini.tracing", 4)


def test_no_folder_holds_more_than_twelve_modules():
    crowded = {}
    for package in PACKAGES:
        for folder in [ROOT / package, *(p for p in (ROOT / package).rglob("*") if p.is_dir() and p.name != "__pycache__")]:
            count = len(list(folder.glob("*.py")))
            if count > MAX_MODULES_PER_FOLDER:
                crowded[str(folder.relative_to(ROOT))] = count
    assert crowded == {}, f"folders with more than {MAX_MODULES_PER_FOLDER} modules: {crowded}"


def test_the_parts_are_folders():
    for part in ("tracing", "drawing", "explorer", "cli", "examples", "calculus"):
        assert (PACKAGE / part / "__init__.py").is_file(), part
    for part in ("tracing", "drawing", "explorer", "cli", "calculus"):  # subpackages re-export nothing: one name, one place
        assert (PACKAGE / part / "__init__.py").read_text().strip() == "", f"autograd_mini/{part}/__init__.py should stay empty"


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_shares_its_name_with_an_export(package):
    """After ``import autograd_mini.x``, ``autograd_mini.x`` must still be what the package exports."""
    code = (
        f"import importlib, pkgutil, {package} as p\n"
        "clash = []\n"
        "for info in pkgutil.walk_packages(p.__path__, p.__name__ + '.'):\n"
        "    short = info.name.rsplit('.', 1)[1]\n"
        "    parent = importlib.import_module(info.name.rsplit('.', 1)[0])\n"
        "    exported = getattr(parent, '__all__', ())\n"
        "    if short in exported:\n"
        "        value = getattr(parent, short)\n"
        "        if not isinstance(value, type(p)):\n"
        "            clash.append(info.name)\n"
        "print(clash)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"modules named like an exported function or class: {done.stdout}"


def test_both_packages_import_without_graphviz():
    code = "import sys; sys.modules['graphviz'] = None; import autograd_mini, nn; assert 'graphviz' not in [m for m in sys.modules if sys.modules[m] is not None]"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr


def test_importing_the_package_loads_only_the_engine():
    """The wings load on first use; the names stay importable from the top."""
    code = (
        "import sys, autograd_mini\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('autograd_mini'))\n"
        "assert not [m for m in loaded if m.split('.')[1:2] and m.split('.')[1] in ('tracing', 'drawing', 'explorer', 'cli')], loaded\n"
        "assert 'numpy' not in sys.modules\n"
        "from autograd_mini import explain, draw_dot, explore, check_worksheet, gradcheck\n"
        "import autograd_mini.tracing.explain as module\n"
        "assert explain is module.explain and autograd_mini.explain is explain\n"
        "assert set(autograd_mini.__all__) <= set(dir(autograd_mini))\n"
        "print(len(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) <= 6, f"import autograd_mini loads {done.stdout.strip()} of its modules"


def test_an_unknown_name_is_an_attribute_error():
    import autograd_mini

    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        autograd_mini.nope  # noqa: B018


def test_the_command_line_does_not_import_nn():
    code = "import sys; from autograd_mini.cli.main import main; main(['explain', 'w5']); assert not any(m == 'nn' or m.startswith('nn.') for m in sys.modules), sorted(sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr


def test_mypy_checks_the_packages_the_demos_and_the_benchmark():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    folders = {p.name for p in ROOT.iterdir() if p.is_dir() and any(p.glob("*.py")) and p.name != "tests"}
    assert folders <= set(config["tool"]["mypy"]["files"]) == {"autograd_mini", "nn", "demos", "benchmarks", "scripts"}


def test_the_engine_stays_readable_in_one_sitting():
    """engine.py (Value, the op table, backward) is at most 300 lines: two screens of ops as data."""
    lines = (PACKAGE / "engine.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 300, f"autograd_mini/engine.py has {lines} lines; move what is not Value, an op or backward() out"
