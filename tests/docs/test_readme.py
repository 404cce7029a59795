"""Every Python snippet in README.md, docs/*.md and benchmarks/README.md runs as a file on its own, as a
reader would copy it (in an empty folder, with the repository importable)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from doc_blocks import ROOT, blocks, pages

SNIPPETS = [block for page in pages() for block in blocks(page) if block.language == "python"]


def test_the_readme_has_its_three_snippets_and_every_page_is_read():
    readme = [b for b in SNIPPETS if b.page == "README.md"]
    assert len(readme) >= 3
    assert {b.page for b in SNIPPETS} >= {"README.md", "docs/tracing.md", "docs/drawing.md", "docs/testing.md", "docs/engine.md"}


@pytest.mark.parametrize("block", SNIPPETS, ids=[f"{b.page}:{b.line}" for b in SNIPPETS])
def test_snippet_runs_as_a_file_on_its_own(block, tmp_path):
    script = tmp_path / "snippet.py"
    script.write_text(block.code, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{block.page}:{block.line}: snippet failed:\n{block.code}\n--- stderr ---\n{done.stderr[-3000:]}"
