"""Every op's value and local derivatives against mpmath at extreme magnitudes, 1e-300 … 1e300 (issues 9, 22).

For each op and each input, either the engine's value and every local derivative are within 4 ulps of
the exact result rounded to float64 (an underflowing result: within 4 ulps of 0, i.e. of the subnormal
spacing), or the op raises an ArithmeticError, and then only because the exact value or one exact local
derivative really lies beyond the float range. Never a silent inf, nan or a derivative lost to 0.
"""

from __future__ import annotations

import math
from typing import Callable

import mpmath
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_mini import Value

mp = mpmath.mp
MAX = 1.7976931348623157e308


def sech2(x):
    return mpmath.sech(x) ** 2


def sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


# name -> (arity, engine op, exact value, exact local derivatives, domain)
OPS: dict[str, tuple[int, Callable, Callable, Callable, Callable]] = {
    "add": (2, lambda a, b: a + b, lambda a, b: a + b, lambda a, b: (1, 1), lambda a, b: True),
    "sub": (2, lambda a, b: a - b, lambda a, b: a - b, lambda a, b: (1, -1), lambda a, b: True),
    "mul": (2, lambda a, b: a * b, lambda a, b: a * b, lambda a, b: (b, a), lambda a, b: True),
    "div": (2, lambda a, b: a / b, lambda a, b: a / b, lambda a, b: (1 / b, -a / b**2), lambda a, b: b != 0),
    "vpow": (2, lambda a, b: a**b, lambda a, b: a**b, lambda a, b: (b * a ** (b - 1), a**b * mpmath.log(a)), lambda a, b: a > 0),
    "neg": (1, lambda a: -a, lambda a: -a, lambda a: (-1,), lambda a: True),
    "exp": (1, lambda a: a.exp(), mpmath.exp, lambda a: (mpmath.exp(a),), lambda a: True),
    "log": (1, lambda a: a.log(), mpmath.log, lambda a: (1 / a,), lambda a: a > 0),
    "sqrt": (1, lambda a: a.sqrt(), mpmath.sqrt, lambda a: (1 / (2 * mpmath.sqrt(a)),), lambda a: a > 0),
    "tanh": (1, lambda a: a.tanh(), mpmath.tanh, lambda a: (sech2(a),), lambda a: True),
    "sigmoid": (1, lambda a: a.sigmoid(), sigmoid, lambda a: (mpmath.exp(-a) / (1 + mpmath.exp(-a)) ** 2,), lambda a: True),
    "relu": (1, lambda a: a.relu(), lambda a: max(a, 0), lambda a: (1 if a > 0 else 0,), lambda a: True),
    "sin": (1, lambda a: a.sin(), mpmath.sin, lambda a: (mpmath.cos(a),), lambda a: True),  # 1e300 reduced exactly (issue 22)
    "cos": (1, lambda a: a.cos(), mpmath.cos, lambda a: (-mpmath.sin(a),), lambda a: True),
}
for n in (2, 3, 0.5, -1, -1.5, 1e-3, 2000):
    OPS[f"pow{n}"] = (1, lambda a, n=n: a**n, lambda a, n=n: a**n, lambda a, n=n: (n * a ** (n - 1),),
                      lambda a, n=n: a > 0 or (a < 0 and float(n).is_integer()))
for c in (0.5, 2.0, 10.0):
    OPS[f"rpow{c}"] = (1, lambda a, c=c: c**a, lambda a, c=c: mpmath.mpf(c) ** a, lambda a, c=c: (mpmath.mpf(c) ** a * mpmath.log(c),),
                       lambda a: True)


def within_ulps(ours: float, exact) -> bool:
    ref = float(exact)
    return abs(ours - ref) <= 4 * math.ulp(ref)


def check(name: str, xs: tuple[float, ...]) -> None:
    arity, op, value, derivs, domain = OPS[name]
    with mpmath.workprec(300):
        ex = [mpmath.mpf(x) for x in xs]
        if not domain(*ex):
            return
        exact = [value(*ex), *derivs(*ex)]
        beyond = [abs(e) > MAX * (1 + mpmath.mpf(2) ** -54) for e in exact]  # rounds to inf in float64
        try:
            node = op(*[Value(x) for x in xs])
        except ArithmeticError as e:
            assert any(beyond), f"{name}{xs}: {type(e).__name__} although every exact result fits: {e}"
            return
        assert not any(beyond), f"{name}{xs}: no error although an exact result is beyond the float range: {exact}"
        assert within_ulps(node.data, exact[0]), f"{name}{xs}: value {node.data!r}, exact {exact[0]}"
        for i, (g, e) in enumerate(zip(node.local_grads, exact[1:])):
            assert math.isfinite(g) and within_ulps(g, e), f"{name}{xs}: ∂/∂input{i} = {g!r}, exact {mpmath.nstr(e, 17)}"


MAGNITUDES = [s * 10.0**k for k in range(-300, 301, 20) for s in (1.0, -1.0)] + [0.7, -0.7, 37.0, -37.0, 710.0, -745.5]


@pytest.mark.parametrize("name", sorted(n for n, spec in OPS.items() if spec[0] == 1))
def test_unary_ops_on_a_grid_of_magnitudes(name):
    for x in MAGNITUDES:
        check(name, (x,))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(n for n, spec in OPS.items() if spec[0] == 2))
def test_binary_ops_on_a_grid_of_magnitudes(name):
    for a in MAGNITUDES[::3]:
        for b in MAGNITUDES[::3]:
            check(name, (a, b))


magnitude = st.builds(lambda s, m, e: s * m * 10.0**e, st.sampled_from([1.0, -1.0]),
                      st.floats(1.0, 9.999), st.integers(-300, 300))


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(sorted(OPS)), a=magnitude, b=magnitude)
def test_every_op_at_random_extreme_magnitudes(name, a, b):
    check(name, (a, b)[: OPS[name][0]])


def test_the_tails_that_the_textbook_forms_lose():
    """Cases where σ(1−σ), 1−tanh², −a/(b·b) and n·x^(n−1) silently gave 0 or inf before."""
    check("sigmoid", (40.0,))  # σ(1−σ) = 0.0; exact 4.2e-18
    check("tanh", (20.0,))  # 1 − tanh² = 0.0; exact 1.7e-17
    check("div", (1e300, 1e200))  # −a/(b·b) = −0.0; exact −1e-100
    check("pow2000", (0.7,))  # x^1999 is subnormal; n·x^(n−1) = 2.2e-307 keeps every digit
    assert Value(40.0).sigmoid().local_grads[0] > 0.0 and Value(20.0).tanh().local_grads[0] > 0.0
