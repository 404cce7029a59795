"""THE table of derivative rules: for every op of the engine, ∂node/∂input written in ops on Values.

The engine stores each local derivative as a float (``node.local_grads``: the fast first-order path).
This table writes the SAME derivatives as expressions in the same ops, so a derivative is itself a
graph that can be differentiated again (`autograd_mini.calculus.higher.grad` with ``create_graph=True``)::

    op            ∂node/∂input, per input              the float the engine stores (operators.py)
    a + b         1, 1                                  (1.0, 1.0)
    a − b         1, −1                                 (1.0, −1.0)
    a · b         b, a                                  (b, a)
    a / b         1/b, (−node)/b                        (1/b, −out/b)
    −a            −1                                    (−1.0,)
    x ** n        x ** (n − 1) · n                      pow_derivative: n·x^(n−1)
    c ** x        node · ln c                           pow_log_slope: c^x·ln c
    a ** b        b · a ** (b − 1), node · ln a         pow_derivative, pow_log_slope
    exp x         node                                  e^x
    log x         1/x                                   1/x
    sqrt x        0.5/node                              0.5/√x
    tanh x        4e/(1 + e)², e = e^(−2|x|)            tanh_slope (sech² x, exact in the tails)
    sigmoid x     e/(1 + e)², e = e^(−|x|)              sigmoid_slope (exact in the tails)
    relu x        1 or 0 (the kink: 0)                  1.0 or 0.0
    linear x      1 (nn's linear activation, out = net)  1.0
    sin x         cos x                                 cos x
    cos x         −(sin x)                              −sin x
    sum           1, 1, …                               (1.0, …)
    dot           x_i for w_i, w_i for x_i, 1 for b      (x_i, w_i, …, 1.0)

Each rule uses the same floating-point steps as the engine's float, so the two agree to the last bit
wherever intermediate results stay in float64's normal range (tests/engine/test_derivatives.py checks
every op; `explain`'s rules in `autograd_mini.tracing.rules` state the same derivatives in the lectures'
notation, e.g. 1 − y² for tanh, and are checked against this table too). |x| picks a branch when the
graph is built, as relu does: both branches are the same analytic function, so every order is right.

A constant derivative is a float (1.0, −1.0, 0.0, a relu's slope); anything else is a Value.
"""

from __future__ import annotations

import math
from typing import Callable, Union

from autograd_mini import operators as ops
from autograd_mini.engine import Value

__all__ = ["Local", "RULES", "local_derivatives", "has_rule"]

Local = Union[Value, float]  # a local derivative: a graph, or a constant


def _neg(node: Value) -> tuple[Local, ...]:
    return (-1.0,)


def _div(node: Value) -> tuple[Local, ...]:
    a, b = node.children
    return (1.0 / b, (-node) / b)


def _pow_value(node: Value) -> tuple[Local, ...]:  # a ** b, both Values
    a, b = node.children
    return (b * a ** (b - 1.0), node * a.log())


def _tanh(node: Value) -> tuple[Local, ...]:  # 4e/(1+e)², e = e^(−2|x|)
    (x,) = node.children
    e = (x * (-2.0 if x.data >= 0.0 else 2.0)).exp()
    d = e + 1.0
    return ((e * 4.0) / (d * d),)


def _sigmoid(node: Value) -> tuple[Local, ...]:  # e/(1+e)², e = e^(−|x|)
    (x,) = node.children
    e = (-x if x.data >= 0.0 else x).exp()
    d = e + 1.0
    return (e / (d * d),)


def _dot(node: Value) -> tuple[Local, ...]:  # the paired input of each weight, the weight of each input, 1 for the bias
    kids = node.children
    n = len(kids) - len(kids) % 2
    out: list[Local] = list(kids)
    out[0:n:2], out[1:n:2] = kids[1:n:2], kids[0:n:2]
    if n < len(kids):
        out[-1] = 1.0
    return tuple(out)


#: op name -> the rule: node -> one local derivative per input, in ops on Values (or a constant float)
RULES: dict[str, Callable[[Value], tuple[Local, ...]]] = {
    "+": lambda n: (1.0, 1.0),
    "-": lambda n: (1.0, -1.0),
    "*": lambda n: (n.children[1], n.children[0]),
    "/": _div,
    "neg": _neg,
    "**": _pow_value,
    "exp": lambda n: (n,),
    "log": lambda n: (1.0 / n.children[0],),
    "sqrt": lambda n: (0.5 / n,),
    "tanh": _tanh,
    "sigmoid": _sigmoid,
    "relu": lambda n: (n.local_grads[0],),  # constant: 1.0 or 0.0, fixed when the node was built
    "linear": lambda n: (1.0,),  # nn's linear activation: out = net
    "sin": lambda n: (n.children[0].cos(),),
    "cos": lambda n: (-n.children[0].sin(),),
    "sum": lambda n: (1.0,) * len(n.children),
    "dot": _dot,
}


def _number(text: str) -> float | None:
    try:
        x = float(text)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def _power(n: float) -> Callable[[Value], tuple[Local, ...]]:
    """x ** n with a constant n: n·x^(n−1) as ``x ** (n − 1) · n`` (0 and 1 for n = 0 and 1)."""
    if n in (0.0, 1.0):
        return lambda node: (n,)
    return lambda node: (node.children[0] ** (n - 1.0) * n,)


def _rule(node: Value) -> Callable[[Value], tuple[Local, ...]] | None:
    op = node.op
    rule = RULES.get(op)
    if rule is not None:
        return rule
    if op.startswith("**") and len(node.children) == 1 and (n := _number(op[2:])) is not None:
        return _power(n)
    if op.endswith("**") and len(node.children) == 1 and (c := _number(op[:-2])) is not None and c > 0.0:
        log_c = math.log(c)
        return lambda node: (node * log_c,)
    return None


def has_rule(node: Value) -> bool:
    """True when the table knows ``node``'s op (every op of the engine; not a user's `Value.from_op`)."""
    return not node.children or _rule(node) is not None


def local_derivatives(node: Value, where: str = "local_derivatives") -> tuple[Local, ...]:
    """∂node/∂children[i] for each input, as Values built from ops (a constant one as a float).

    Raises ValueError for an op without a rule (a user's `Value.from_op`), and when a result disagrees
    with the float the engine stored: the graph changed after it was built (a leaf's ``.data`` was set)
    or a `Value.from_op` node borrowed a built-in op's name."""
    rule = RULES.get(node.op) or _rule(node)
    if rule is None:
        raise ValueError(
            f"{where}: the op {node.op!r} of {ops.describe(node)} has no rule in the derivative table "
            f"(autograd_mini.calculus.derivatives), so its derivative cannot be differentiated again; "
            f"use create_graph=False (first derivatives of any op), or build it from the engine's ops"
        )
    out = rule(node)
    values = [got if type(got) is float else got.data for got in out]  # type: ignore[union-attr]
    if values == list(node.local_grads):  # the usual case, compared at C speed
        return out
    for value, stored in zip(values, node.local_grads):
        if value != stored and not math.isclose(value, stored, rel_tol=1e-9, abs_tol=1e-300):
            raise ValueError(
                f"{where}: the stored local derivative {stored!r} of {ops.describe(node)} (op {node.op!r}) disagrees "
                f"with the table's {value!r}: the graph changed after it was built (a leaf's .data was set), or a "
                "Value.from_op node uses a built-in op's name; rebuild the graph (or give your op its own name)"
            )
    return out
