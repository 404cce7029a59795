"""The expression of micrograd's README (Andrej Karpathy, 2020), line for line.

micrograd rebinds names (``c += c + 1``); here each new binding is its own node, labelled with a
prime: ``c``, ``c′``, ``c″``; ``d``, ``d′``, ``d″``; ``g = f/2 + 10/f`` is the root ``g``.
"""

from __future__ import annotations

from autograd_mini.engine import Value
from autograd_mini.examples._example import Example

__all__ = ["EXAMPLE", "build"]


def _named(v: Value, label: str) -> Value:
    v.label = label
    return v


def build() -> Value:
    """micrograd's README expression at a = −4, b = 2; returns g after forward and backward."""
    a = Value(-4.0, "a", role="input")
    b = Value(2.0, "b", role="input")
    c = _named(a + b, "c")
    d = _named(a * b + b**3, "d")
    c = _named(c + (c + 1), "c′")  # c += c + 1
    c = _named(c + (1 + c + (-a)), "c″")  # c += 1 + c + (-a)
    d = _named(d + (d * 2 + (b + a).relu()), "d′")  # d += d * 2 + (b + a).relu()
    d = _named(d + (3 * d + (b - a).relu()), "d″")  # d += 3 * d + (b - a).relu()
    e = _named(c - d, "e")
    f = _named(e**2, "f")
    g = _named(f / 2.0, "f/2")  # g = f / 2.0
    g = _named(g + 10.0 / f, "g")  # g += 10.0 / f
    g.backward()
    return g


EXAMPLE = Example(
    name="micrograd",
    title="micrograd's README expression",
    source='Andrej Karpathy, "micrograd" README, "Example usage" (2020), https://github.com/karpathy/micrograd',
    shows="a tangle of +, *, **, relu and / with rebound names, nodes used many times: dg/da and dg/db",
    build=build,
    values={"g": "24.7041"},
    grads={"a": "138.8338", "b": "645.5773"},
    notes=(
        "The README prints each figure with f'{x:.4f}': g = 24.7041, dg/da = 138.8338, dg/db = 645.5773 "
        "(checked against the README at karpathy/micrograd c911406).",
        "micrograd computes 10.0 / f as 10.0 * f**-1; this engine divides directly (the same value to far "
        "more than the printed 4 decimals).",
    ),
)
