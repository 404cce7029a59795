"""Pure float maths behind the engine's ops: stable formulas and domain checks.

Kept apart from the graph bookkeeping in `engine.py` so each function can be read and tested
on plain floats. Every check raises an error that names the op, the offending value and the
node's label, and says what to do: nothing here returns a silently wrong number.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["sigmoid", "checked_exp", "checked_pow", "pow_derivative", "check_log", "check_sqrt", "describe", "fmt"]


def fmt(x: float) -> str:
    """A short form of a constant for op names: 2.0 -> '2', 0.5 -> '0.5'."""
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(float(x))


def describe(v: Any) -> str:
    """How an error names a node: ``'net_o1' (data=1.105905967)`` or ``a Value (data=-1.0)``."""
    name = f"{v.label!r}" if getattr(v, "label", "") else "a Value"
    return f"{name} (data={v.data!r})"


def sigmoid(x: float) -> float:
    """σ(x) = 1 / (1 + e^(−x)), in the stable two-branch form.

    For x ≥ 0, e^(−x) ≤ 1 cannot overflow; for x < 0 the same value is written e^x / (1 + e^x),
    where e^x ≤ 1. So σ is defined for every finite x (σ(−1000) = 0.0, σ(1000) = 1.0).
    """
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def checked_exp(x: float, node: Any) -> float:
    """e^x, or OverflowError when it exceeds the float range (x > ~709.78)."""
    try:
        return math.exp(x)
    except OverflowError:
        raise OverflowError(
            f"exp: e^x overflows the float range for x = {x!r} at {describe(node)}; "
            "the largest finite result is at x ≈ 709.78. Scale the input down, or use a stable "
            "form (sigmoid(), tanh(), or log-sum-exp with the maximum subtracted)."
        ) from None


def check_log(x: float, node: Any) -> None:
    """ln x needs x > 0."""
    if x <= 0.0:
        raise ValueError(
            f"log: the logarithm is undefined for x = {x!r} ≤ 0 at {describe(node)}; "
            "ensure the argument is positive (e.g. clip probabilities to [1e-12, 1])."
        )


def check_sqrt(x: float, node: Any) -> None:
    """√x needs x > 0 here: below 0 it is undefined, and at 0 its slope 1/(2√x) is infinite."""
    if x < 0.0:
        raise ValueError(f"sqrt: the square root is undefined for x = {x!r} < 0 at {describe(node)}.")
    if x == 0.0:
        raise ValueError(
            f"sqrt: at x = 0 the derivative 1/(2√x) is infinite at {describe(node)}; "
            "add a small constant (sqrt(x + 1e-12)) if the argument can reach 0."
        )


def checked_pow(x: float, n: float, node: Any, base_is_constant: bool = False) -> float:
    """x ** n as a real number, or an error naming what was wrong (negative base with a
    non-integer exponent, zero to a negative power, overflow)."""
    where = f"exponent {describe(node)}" if base_is_constant else describe(node)
    if x < 0.0 and not float(n).is_integer():
        raise ValueError(
            f"pow: a negative base {x!r} with the non-integer exponent {n!r} has no real value "
            f"(at {where}); use a positive base or an integer exponent."
        )
    if x == 0.0 and n < 0.0:
        raise ZeroDivisionError(f"pow: 0 ** {n!r} divides by zero (at {where}).")
    try:
        out = x ** n
    except OverflowError:
        out = math.inf
    if not -math.inf < out < math.inf:
        raise OverflowError(f"pow: {x!r} ** {n!r} overflows the float range (at {where}).")
    return float(out)


def pow_derivative(x: float, n: float, node: Any) -> float:
    """d(x^n)/dx = n·x^(n−1), with its edges handled: n = 0 gives 0, n = 1 gives 1, and an
    infinite slope (x = 0 with 0 < n < 1) raises instead of returning inf."""
    if n == 0.0:
        return 0.0
    if n == 1.0:
        return 1.0
    if x == 0.0 and n < 1.0:
        raise ValueError(
            f"pow: the derivative of x ** {n!r} is infinite at x = 0 ({describe(node)}); "
            "keep the base away from 0 (e.g. add 1e-12)."
        )
    return n * checked_pow(x, n - 1.0, node)


def check_pow_value_base(a: float, base: Any, exponent: Any) -> None:
    """``Value ** Value`` differentiates with respect to the exponent too, which needs ln(base)."""
    if a <= 0.0:
        raise ValueError(
            f"pow: Value ** Value needs a positive base, got {describe(base)} ** {describe(exponent)}: "
            "∂(a^b)/∂b = a^b·ln a is undefined for a ≤ 0. Use a number as the exponent "
            "(x ** 2) when the exponent is a constant."
        )


def check_rpow_base(c: float, exponent: Any) -> None:
    """``number ** Value`` differentiates c^x = e^(x·ln c), which needs c > 0."""
    if c <= 0.0:
        raise ValueError(
            f"pow: number ** Value needs a positive base, got {c!r} ** {describe(exponent)}: "
            "∂(c^x)/∂x = c^x·ln c is undefined for c ≤ 0."
        )


def non_finite_error(op: str, data: float, children: tuple, label: str) -> Exception:
    """The error for a result that is nan or ±inf (e.g. a product that overflows)."""
    if op == "Value":
        return ValueError(
            f"Value({data!r}{', label=' + repr(label) if label else ''}): data must be a finite number, "
            "not nan or inf."
        )
    operands = ", ".join(describe(c) for c in children)
    return OverflowError(
        f"{op!r}: the operation gave {data!r}, not a finite number (operands: {operands}); "
        "the values are too large for float64: scale the inputs or lower the learning rate."
    )


def non_finite_grad_error(node: Any) -> Exception:
    """The error for a gradient that overflowed during backward()."""
    return OverflowError(
        f"backward: the gradient of {describe(node)} is {node.grad!r}; gradients overflowed the float range. "
        "Scale the inputs or the loss down."
    )
