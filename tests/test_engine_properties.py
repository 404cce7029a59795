"""Property tests: every op, and random compositions of ops, against central differences.

Inputs are shifted away from kinks and singularities (minitorch style): log and sqrt get a positive
argument, relu stays clear of 0, division stays clear of a zero denominator.
"""

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_mini import Value, dot, sum_values

small = st.floats(min_value=-5.0, max_value=5.0, allow_nan=False)
positive = st.floats(min_value=0.1, max_value=50.0)
EPS = 1e-6


def central_difference(f, x: float, eps: float = EPS) -> float:
    """(f(x + ε) − f(x − ε)) / 2ε on plain floats through the engine."""
    return (f(Value(x + eps)).data - f(Value(x - eps)).data) / (2 * eps)


def check(f, x: float, rel: float = 1e-5, abs_: float = 1e-6):
    v = Value(x)
    out = f(v)
    out.backward()
    numeric = central_difference(f, x)
    assert math.isclose(v.grad, numeric, rel_tol=rel, abs_tol=abs_), (x, v.grad, numeric)


UNARY = {
    "neg": lambda v: -v,
    "add": lambda v: v + 2.5,
    "radd": lambda v: 2.5 + v,
    "sub": lambda v: v - 1.5,
    "rsub": lambda v: 1.5 - v,
    "mul": lambda v: v * -3.0,
    "div": lambda v: v / 4.0,
    "rdiv": lambda v: 4.0 / (v * v + 1.0),
    "square": lambda v: v**2,
    "cube": lambda v: v**3,
    "fractional_pow": lambda v: (v * v + 0.5) ** 1.5,
    "rpow": lambda v: 2.0**v,
    "exp": lambda v: v.exp(),
    "log": lambda v: (v * v + 0.1).log(),
    "sqrt": lambda v: (v * v + 0.1).sqrt(),
    "tanh": lambda v: v.tanh(),
    "sigmoid": lambda v: v.sigmoid(),
    "relu": lambda v: (v + 5.5).relu() + (v - 5.5).relu(),  # kinks outside the range
    "self_mul": lambda v: v * v,
    "self_add": lambda v: v + v,
    "self_pow": lambda v: (v * v + 1.0) ** (v * 0.5),
    "sum_values": lambda v: sum_values([v, v * 2, 3.0]),
    "dot": lambda v: dot([v, v * v], [2.0, v], v),
}


@settings(max_examples=40, deadline=None)
@given(x=small, name=st.sampled_from(sorted(UNARY)))
def test_each_op_against_central_differences(x, name):
    check(UNARY[name], x)


@settings(max_examples=60, deadline=None)
@given(a=small, b=st.one_of(st.floats(min_value=-5, max_value=-0.2), st.floats(min_value=0.2, max_value=5)))
def test_binary_ops_each_argument(a, b):
    for f in (lambda x, y: x * y, lambda x, y: x / y, lambda x, y: x - y, lambda x, y: x + y):
        va, vb = Value(a), Value(b)
        f(va, vb).backward()
        assert math.isclose(va.grad, central_difference(lambda t: f(t, Value(b)), a), rel_tol=1e-5, abs_tol=1e-6)
        assert math.isclose(vb.grad, central_difference(lambda t: f(Value(a), t), b), rel_tol=1e-5, abs_tol=1e-6)


def random_expression(rng: random.Random, leaves: list, size: int):
    """A random composition of the engine's ops over the given leaves, staying in every op's domain."""
    nodes = list(leaves)
    for _ in range(size):
        a, b = rng.choice(nodes), rng.choice(nodes)
        kind = rng.randrange(9)
        if kind == 0:
            out = a + b
        elif kind == 1:
            out = a * b
        elif kind == 2:
            out = a - b
        elif kind == 3:
            out = a / (b * b + 1.0)
        elif kind == 4:
            out = a.tanh()
        elif kind == 5:
            out = a.sigmoid()
        elif kind == 6:
            out = (a * a + 0.5).log()
        elif kind == 7:
            out = (a * 0.1).exp()
        else:
            out = (a * a + 1.0).sqrt()
        nodes.append(out)
    return sum_values(nodes[len(leaves):])


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), xs=st.lists(small, min_size=1, max_size=4))
def test_random_compositions_against_central_differences(seed, xs):
    leaves = [Value(x) for x in xs]
    out = random_expression(random.Random(seed), leaves, 12)
    out.backward()
    for i, x in enumerate(xs):
        def f(t, i=i):
            vals = [Value(v) for v in xs]
            vals[i] = t
            return random_expression(random.Random(seed), vals, 12)
        numeric = central_difference(f, x)
        assert math.isclose(leaves[i].grad, numeric, rel_tol=1e-4, abs_tol=1e-5), (i, leaves[i].grad, numeric)
