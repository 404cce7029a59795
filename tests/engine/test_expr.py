"""autograd_mini.expr: the expression language of --expr, parsed with ast and never evaluated."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_mini.engine import topological_order
from autograd_mini.expr import ALLOWED, MAX_CHARS, MAX_DEPTH, parse_expression, parse_settings
from autograd_mini.graph import find_node
from autograd_mini.testing import assert_published


def grads(root, *names):
    root.backward()
    return [find_node(root, n).grad for n in names]


def test_karpathys_lecture_expression():
    L = parse_expression("e = a*b; d = e + c; L = d*f", {"a": 2, "b": -3, "c": 10, "f": -2})
    assert (L.label, L.data) == ("L", -8.0)
    assert grads(L, "a", "b", "c", "f", "e", "d") == [6.0, -4.0, -2.0, 4.0, -2.0, -2.0]
    order = topological_order(L)
    assert {n.label for n in order if n.role == "parameter"} == {"a", "b", "c", "f"}
    assert [n.label for n in order if n.op] == ["e", "d", "L"]


def test_karpathys_tanh_neuron_with_new_lines_and_functions():
    text = "x1w1 = x1*w1\nx2w2 = x2*w2\nn = x1w1 + x2w2 + b\no = tanh(n)"
    o = parse_expression(text, {"x1": 2, "x2": 0, "w1": -3, "w2": 1, "b": 6.8813735870195432})
    assert_published(o.data, "0.7071")
    g = grads(o, "x1", "w1", "x2", "w2", "n")
    for got, printed in zip(g, ["-1.5", "1.0", "0.5", "0.0", "0.5"]):
        assert_published(got, printed)


def test_every_function_and_operator_against_math():
    y = parse_expression("y = exp(x) + log(x) + sqrt(x) + tanh(x) + sigmoid(x) + relu(x) - x/2 + x**3 + 2**x + -x + +x", {"x": 1.5})
    x = 1.5
    want = math.exp(x) + math.log(x) + math.sqrt(x) + math.tanh(x) + 1 / (1 + math.exp(-x)) + x - x / 2 + x**3 + 2**x
    assert y.data == pytest.approx(want, rel=1e-15)
    d = math.exp(x) + 1 / x + 0.5 / math.sqrt(x) + 1 - math.tanh(x) ** 2 + math.exp(-x) / (1 + math.exp(-x)) ** 2 + 1 - 0.5 + 3 * x * x + 2**x * math.log(2)
    assert grads(y, "x")[0] == pytest.approx(d, rel=1e-14)


def test_a_bare_last_expression_is_the_root_labelled_by_its_text():
    y = parse_expression("x*x + 3*x", {"x": 2})
    assert (y.label, y.data, grads(y, "x")) == ("x * x + 3 * x", 10.0, [7.0])
    e = parse_expression("e = a*b; e", {"a": 2, "b": 3})
    assert e.label == "e"


def test_number_only_parts_fold_into_one_constant_and_powers_stay_powers():
    y = parse_expression("y = x ** (1 + 1) * (2*3)", {"x": -3})
    assert y.data == 54.0 and grads(y, "x") == [-36.0]
    ops = sorted(n.op for n in topological_order(y) if n.op)
    assert ops == ["*", "**2"]  # x**2 with a constant exponent (negative x fine); 2*3 is one constant 6
    assert parse_expression("c = 2*3", {}).role == "constant"


@pytest.mark.parametrize(
    "text, values, error, words",
    [
        ("y = x.real", {"x": 1}, ValueError, ["attribute access", "x.real", "allowed:", "exp log sqrt"]),
        ("y = __import__('os').system('true')", {}, ValueError, ["not allowed", "allowed:"]),
        ("y = print(x)", {"x": 1}, ValueError, ["a call of 'print'"]),
        ("y = math.exp(x)", {"x": 1}, ValueError, ["a call of 'math.exp'"]),
        ("import os", {}, ValueError, ["import is not allowed"]),
        ("from os import path", {}, ValueError, ["import is not allowed"]),
        ("y = [x for x in (1, 2)]", {}, ValueError, ["comprehension"]),
        ("y = sum(i for i in x)", {"x": 1}, ValueError, ["not allowed"]),
        ("y = (lambda: 1)()", {}, ValueError, ["a call is not allowed"]),
        ("y = lambda: 1", {}, ValueError, ["lambda"]),
        ("y = x[0]", {"x": 1}, ValueError, ["subscript"]),
        ("y = exp(x=1)", {}, ValueError, ["keyword argument"]),
        ("y = exp(*x)", {"x": 1}, ValueError, ["unpacking"]),
        ("y = (z := 2) * x", {"x": 1}, ValueError, [":= operator"]),
        ("y = f'{x}'", {"x": 1}, ValueError, ["f-string"]),
        ("y = 'a'", {}, ValueError, ["str constant"]),
        ("y = True * x", {"x": 1}, ValueError, ["True/False"]),
        ("y = 1j * x", {"x": 1}, ValueError, ["complex"]),
        ("y = x // 2", {"x": 1}, ValueError, ["operator //"]),
        ("y = x ^ 2", {"x": 1}, ValueError, ["write ** for a power"]),
        ("y = not x", {"x": 1}, ValueError, ["operator not"]),
        ("y = x < 2", {"x": 1}, ValueError, ["comparison"]),
        ("y = x if x else 2", {"x": 1}, ValueError, ["if/else"]),
        ("y = (x, x)", {"x": 1}, ValueError, ["tuple"]),
        ("y += x", {"x": 1}, ValueError, ["augmented assignment"]),
        ("a = b = x * 2", {"x": 1}, ValueError, ["one name"]),
        ("a, b = x, x", {"x": 1}, ValueError, ["one name"]),
        ("x * 2; y = x * 3", {"x": 1}, ValueError, ["bare expression before the last"]),
        ("def f(): pass", {}, ValueError, ["FunctionDef", "statement"]),
        ("y = ", {}, ValueError, ["not a valid expression", "column"]),
        ("", {}, ValueError, ["empty"]),
        ("# only a comment", {}, ValueError, ["no statement"]),
        ("y = q * 2", {}, ValueError, ["'q' has no value", "--set q=NUMBER"]),
        ("y = exp", {}, ValueError, ["'exp' is a function"]),
        ("y = exp(x, x)", {"x": 1}, ValueError, ["exactly one argument, got 2"]),
        ("y = x * 2", {"x": 1, "z": 2}, ValueError, ["'z' has a value", "does not depend on it"]),
        ("e = a * 2; y = a * 3", {"a": 1}, ValueError, ["'e' is assigned", "does not depend"]),
        ("x = 2 * x", {"x": 1}, ValueError, ["assigns to 'x', which already has a value"]),
        ("y = x * 2; y = y * 2", {"x": 1}, ValueError, ["a second time"]),
        ("exp = x * 2", {"x": 1}, ValueError, ["name of a function"]),
        ("y = x", {"x": 1}, ValueError, ["only renames 'x'"]),
        ("y = 1" + "0" * 400 + " * x", {"x": 1}, ValueError, ["too large for a float"]),
        ("y = 1e999 * x", {"x": 1}, ValueError, ["not a finite number"]),
        ("y = log(x)", {"x": 0}, ValueError, ["in 'y = log(x)'", "log:", "undefined"]),
        ("y = sqrt(x)", {"x": -1}, ValueError, ["sqrt"]),
        ("y = x ** 0.5", {"x": -2}, ValueError, ["negative base"]),
        ("y = 1 / (x - 1)", {"x": 1}, ZeroDivisionError, ["in 'y = 1 / (x - 1)'", "division by zero"]),
        ("y = exp(x)", {"x": 1000}, OverflowError, ["exp", "overflows"]),
        ("y = 9**9**9 * x", {"x": 1}, OverflowError, ["pow", "overflows"]),
        ("y = x * 1e308 * 10", {"x": 1}, OverflowError, ["not a finite number"]),
        ("y = " + "(x * " * 150 + "x" + ")" * 150, {"x": 1}, ValueError, ["nested more than 100 levels"]),
        ("y = " + "(" * 250 + "x" + ")" * 250, {"x": 1}, ValueError, ["not a valid expression", "too many nested parentheses"]),
        ("y = " + "-" * 3000 + "x", {"x": 1}, ValueError, ["nested"]),
        ("y = " + "x ** " * 150 + "x", {"x": 1}, ValueError, ["nested more than 100 levels"]),  # right-nested powers nest
        ("y = x\x00", {"x": 1}, ValueError, ["NUL character", "index 5"]),
        ("y = x*2\x00 + 1", {"x": 1}, ValueError, ["'y = x*2\\x00 + 1'", "NUL character"]),
        ("y = x * " + "7" * 5000, {"x": 1}, ValueError, ["'y = x * 7777", "more than 4,300 digits", "exponent"]),
        ("y = x * 1" + "0" * 400 + ".5", {"x": 1}, ValueError, ["too large for a float"]),
        ("y = " + "x + " * 3000 + "x", {"x": 1}, ValueError, ["characters, more than"]),
    ],
)
def test_refusals_name_the_construct_and_say_what_is_allowed(text, values, error, words):
    with pytest.raises(error) as caught:
        parse_expression(text, values)
    message = str(caught.value)
    assert message.startswith("parse_expression: ")
    for w in words:
        assert w in message
    if "not allowed" in message:
        assert ALLOWED in message


def test_python_syntax_warnings_stay_quiet(recwarn):
    with pytest.raises(ValueError, match="if/else is not allowed"):
        parse_expression("y = 9if x else 2", {"x": 1})  # Python warns "invalid decimal literal" while parsing
    assert not [w for w in recwarn if issubclass(w.category, SyntaxWarning)]


def test_limits_are_what_the_module_says():
    assert MAX_CHARS == 10_000 and MAX_DEPTH == 100
    y = parse_expression("y = " + "(x * " * 90 + "x" + ")" * 90, {"x": 1})  # deep but within the limit
    assert y.data == 1.0 and grads(y, "x") == [91.0]


@pytest.mark.parametrize(
    "text, values, error, words",
    [
        (b"y = x", {"x": 1}, TypeError, ["must be a str"]),
        ("y = x", [("x", 1)], TypeError, ["mapping"]),
        ("y = x * 2", {"x": "2"}, TypeError, ["real number"]),
        ("y = x * 2", {"x": True}, TypeError, ["real number"]),
        ("y = x * 2", {"x": math.nan}, ValueError, ["finite"]),
        ("y = x * 2", {"x": math.inf}, ValueError, ["finite"]),
        ("y = x * 2", {"x": 10**400}, ValueError, ["too large"]),
        ("y = x * 2", {1: 2}, TypeError, ["must be a str"]),
        ("y = x * 2", {"not a name": 2}, ValueError, ["is not a name"]),
        ("y = x * 2", {"for": 2}, ValueError, ["is not a name"]),
    ],
)
def test_bad_arguments(text, values, error, words):
    with pytest.raises(error) as caught:
        parse_expression(text, values)
    assert all(w in str(caught.value) for w in words), str(caught.value)


@pytest.mark.slow
def test_many_unused_values_are_listed_briefly():
    values = {f"v{i}": 1.0 for i in range(100_000)}
    with pytest.raises(ValueError) as caught:
        parse_expression("y = v0 * 2", values)
    message = str(caught.value)
    assert "'v1', 'v2'" in message and "and 99,989 more have values (--set) but y does not depend on them" in message and len(message) < 400


def test_extreme_magnitudes_stay_exact():
    y = parse_expression("y = a * b", {"a": 1e-300, "b": 1e300})
    assert y.data == pytest.approx(1.0) and grads(y, "a") == [1e300]


def test_parse_settings():
    assert parse_settings(["a=2", "b=-3", " c = 1e-3"]) == {"a": 2.0, "b": -3.0, "c": 0.001}
    assert parse_settings([]) == {}


@pytest.mark.parametrize(
    "pairs, error, words",
    [
        (["a"], ValueError, ["is not NAME=NUMBER"]),
        (["a=x"], ValueError, ["is not a number"]),
        (["a="], ValueError, ["is not a number"]),
        (["a=nan"], ValueError, ["finite"]),
        (["a=inf"], ValueError, ["finite"]),
        (["a=1e999"], ValueError, ["finite"]),
        (["a=1", "a=2"], ValueError, ["given twice"]),
        (["=3"], ValueError, ["is not a name"]),
        (["1a=3"], ValueError, ["is not a name"]),
        (["log=3"], ValueError, ["name of a function"]),
        ("a=2", TypeError, ["must be a list"]),
        ([2], TypeError, ["must be a str"]),
    ],
)
def test_parse_settings_refusals(pairs, error, words):
    with pytest.raises(error) as caught:
        parse_settings(pairs, where="--set")
    assert str(caught.value).startswith("--set: ") and all(w in str(caught.value) for w in words), str(caught.value)


_PIECES = ["x", "y", "z", "a", "=", ";", "\n", "+", "-", "*", "/", "**", "(", ")", "exp", "log", "sqrt", "tanh", "sigmoid", "relu", "2", "0",
           "1e308", "9", ".", "[", "]", ",", "lambda", ":", "import", "'s'", "_", " ", "//", "@", "==", "if", "else", "for", "in", "**9**9"]  # fmt: skip


@pytest.mark.slow
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.dictionaries(st.sampled_from(["x", "a", "z"]), st.floats(allow_nan=True, allow_infinity=True), max_size=3))
@settings(max_examples=400, deadline=None)
def test_fuzz_only_documented_outcomes(pieces, values):
    """Any text: a Value with finite data, or ValueError / ArithmeticError (never another exception)."""
    try:
        root = parse_expression("".join(pieces), values)
    except (ValueError, ArithmeticError) as error:
        assert str(error).startswith("parse_expression: ")
    else:
        assert math.isfinite(root.data)


def test_sin_and_cos_are_functions_of_the_language():
    """Issue 22: ``sin(x)`` and ``cos(x)`` parse into the engine's ops, with the exact local derivatives."""
    y = parse_expression("s = sin(x); c = cos(x); y = s*c + sin(2)", {"x": 0.7})
    assert y.data == math.sin(0.7) * math.cos(0.7) + math.sin(2.0)
    assert grads(y, "x")[0] == pytest.approx(math.cos(0.7) ** 2 - math.sin(0.7) ** 2, rel=1e-15)
    assert {n.op for n in topological_order(y)} >= {"sin", "cos"}
    assert "sin cos" in ALLOWED
    with pytest.raises(ValueError, match="sin\\(\\) takes exactly one argument"):
        parse_expression("y = sin(x, x)", {"x": 1})
# ---------------------------------------------------------------------- issue 19, defect 4: flat sums
def test_a_100_input_neuron_is_one_flat_sum():
    """w1*x1 + … + w100*x100 + b: a reader's one level of nesting, however many terms."""
    values = {f"w{i}": 0.01 * i for i in range(1, 101)} | {f"x{i}": 1.0 / i for i in range(1, 101)} | {"b": 0.5}
    text = "net = " + " + ".join(f"w{i}*x{i}" for i in range(1, 101)) + " + b; out = sigmoid(net)"
    out = parse_expression(text, values)
    out.backward()
    net = out.children[0]
    assert net.label == "net"
    assert net.data == pytest.approx(sum(0.01 * i / i for i in range(1, 101)) + 0.5, rel=1e-12)
    leaves = {n.label: n for n in topological_order(out) if n.role == "parameter"}
    slope = out.data * (1 - out.data)
    for i in (1, 50, 100):
        assert leaves[f"w{i}"].grad == pytest.approx(slope / i, rel=1e-12)  # ∂out/∂w_i = σ'(net)·x_i


def _ops_to_parse(terms: int) -> int:
    """Python-level function calls made by parse_expression on a flat sum of ``terms`` names (a count, not a time)."""
    import sys

    text = "y = " + " + ".join(f"x{i % 10}" for i in range(terms))
    values = {f"x{i}": 1.0 for i in range(min(terms, 10))}
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        y = parse_expression(text, values)
    finally:
        sys.setprofile(None)
    assert y.data == terms
    return calls


def test_a_10000_character_flat_sum_works_in_linear_time():
    text = "y = " + "+".join(["x"] * 4998)
    assert 9_990 <= len(text) <= MAX_CHARS
    y = parse_expression(text, {"x": 2.0})
    assert y.data == 2.0 * 4998
    assert grads(y, "x") == [4998.0]
    small, large = _ops_to_parse(400), _ops_to_parse(1600)  # 4× the terms: about 4× the work, never 16×
    assert 3.5 < large / small < 4.5
