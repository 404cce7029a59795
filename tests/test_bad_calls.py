"""One table of bad calls across the whole public API (engine, graph reading, drawing, tracing,
checking, examples, explorer, expressions, nn, CLI), each with the exception type the error rule
gives it and the words its message must start with or contain.

The rule (README, `autograd_mini.validate`): TypeError for a wrong type, ValueError for a wrong value,
ArithmeticError subclasses for a numerical failure of an op; the message names what was called.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import nn
from autograd_mini import (
    Value,
    assert_figures,
    assert_published,
    check_worksheet,
    dot,
    draw_dot,
    explain,
    explore,
    gradcheck,
    numerical_gradient,
    save,
    sum_values,
    summary,
    tape,
    topological_order,
    worksheet,
    zero_grad,
)  # fmt: skip
from autograd_mini.cli.main import main as cli
from autograd_mini.examples import get_example
from autograd_mini.expr import parse_expression
from autograd_mini.graph import find_node, post_format
from autograd_mini.numerical import central_difference
from autograd_mini.testing import local_grad
from autograd_mini.tracing.explain import count_paths
from nn import MLP, SGD, Adam, Layer, Neuron, init, losses
from nn.optim import LambdaLR, StepLR


def _graph() -> Value:
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    L = (a * b + 1.0) * 2.0
    L.label = "L"
    L.backward()
    return L


G = _graph()
MODEL = MLP(2, [2, 1], seed=0)


def _cli(*argv: str) -> int:
    try:
        return cli(list(argv))
    except SystemExit as done:  # argparse's usage errors
        return int(done.code or 0)


# (id, call, exception type, regex the message must match)
ROWS = [
    # ------------------------------------------------------------------ the engine
    ("Value str", lambda: Value("1"), TypeError, r"real number"),
    ("Value None", lambda: Value(None), TypeError, r"real number"),
    ("Value bool", lambda: Value(True), TypeError, r"1\.0 or 0\.0"),
    ("Value complex", lambda: Value(1j), TypeError, r"real number"),
    ("Value list", lambda: Value([1.0]), TypeError, r"real number"),
    ("Value array", lambda: Value(np.array([1.0, 2.0])), TypeError, r"real number|array"),
    ("Value nan", lambda: Value(math.nan), ValueError, r"finite"),
    ("Value inf", lambda: Value(math.inf), ValueError, r"finite"),
    ("Value -inf", lambda: Value(-math.inf), ValueError, r"finite"),
    ("Value huge int", lambda: Value(10**400), ValueError, r"too large"),
    ("Value label int", lambda: Value(1.0, 5), TypeError, r"label"),
    ("Value role int", lambda: Value(1.0, "x", role=3), TypeError, r"role"),
    ("add str", lambda: Value(1.0) + "a", TypeError, r""),
    ("radd str", lambda: "a" + Value(1.0), TypeError, r""),
    ("mul None", lambda: Value(1.0) * None, TypeError, r""),
    ("mul array", lambda: Value(1.0) * np.array([1.0, 2.0]), TypeError, r""),
    ("add nan", lambda: Value(1.0) + math.nan, ValueError, r"finite"),
    ("mul inf", lambda: Value(1.0) * math.inf, ValueError, r"finite"),
    ("mul overflow", lambda: Value(1e200) * Value(1e200), OverflowError, r"\*"),
    ("div zero", lambda: Value(1.0) / Value(0.0), ZeroDivisionError, r"div"),
    ("rdiv zero", lambda: 1.0 / Value(0.0), ZeroDivisionError, r"div"),
    ("div tiny", lambda: Value(1.0) / Value(1e-320), ArithmeticError, r""),
    ("log zero", lambda: Value(0.0).log(), ValueError, r"^log"),
    ("log negative", lambda: Value(-1.0).log(), ValueError, r"^log"),
    ("log subnormal", lambda: Value(1e-320).log(), OverflowError, r"log"),
    ("sqrt negative", lambda: Value(-1.0).sqrt(), ValueError, r"^sqrt"),
    ("sqrt zero", lambda: Value(0.0).sqrt(), ValueError, r"^sqrt"),
    ("exp overflow", lambda: Value(1000.0).exp(), OverflowError, r"^exp"),
    ("pow neg base frac", lambda: Value(-2.0) ** 0.5, ValueError, r"^pow"),
    ("pow zero negative", lambda: Value(0.0) ** -1, ZeroDivisionError, r"^pow"),
    ("pow overflow", lambda: Value(10.0) ** 400, OverflowError, r"pow"),
    ("pow exponent str", lambda: Value(2.0) ** "2", TypeError, r""),
    ("pow exponent nan", lambda: Value(2.0) ** math.nan, ValueError, r"finite"),
    ("value pow nonpositive base", lambda: Value(-2.0) ** Value(2.0), ValueError, r"^pow"),
    ("value pow overflow", lambda: Value(1e-320) ** Value(-1.0), OverflowError, r"pow|\*\*"),
    ("rpow negative base", lambda: (-2.0) ** Value(2.0), ValueError, r"^pow"),
    ("rpow overflow", lambda: 10.0 ** Value(400.0), OverflowError, r"pow"),
    ("bool of Value", lambda: bool(Value(1.0)), TypeError, r"\.data"),
    ("backward nan", lambda: _graph().backward(math.nan), ValueError, r"backward"),
    ("backward str", lambda: _graph().backward("1"), TypeError, r"backward"),
    ("backward overflow", lambda: (Value(1e300) * 1e8).backward(1e300), OverflowError, r"backward"),
    ("sum_values empty", lambda: sum_values([]), ValueError, r"^sum_values"),
    ("sum_values str", lambda: sum_values(["a"]), TypeError, r"^sum_values"),
    ("sum_values not iterable", lambda: sum_values(5), TypeError, r"^sum_values"),
    ("dot lengths", lambda: dot([Value(1.0)], [1.0, 2.0]), ValueError, r"^dot"),
    ("dot empty", lambda: dot([], []), ValueError, r"^dot"),
    ("dot str weight", lambda: dot(["w"], [1.0]), TypeError, r"^dot"),
    ("dot bias str", lambda: dot([Value(1.0)], [1.0], "b"), TypeError, r"^dot"),
    ("dot weights not a list", lambda: dot(5, [1.0]), TypeError, r"^dot"),
    ("from_op children", lambda: Value.from_op(1.0, 5, (1.0,), "f"), TypeError, r"from_op"),
    ("from_op lengths", lambda: Value.from_op(1.0, (Value(1.0),), (), "f"), ValueError, r"from_op"),
    ("from_op nan grad", lambda: Value.from_op(1.0, (Value(1.0),), (math.nan,), "f"), ValueError, r"from_op"),
    ("from_op empty op", lambda: Value.from_op(1.0, (Value(1.0),), (1.0,), ""), ValueError, r"from_op"),
    ("from_op child str", lambda: Value.from_op(1.0, ("x",), (1.0,), "f"), TypeError, r"from_op"),
    ("topological_order str", lambda: topological_order("x"), TypeError, r"topological_order"),
    ("zero_grad ints", lambda: zero_grad([1, 2]), TypeError, r"^zero_grad"),
    # ------------------------------------------------------------------ reading the graph
    ("find_node unknown", lambda: find_node(G, "zz"), ValueError, r"no node labelled 'zz'"),
    ("find_node int", lambda: find_node(G, 5), TypeError, r"Value or a node's label"),
    ("find_node root", lambda: find_node(5, "a"), TypeError, r"root must be a Value"),
    ("find_node foreign", lambda: find_node(G, Value(1.0)), ValueError, r"not in the graph"),
    ("post_format str", lambda: post_format("x"), TypeError, r"post_format"),
    ("post_format decimals", lambda: post_format(1.0, -1), ValueError, r"post_format"),
    # ------------------------------------------------------------------ drawing
    ("draw_dot root", lambda: draw_dot(5), TypeError, r"^draw_dot"),
    ("draw_dot rankdir", lambda: draw_dot(G, rankdir="XY"), ValueError, r"^draw_dot: rankdir"),
    ("draw_dot rankdir int", lambda: draw_dot(G, rankdir=1), TypeError, r"^draw_dot: rankdir"),
    ("draw_dot view", lambda: draw_dot(G, view="poster"), ValueError, r"^draw_dot: view"),
    ("draw_dot fields", lambda: draw_dot(G, fields=("colour",)), ValueError, r"^draw_dot: .*fields"),
    ("draw_dot edge_labels", lambda: draw_dot(G, edge_labels="all"), ValueError, r"^draw_dot: edge_labels"),
    ("draw_dot highlight int", lambda: draw_dot(G, highlight=5), TypeError, r"^draw_dot: highlight|highlight"),
    ("draw_dot highlight unknown", lambda: draw_dot(G, highlight="zz"), ValueError, r"highlight"),
    ("draw_dot max_nodes", lambda: draw_dot(G, max_nodes=0), ValueError, r"^draw_dot: max_nodes"),
    ("draw_dot max_nodes str", lambda: draw_dot(G, max_nodes="9"), TypeError, r"^draw_dot: max_nodes"),
    ("draw_dot too large", lambda: draw_dot(G, max_nodes=2), ValueError, r"^draw_dot: the graph"),
    ("draw_dot number_format", lambda: draw_dot(G, number_format="{0.real.foo}"), ValueError, r"number_format"),
    ("draw_dot number_format int", lambda: draw_dot(G, number_format=5), TypeError, r"number_format"),
    ("draw_dot number_format fn", lambda: draw_dot(G, number_format=lambda v: v), TypeError, r"number_format"),
    ("draw_dot clusters", lambda: draw_dot(G, clusters="rows"), ValueError, r"clusters"),
    ("draw_dot clusters int", lambda: draw_dot(G, clusters=5), TypeError, r"clusters"),
    ("draw_dot legend", lambda: draw_dot(G, legend="yes"), TypeError, r"^draw_dot: legend"),
    ("draw_dot title", lambda: draw_dot(G, title=5), TypeError, r"^draw_dot: title"),
    ("draw_dot unknown option", lambda: draw_dot(G, colour="red"), TypeError, r"colour"),
    ("save suffix", lambda: save(G, "/tmp/x.jpeg"), ValueError, r"^save"),
    ("save path int", lambda: save(G, 5), TypeError, r"^save"),
    ("save graph str", lambda: save("graph", "/tmp/x.svg"), TypeError, r"^save"),
    ("save option on drawing", lambda: save(draw_dot(G), "/tmp/x.dot", rankdir="TB"), TypeError, r"^save"),
    # ------------------------------------------------------------------ tracing
    ("explain root", lambda: explain(5, "a"), TypeError, r"^explain"),
    ("explain wrt int", lambda: explain(G, 5), TypeError, r"^explain|wrt"),
    ("explain wrt unknown", lambda: explain(G, "zz"), ValueError, r"zz"),
    ("explain fold", lambda: explain(G, "a", fold="some"), ValueError, r"^explain: fold"),
    ("explain max_paths 0", lambda: explain(G, "a", max_paths=0), ValueError, r"^explain: max_paths"),
    ("explain max_paths huge", lambda: explain(G, "a", max_paths=10**12), ValueError, r"^explain: max_paths"),
    ("explain max_paths str", lambda: explain(G, "a", max_paths="9"), TypeError, r"^explain: max_paths"),
    ("explain number_format", lambda: explain(G, "a", number_format="{0.real.foo}"), ValueError, r"number_format"),
    ("explain number_format round", lambda: explain(G, "a", number_format=round), TypeError, r"number_format"),
    ("explain lr nan", lambda: explain(G, "a", lr=math.nan), ValueError, r"^explain: lr"),
    ("explain lr str", lambda: explain(G, "a", lr="0.5"), TypeError, r"^explain: lr"),
    ("count_paths root", lambda: count_paths(1.0, "a"), TypeError, r"root|count_paths"),
    ("tape root", lambda: tape("E"), TypeError, r"^tape"),
    ("tape seed nan", lambda: tape(G, math.nan), ValueError, r"^tape"),
    ("tape seed str", lambda: tape(G, "1"), TypeError, r"^tape"),
    ("tape leaves", lambda: tape(G, leaves="no"), TypeError, r"^tape"),
    ("worksheet root", lambda: worksheet(None), TypeError, r"^worksheet"),
    ("worksheet blank", lambda: worksheet(G, blank="answers"), ValueError, r"^worksheet"),
    ("worksheet blank int", lambda: worksheet(G, blank=3), TypeError, r"^worksheet"),
    ("worksheet blank row", lambda: worksheet(G, blank=["nope"]), ValueError, r"^worksheet"),
    ("worksheet title", lambda: worksheet(G, title=5), TypeError, r"^worksheet"),
    ("summary root", lambda: summary(5), TypeError, r"^summary"),
    ("summary lr", lambda: summary(G, lr=-1.0), ValueError, r"^summary"),
    ("check_worksheet root", lambda: check_worksheet(5, "| # |"), TypeError, r"^check_worksheet"),
    ("check_worksheet text int", lambda: check_worksheet(G, 5), TypeError, r"^check_worksheet"),
    ("check_worksheet junk", lambda: check_worksheet(G, "hello"), ValueError, r"^check_worksheet"),
    # ------------------------------------------------------------------ checking
    ("assert_published figure float", lambda: assert_published(0.4, 0.4), TypeError, r"string"),
    ("assert_published figure junk", lambda: assert_published(0.4, "zero"), ValueError, r"not a number"),
    ("assert_published nan", lambda: assert_published(math.nan, "0.4"), ValueError, r"finite"),
    ("assert_published inf figure", lambda: assert_published(1.0, "inf"), ValueError, r"finite"),
    ("assert_published computed str", lambda: assert_published("0.4", "0.4"), TypeError, r""),
    ("assert_figures root", lambda: assert_figures(5, values={"a": "2"}), TypeError, r"assert_figures"),
    ("assert_figures unknown", lambda: assert_figures(G, values={"zz": "2"}), ValueError, r"assert_figures"),
    ("assert_figures mapping", lambda: assert_figures(G, values=[("a", "2")]), TypeError, r"assert_figures"),
    ("local_grad node", lambda: local_grad(5, "a"), TypeError, r"^local_grad"),
    ("local_grad not child", lambda: local_grad(G, "zz"), ValueError, r"^local_grad"),
    ("gradcheck f", lambda: gradcheck(5), TypeError, r"^gradcheck"),
    ("gradcheck returns float", lambda: gradcheck(lambda: 1.0, [Value(1.0)]), TypeError, r"^gradcheck"),
    ("gradcheck epsilon", lambda: gradcheck(lambda: G, [Value(1.0)], epsilon=0), ValueError, r"^gradcheck"),
    ("gradcheck epsilon nan", lambda: gradcheck(lambda: G, [Value(1.0)], epsilon=math.nan), ValueError, r"^gradcheck"),
    ("gradcheck tolerance", lambda: gradcheck(lambda: G, [Value(1.0)], tolerance=-1), ValueError, r"^gradcheck"),
    ("gradcheck params str", lambda: gradcheck(lambda: G, ["w"]), TypeError, r"^gradcheck"),
    ("numerical_gradient epsilon", lambda: numerical_gradient(lambda: G, [Value(1.0)], epsilon=-1), ValueError, r"^numerical_gradient"),
    ("central_difference arg", lambda: central_difference(lambda x: x, 1.0, arg=3), ValueError, r"^central_difference"),
    ("central_difference f", lambda: central_difference(5, 1.0), TypeError, r"^central_difference"),
    # ------------------------------------------------------------------ examples, explorer, expressions
    ("get_example unknown", lambda: get_example("xor"), ValueError, r"get_example"),
    ("get_example int", lambda: get_example(5), TypeError, r"get_example"),
    ("explore root", lambda: explore(5, "/tmp/x.html"), TypeError, r"^explore"),
    ("explore suffix", lambda: explore(G, "/tmp/x.txt"), ValueError, r"^explore"),
    ("explore path int", lambda: explore(G, 5), TypeError, r"^explore"),
    ("parse_expression attribute", lambda: parse_expression("y = x.real", {"x": 1.0}), ValueError, r""),
    ("parse_expression import", lambda: parse_expression("import os", {}), ValueError, r""),
    ("parse_expression unset", lambda: parse_expression("y = x * 2", {}), ValueError, r"x"),
    ("parse_expression call", lambda: parse_expression("y = open(x)", {"x": 1.0}), ValueError, r"open"),
    ("parse_expression log0", lambda: parse_expression("y = log(x)", {"x": 0.0}), ValueError, r"log"),
    # ------------------------------------------------------------------ nn: modules
    ("Neuron nin 0", lambda: Neuron(0), ValueError, r"^Neuron"),
    ("Neuron nin str", lambda: Neuron("2"), TypeError, r"^Neuron"),
    ("Neuron activation", lambda: Neuron(2, activation="swish"), ValueError, r"activation"),
    ("Neuron weights length", lambda: Neuron(2, weights=[1.0]), ValueError, r"^Neuron"),
    ("Neuron weight nan", lambda: Neuron(2, weights=[1.0, math.nan]), ValueError, r"^Neuron"),
    ("Neuron input nan", lambda: Neuron(2, seed=0)([1.0, math.nan]), ValueError, r"^Neuron"),
    ("Neuron input length", lambda: Neuron(2, seed=0)([1.0]), ValueError, r"^Neuron"),
    ("Layer nout", lambda: Layer(2, -1), ValueError, r"^Layer"),
    ("Layer bias mode", lambda: Layer(2, 2, bias="some"), ValueError, r"bias"),
    ("Layer biases length", lambda: Layer(2, 2, biases=[0.0]), ValueError, r"^Layer"),
    ("MLP sizes", lambda: MLP(2, []), ValueError, r"^MLP"),
    ("MLP sizes str", lambda: MLP(2, "22"), TypeError, r"^MLP"),
    ("MLP input str", lambda: MODEL(["a", "b"]), TypeError, r""),
    ("MLP input nan", lambda: MODEL([math.nan, 1.0]), ValueError, r""),
    ("MLP input 2-D", lambda: MODEL(np.zeros((2, 2))), ValueError, r""),
    ("MLP input length", lambda: MODEL([1.0, 2.0, 3.0]), ValueError, r""),
    ("freeze int", lambda: MODEL.freeze(0), TypeError, r"freeze"),
    ("freeze unknown", lambda: MODEL.freeze("layers.9"), ValueError, r"freeze"),
    ("load_state_dict list", lambda: MODEL.load_state_dict([1.0]), TypeError, r"load_state_dict"),
    ("load_state_dict keys", lambda: MODEL.load_state_dict({"x": 1.0}), ValueError, r"load_state_dict"),
    ("load_state_dict nan", lambda: MODEL.load_state_dict({**MODEL.state_dict(flat=True), "layers.0.bias[0]": math.nan}), ValueError, r"load_state_dict"),
    ("load_state_dict str value", lambda: MODEL.load_state_dict({**MODEL.state_dict(flat=True), "layers.0.bias[0]": "1"}), TypeError, r"load_state_dict"),
    ("load missing", lambda: MODEL.load("/nonexistent/model.json"), (ValueError, FileNotFoundError), r"load"),
    ("save path int", lambda: MODEL.save(5), TypeError, r"save"),
    # ------------------------------------------------------------------ nn: optimizers, schedules
    ("SGD lr 0", lambda: SGD(MODEL.parameters(), lr=0), ValueError, r"^SGD"),
    ("SGD lr nan", lambda: SGD(MODEL.parameters(), lr=math.nan), ValueError, r"^SGD"),
    ("SGD lr str", lambda: SGD(MODEL.parameters(), lr="0.1"), TypeError, r"^SGD"),
    ("SGD no params", lambda: SGD([], lr=0.1), ValueError, r"^SGD"),
    ("SGD param str", lambda: SGD(["w"], lr=0.1), TypeError, r"^SGD"),
    ("SGD momentum", lambda: SGD(MODEL.parameters(), lr=0.1, momentum=-1), ValueError, r"^SGD"),
    ("Adam betas", lambda: Adam(MODEL.parameters(), betas=(0.9,)), ValueError, r"^Adam"),
    ("Adam beta 1", lambda: Adam(MODEL.parameters(), betas=(1.0, 0.9)), ValueError, r"^Adam"),
    ("Adam eps", lambda: Adam(MODEL.parameters(), eps=-1), ValueError, r"^Adam"),
    ("StepLR step_size", lambda: StepLR(SGD(MODEL.parameters(), lr=0.1), step_size=0), ValueError, r"StepLR"),
    ("LambdaLR not callable", lambda: LambdaLR(SGD(MODEL.parameters(), lr=0.1), 5), TypeError, r"LambdaLR"),
    ("LambdaLR negative", lambda: LambdaLR(SGD(MODEL.parameters(), lr=0.1), lambda e: -1.0), ValueError, r"LambdaLR"),
    ("LambdaLR inf", lambda: LambdaLR(SGD(MODEL.parameters(), lr=0.1), lambda e: math.inf), ValueError, r"LambdaLR"),
    # ------------------------------------------------------------------ nn: init, losses, training
    ("uniform_ bounds", lambda: init.uniform_(MLP(2, [1], seed=0), -1e308, 1e308), ValueError, r"uniform_"),
    ("uniform_ target", lambda: init.uniform_("model"), TypeError, r"uniform_"),
    ("uniform_ a nan", lambda: init.uniform_(MLP(2, [1], seed=0), math.nan, 1.0), ValueError, r"uniform_"),
    ("normal_ std", lambda: init.normal_(MLP(2, [1], seed=0), 0.0, -1.0), ValueError, r"normal_"),
    ("constant_ str", lambda: init.constant_(MLP(2, [1], seed=0), "1"), TypeError, r"constant_"),
    ("xavier gain", lambda: init.xavier_uniform_(MLP(2, [1], seed=0), gain=1e308), (ValueError, OverflowError), r"xavier_uniform_"),
    ("seed float", lambda: init.uniform_(MLP(2, [1], seed=0), seed=1.5), TypeError, r"uniform_"),
    ("quadratic_cost lengths", lambda: losses.quadratic_cost([Value(1.0)], [1.0, 2.0]), ValueError, r"quadratic_cost"),
    ("quadratic_cost target nan", lambda: losses.quadratic_cost([Value(1.0)], [math.nan]), ValueError, r"quadratic_cost"),
    ("quadratic_cost str", lambda: losses.quadratic_cost("out", [1.0]), TypeError, r"quadratic_cost"),
    ("train epochs", lambda: nn.train(MODEL, losses.quadratic_cost, [[0.0, 1.0]], [[1.0]], SGD(MODEL.parameters(), lr=0.1), epochs=-1), ValueError, r"train"),
    ("train X length", lambda: nn.train(MODEL, losses.quadratic_cost, [[0.0, 1.0]], [[1.0], [0.0]], SGD(MODEL.parameters(), lr=0.1), epochs=1), ValueError, r"train"),
    ("mazur parameter", lambda: nn.examples.mazur().parameter("w9"), ValueError, r"parameter"),
    ("mazur node before forward", lambda: nn.examples.mazur().node("out_o1"), (ValueError, RuntimeError), r"forward"),
]  # fmt: skip


@pytest.mark.parametrize("call, error, words", [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_bad_call_raises_the_documented_error(call, error, words):
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value)
    assert re.search(words, message), f"{type(caught.value).__name__}: {message!r} does not match {words!r}"
    assert not isinstance(caught.value, (AttributeError, KeyError, IndexError, RecursionError))


CLI_ROWS = [
    ["--example", "xor", "explain", "w1"],
    ["--decimals", "99999999999", "tape"],
    ["--decimals", "0", "tape"],
    ["explain", "zz"],
    ["explain", "w1", "--max-paths", "0"],
    ["--expr", "y = x.real", "--set", "x=1", "tape"],
    ["--expr", "y = __import__('os')", "tape"],
    ["--expr", "y = x*", "--set", "x=1", "tape"],
    ["--expr", "y = log(x)", "--set", "x=0", "tape"],
    ["--expr", "y = x", "--set", "x=nan", "tape"],
    ["--graph", "/nonexistent.py:f", "tape"],
    ["draw", "--out", "/tmp/x.jpeg"],
    ["draw", "--rankdir", "XY"],
    ["worksheet", "--blank", "everything"],
    ["nonsense"],
]


@pytest.mark.parametrize("argv", CLI_ROWS, ids=[" ".join(a) for a in CLI_ROWS])
def test_bad_command_line_is_a_usage_error(argv, capsys):
    assert _cli(*argv) == 2
    err = capsys.readouterr().err
    assert "error" in err and "Traceback" not in err


def test_the_table_is_at_least_150_calls():
    assert len(ROWS) + len(CLI_ROWS) >= 150


# ---------------------------------------------------------------------- issue 19: hostile values into every first argument
class _BrokenStr:
    def __str__(self):
        raise RuntimeError("str")

    def __repr__(self):
        raise RuntimeError("repr")


class _BrokenFloat:
    def __float__(self):
        raise RuntimeError("float")

    def __index__(self):
        raise RuntimeError("index")


HOSTILE = {
    "None": None, "nan": math.nan, "inf": math.inf, "-inf": -math.inf, "10**400": 10**400, "4000 digits": int("7" * 4000), "True": True,
    "np.float64": np.float64(1.5), "np.nan": np.float64("nan"), "array": np.ones(3), "array2d": np.ones((2, 2)), "str": "abc",
    "bytes": b"abc", "broken __str__": _BrokenStr(), "broken __float__": _BrokenFloat(), "100k label": "x" * 100_000,
    "NUL": "a\x00b", "RTL override": "\u202eabc", "[]": [], "{}": {}, "-1": -1, "0": 0, "[nan]": [math.nan, 1.0],
}  # fmt: skip


def _fresh() -> Value:
    x, w = Value(2.0, "x"), Value(-3.0, "w")
    y = (x * w + 1.0).tanh()
    y.label = "y"
    y.backward()
    return y


_GOOD = {  # a working call of each public callable: its first two arguments are replaced in turn
    "Value": lambda: (Value, 1.0, "x"), "dot": lambda: (dot, [Value(1.0)], [2.0]), "sum_values": lambda: (sum_values, [1.0, Value(2.0)], "s"),
    "topological_order": lambda: (topological_order, _fresh()), "zero_grad": lambda: (zero_grad, _fresh()),
    "draw_dot": lambda: (draw_dot, _fresh()), "explain": lambda: (explain, _fresh(), "x"), "tape": lambda: (tape, _fresh()),
    "worksheet": lambda: (worksheet, _fresh()), "summary": lambda: (summary, _fresh(), 0.5),
    "check_worksheet": lambda: (check_worksheet, y := _fresh(), str(worksheet(y))), "assert_published": lambda: (assert_published, 0.5, "0.5"),
    "assert_figures": lambda: (assert_figures, _fresh(), {"x": "2"}), "gradcheck": lambda: (gradcheck, _fresh, None),
    "central_difference": lambda: (central_difference, lambda t: t * t, 2.0), "numerical_gradient": lambda: (numerical_gradient, _fresh, [Value(1.0)]),
    "parse_expression": lambda: (parse_expression, "y = 2*x", {"x": 1.0}),
    "Neuron": lambda: (Neuron, 2, "sigmoid"), "Layer": lambda: (Layer, 2, 2), "MLP": lambda: (MLP, 2, [2, 1]),
    "SGD": lambda: (SGD, MLP(2, [1], seed=0).parameters(), 0.1), "Adam": lambda: (Adam, MLP(2, [1], seed=0).parameters(), 0.1),
    "quadratic_cost": lambda: (losses.quadratic_cost, [Value(0.3)], [1.0]), "softmax": lambda: (losses.softmax, [1.0, 2.0]),
    "cross_entropy": lambda: (losses.cross_entropy, [1.0, 2.0], 1), "logistic_cost": lambda: (losses.logistic_cost, [[0.3]], [[1.0]]),
    "binary_cross_entropy": lambda: (losses.binary_cross_entropy, [0.3], [1.0]), "uniform_": lambda: (init.uniform_, Layer(2, 2)),
    "MLP()": lambda: (MODEL, [0.5, 0.5]), "MLP.load_state_dict": lambda: (MODEL.load_state_dict, MODEL.state_dict()),
    "Value +": lambda: (Value(1.5).__add__, 2.0), "Value **": lambda: (Value(1.5).__pow__, 2.0), "x ** Value": lambda: (Value(1.5).__rpow__, 2.0),
    "Value.backward": lambda: (Value(1.5).backward, 1.0), "Value.from_op": lambda: (Value.from_op, 1.0, (Value(1.0),), (1.0,), "f"),
}  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("name", _GOOD)
def test_hostile_values_in_the_first_arguments_follow_the_error_rule(name, tmp_path, monkeypatch):
    """Each hostile value in each of the first two arguments: the call works, or raises TypeError/ValueError/
    ArithmeticError (OSError for files) with a message that is readable (not Python's own internals, not 100,000
    characters); no AttributeError/KeyError/IndexError/RecursionError; a user object's own failure may propagate."""
    monkeypatch.chdir(tmp_path)
    f, *good = _GOOD[name]()
    f(*good)  # the call works as given
    for position in range(min(len(good), 2)):
        for label, hostile in HOSTILE.items():
            f, *args = _GOOD[name]()
            args[position] = hostile
            try:
                f(*args)
            except (TypeError, ValueError, ArithmeticError, OSError) as error:
                message = str(error)
                assert message and len(message) < 2_000, (name, position, label, message[:300])
                assert not message.startswith(("unsupported operand", "can't multiply", "object of type", "Exceeds the limit")), (name, label, message)
                assert "RuntimeError" not in message, (name, label, message)
            except AssertionError:
                assert name.startswith("assert_"), (name, label)  # a figure that does not match: the point of those two
            except RuntimeError as error:
                assert str(error) in ("str", "repr", "float", "index"), (name, label, error)  # the broken object's own
