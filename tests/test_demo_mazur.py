"""demos/mazur.py runs, agrees with the post line by line, explains each slip, and writes the graph."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograd_mini import Value

DEMO = Path(__file__).resolve().parent.parent / "demos" / "mazur.py"


def test_the_demo_runs_and_shows_every_figure(tmp_path):
    run = subprocess.run([sys.executable, str(DEMO), str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    rows = [line for line in lines if line.rstrip().endswith("✓") or "✗ slip" in line]
    assert len(rows) == 33  # every figure the post prints: 28 agree, 5 are explained slips
    slips = [line for line in rows if "✗ slip" in line]
    assert [line.split()[0] for line in slips] == ["∂E_o2/∂out_h1", "E", "E", "out_o1", "out_o2"]
    assert all(line.endswith("✓") for line in slips[1:])  # each after-training figure reproduced by its variant
    assert "< 1e-9" in slips[0]
    assert "w1·i1 + w3·i2 + b1, which is 0.3825" in run.stdout
    assert (tmp_path / "mazur.dot").read_text().startswith("digraph")


def test_the_fallback_dot_writer_gives_valid_dot(tmp_path):
    spec = importlib.util.spec_from_file_location("mazur_demo", DEMO)
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    x = Value(2.0, "x")
    y = x * x
    y.label = "y"
    source = demo.dot_source(y)
    assert source.startswith("digraph") and source.count("->") == 2 and "y = *" in source
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed")
    (tmp_path / "g.dot").write_text(source, encoding="utf-8")
    subprocess.run(["dot", "-Tsvg", str(tmp_path / "g.dot"), "-o", str(tmp_path / "g.svg")], check=True)
    assert (tmp_path / "g.svg").stat().st_size > 0
