"""Pure float maths behind the engine's ops: stable formulas and domain checks.

Kept apart from the graph bookkeeping in `engine.py` so each function can be read and tested
on plain floats. Every check raises an error that names the op, the offending value and the
node's label, and says what to do: nothing here returns a silently wrong number.
"""

from __future__ import annotations

import math
from decimal import Context, Decimal, localcontext
from typing import Any, Callable

__all__ = [
    "sigmoid", "sigmoid_slope", "tanh_slope", "checked_exp", "checked_pow", "pow_derivative", "pow_log_slope",
    "check_log", "check_sqrt", "describe", "fmt", "slope_error",
]  # fmt: skip

_NORMAL = 2.2250738585072014e-308  # the smallest normal float: below it a result keeps fewer digits
_EXACT = Context(prec=40, Emax=999_999, Emin=-999_999, traps=[])  # decimal arithmetic far beyond float's range


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


def sigmoid_slope(x: float) -> float:
    """σ'(x) = σ(x)(1 − σ(x)), written e^(−|x|) / (1 + e^(−|x|))² so it stays exact in the tails.

    σ(x)(1 − σ(x)) rounds σ(40) to 1.0 and returns 0.0 where the true slope is 4.2e-18; this form
    keeps every digit down to where the slope itself leaves the float range (|x| > ~745).
    """
    e = math.exp(-abs(x))
    return e / ((1.0 + e) * (1.0 + e))


def tanh_slope(x: float) -> float:
    """tanh'(x) = 1 − tanh²(x) = sech²(x), written 4e^(−2|x|) / (1 + e^(−2|x|))² (exact in the tails:
    1 − tanh² is 0.0 from |x| ≈ 19 on, where the true slope is still ~1e-16)."""
    e = math.exp(-2.0 * abs(x))
    return 4.0 * e / ((1.0 + e) * (1.0 + e))


def _exact(compute: Callable[[], Decimal]) -> float:
    """A float from a 40-digit decimal computation: correctly rounded where float64 intermediates
    would underflow or overflow (the result itself may still be 0.0 or inf: the callers check)."""
    with localcontext(_EXACT):
        return float(compute())


def _normal(x: float) -> bool:
    """True for a finite float with all 53 bits of precision (no underflow, no overflow)."""
    return _NORMAL <= abs(x) < math.inf


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
    """d(x^n)/dx = n·x^(n−1), exact at every magnitude.

    Edges: n = 0 gives 0, n = 1 gives 1, x = 0 gives 0 for n > 1 and raises for n < 1 (an infinite
    slope). Where x^(n−1) or the product leaves float64's normal range (x^(n−1) = 1e-310 with
    n = 2000, or x^(n−1) = 1e310 with n = 1e-10), it is recomputed in 40-digit decimals and
    rounded once; a true slope beyond the float range is an OverflowError, never inf.
    """
    if n == 0.0:
        return 0.0
    if n == 1.0:
        return 1.0
    if x == 0.0:
        if n < 1.0:
            raise ValueError(
                f"pow: the derivative of x ** {n!r} is infinite at x = 0 ({describe(node)}); "
                "keep the base away from 0 (e.g. add 1e-12)."
            )
        return 0.0
    try:
        p = x ** (n - 1.0)
    except OverflowError:
        p = math.inf
    d = n * p
    if _normal(p) and _normal(d):
        return d
    d = _exact(lambda: Decimal(n) * Decimal(x) ** (Decimal(n) - 1))
    if abs(d) == math.inf:
        raise OverflowError(
            f"pow: the derivative {n!r}·x^{n - 1.0!r} of x ** {n!r} overflows the float range at {describe(node)}; "
            "keep the base away from 0 or use a smaller exponent."
        )
    return d


def pow_log_slope(out: float, c: float, x: float, node: Any) -> float:
    """∂(c^x)/∂x = c^x·ln c for c > 0 (``out`` = c^x, already computed), exact at every magnitude:
    recomputed in 40-digit decimals where c^x has underflowed below the normal range."""
    d = out * math.log(c)
    if (_normal(out) and _normal(d)) or d == 0.0 and c == 1.0:
        return d
    d = _exact(lambda: Decimal(c) ** Decimal(x) * Decimal(c).ln())
    if abs(d) == math.inf:
        raise OverflowError(
            f"pow: the derivative c^x·ln c of {c!r} ** x overflows the float range at {describe(node)}; "
            "scale the exponent down."
        )
    return d


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
    bad = [c for c in children if not (type(c.data) is float and math.isfinite(c.data))]
    if bad:  # a .data set to nan/inf after the node was made: a wrong value, not an overflow
        return ValueError(f"{op!r}: an operand's .data is not a finite number ({describe(bad[0])}); was it set after the "
                          "node was made? Give it a finite number, then rebuild the graph")
    return OverflowError(
        f"{op!r}: the operation gave {data!r}, not a finite number (operands: {operands}); "
        "the values are too large for float64: scale the inputs or lower the learning rate."
    )


def slope_error(op: str, slope: float, children: tuple) -> Exception:
    """The error for a local derivative that leaves the float range while the value does not
    (∂(1/x)/∂x at x = 1e-309, ∂ln x/∂x at x = 1e-310)."""
    operands = ", ".join(describe(c) for c in children)
    bad = [c for c in children if not (type(c.data) is float and math.isfinite(c.data))]
    if bad:  # a .data set to nan/inf after the node was made: a wrong value, not an overflow
        return ValueError(f"{op!r}: an operand's .data is not a finite number ({describe(bad[0])}); was it set after the "
                          "node was made? Give it a finite number, then rebuild the graph")
    return OverflowError(
        f"{op}: a local derivative is {slope!r}, beyond the float range (operands: {operands}): an operand is "
        f"too close to a singularity of {op!r}; keep it away from 0, e.g. add or clip to 1e-12."
    )


def non_finite_grad_error(node: Any) -> Exception:
    """The error for a gradient that overflowed during backward()."""
    return OverflowError(
        f"backward: the gradient of {describe(node)} is {node.grad!r}; gradients overflowed the float range. "
        "Scale the inputs or the loss down."
    )
