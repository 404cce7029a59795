"""Every command line in README's "The command line" section runs as shown (with its my_net.py)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("### The command line", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
COMMANDS = [
    shlex.split(line, comments=True)
    for block in re.findall(r"```sh\n(.*?)```", SECTION, re.S)
    for line in block.splitlines()
    if line.startswith("python -m autograd_mini")
]
MY_NET = re.findall(r"```python\n(.*?)```", SECTION, re.S)


def test_the_section_shows_every_way_to_pick_a_graph():
    assert len(COMMANDS) >= 8 and len(MY_NET) == 1
    shown = " ".join(" ".join(c) for c in COMMANDS)
    for option in ("--example", "--expr", "--set", "--graph my_net.py:loss", "examples", "draw", "explain", "tape", "worksheet", "check", "explore", "--lr"):
        assert option in shown
    assert ". .venv/bin/activate" in SECTION


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """One folder for the whole section, as a reader types the commands one after the other."""
    path = tmp_path_factory.mktemp("readme_cli")
    (path / "my_net.py").write_text(MY_NET[0], encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(c[3:])[:50] for c in COMMANDS])
def test_readme_command_runs(argv, folder):
    if any(a.endswith((".svg", ".png", ".pdf", ".html")) for a in argv) and not shutil.which("dot"):
        pytest.skip("rendering needs Graphviz's dot (set up by bash scripts/run.sh test)")
    tmp_path = folder
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, *argv[1:]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    if "explain" in argv and "x=2" in argv:
        assert re.search(r"^∂y/∂x = .*= 7$", done.stdout, re.M)
    if "--lr" in argv:
        assert "w5⁺ = w5 − η·∂E_total/∂w5 = 0.4 − 0.5 × 0.082167041 = 0.35891648" in done.stdout
