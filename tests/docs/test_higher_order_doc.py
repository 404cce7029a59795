"""docs/higher-order.md: every Python snippet runs as a file on its own, and prints what its comments say."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "higher-order.md").read_text(encoding="utf-8")
SNIPPETS = re.findall(r"```python\n(.*?)```", PAGE, re.S)


def expected_output(code: str) -> list[str]:
    """The ``# …`` comment of every ``print(...)`` line: what that line prints."""
    return [line.split("#", 1)[1].strip() for line in code.splitlines() if line.startswith("print(") and "#" in line]


def test_the_page_has_snippets_and_every_print_says_what_it_prints():
    assert len(SNIPPETS) >= 6
    for code in SNIPPETS:
        assert expected_output(code), code


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"snippet{i + 1}" for i in range(len(SNIPPETS))])
def test_snippet_runs_and_prints_its_comments(code, tmp_path):
    script = tmp_path / "snippet.py"
    script.write_text(code, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"snippet failed:\n{code}\n--- stderr ---\n{done.stderr[-3000:]}"
    assert done.stdout.splitlines() == expected_output(code)


@pytest.mark.slow
def test_the_demo_figures_quoted_on_the_page_are_the_demos():
    done = subprocess.run([sys.executable, str(ROOT / "demos" / "newton.py")], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    newton = re.search(r"Newton's method: f < 1e-10 after (\d+) iterations", done.stdout)
    descent = re.search(r"Gradient descent: f < 1e-10 after ([\d,]+) iterations", done.stdout)
    assert newton and descent
    assert f"Newton: f < 1e-10 after {newton.group(1)} iterations; descent: after {descent.group(1)}" in PAGE
