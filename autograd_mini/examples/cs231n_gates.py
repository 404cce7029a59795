"""The add / max / multiply gates circuit of the CS231n backpropagation notes: ``f = 2·(x·y + max(z, w))``.

``max`` is not an op of the engine; it is made here with `Value.from_op`: its value and its local
derivatives (1 for the larger input, 0 for the other) are all an op needs.
"""

from __future__ import annotations

from autograd_mini.engine import Value
from autograd_mini.examples._example import Example
from autograd_mini.examples.cs231n_circuit import NOTES

__all__ = ["EXAMPLE", "build", "maximum"]


def maximum(a: Value, b: Value, label: str = "") -> Value:
    """``max(a, b)``: routes the gradient to the larger input (to ``a`` on a tie)."""
    first = a.data >= b.data
    return Value.from_op(max(a.data, b.data), (a, b), (1.0 if first else 0.0, 0.0 if first else 1.0), "max", label)


def build() -> Value:
    """x = 3, y = −4, z = 2, w = −1; f after forward and backward."""
    x, y, z, w = (Value(v, n, role="input") for n, v in (("x", 3.0), ("y", -4.0), ("z", 2.0), ("w", -1.0)))
    xy = x * y
    xy.label = "x*y"
    m = maximum(z, w, "max(z, w)")
    s = xy + m
    s.label = "x*y + max(z, w)"
    f = s * 2.0  # the *2 gate
    f.label = "f"
    f.backward()
    return f


EXAMPLE = Example(
    name="cs231n-gates",
    title="CS231n's add, max and multiply gates: f = 2·(x·y + max(z, w))",
    source=NOTES,
    shows="patterns in backward flow: + distributes, max routes (w gets 0), * swaps its inputs (∂f/∂x = −4.00 × 2.00)",
    build=build,
    values={
        "x": "3.00", "y": "-4.00", "z": "2.00", "w": "-1.00",
        "x*y": "-12.00", "max(z, w)": "2.00", "x*y + max(z, w)": "-10.00", "f": "-20.00",
    },  # fmt: skip
    grads={
        "x": "-8.00", "y": "6.00", "z": "2.00", "w": "0.00",
        "x*y": "2.00", "max(z, w)": "2.00", "x*y + max(z, w)": "2.00", "f": "1.00",
    },  # fmt: skip
    notes=(
        "Figures as printed on the notes' circuit diagram (two decimals), checked against "
        "cs231n/cs231n.github.io optimization-2.md (3d84654). The diagram does not name the output; "
        "it is labelled f here.",
    ),
)
