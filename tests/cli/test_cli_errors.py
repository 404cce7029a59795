"""A hostile table of command lines: every one ends in a usage error (exit 2, argparse style), never a traceback.

Most run in-process through `main(argv)`; the key ones (every refused-expression category among them)
run through the real ``python -m autograd_mini`` in subprocesses, started together so the suite stays fast.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograd_mini.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
X = ["--set", "x=2"]


def run(capsys, argv: list[str]) -> tuple[int, str, str]:  # the hostile table passes argv as one list
    try:
        code = main(argv)
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


# (command line, the parser that complains — "" for the main one, the words the message must contain)
HOSTILE: list[tuple[list[str], str, list[str]]] = [
    # numbers and options
    (["--decimals", "99999999999", "tape"], "", ["--decimals", "from 1 to 17", "99999999999"]),
    (["--decimals", "0", "tape"], "", ["from 1 to 17"]),
    (["--decimals", "18", "tape"], "", ["from 1 to 17"]),
    (["--decimals", "-3", "tape"], "", ["--decimals", "from 1 to 17, got -3"]),
    (["--decimals", "2.5", "tape"], "", ["from 1 to 17", "'2.5'"]),
    (["--decimals", "nan", "tape"], "", ["from 1 to 17"]),
    (["--decimals", "9" * 5000, "tape"], "", ["from 1 to 17"]),
    (["explain", "w1", "--max-paths", "0"], "explain", ["from 1 to 10,000"]),
    (["explain", "w1", "--max-paths", "10000000000000000000000"], "explain", ["from 1 to 10,000"]),
    (["draw", "--max-nodes", "0"], "draw", ["from 1 to 100,000"]),
    (["draw", "--max-nodes", "5"], "draw", ["max_nodes=5", "more than"]),
    (["draw", "--rankdir", "XY"], "draw", ["invalid choice: 'XY'"]),
    (["explain", "w1", "--fold", "sideways"], "explain", ["invalid choice"]),
    ([], "", ["required"]),
    (["frobnicate"], "", ["invalid choice: 'frobnicate'"]),
    (["tape", "--nope"], "", ["unrecognized arguments: --nope"]),
    (["explain"], "explain", ["the following arguments are required: name"]),
    # names in the graph
    (["explain", "w9"], "explain", ["no node named 'w9'", "parameters: b1, b2, w1"]),
    (["explain", ""], "explain", ["no node named ''"]),
    (["explain", "x" * 100_000], "explain", ["no node named"]),
    (["draw", "--highlight", "w0"], "draw", ["--highlight: no node named 'w0'"]),
    (["draw", "--out", "graph.bmp"], "draw", ["cannot tell the format", ".svg"]),
    (["--expr", "y = a*b + a*c", "--set", "a=1", "b=2", "c=3", "explain", "#2"], "explain", ["no node named '#2'"]),
    # picking the graph
    (["--example", "xor", "tape"], "tape", ["no example named 'xor'", "mazur"]),
    (["--example", "mazur", "--expr", "y = 2*x", "tape"], "", ["not allowed with argument"]),
    (["--expr", "y = 2*x", "--graph", "f.py:g", "tape"], "", ["not allowed with argument"]),
    (["--set", "x=2", "tape"], "tape", ["--set gives values to the names of --expr"]),
    (["--graph", "f.py:g", "examples"], "examples", ["takes no --expr, --set or --graph"]),
    # --set
    (["--expr", "y = 2*x", "--set", "x", "tape"], "tape", ["--set: 'x' is not NAME=NUMBER"]),
    (["--expr", "y = 2*x", "tape", "--set"], "tape", ["--set: '' is not NAME=NUMBER"]),
    (["--expr", "y = 2*x", "--set", "tape"], "tape", ["--set: '' is not NAME=NUMBER"]),
    (["--expr", "y = 2*x", "--set", "--decimals", "3", "tape"], "tape", ["--set: '' is not NAME=NUMBER"]),
    (["--expr", "y = 2*x", "--set", "x=two", "tape"], "tape", ["--set: x='two' is not a number"]),
    (["--expr", "y = 2*x", "--set", "x=", "tape"], "tape", ["is not a number"]),
    (["--expr", "y = 2*x", "--set", "x=nan", "tape"], "tape", ["x must be a finite number"]),
    (["--expr", "y = 2*x", "--set", "x=-inf", "tape"], "tape", ["x must be a finite number"]),
    (["--expr", "y = 2*x", "--set", "x=1e400", "tape"], "tape", ["finite"]),
    (["--expr", "y = 2*x", "--set", "x=1", "x=2", "tape"], "tape", ["'x' is given twice"]),
    (["--expr", "y = 2*x", "--set", "x=1", "z=2", "tape"], "tape", ["'z' has a value", "does not depend on it"]),
    (["--expr", "y = 2*x", "--set", "x y=1", "tape"], "tape", ["'x y' is not a name"]),
    (["--expr", "y = 2*x", "--set", "x=1", "lambda=2", "tape"], "tape", ["'lambda' is not a name"]),
    # --expr: the refused constructs
    (["--expr", "y = x.real", *X, "tape"], "tape", ["attribute access", "allowed:"]),
    (["--expr", "y = open('/etc/passwd')", "tape"], "tape", ["a call of 'open'", "allowed:"]),
    (["--expr", "import os", "tape"], "tape", ["import is not allowed"]),
    (["--expr", "y = [x for x in range(9)]", "tape"], "tape", ["comprehension"]),
    (["--expr", "y = (lambda: 2)()", "tape"], "tape", ["not allowed"]),
    (["--expr", "y = x[0]", *X, "tape"], "tape", ["subscript"]),
    (["--expr", "y = exp(x=2)", "tape"], "tape", ["keyword argument"]),
    (["--expr", "y = exp(*x)", *X, "tape"], "tape", ["unpacking"]),
    (["--expr", "y = (z := x) * 2", *X, "tape"], "tape", [":= operator"]),
    (["--expr", "y = f'{x}'", *X, "tape"], "tape", ["f-string"]),
    (["--expr", "y = x @ x", *X, "tape"], "tape", ["operator @"]),
    (["--expr", "y = 2*", *X, "tape"], "tape", ["not a valid expression"]),
    (["--expr", "y = 2*q", "tape"], "tape", ["'q' has no value", "--set q=NUMBER"]),
    (["--expr", "x = 3", *X, "tape"], "tape", ["assigns to 'x', which already has a value"]),
    (["--expr", "y = log(x)", "--set", "x=0", "tape"], "tape", ["log", "undefined"]),
    (["--expr", "y = x / (x - 2)", *X, "tape"], "tape", ["division by zero"]),
    (["--expr", "y = 9**9**9 * x", *X, "tape"], "tape", ["pow", "overflows"]),
    (["--expr", "y = exp(x)", "--set", "x=710", "tape"], "tape", ["exp", "overflows"]),
    (["--expr", "y = x * 1e300 * x * 1e300", *X, "tape"], "tape", ["not a finite number"]),
    (["--expr", "y = " + "x + " * 3000 + "x", *X, "tape"], "tape", ["characters, more than 10,000"]),
    (["--expr", "y = " + "-" * 3000 + "x", *X, "tape"], "tape", ["nested"]),
    (["--expr", "", "tape"], "tape", ["empty"]),
    # files
    (["--graph", "nothing_here.py:f", "tape"], "tape", ["--graph: there is no file"]),
    (["--graph", "README.md:f", "tape"], "tape", ["is not a Python file"]),
    (["--graph", "autograd_mini/expr.py", "tape"], "tape", ["expected FILE.py:FUNCTION"]),
    (["--graph", "autograd_mini/expr.py:nope", "tape"], "tape", ["has no function 'nope'", "parse_expression"]),
    (["--graph", "autograd_mini/expr.py:MAX_DEPTH", "tape"], "tape", ["is not a function but int: 100"]),
    (["--graph", "autograd_mini/expr.py:parse_settings", "tape"], "tape", ["parse_settings() raised TypeError"]),
]


@pytest.mark.parametrize("argv, command, words", HOSTILE, ids=[" ".join(a)[:60] or "(nothing)" for a, _, _ in HOSTILE])
def test_hostile_command_lines_are_usage_errors(capsys, monkeypatch, argv, command, words):
    monkeypatch.chdir(ROOT)
    code, out, err = run(capsys, argv)
    assert code == 2, (out, err)
    assert "Traceback" not in err and out == ""
    prog = "autograd-mini" + (f" {command}" if command else "")
    assert f"\n{prog}: error: " in "\n" + err, err
    assert err.startswith("usage: ")
    for w in words:
        assert w in err, err


def test_the_table_is_big_enough():
    assert len(HOSTILE) >= 40


def test_worksheet_refuses_to_overwrite_its_answer_key_under_any_spelling(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    key = tmp_path / "s.md"
    key.write_text("the answer key\n")
    (tmp_path / "link.md").symlink_to(key)
    os.link(key, tmp_path / "hard.md")
    for out in ("s.md", "./s.md", "sub/../s.md", str(key), "link.md", "hard.md"):
        code, stdout, err = run(capsys, ["worksheet", "--blank", "--answers", "s.md", "--out", out])
        assert code == 2 and "--out and --answers name the same file" in err and "give two files" in err, out
        assert key.read_text() == "the answer key\n"  # untouched
    code, _, _ = run(capsys, ["worksheet", "--blank", "--answers", "s.md", "--out", "exercise.md"])
    assert code == 0 and "0.0821670406" in key.read_text() and "0.0821670406" not in (tmp_path / "exercise.md").read_text()


def test_unwritable_outputs_are_usage_errors(capsys, tmp_path):
    (tmp_path / "folder.dot").mkdir()
    code, _, err = run(capsys, ["draw", "--out", str(tmp_path / "folder.dot")])
    assert code == 2 and "autograd-mini draw: error: --out: cannot write" in err
    (tmp_path / "file").write_text("")
    code, _, err = run(capsys, ["worksheet", "--answers", str(tmp_path / "file" / "key.md")])
    assert code == 2 and "autograd-mini worksheet: error: --answers: cannot write" in err


def test_broken_pipe_is_quiet():
    done = subprocess.run(
        f"{sys.executable} -m autograd_mini --example mazur tape | head -c 10", shell=True, capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.stdout == "backward t" and "Traceback" not in done.stderr


# ---------------------------------------------------------------------- the real command, in subprocesses
SUBPROCESS: list[tuple[list[str], str, list[str]]] = [
    (["--decimals", "99999999999", "tape"], "", ["from 1 to 17"]),
    (["--expr", "y = x.real", *X, "explain", "x"], "explain", ["attribute access"]),
    (["--expr", "y = __import__('os').system('echo PW''NED')", "tape"], "tape", ["not allowed"]),
    (["--expr", "import os", "tape"], "tape", ["import is not allowed"]),
    (["--expr", "y = sum([x for x in (1, 2)])", "tape"], "tape", ["not allowed"]),
    (["--expr", "y = [x for x in (1, 2)]", "tape"], "tape", ["comprehension"]),
    (["--expr", "y = lambda: 1", "tape"], "tape", ["lambda"]),
    (["--expr", "y = x[0]", *X, "tape"], "tape", ["subscript"]),
    (["--expr", "y = exp(x=2)", "tape"], "tape", ["keyword argument"]),
    (["--expr", "y = exp(*x)", *X, "tape"], "tape", ["unpacking"]),
    (["--expr", "y = (z := x) * 2", *X, "tape"], "tape", [":= operator"]),
    (["--expr", "y = f'{x}'", *X, "tape"], "tape", ["f-string"]),
    (["--expr", "y = 'text'", "tape"], "tape", ["str constant"]),
    (["--expr", "y = x if x else 1", *X, "tape"], "tape", ["if/else"]),
    (["--expr", "y = (2*", *X, "tape"], "tape", ["not a valid expression"]),
    (["--expr", "y = 2*q", "tape"], "tape", ["'q' has no value"]),
    (["--expr", "y = 2*x", "--set", "x=abc", "tape"], "tape", ["is not a number"]),
    (["--expr", "y = 2*x", "--set", "x=nan", "tape"], "tape", ["finite"]),
    (["--expr", "y = 2*x", "--set", "x=1", "x=2", "tape"], "tape", ["given twice"]),
    (["--expr", "y = 2*x", "--set", "x=1", "z=1", "tape"], "tape", ["does not depend on it"]),
    (["--expr", "x = 3*x", *X, "tape"], "tape", ["already has a value"]),
    (["--expr", "y = log(x)", "--set", "x=0", "tape"], "tape", ["undefined"]),
    (["--expr", "y = 9**9**9*x", *X, "tape"], "tape", ["overflows"]),
    (["--expr", "y = " + "x**" * 400 + "x", *X, "tape"], "tape", ["nested"]),
    (["--expr", "y = x*" + "9" * 5000, *X, "tape"], "tape", ["more than 4,300 digits", "y = x*999"]),
    (["--example", "xor", "tape"], "tape", ["no example named 'xor'"]),
    (["--graph", "nothing_here.py:f", "tape"], "tape", ["there is no file"]),
    (["worksheet", "--answers", "k.md", "--out", "./k.md"], "worksheet", ["the same file"]),
    (["--expr", "y = x // 2", *X, "tape"], "tape", ["operator //"]),
    (["--expr", "y = " + "x + " * 3000 + "x", *X, "tape"], "tape", ["characters, more than 10,000"]),
    (["--expr", "y = exp(x)", "--set", "x=1000", "tape"], "tape", ["exp", "overflows"]),
    (["check", "missing.md"], "check", ["check: cannot read 'missing.md'"]),
    (["explore", "--out", "page.txt"], "explore", ["the page is an HTML file"]),
    (["draw", "--fields", "colour"], "draw", ["--fields: expected data,grad"]),
]


@pytest.mark.slow
def test_the_real_command_refuses_every_category_without_a_traceback(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen([sys.executable, "-m", "autograd_mini", *argv], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for argv, _, _ in SUBPROCESS
    ]
    for proc, (argv, command, words) in zip(procs, SUBPROCESS):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 2, (argv, out, err)
        assert "Traceback" not in err and out == "" and "PWNED" not in out + err, (argv, err)
        prog = "autograd-mini" + (f" {command}" if command else "")
        assert f"\n{prog}: error: " in "\n" + err, (argv, err)
        for w in words:
            assert w in err, (argv, err)
    assert not list(tmp_path.iterdir())  # nothing written


_TOKENS = ["draw", "explain", "tape", "worksheet", "examples", "explore", "w1", "x", "a", "--example", "mazur", "micrograd", "xor", "--expr",
           "y = x*x", "y = x.real", "e = a*b; L = e*2", "--set", "x=2", "a=1", "b=nan", "x=2", "--graph", "f.py:g", "--decimals", "3", "0",
           "--lr", "0.5", "-1", "--markdown", "--blank", "--answers", "k.md", "--out", "k.md", "o.dot", "p.html", "--max-paths", "--fold",
           "none", "--clusters", "--highlight", "--", "-h", "=", ""]  # fmt: skip


@pytest.mark.slow
@given(st.lists(st.sampled_from(_TOKENS), max_size=12))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzz_command_lines(capsys, tmp_path, monkeypatch, argv):
    """Any command line: exit 0, 1 (no Graphviz) or 2 (usage), never a traceback or an internal error."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot: rendering commands exit 1 quickly
    code, out, err = run(capsys, argv)
    assert code in (0, 1, 2), (argv, code)
    assert "Traceback" not in err and "internal error" not in err, (argv, err)
    if code == 2:
        assert ": error: " in err, (argv, err)
