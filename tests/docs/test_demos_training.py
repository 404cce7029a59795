"""Smoke tests: every training demo runs in its quick mode, prints its results, and writes its plot
(or, without matplotlib, says so and still finishes)."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMOS = {  # demo: a phrase its output must contain
    "optimizers": "Lowest final cost",
    "symmetry": "hidden units identical: YES",
    "search_vs_descent": "the lecture prints 411: a slip, 21² = 441",
    "gradcheck": "FAIL: backprop disagrees",
    "classify": "training accuracy",
}


def run(name: str, out: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, MPLBACKEND="Agg", **(env_extra or {}))
    return subprocess.run([sys.executable, str(ROOT / "demos" / f"{name}.py"), "--quick", str(out)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(DEMOS))
def test_demo_runs_and_plots(name, tmp_path):
    result = run(name, tmp_path)
    assert result.returncode == 0, result.stderr
    assert DEMOS[name] in result.stdout
    if find_spec("matplotlib") is None:
        assert "matplotlib is not installed" in result.stdout
    else:
        assert (tmp_path / f"{name}.png").stat().st_size > 5000


@pytest.mark.slow
@pytest.mark.parametrize("name", list(DEMOS))
def test_demo_runs_without_matplotlib(name, tmp_path):
    blocker = tmp_path / "block"
    (blocker / "matplotlib").mkdir(parents=True)
    (blocker / "matplotlib" / "__init__.py").write_text("raise ImportError('matplotlib hidden for this test')\n")
    result = run(name, tmp_path / "out", {"PYTHONPATH": str(blocker)})
    assert result.returncode == 0, result.stderr
    assert DEMOS[name] in result.stdout and "matplotlib is not installed" in result.stdout
    assert not (tmp_path / "out" / f"{name}.png").exists()
