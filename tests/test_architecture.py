"""The dependency direction: the engine package never imports nn; both import without graphviz."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "autograd_mini"


def nn_imports(path: Path, root: Path = ROOT) -> list[str]:
    """``file:line: import …`` for every import of ``nn`` (or ``nn.…``) in a file, at any depth (lazy ones too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        found += [f"{path.relative_to(root)}:{node.lineno}: import {m}" for m in modules if m == "nn" or m.startswith("nn.")]
    return found


def test_no_module_under_autograd_mini_imports_nn():
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 10 and PACKAGE / "cli.py" in files and PACKAGE / "examples" / "__init__.py" in files
    offenders = [line for path in files for line in nn_imports(path)]
    assert offenders == [], "autograd_mini must never import nn:\n" + "\n".join(offenders)


def test_the_scan_finds_every_spelling(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import nn\nimport nn.layers as L\nfrom nn import MLP\nfrom nn.examples import mazur\ndef f():\n    import nn.optim\nimport nnx\nfrom . import nn\n")
    found = [line.split(": ", 1)[1] for line in nn_imports(sample, tmp_path)]
    assert found == ["import nn", "import nn.layers", "import nn", "import nn.examples", "import nn.optim"]


def test_both_packages_import_without_graphviz():
    code = "import sys; sys.modules['graphviz'] = None; import autograd_mini, nn; assert 'graphviz' not in [m for m in sys.modules if sys.modules[m] is not None]"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_command_line_does_not_import_nn():
    code = "import sys; from autograd_mini.cli import main; main(['explain', 'w5']); assert not any(m == 'nn' or m.startswith('nn.') for m in sys.modules), sorted(sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
