"""python -m autograd_mini on your own graph: --expr with --set, and --graph FILE.py:FUNCTION."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import ROOT, run, total

LECTURE = ["--expr", "e = a*b; d = e + c; L = d*f", "--set", "a=2", "b=-3", "c=10", "f=-2"]






def test_the_issues_example_prints_seven(capsys):
    code, out, err = run(capsys, "--expr", "y = x*x + 3*x", "--set", "x=2", "explain", "x")
    assert code == 0, err
    assert out.startswith("∂y/∂x") and total(out) == "7"


def test_graph_options_work_before_or_after_the_command_and_set_never_swallows_it(capsys):
    before = run(capsys, *LECTURE, "explain", "a")
    after = run(capsys, "explain", "a", *LECTURE)
    mixed = run(capsys, "--set", "a=2", "b=-3", "explain", "a", "--expr", "e = a*b; d = e + c; L = d*f", "--set=c=10", "--set", "f=-2")
    assert before == after == mixed and before[0] == 0
    assert total(before[1]) == "6"  # ∂L/∂a = f·b = (−2)(−3)


def test_karpathys_lecture_expression_every_command(capsys, tmp_path):
    code, out, _ = run(capsys, *LECTURE, "tape", "--no-leaves")
    assert code == 0 and out.startswith("backward tape of L:")
    code, out, _ = run(capsys, *LECTURE, "worksheet")
    for row in ("| a | input |  |  | 2 | 6 |", "| b | input |  |  | -3 | -4 |", "| c | input |  |  | 10 | -2 |", "| f | input |  |  | -2 | 4 |"):
        assert row in out  # --set names are inputs (issue 21) …
    code, out, _ = run(capsys, *LECTURE, "--params", "a,b", "--params", "f", "worksheet")
    for row in ("| a | parameter |  |  | 2 | 6 |", "| b | parameter |  |  | -3 | -4 |", "| c | input |  |  | 10 | -2 |", "| f | parameter |  |  | -2 | 4 |"):
        assert row in out  # … unless --params names them parameters
    assert "| e |  | * | a, b | -6 | -2 |" in out and "| L | output | * | d, f | -8 | 1 |" in out
    code, out, _ = run(capsys, *LECTURE, "draw", "--edge-labels", "local")
    assert code == 0 and out.startswith("digraph L {") and "e | data -6 | grad -2" in out.replace("\\", "")
    code, out, _ = run(capsys, *LECTURE, "explain", "b", "--markdown")
    assert code == 0 and "\\frac{\\partial L}{\\partial b}" in out


def test_decimals_apply_to_expressions(capsys):
    code, out, _ = run(capsys, "--decimals", "3", "--expr", "y = sigmoid(x)", "--set", "x=0.5", "explain", "x")
    assert code == 0 and total(out) == "0.235"


def test_a_bare_expression_as_root(capsys):
    code, out, _ = run(capsys, "--expr", "exp(x) * 2", "--set", "x=0", "explain", "x")
    assert code == 0 and out.startswith("∂(exp(x) * 2)/∂x") and total(out) == "2"


# ---------------------------------------------------------------------- --graph FILE.py:FUNCTION
def user_file(tmp_path: Path, body: str, name: str = "mine.py") -> str:
    path = tmp_path / name
    path.write_text("from autograd_mini import Value\n\n" + body, encoding="utf-8")
    return str(path)


SQUARE = '''
def loss():
    x = Value(2.0, "x", role="parameter")
    y = x * x + 3 * x
    y.label = "y"
    return y
'''


def test_graph_file_function(capsys, tmp_path):
    path = user_file(tmp_path, SQUARE)
    code, out, err = run(capsys, "--graph", f"{path}:loss", "explain", "x")
    assert code == 0 and total(out) == "7" and err == ""


def test_graph_file_with_gradients_already_there_says_so(capsys, tmp_path):
    path = user_file(tmp_path, SQUARE + "\n\ndef done():\n    y = loss()\n    y.backward()\n    return y\n\n\ndef twice():\n    y = done()\n    y.backward()\n    return y\n")
    code, out, err = run(capsys, "--graph", f"{path}:done", "explain", "x")
    assert code == 0 and total(out) == "7" and "already computed" in err and "not run again" in err
    code, out, err = run(capsys, "--graph", f"{path}:twice", "explain", "x")
    assert code == 0 and total(out) == "7"
    assert "not those of one backward() (#2.grad = 4.0 where one backward() gives 2.0): reset to 0 and backward() run once" in err


def test_graph_file_with_leftover_leaf_gradients_resets_them(capsys, tmp_path):
    body = SQUARE.replace("    return y", "    (x * 5).backward()   # a stale gradient on x\n    return y")
    path = user_file(tmp_path, body)
    code, out, err = run(capsys, "--graph", f"{path}:loss", "worksheet")
    assert code == 0 and "| x | parameter |  |  | 2 | 7 |" in out and "(y.grad = 0.0 where one backward() gives 1.0): reset to 0" in err


def test_graph_file_may_import_its_neighbours_and_leaves_sys_path_as_it_was(capsys, tmp_path):
    (tmp_path / "helper_mod_e1.py").write_text("K = 3.0\n")
    path = user_file(tmp_path, "from helper_mod_e1 import K\n\n\ndef f():\n    x = Value(1.0, 'x')\n    y = x * K\n    y.label = 'y'\n    return y\n")
    before = list(sys.path)
    code, out, _ = run(capsys, "--graph", f"{path}:f", "explain", "x")
    assert code == 0 and total(out) == "3" and sys.path == before


def test_python_dash_m_with_expr_and_graph(tmp_path):
    path = user_file(tmp_path, SQUARE)
    for argv in (["--expr", "y = x*x + 3*x", "--set", "x=2", "explain", "x"], ["--graph", f"{path}:loss", "explain", "x"]):
        done = subprocess.run([sys.executable, "-m", "autograd_mini", *argv], capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert done.returncode == 0, done.stderr
        assert total(done.stdout) == "7"


@pytest.mark.parametrize(
    "body, spec, words",
    [
        (SQUARE, "{path}", ["expected FILE.py:FUNCTION"]),
        (SQUARE, "{path}:", ["expected FILE.py:FUNCTION"]),
        (SQUARE, "{path}:not-a-name", ["is not a function name"]),
        (SQUARE, "{dir}/nothing.py:loss", ["there is no file"]),
        (SQUARE, "{dir}/data.txt:loss", ["is not a Python file"]),
        (SQUARE, "{path}:missing", ["has no function 'missing'", "its functions: loss"]),
        (SQUARE + "\nNUMBER = 3\n", "{path}:NUMBER", ["is not a function but int: 3"]),
        (SQUARE + "\ndef bad():\n    return 1 / 0\n", "{path}:bad", ["bad() raised ZeroDivisionError", "mine.py:11"]),
        (SQUARE + "\ndef number():\n    return 3.0\n", "{path}:number", ["returned float: 3.0, not a Value"]),
        (SQUARE + "\ndef needs(x):\n    return x\n", "{path}:needs", ["needs() raised TypeError", "missing 1 required positional argument"]),
        (SQUARE + "\ndef leaves():\n    raise SystemExit(0)\n", "{path}:leaves", ["leaves() raised SystemExit"]),
        ("def broken(:\n    pass\n", "{path}:broken", ["mine.py:3: syntax error"]),
        ("import no_such_module_e1\n", "{path}:loss", ["importing it raised ModuleNotFoundError", "no_such_module_e1", "mine.py:3"]),
        ("raise SystemExit(3)\n", "{path}:loss", ["importing it raised SystemExit"]),
        (SQUARE + "\ndef huge():\n    x = Value(1e200, 'x')\n    return x * x / Value(1e-200, 'z')\n", "{path}:huge", ["huge() raised OverflowError"]),
        (SQUARE + "\ndef steep():\n    x = Value(1e200, 'x')\n    y = x * 1e100\n    return y * y * 0 + y * 1e-300\n", "{path}:steep", ["raised OverflowError"]),
    ],
)
def test_graph_file_errors_are_usage_errors(capsys, tmp_path, body, spec, words):
    path = user_file(tmp_path, body)
    code, _, err = run(capsys, "--graph", spec.format(path=path, dir=tmp_path), "explain", "x")
    assert code == 2 and "autograd-mini explain: error: --graph: " in err
    for w in words:
        assert w in err, err


def test_graph_file_with_a_dataclass_and_future_annotations(capsys, tmp_path):
    body = "from __future__ import annotations\nfrom dataclasses import dataclass\nfrom autograd_mini import Value\n\n\n@dataclass\nclass Net:\n    w: float\n\n\n"
    body += "def loss():\n    w = Value(Net(3.0).w, 'w')\n    y = w * w\n    y.label = 'y'\n    return y\n"
    path = tmp_path / "with_dataclass.py"
    path.write_text(body, encoding="utf-8")
    code, out, err = run(capsys, "--graph", f"{path}:loss", "explain", "w")
    assert code == 0 and total(out) == "6", err


def test_a_terminal_that_cannot_show_unicode_gets_escapes_not_a_crash():
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-m", "autograd_mini", "explain", "w5"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0 and "\\u2202E_total/\\u2202w5" in done.stdout and "Traceback" not in done.stderr


def test_sin_and_cos_in_the_real_command(tmp_path):
    """Issue 22: ``--expr`` knows sin and cos; explain states ∂sin(x)/∂x = cos(x), tape and draw show the ops."""
    expr = ["--expr", "s = sin(x); y = cos(s)", "--set", "x=0.5"]
    outs = {}
    for cmd in (["explain", "x"], ["tape"], ["draw"]):
        done = subprocess.run([sys.executable, "-m", "autograd_mini", *expr, *cmd], capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert done.returncode == 0, done.stderr
        outs[cmd[0]] = done.stdout
    import math

    assert "∂s/∂x = cos(x)" in outs["explain"] and "∂y/∂s = −sin(s)" in outs["explain"]
    assert float(total(outs["explain"])) == pytest.approx(-math.sin(math.sin(0.5)) * math.cos(0.5), rel=1e-8)
    assert "s = sin(x)" in outs["tape"] and "y = cos(s)" in outs["tape"]
    assert "sin" in outs["draw"] and "cos" in outs["draw"]
