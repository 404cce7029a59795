"""Issue 19 through the real command (subprocesses): a --graph function raising a BaseException that is not
an Exception, an exception whose __str__ raises, a binary file, --set names read as Python reads names
(NFKC), and a graph option given twice. Each: the one-line message, exit 2, no traceback."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

USER_FILE = '''
from autograd_mini import Value


class Stop(BaseException):
    pass


class Unprintable(Exception):
    def __str__(self):
        raise RuntimeError("no str")


def generator_exit():
    raise GeneratorExit("closed")


def own_base():
    raise Stop("my own")


def unprintable():
    raise Unprintable()


def interrupted():
    raise KeyboardInterrupt


def data_changed():
    x = Value(2.0, "x")
    y = x * 3.0
    y.label = "y"
    x.data = float("nan")
    return y
'''


def cli(tmp_path: Path, *argv: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "autograd_mini", *argv], cwd=tmp_path, env=env, capture_output=True, timeout=120)


@pytest.fixture()
def user_file(tmp_path: Path) -> Path:
    (tmp_path / "net.py").write_text(USER_FILE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "function, words",
    [
        ("generator_exit", ["--graph: generator_exit() raised GeneratorExit: closed (at net.py:15)"]),
        ("own_base", ["raised Stop: my own (at net.py:"]),
        ("unprintable", ["raised Unprintable: (its message cannot be shown: str() raised RuntimeError)"]),
        ("data_changed", ["the .data of the node 'x'", "finite"]),
    ],
)
def test_graph_functions_that_raise_odd_things_give_the_line_and_exit_2(user_file, function, words):
    done = cli(user_file, "--graph", f"net.py:{function}", "tape")
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "Traceback" not in err and "internal error" not in err and done.stdout == b""
    assert "autograd-mini tape: error: --graph" in err
    for w in words:
        assert w in err, err


def test_ctrl_c_in_a_graph_function_still_exits_130(user_file):
    done = cli(user_file, "--graph", "net.py:interrupted", "tape")
    assert done.returncode == 130 and b"Traceback" not in done.stderr


@pytest.mark.parametrize(
    "content, words",
    [
        (b"\x7fELF\x02\x01\x01\x00\x00\x00 binary", ["not a Python source file", "NUL byte at byte 7"]),
        (b"x = 1\n\xff\xfe = 2\n", ["not a Python source file in UTF-8", "byte 6"]),
    ],
)
def test_graph_on_a_binary_file_says_so(tmp_path, content, words):
    (tmp_path / "blob.py").write_bytes(content)
    done = cli(tmp_path, "--graph", "blob.py:f", "tape")
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err and ":None" not in err, err
    for w in words:
        assert w in err, err


def test_a_syntax_error_names_its_line(tmp_path):
    (tmp_path / "bad.py").write_text("x = 1\ny = (\n", encoding="utf-8")
    err = cli(tmp_path, "--graph", "bad.py:f", "tape").stderr.decode()
    assert "bad.py:2: syntax error" in err and ":None" not in err, err


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["--set", "ﬁ=2", "--expr", "y = ﬁ*3"], "fi"),  # the ligature is read as fi, by ast and by --set alike
        (["--set", "x=2", "--expr", "y = 𝐱*3"], "x"),  # mathematical bold x is x
        (["--set", "𝐱=2", "--expr", "y = x*3"], "x"),
    ],
)
def test_set_names_are_read_as_python_reads_names(tmp_path, argv, expected):
    done = cli(tmp_path, *argv, "tape")
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    assert f"{expected}  leaf, grad 3" in out, out


def test_two_set_names_python_reads_alike_are_given_twice(tmp_path):
    done = cli(tmp_path, "--set", "x=2", "𝐱=3", "--expr", "y = x*3", "tape")
    assert done.returncode == 2 and "'x' is given twice" in done.stderr.decode()


@pytest.mark.parametrize("option, first, second", [("--expr", "y = x*2", "y = x*3"), ("--example", "mazur", "micrograd"), ("--decimals", "3", "4")])
def test_a_graph_option_given_twice_is_a_usage_error(tmp_path, option, first, second):
    extra = ["--set", "x=1"] if option == "--expr" else []
    done = cli(tmp_path, option, first, *extra, option, second, "tape")
    err = done.stderr.decode()
    assert done.returncode == 2 and done.stdout == b"" and "Traceback" not in err, err
    assert f"{option} is given twice" in err and repr(second if option != "--decimals" else int(second)) in err, err


def test_a_99_term_flat_sum_and_a_100_input_neuron_work_on_the_command_line(tmp_path):
    """Issue 19, defect 4, as a user types it: 99 names summed, and w1*x1 + … + w100*x100 + b."""
    names = [f"x{i}" for i in range(99)]
    done = cli(tmp_path, "--expr", "y = " + " + ".join(names), "--set", *(f"{n}=1" for n in names), "explain", "x42")
    assert done.returncode == 0, done.stderr.decode()
    assert "= 1" in done.stdout.decode()
    neuron = "net = " + " + ".join(f"w{i}*x{i}" for i in range(1, 101)) + " + b; out = sigmoid(net)"
    values = [f"w{i}=0.01" for i in range(1, 101)] + [f"x{i}=0.5" for i in range(1, 101)] + ["b=0.1"]
    done = cli(tmp_path, "--expr", neuron, "--set", *values, "explain", "w100")
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    s = 1 / (1 + math.exp(-(100 * 0.01 * 0.5 + 0.1)))
    assert f"∂out/∂w100 = ∂out/∂net × ∂net/∂w100 = {s * (1 - s):.8f} × 0.5 = {s * (1 - s) * 0.5:.8f}" in out, out[:500]
