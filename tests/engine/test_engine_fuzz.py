"""Hypothesis fuzz of the engine's public surface (issue 9): junk in, only the documented errors out.

Random types, nan/±inf, huge and tiny floats, ints beyond the float range, numpy arrays and scalars,
None, strings, lists, dicts, Fractions, Decimals, Values: fed to ``Value()``, every operator (both
sides) and method, ``sum_values``, ``dot``, ``Value.from_op``, ``backward``, ``zero_grad`` and
``topological_order``. Only TypeError, ValueError and ArithmeticError may come out, never
AttributeError, KeyError, IndexError, RecursionError or numpy's own errors, and never a silent
non-finite number in a result.
"""

from __future__ import annotations

import math
import operator
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_mini import Value, dot, sum_values, topological_order, zero_grad

ALLOWED = (TypeError, ValueError, ArithmeticError)

floats = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 5e-324, -5e-324, 1e-310, 1e-300, 1e300, 1.7976931348623157e308, -1e308, 709.8, -745.2]),
)
numbers = st.one_of(floats, st.integers(-(10**400), 10**400), st.integers(-5, 5),
                    st.fractions(), st.builds(Fraction, st.integers(10**300, 10**400)))
junk = st.one_of(
    numbers,
    st.none(), st.booleans(), st.text(max_size=5), st.binary(max_size=3), st.complex_numbers(max_magnitude=10),
    st.lists(floats, max_size=3), st.tuples(floats), st.dictionaries(st.text(max_size=2), floats, max_size=2),
    st.builds(Decimal, st.integers(-5, 5)), st.just(object()),
    st.builds(np.float64, floats), st.builds(np.int64, st.integers(-(2**62), 2**62)), st.just(np.bool_(True)),
    st.builds(lambda xs: np.array(xs, dtype=float), st.lists(floats, max_size=3)),
    st.just(np.zeros((2, 2))), st.just(np.array(3.0)),
    st.builds(lambda x: np.array([Value(1.0), x], dtype=object), floats),
    st.builds(lambda x: Value(x) if math.isfinite(x) else Value(0.5), floats),
)

BINARY = [operator.add, operator.sub, operator.mul, operator.truediv, operator.pow]
UNARY = [operator.neg, Value.exp, Value.log, Value.sqrt, Value.tanh, Value.sigmoid, Value.relu]


def outcome(fn, *args, **kwargs):
    """Run one call: the result, or None when it raised one of the documented errors."""
    try:
        result = fn(*args, **kwargs)
    except ALLOWED:
        return None
    if isinstance(result, Value):  # a result that exists holds finite numbers only
        assert math.isfinite(result.data) and all(math.isfinite(g) for g in result.local_grads), result
    return result


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(x=junk, y=junk)
def test_constructor_and_every_operator_on_both_sides(x, y):
    outcome(Value, x)
    outcome(Value, 1.0, x)
    outcome(Value, 1.0, role=x)
    for v in (Value(2.0), Value(-1e-300), Value(1e300)):
        for op in BINARY:
            outcome(op, v, x)
            outcome(op, x, v)
        for op in UNARY:
            outcome(op, v)
    a = outcome(Value, x)
    if a is not None:
        for op in UNARY:
            outcome(op, a)
        for op in BINARY:
            outcome(op, a, y)
            outcome(op, y, a)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(x=junk, y=junk, z=junk, w=junk)
def test_graph_functions(x, y, z, w):
    outcome(sum_values, x)
    outcome(sum_values, [Value(1.0), x, y])
    outcome(sum_values, [Value(1.0)], label=x)
    outcome(dot, x, y)
    outcome(dot, [Value(1.0), x], [y, 2.0], z)
    outcome(dot, [Value(1.0)], [2.0], label=x)
    outcome(Value.from_op, x, (Value(1.0),), (1.0,), "f")
    outcome(Value.from_op, 1.0, x, y, "f")
    outcome(Value.from_op, 1.0, (Value(1.0),), (x,), z)
    outcome(Value.from_op, 1.0, (Value(1.0),), (1.0,), "f", w)
    outcome(topological_order, x)
    outcome(zero_grad, x)
    outcome(zero_grad, [Value(1.0), x])
    root = Value(3.0) * Value(2.0)
    outcome(root.backward, x)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(xs=st.lists(floats, min_size=1, max_size=6), ops=st.lists(st.integers(0, len(BINARY) + len(UNARY) - 1), min_size=1, max_size=8),
       seed=junk)
def test_random_graphs_of_extreme_numbers_back_propagate_or_raise_a_documented_error(xs, ops, seed):
    leaves = [v for v in (outcome(Value, x) for x in xs) if v is not None] or [Value(1.0)]
    y = leaves[0]
    for i, k in enumerate(ops):
        nxt = outcome(BINARY[k], y, leaves[i % len(leaves)]) if k < len(BINARY) else outcome(UNARY[k - len(BINARY)], y)
        if nxt is None:
            break
        y = nxt
    outcome(y.backward)
    outcome(y.backward, seed)
    for v in topological_order(y):
        assert isinstance(v.grad, float)


# ---------------------------------------------------------------------- issue 19: copies, .data set later, flat sums
@settings(max_examples=150, deadline=None)
@given(ops=st.lists(st.tuples(st.sampled_from(["+", "*", "-", "tanh", "sigmoid", "relu"]), st.integers(0, 50), st.floats(-2, 2)), min_size=1, max_size=60),
       junk_data=junk)
def test_random_graphs_copy_exactly_and_refuse_a_bad_data_set_later(ops, junk_data):
    import copy
    import pickle

    from autograd_mini import tape

    nodes = [Value(0.5, "x"), Value(-1.5, "w")]
    for op, k, c in ops:
        a = nodes[k % len(nodes)]
        if op in ("tanh", "sigmoid", "relu"):
            nodes.append(getattr(a, op)())
        else:
            nodes.append(a + nodes[-1] if op == "+" else a * c if op == "*" else c - a)
    root = nodes[-1]
    root.backward()
    for copied in (pickle.loads(pickle.dumps(root)), copy.deepcopy(root)):
        original, twin = topological_order(root), topological_order(copied)
        assert [(n.data, n.grad, n.label, n.op, n.local_grads) for n in original] == [(n.data, n.grad, n.label, n.op, n.local_grads) for n in twin]
        assert not {id(n) for n in original} & {id(n) for n in twin}
    grads = [n.grad for n in topological_order(root)]
    topological_order(root)[0].data = junk_data  # a leaf of the graph, set after the graph was built
    good = type(junk_data) is float and math.isfinite(junk_data)
    try:
        tape(root)
    except (TypeError, ValueError) as error:
        assert not good and str(error).startswith("tape: the .data of "), error
        assert [n.grad for n in topological_order(root)] == grads  # refused before any .grad changed
    except ArithmeticError:
        pass
    else:  # accepted: a finite real number as the error rule reads one (a bool sums as 1/0: let through)
        from autograd_mini import validate

        if not isinstance(junk_data, bool) and type(junk_data).__name__ not in ("bool_", "bool"):
            validate.real(junk_data, "fuzz", "data")


@settings(max_examples=60, deadline=None)
@given(terms=st.lists(st.tuples(st.sampled_from(["+", "-"]), st.sampled_from(["a", "b", "2", "a*b", "exp(b)", "(a - b)"])), min_size=1, max_size=800))
def test_random_flat_sums_parse_as_python_computes_them(terms):
    from autograd_mini.expr import parse_expression

    text = "a + b" + "".join(f" {sign} {term}" for sign, term in terms)
    y = parse_expression("y = " + text, {"a": 0.5, "b": -0.25})
    assert math.isclose(y.data, eval(text, {"exp": math.exp}, {"a": 0.5, "b": -0.25}), rel_tol=1e-9, abs_tol=1e-9)
