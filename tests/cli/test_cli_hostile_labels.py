"""The real command with a --graph file whose labels are hostile (issue 19): the worksheet's answer key grades
all correct after the round trip through a file, and every --markdown output makes no HTML tag of a label's."""

from __future__ import annotations

import subprocess
import sys

from cli_helpers import ROOT
from hostile import MARKDOWN_TAGS, markdown_to_html, parse_html

GRAPH = '''
from autograd_mini import Value
from autograd_mini.engine import dot

LABEL = '<img src=x onerror="window.__x=1"> | \\\\ $\\\\href{javascript:x}{y}$ *a* _b_ \\u202e \\x00 [l](javascript:x)'


def loss():
    x = Value(0.05, LABEL + "x", role="input")
    w = Value(0.15, LABEL, role="parameter")
    net = dot([w], [x], Value(0.35, LABEL + "b", role="parameter"), label="net_" + LABEL)
    out = net.sigmoid()
    out.label = "out_" + LABEL
    e = (out - 0.01) ** 2
    e.label = LABEL + "E"
    return e
'''


def _run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograd_mini", *argv], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_a_worksheet_with_hostile_labels_grades_through_files_and_markdown_makes_no_tag(tmp_path):
    graph = tmp_path / "hostile_net.py"
    graph.write_text(GRAPH, encoding="utf-8")
    source = ["--graph", f"{graph}:loss"]
    key, exercise = tmp_path / "key.md", tmp_path / "exercise.md"
    done = _run(*source, "worksheet", "--blank", "--answers", str(key), "--out", str(exercise))
    assert done.returncode == 0, done.stderr
    done = _run(*source, "check", str(key))
    assert done.returncode == 0 and " 0 wrong" in done.stdout, done.stdout + done.stderr
    outputs = [key.read_text(encoding="utf-8")]
    for argv in (["check", str(exercise), "--markdown"], ["tape", "--markdown"]):
        done = _run(*source, *argv)
        assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
        outputs.append(done.stdout)
    for text in outputs:
        tags = {tag for tag, _ in parse_html(markdown_to_html(text)).tags}
        assert tags <= MARKDOWN_TAGS, tags
